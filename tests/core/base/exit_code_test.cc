// ExitCodeFor and HttpStatusFor (core/base/exit_code.h, http_status.h): the
// one table each, as docs/exit-codes.md and docs/http-api.md state them.
#include "core/base/exit_code.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "core/base/http_status.h"

namespace gongkai {
namespace {

constexpr Code kAllCodes[] = {
    Code::kOk,
    Code::kInvalidArgument,
    Code::kNotFound,
    Code::kAlreadyExists,
    Code::kFailedPrecondition,
    Code::kPermissionDenied,
    Code::kUnauthenticated,
    Code::kResourceExhausted,
    Code::kAborted,
    Code::kUnavailable,
    Code::kDataLoss,
    Code::kInternal,
};

Status Failure(Code code, std::string_view why = "some_reason") {
  return Status(code, std::string(why), "m");
}

TEST(ExitCodeFor, ByCodeFollowsTheDocumentedTable) {
  EXPECT_EQ(ExitCodeFor(Status::Ok(), ExitDetail::kByCode), 0);
  EXPECT_EQ(ExitCodeFor(Failure(Code::kInvalidArgument), ExitDetail::kByCode), 3);
  EXPECT_EQ(ExitCodeFor(Failure(Code::kResourceExhausted), ExitDetail::kByCode), 3);
  EXPECT_EQ(ExitCodeFor(Failure(Code::kNotFound), ExitDetail::kByCode), 4);
  EXPECT_EQ(ExitCodeFor(Failure(Code::kAlreadyExists), ExitDetail::kByCode), 5);
  EXPECT_EQ(ExitCodeFor(Failure(Code::kFailedPrecondition), ExitDetail::kByCode), 5);
  EXPECT_EQ(ExitCodeFor(Failure(Code::kPermissionDenied), ExitDetail::kByCode), 5);
  EXPECT_EQ(ExitCodeFor(Failure(Code::kUnauthenticated), ExitDetail::kByCode), 5);
  EXPECT_EQ(ExitCodeFor(Failure(Code::kUnavailable), ExitDetail::kByCode), 6);
  EXPECT_EQ(ExitCodeFor(Failure(Code::kAborted), ExitDetail::kByCode), 6);
  EXPECT_EQ(ExitCodeFor(Failure(Code::kDataLoss), ExitDetail::kByCode), 7);
  EXPECT_EQ(ExitCodeFor(Failure(Code::kInternal), ExitDetail::kByCode), 1);
}

TEST(ExitCodeFor, FailedOnlySaysOneForEveryFailureThatIsNotUsage) {
  for (Code c : kAllCodes) {
    if (c == Code::kOk) continue;
    SCOPED_TRACE(CodeName(c));
    EXPECT_EQ(ExitCodeFor(Failure(c), ExitDetail::kFailedOnly), 1);
  }
}

TEST(ExitCodeFor, AFailureIsNeverZero) {
  for (Code c : kAllCodes) {
    if (c == Code::kOk) continue;
    SCOPED_TRACE(CodeName(c));
    EXPECT_NE(ExitCodeFor(Failure(c), ExitDetail::kByCode), 0);
    EXPECT_NE(ExitCodeFor(Failure(c), ExitDetail::kFailedOnly), 0);
    EXPECT_NE(ExitCodeForCode(c), ExitCode::kOk);
  }
}

TEST(ExitCodeFor, UsageReasonsAreTwoWhateverTheirCode) {
  for (std::string_view r : {reason::kUsage, reason::kUnknownCommand, reason::kUnknownFlag,
                             reason::kMissingFlag, reason::kMissingValue, reason::kRepeatedFlag,
                             reason::kUnexpectedValue, reason::kWrongArguments, reason::kMissingDir,
                             reason::kBadNumber, reason::kBadConfig, reason::kConfigMismatch}) {
    SCOPED_TRACE(r);
    EXPECT_TRUE(IsUsageError(Failure(Code::kInvalidArgument, r)));
    EXPECT_EQ(ExitCodeFor(Failure(Code::kInvalidArgument, r), ExitDetail::kByCode), 2);
    EXPECT_EQ(ExitCodeFor(Failure(Code::kFailedPrecondition, r), ExitDetail::kFailedOnly), 2);
  }
  EXPECT_FALSE(IsUsageError(Failure(Code::kInvalidArgument, "usage_")));
  EXPECT_FALSE(IsUsageError(Failure(Code::kInvalidArgument, "")));
  EXPECT_FALSE(IsUsageError(Status::Ok()));
}

bool IsSpecial(std::string_view r) { return r == "special"; }
bool IsOther(std::string_view r) { return r == "special" || r == "other"; }

TEST(ExitCodeFor, ProgramRulesComeAfterUsageAndInOrder) {
  constexpr ExitRule kRules[] = {{IsSpecial, ExitCode::kEditsHeld},
                                 {IsOther, ExitCode::kNotEnrolled}};
  EXPECT_EQ(ExitCodeFor(Failure(Code::kInternal, "special"), ExitDetail::kByCode, kRules), 8);
  EXPECT_EQ(ExitCodeFor(Failure(Code::kInternal, "other"), ExitDetail::kFailedOnly, kRules), 9);
  EXPECT_EQ(ExitCodeFor(Failure(Code::kNotFound, "neither"), ExitDetail::kByCode, kRules), 4);
  // A usage reason stays 2 even if a rule would match it.
  constexpr ExitRule kGreedy[] = {{[](std::string_view) { return true; }, ExitCode::kDamaged}};
  EXPECT_EQ(ExitCodeFor(Failure(Code::kInvalidArgument, reason::kUnknownFlag), ExitDetail::kByCode,
                        kGreedy),
            2);
  EXPECT_EQ(ExitCodeFor(Failure(Code::kInvalidArgument, "x"), ExitDetail::kByCode, kGreedy), 7);
  // Rules never turn success into anything else.
  EXPECT_EQ(ExitCodeFor(Status::Ok(), ExitDetail::kByCode, kGreedy), 0);
}

TEST(HttpStatusFor, RequestTable) {
  EXPECT_EQ(HttpStatusFor(Code::kOk), 200);
  EXPECT_EQ(HttpStatusFor(Code::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(Code::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(Code::kAlreadyExists), 409);
  EXPECT_EQ(HttpStatusFor(Code::kFailedPrecondition), 409);
  EXPECT_EQ(HttpStatusFor(Code::kAborted), 409);  // re-pull and retry: a conflict, not a bug
  EXPECT_EQ(HttpStatusFor(Code::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(Code::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(Code::kResourceExhausted), 413);
  EXPECT_EQ(HttpStatusFor(Code::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(Code::kDataLoss), 500);  // the server's own store is damaged
  EXPECT_EQ(HttpStatusFor(Code::kInternal), 500);
}

// The receipts of POST /v1/changesets (docs/http-api.md § the ingest table).
TEST(HttpStatusFor, BodyItemTableKeepsTheIngestAnswers) {
  const HttpSubject item = HttpSubject::kBodyItem;
  EXPECT_EQ(HttpStatusFor(Code::kDataLoss, item), 400);           // malformed, truncated
  EXPECT_EQ(HttpStatusFor(Code::kInvalidArgument, item), 422);    // value codes
  EXPECT_EQ(HttpStatusFor(Code::kNotFound, item), 422);           // unknown_row
  EXPECT_EQ(HttpStatusFor(Code::kResourceExhausted, item), 422);  // too_many_ops
  EXPECT_EQ(HttpStatusFor(Code::kPermissionDenied, item), 403);   // outside_unit, revoked
  EXPECT_EQ(HttpStatusFor(Code::kUnauthenticated, item), 401);    // bad_signature
  EXPECT_EQ(HttpStatusFor(Code::kAborted, item), 409);            // seq_gap, equivocation
  EXPECT_EQ(HttpStatusFor(Code::kAlreadyExists, item), 409);      // row_exists
  EXPECT_EQ(HttpStatusFor(Code::kFailedPrecondition, item), 409);
  EXPECT_EQ(HttpStatusFor(Code::kUnavailable, item), 503);
  EXPECT_EQ(HttpStatusFor(Code::kInternal, item), 500);
}

TEST(HttpStatusFor, AFailureIsNeverASuccessAndAStatusUsesItsCode) {
  for (Code c : kAllCodes) {
    if (c == Code::kOk) continue;
    SCOPED_TRACE(CodeName(c));
    EXPECT_GE(HttpStatusFor(c), 400);
    EXPECT_GE(HttpStatusFor(c, HttpSubject::kBodyItem), 400);
    EXPECT_EQ(HttpStatusFor(Failure(c)), HttpStatusFor(c));
  }
}

}  // namespace
}  // namespace gongkai
