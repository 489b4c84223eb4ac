#include "station/edits/working_view.h"

#include <gtest/gtest.h>

#include "core/catalog/row_codec.h"
#include "tests/testing/sample_rows.h"

namespace gongkai::station {
namespace {

TEST(WorkingView, ApprovedRowsStartAsApproved) {
  WorkingView v;
  v.PutApproved(SampleRow());
  ASSERT_NE(v.Find(SampleRow().id), nullptr);
  EXPECT_EQ(v.Find(SampleRow().id)->origin, RowOrigin::kApproved);
  EXPECT_EQ(v.Find("nope"), nullptr);
}

TEST(WorkingView, OpsMarkTheRowsTheyTouch) {
  WorkingView v;
  Row r = SampleVillageRow();
  v.PutApproved(r);
  EXPECT_TRUE(v.Apply(SetOp{r.id, Field::kNotes, "", "甲"}, RowOrigin::kOutbox));
  EXPECT_EQ(v.Find(r.id)->origin, RowOrigin::kOutbox);
  EXPECT_TRUE(v.Apply(SetOp{r.id, Field::kNotes, "甲", "乙"}, RowOrigin::kPending));
  EXPECT_EQ(v.Find(r.id)->origin, RowOrigin::kPending);
  EXPECT_EQ(v.Find(r.id)->row.Get(Field::kNotes), "乙");
  EXPECT_EQ(v.stale_ops(), 0u);
}

TEST(WorkingView, APendingSetWhoseBaseMovedIsStaleButShown) {
  WorkingView v;
  Row r = SampleVillageRow();
  v.PutApproved(r);
  EXPECT_FALSE(v.Apply(SetOp{r.id, Field::kNotes, "旧的", "新的"}, RowOrigin::kPending));
  EXPECT_EQ(v.stale_ops(), 1u);
  EXPECT_EQ(v.Find(r.id)->row.Get(Field::kNotes), "新的");
}

TEST(WorkingView, OpsOnMissingRowsAreStaleAndIgnored) {
  WorkingView v;
  EXPECT_FALSE(v.Apply(SetOp{SampleRow().id, Field::kNotes, "", "x"}, RowOrigin::kPending));
  EXPECT_FALSE(v.Apply(RetireOp{SampleRow().id, Hash32{}}, RowOrigin::kPending));
  EXPECT_EQ(v.stale_ops(), 2u);
  EXPECT_TRUE(v.rows().empty());
}

TEST(WorkingView, RetireChecksTheRowHash) {
  WorkingView v;
  Row r = SampleVillageRow();
  v.PutApproved(r);
  EXPECT_TRUE(v.Apply(RetireOp{r.id, RowHash(r)}, RowOrigin::kPending));
  EXPECT_TRUE(v.Find(r.id)->row.retired);
  EXPECT_EQ(v.stale_ops(), 0u);
}

TEST(WorkingView, StaleOutboxOpsAreNotCountedAsConflicts) {
  WorkingView v;
  Row r = SampleVillageRow();
  v.PutApproved(r);
  EXPECT_FALSE(v.Apply(SetOp{r.id, Field::kNotes, "别的", "x"}, RowOrigin::kOutbox));
  EXPECT_EQ(v.stale_ops(), 0u);
}

TEST(WorkingView, CreateAddsARow) {
  WorkingView v;
  EXPECT_TRUE(v.Apply(CreateOp{SampleVillageRow()}, RowOrigin::kPending));
  EXPECT_EQ(v.Find(SampleVillageRow().id)->origin, RowOrigin::kPending);
}

}  // namespace
}  // namespace gongkai::station
