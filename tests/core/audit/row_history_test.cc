#include "core/audit/row_history.h"

#include <gtest/gtest.h>

#include "core/base/hex.h"
#include "core/catalog/row_codec.h"
#include "tests/core/audit/log_builder.h"

namespace gongkai {
namespace {

using audit_test::AddAll;
using audit_test::kAdmin;
using audit_test::kOldChannels;
using audit_test::kOldTime;
using audit_test::StandardLog;

// One pass fills the histories of both rows while verifying.
struct Histories {
  StandardLog log;
  RowHistory r1{log.r1.id};
  RowHistory r2{log.r2.id};
  RowHistory untouched{"00000000-0000-4000-8000-0000000000ff"};
  Histories() {
    LogVerifier v;
    v.AddObserver(&r1);
    v.AddObserver(&r2);
    v.AddObserver(&untouched);
    Status s = AddAll(v, log.b.leaves);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
};

TEST(RowHistory, ListsEveryOpOnTheRowWithItsDecision) {
  Histories h;
  const auto& c = h.r1.changes();
  ASSERT_EQ(c.size(), 4u);

  EXPECT_EQ(c[0].log_index, 3u);
  EXPECT_EQ(c[0].kind, RowOpKind::kCreate);
  EXPECT_EQ(c[0].station, "hongqi-01");
  EXPECT_EQ(c[0].seq, 1u);
  EXPECT_EQ(c[0].changeset_id, HexEncode(h.log.a1));
  EXPECT_EQ(c[0].note, "新增村级财务两项");
  ASSERT_TRUE(c[0].created_row.has_value());
  EXPECT_EQ(*c[0].created_row, h.log.r1);
  EXPECT_EQ(c[0].decision.state, DecisionState::kApproved);
  EXPECT_EQ(c[0].decision.version, 1u);
  EXPECT_EQ(c[0].decision.log_index, 4u);
  EXPECT_EQ(c[0].decision.admin, kAdmin);
  EXPECT_TRUE(c[0].decision.exists_after);

  // hongqi-01's edit: applied, then overruled by the administrator's value.
  EXPECT_EQ(c[1].log_index, 5u);
  EXPECT_EQ(c[1].kind, RowOpKind::kSet);
  EXPECT_EQ(c[1].field, Field::kTimeLimit);
  EXPECT_EQ(c[1].field_key, "time_limit");
  EXPECT_EQ(c[1].field_label, "公开时限");
  EXPECT_EQ(c[1].old_value, kOldTime);
  EXPECT_EQ(c[1].new_value, "每月10日前");
  EXPECT_EQ(c[1].decision.state, DecisionState::kApproved);
  EXPECT_EQ(c[1].decision.version, 2u);
  EXPECT_EQ(c[1].decision.log_index, 8u);
  EXPECT_FALSE(c[1].decision.resolution.has_value());
  EXPECT_EQ(c[1].decision.value_after, "每月12日前");

  // hongqi-02's conflicting edit, settled with a typed value.
  EXPECT_EQ(c[2].log_index, 6u);
  EXPECT_EQ(c[2].station, "hongqi-02");
  EXPECT_EQ(c[2].op_index, 0u);
  EXPECT_EQ(c[2].new_value, "每月15日前");
  EXPECT_EQ(c[2].decision.resolution, ResolutionAction::kValue);
  EXPECT_EQ(c[2].decision.resolution_value, "每月12日前");
  EXPECT_EQ(c[2].decision.value_after, "每月12日前");

  EXPECT_EQ(c[3].log_index, 6u);
  EXPECT_EQ(c[3].op_index, 1u);
  EXPECT_EQ(c[3].field, Field::kChannels);
  EXPECT_EQ(c[3].old_value, kOldChannels);
  EXPECT_EQ(c[3].decision.value_after, "便民服务站、" + kOldChannels);

  ASSERT_TRUE(h.r1.approved_row().has_value());
  EXPECT_EQ(h.r1.approved_version(), 2u);
  EXPECT_EQ(h.r1.approved_row()->Get(Field::kTimeLimit), "每月12日前");
}

TEST(RowHistory, RejectedAndPendingChanges) {
  Histories h;
  const auto& c = h.r2.changes();
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].kind, RowOpKind::kCreate);
  EXPECT_EQ(c[0].op_index, 1u);
  EXPECT_EQ(c[0].decision.state, DecisionState::kApproved);

  EXPECT_EQ(c[1].log_index, 7u);
  EXPECT_EQ(c[1].field, Field::kContact);
  EXPECT_EQ(c[1].old_value, "");
  EXPECT_EQ(c[1].new_value, "0371-12345678");
  EXPECT_EQ(c[1].decision.state, DecisionState::kRejected);
  EXPECT_EQ(c[1].decision.log_index, 9u);
  EXPECT_EQ(c[1].decision.admin, kAdmin);
  EXPECT_EQ(c[1].decision.reason, "电话号码有误，请核对后重新提交");

  EXPECT_EQ(c[2].log_index, 10u);
  EXPECT_EQ(c[2].kind, RowOpKind::kRetire);
  EXPECT_EQ(c[2].station, "hongqi-02");
  EXPECT_EQ(c[2].retire_base, HexEncode(RowHash(h.log.r2)));
  EXPECT_EQ(c[2].decision.state, DecisionState::kPending);

  EXPECT_EQ(h.r2.approved_row(), h.log.r2);  // unchanged since version 1
}

TEST(RowHistory, ApprovalOfTheRetireShowsTheRowRetired) {
  StandardLog log;
  log.b.Approve({log.b2});
  RowHistory h(log.r2.id);
  LogVerifier v;
  v.AddObserver(&h);
  ASSERT_TRUE(AddAll(v, log.b.leaves).ok());
  const RowChange& retire = h.changes().back();
  EXPECT_EQ(retire.decision.state, DecisionState::kApproved);
  EXPECT_EQ(retire.decision.version, 3u);
  EXPECT_TRUE(retire.decision.exists_after);
  EXPECT_TRUE(retire.decision.retired_after);
  EXPECT_TRUE(h.approved_row()->retired);
}

TEST(RowHistory, UntouchedRowHasNoHistory) {
  Histories h;
  EXPECT_TRUE(h.untouched.changes().empty());
  EXPECT_FALSE(h.untouched.approved_row().has_value());
}

// A prefix keeps the history of every row it could name, in the same pass;
// a unique one gives exactly the history the whole id gives.
TEST(RowHistoryByPrefix, AUniquePrefixGivesTheSameHistoryAsTheWholeId) {
  StandardLog log;
  // r1 and r2 differ only in their last digit; a third row differs at once.
  Row r3 = log.r1;
  r3.id = "abcdef01-0000-4000-8000-000000000001";
  Hash32 c3 = log.b.Commit("hongqi-01", {CreateOp{r3}}, "第三条");
  log.b.Approve({c3});
  RowHistory whole(r3.id);
  RowHistoryByPrefix unique("abcdef01");
  RowHistoryByPrefix both(log.r1.id.substr(0, 35));
  RowHistoryByPrefix nothing("ffffffff-ffff");
  RowHistoryByPrefix too_short(r3.id.substr(0, kMinRowIdPrefix - 1));
  LogVerifier v;
  for (LogObserver* o : std::initializer_list<LogObserver*>{&whole, &unique, &both, &nothing,
                                                            &too_short}) {
    v.AddObserver(o);
  }
  Status s = AddAll(v, log.b.leaves);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(unique.matches().size(), 1u);
  const RowHistory& found = unique.matches().begin()->second;
  EXPECT_EQ(found.row_id(), r3.id);
  ASSERT_EQ(found.changes().size(), 1u);
  ASSERT_EQ(found.changes().size(), whole.changes().size());
  EXPECT_EQ(found.changes()[0].log_index, whole.changes()[0].log_index);
  EXPECT_EQ(found.changes()[0].decision.state, DecisionState::kApproved);
  EXPECT_EQ(found.changes()[0].decision.version, whole.changes()[0].decision.version);
  EXPECT_EQ(found.approved_row(), whole.approved_row());
  ASSERT_EQ(both.matches().size(), 2u) << "a shared prefix names both rows";
  EXPECT_EQ(both.matches().begin()->first, std::min(log.r1.id, log.r2.id));
  EXPECT_EQ(both.matches().at(log.r1.id).changes().size(), 4u);
  EXPECT_TRUE(nothing.matches().empty());
  EXPECT_TRUE(too_short.matches().empty()) << "shorter than the minimum: only the whole id";
}

TEST(RowHistory, Names) {
  EXPECT_STREQ(RowOpKindName(RowOpKind::kRetire), "retire");
  EXPECT_STREQ(DecisionStateName(DecisionState::kRejected), "rejected");
}

}  // namespace
}  // namespace gongkai
