#include "station/edits/working_view.h"

#include <gtest/gtest.h>

#include "core/catalog/row_codec.h"
#include "tests/testing/sample_rows.h"

namespace gongkai::station {
namespace {

// A view holding one approved village row, the start of most cases below.
class WorkingViewOfApprovedVillageRow : public ::testing::Test {
 protected:
  void SetUp() override { v_.PutApproved(r_); }
  WorkingView v_;
  Row r_ = SampleVillageRow();
};

TEST(WorkingView, ApprovedRowsStartAsApproved) {
  WorkingView v;
  v.PutApproved(SampleRow());
  ASSERT_NE(v.Find(SampleRow().id), nullptr);
  EXPECT_EQ(v.Find(SampleRow().id)->origin, RowOrigin::kApproved);
  EXPECT_EQ(v.Find("nope"), nullptr);
}

TEST_F(WorkingViewOfApprovedVillageRow, OpsMarkTheRowsTheyTouch) {
  EXPECT_TRUE(v_.Apply(SetOp{r_.id, Field::kNotes, "", "甲"}, RowOrigin::kOutbox));
  EXPECT_EQ(v_.Find(r_.id)->origin, RowOrigin::kOutbox);
  EXPECT_TRUE(v_.Apply(SetOp{r_.id, Field::kNotes, "甲", "乙"}, RowOrigin::kPending));
  EXPECT_EQ(v_.Find(r_.id)->origin, RowOrigin::kPending);
  EXPECT_EQ(v_.Find(r_.id)->row.Get(Field::kNotes), "乙");
  EXPECT_EQ(v_.stale_ops(), 0u);
}

TEST_F(WorkingViewOfApprovedVillageRow, APendingSetWhoseBaseMovedIsStaleButShown) {
  EXPECT_FALSE(v_.Apply(SetOp{r_.id, Field::kNotes, "旧的", "新的"}, RowOrigin::kPending));
  EXPECT_EQ(v_.stale_ops(), 1u);
  EXPECT_EQ(v_.Find(r_.id)->row.Get(Field::kNotes), "新的");
}

TEST(WorkingView, OpsOnMissingRowsAreStaleAndIgnored) {
  WorkingView v;
  EXPECT_FALSE(v.Apply(SetOp{SampleRow().id, Field::kNotes, "", "x"}, RowOrigin::kPending));
  EXPECT_FALSE(v.Apply(RetireOp{SampleRow().id, Hash32{}}, RowOrigin::kPending));
  EXPECT_EQ(v.stale_ops(), 2u);
  EXPECT_TRUE(v.rows().empty());
}

TEST_F(WorkingViewOfApprovedVillageRow, RetireChecksTheRowHash) {
  EXPECT_TRUE(v_.Apply(RetireOp{r_.id, RowHash(r_)}, RowOrigin::kPending));
  EXPECT_TRUE(v_.Find(r_.id)->row.retired);
  EXPECT_EQ(v_.stale_ops(), 0u);
}

TEST_F(WorkingViewOfApprovedVillageRow, StaleOutboxOpsAreNotCountedAsConflicts) {
  EXPECT_FALSE(v_.Apply(SetOp{r_.id, Field::kNotes, "别的", "x"}, RowOrigin::kOutbox));
  EXPECT_EQ(v_.stale_ops(), 0u);
}

TEST(WorkingView, CreateAddsARow) {
  WorkingView v;
  EXPECT_TRUE(v.Apply(CreateOp{SampleVillageRow()}, RowOrigin::kPending));
  EXPECT_EQ(v.Find(SampleVillageRow().id)->origin, RowOrigin::kPending);
}

}  // namespace
}  // namespace gongkai::station
