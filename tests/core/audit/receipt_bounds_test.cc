// When the hub received a log entry, bounded by witness cosignatures, and
// the verdict against a deadline (core/audit/receipt_bounds.h).
#include "core/audit/receipt_bounds.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace gongkai {
namespace {

using deadline::Date;

// Unix seconds of a moment in China Standard Time (UTC+8).
uint64_t China(const char* iso_day, int hour, int minute = 0) {
  Date d = *deadline::ParseIsoDate(iso_day);
  int64_t days = std::chrono::sys_days(d).time_since_epoch().count();
  return static_cast<uint64_t>(days * 86400 + hour * 3600 + minute * 60 - 8 * 3600);
}

const Date kDeadline = *deadline::ParseIsoDate("2026-11-05");

struct Case {
  const char* name;
  uint64_t index;
  std::vector<WitnessedSize> witnessed;
  size_t quorum;
  ReceiptVerdict want;
};

TEST(ReceiptBoundsTest, TableOfBeforeAfterStraddlingAndUnwitnessed) {
  const std::vector<Case> cases = {
      {"cosigned with the entry before the deadline: on time",
       5,
       {{4, {China("2026-11-01", 9)}}, {6, {China("2026-11-04", 10)}}},
       1,
       ReceiptVerdict::kOnTime},
      {"cosigned on the deadline day itself, 23:59 China time: on time",
       5,
       {{6, {China("2026-11-05", 23, 59)}}},
       1,
       ReceiptVerdict::kOnTime},
      {"00:30 the next day China time (16:30 UTC the deadline day): not on time",
       5,
       {{6, {China("2026-11-06", 0, 30)}}},
       1,
       ReceiptVerdict::kUndetermined},
      {"a checkpoint without the entry cosigned after the deadline: late",
       5,
       {{5, {China("2026-11-07", 8)}}, {6, {China("2026-11-08", 8)}}},
       1,
       ReceiptVerdict::kLate},
      {"without the entry before, with it after: straddles, undetermined",
       5,
       {{3, {China("2026-11-02", 8)}}, {9, {China("2026-11-09", 8)}}},
       1,
       ReceiptVerdict::kUndetermined},
      {"no cosignature at all: undetermined", 5, {}, 1, ReceiptVerdict::kUndetermined},
      {"only an earlier checkpoint cosigned before the deadline: undetermined",
       5,
       {{2, {China("2026-11-01", 8)}}},
       1,
       ReceiptVerdict::kUndetermined},
      {"quorum 2 with one cosignature does not bound: undetermined",
       5,
       {{6, {China("2026-11-01", 8)}}},
       2,
       ReceiptVerdict::kUndetermined},
      {"quorum 2: the second witness's time counts for the upper bound",
       5,
       {{6, {China("2026-11-01", 8), China("2026-11-06", 8)}}},
       2,
       ReceiptVerdict::kUndetermined},
      {"quorum 2: both witnesses before the deadline: on time",
       5,
       {{6, {China("2026-11-01", 8), China("2026-11-02", 8)}}},
       2,
       ReceiptVerdict::kOnTime},
      {"quorum 2: lower bound is the second latest of the cosignatures without the entry",
       5,
       {{5, {China("2026-11-04", 8), China("2026-11-07", 8)}}},
       2,
       ReceiptVerdict::kUndetermined},
      {"the entry at index = size - 1 is in that checkpoint",
       5,
       {{6, {China("2026-11-03", 8)}}},
       1,
       ReceiptVerdict::kOnTime},
      {"a checkpoint of size = index does not hold the entry",
       5,
       {{5, {China("2026-11-03", 8)}}},
       1,
       ReceiptVerdict::kUndetermined},
  };
  for (const Case& c : cases) {
    ReceiptBounds b = BoundReceipt(c.index, c.witnessed, c.quorum);
    EXPECT_EQ(JudgeReceipt(b, kDeadline), c.want) << c.name;
  }
}

TEST(ReceiptBoundsTest, TheTightestBoundsAreChosen) {
  std::vector<WitnessedSize> w = {{2, {China("2026-11-01", 8)}},
                                  {4, {China("2026-11-02", 8)}},
                                  {7, {China("2026-11-03", 8)}},
                                  {9, {China("2026-11-04", 8)}}};
  ReceiptBounds b = BoundReceipt(5, w, 1);
  ASSERT_TRUE(b.not_before && b.not_after);
  EXPECT_EQ(*b.not_before, China("2026-11-02", 8));
  EXPECT_EQ(b.not_before_size, 4u);
  EXPECT_EQ(*b.not_after, China("2026-11-03", 8));
  EXPECT_EQ(b.not_after_size, 7u);
}

TEST(ReceiptBoundsTest, NoCosignatureLeavesBothSidesOpen) {
  ReceiptBounds b = BoundReceipt(0, {}, 1);
  EXPECT_FALSE(b.not_before);
  EXPECT_FALSE(b.not_after);
  EXPECT_STREQ(ReceiptVerdictName(JudgeReceipt(b, kDeadline)), "undetermined");
}

}  // namespace
}  // namespace gongkai
