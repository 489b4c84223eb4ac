#include "station/edits/coalesce.h"

#include <gtest/gtest.h>

#include "core/catalog/row_codec.h"
#include "station/edits/working_view.h"
#include "tests/testing/sample_rows.h"

namespace gongkai::station {
namespace {

PendingEdit WithId(PendingEdit e, int64_t id) {
  e.edit_id = id;
  return e;
}

Row NewVillageRow(const std::string& id) {
  Row r = SampleVillageRow();
  r.id = id;
  return r;
}

constexpr char kNewId[] = "10000000-0000-4000-8000-000000000001";

TEST(Coalesce, NoEditsNoOps) {
  Coalesced c = CoalescePendingEdits({});
  EXPECT_TRUE(c.ops.empty());
  EXPECT_TRUE(c.cancelled.empty());
}

TEST(Coalesce, SetsOfALocallyCreatedRowFoldIntoItsCreate) {  // C1
  Row row = NewVillageRow(kNewId);
  Coalesced c = CoalescePendingEdits({
      WithId(MakeCreateEdit(row), 1),
      WithId(MakeSetEdit(kNewId, Field::kTimeLimit, row.Get(Field::kTimeLimit), "每月"), 2),
      WithId(MakeSetEdit(kNewId, Field::kNotes, "", "备注一"), 3),
  });
  ASSERT_EQ(c.ops.size(), 1u);
  const auto& create = std::get<CreateOp>(c.ops[0].op);
  EXPECT_EQ(create.row.Get(Field::kTimeLimit), "每月");
  EXPECT_EQ(create.row.Get(Field::kNotes), "备注一");
  EXPECT_EQ(c.ops[0].edit_ids, (std::vector<int64_t>{1, 2, 3}));
  EXPECT_TRUE(c.cancelled.empty());
}

TEST(Coalesce, RetiringALocallyCreatedRowDropsEverything) {  // C2
  Row row = NewVillageRow(kNewId);
  Coalesced c = CoalescePendingEdits({
      WithId(MakeCreateEdit(row), 1),
      WithId(MakeSetEdit(kNewId, Field::kNotes, "", "x"), 2),
      WithId(MakeRetireEdit(row), 3),
  });
  EXPECT_TRUE(c.ops.empty());
  EXPECT_EQ(c.cancelled, (std::vector<int64_t>{1, 2, 3}));
}

TEST(Coalesce, SeveralSetsOfOneFieldKeepFirstBaseAndLastValue) {  // C3
  Row r = SampleVillageRow();
  Coalesced c = CoalescePendingEdits({
      WithId(MakeSetEdit(r.id, Field::kTimeLimit, "每季度", "每月"), 1),
      WithId(MakeSetEdit(r.id, Field::kNotes, "", "注"), 2),
      WithId(MakeSetEdit(r.id, Field::kTimeLimit, "每月", "每周"), 3),
  });
  ASSERT_EQ(c.ops.size(), 2u);
  EXPECT_EQ(std::get<SetOp>(c.ops[0].op), (SetOp{r.id, Field::kTimeLimit, "每季度", "每周"}));
  EXPECT_EQ(c.ops[0].edit_ids, (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(std::get<SetOp>(c.ops[1].op).field, Field::kNotes);
}

TEST(Coalesce, ChangedAndChangedBackIsCancelled) {  // C4
  Row r = SampleVillageRow();
  Coalesced c = CoalescePendingEdits({
      WithId(MakeSetEdit(r.id, Field::kTimeLimit, "每季度", "每月"), 1),
      WithId(MakeSetEdit(r.id, Field::kTimeLimit, "每月", "每季度"), 2),
  });
  EXPECT_TRUE(c.ops.empty());
  EXPECT_EQ(c.cancelled, (std::vector<int64_t>{1, 2}));
}

TEST(Coalesce, RetireDropsPendingSetsAndHashesTheRowBeforeThem) {  // C5
  Row original = SampleVillageRow();
  Row seen = original;
  seen.Set(Field::kTimeLimit, "每月");
  seen.Set(Field::kNotes, "临时");
  Coalesced c = CoalescePendingEdits({
      WithId(MakeSetEdit(original.id, Field::kTimeLimit, original.Get(Field::kTimeLimit), "每周"),
             1),
      WithId(MakeSetEdit(original.id, Field::kTimeLimit, "每周", "每月"), 2),
      WithId(MakeSetEdit(original.id, Field::kNotes, "", "临时"), 3),
      WithId(MakeRetireEdit(seen), 4),
  });
  ASSERT_EQ(c.ops.size(), 1u);
  const auto& retire = std::get<RetireOp>(c.ops[0].op);
  EXPECT_EQ(retire.id, original.id);
  EXPECT_EQ(retire.base, RowHash(original));
  EXPECT_EQ(c.ops[0].edit_ids, (std::vector<int64_t>{1, 2, 3, 4}));
  EXPECT_TRUE(c.cancelled.empty());
}

TEST(Coalesce, RetireWithoutPendingSetsUsesTheRowAsSeen) {
  Row r = SampleVillageRow();
  Coalesced c = CoalescePendingEdits({WithId(MakeRetireEdit(r), 7)});
  ASSERT_EQ(c.ops.size(), 1u);
  EXPECT_EQ(std::get<RetireOp>(c.ops[0].op).base, RowHash(r));
}

TEST(Coalesce, OpsKeepTheOrderOfTheirFirstEdit) {  // C6
  Row a = SampleVillageRow();
  Row b = NewVillageRow(kNewId);
  Coalesced c = CoalescePendingEdits({
      WithId(MakeSetEdit(a.id, Field::kNotes, "", "1"), 1),
      WithId(MakeCreateEdit(b), 2),
      WithId(MakeSetEdit(a.id, Field::kContact, "", "123"), 3),
      WithId(MakeSetEdit(a.id, Field::kNotes, "1", "2"), 4),
  });
  ASSERT_EQ(c.ops.size(), 3u);
  EXPECT_EQ(std::get<SetOp>(c.ops[0].op).field, Field::kNotes);
  EXPECT_TRUE(std::holds_alternative<CreateOp>(c.ops[1].op));
  EXPECT_EQ(std::get<SetOp>(c.ops[2].op).field, Field::kContact);
}

TEST(Coalesce, EditsAfterARetireAreFoldedIntoIt) {  // C6
  Row r = SampleVillageRow();
  Coalesced c = CoalescePendingEdits({
      WithId(MakeRetireEdit(r), 1),
      WithId(MakeSetEdit(r.id, Field::kNotes, "", "x"), 2),
  });
  ASSERT_EQ(c.ops.size(), 1u);
  EXPECT_EQ(c.ops[0].edit_ids, (std::vector<int64_t>{1, 2}));
}

TEST(Coalesce, EveryEditEndsUpExactlyOnce) {
  Row a = SampleVillageRow();
  Row b = NewVillageRow(kNewId);
  std::vector<PendingEdit> edits = {
      WithId(MakeCreateEdit(b), 1),
      WithId(MakeSetEdit(a.id, Field::kNotes, "", "1"), 2),
      WithId(MakeSetEdit(b.id, Field::kNotes, "", "b"), 3),
      WithId(MakeSetEdit(a.id, Field::kNotes, "1", ""), 4),
      WithId(MakeRetireEdit(b), 5),
      WithId(MakeSetEdit(a.id, Field::kContact, "", "5"), 6),
  };
  Coalesced c = CoalescePendingEdits(edits);
  std::vector<int64_t> seen = c.cancelled;
  for (const auto& op : c.ops) seen.insert(seen.end(), op.edit_ids.begin(), op.edit_ids.end());
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<int64_t>{1, 2, 3, 4, 5, 6}));
}

// Applying the coalesced ops gives the same rows as applying every edit one
// by one (rows dropped by C2 aside).
TEST(Coalesce, CoalescedOpsGiveTheSameViewAsTheRawEdits) {
  Row a = SampleVillageRow();
  Row b = NewVillageRow(kNewId);
  Row c_row = NewVillageRow("10000000-0000-4000-8000-000000000003");
  std::vector<PendingEdit> edits = {
      WithId(MakeCreateEdit(b), 1),
      WithId(MakeSetEdit(a.id, Field::kTimeLimit, a.Get(Field::kTimeLimit), "每月"), 2),
      WithId(MakeSetEdit(b.id, Field::kMode, "主动", "主动、依申请"), 3),
      WithId(MakeSetEdit(a.id, Field::kTimeLimit, "每月", "每周"), 4),
      WithId(MakeCreateEdit(c_row), 5),
      WithId(MakeSetEdit(a.id, Field::kLevels, "村级", "乡级、村级"), 6),
  };
  WorkingView raw, coalesced;
  raw.PutApproved(a);
  coalesced.PutApproved(a);
  for (const PendingEdit& e : edits) {
    if (e.kind == EditKind::kCreate) raw.Apply(CreateOp{e.row}, RowOrigin::kPending);
    if (e.kind == EditKind::kSet) {
      raw.Apply(SetOp{e.row_id, e.field, e.base, e.value}, RowOrigin::kPending);
    }
  }
  for (auto& op : CoalescePendingEdits(edits).ops) {
    coalesced.Apply(std::move(op.op), RowOrigin::kPending);
  }
  ASSERT_EQ(raw.rows().size(), coalesced.rows().size());
  for (const auto& [id, vr] : raw.rows()) {
    ASSERT_NE(coalesced.Find(id), nullptr);
    EXPECT_EQ(coalesced.Find(id)->row, vr.row) << id;
  }
  EXPECT_EQ(coalesced.stale_ops(), 0u);
}

}  // namespace
}  // namespace gongkai::station
