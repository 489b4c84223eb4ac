#include "station/edits/edit_plan.h"

#include <gtest/gtest.h>

#include "tests/testing/sample_rows.h"

namespace gongkai::station {
namespace {

constexpr char kUnit[] = "红旗村";

WorkingView ViewWith(std::initializer_list<Row> rows) {
  WorkingView v;
  for (const Row& r : rows) v.PutApproved(r);
  return v;
}

std::string Where(size_t i) { return "第 " + std::to_string(i + 2) + " 行: "; }

// PlanImport with its edits collected.
struct Collected {
  Result<ImportCounts> counts = ImportCounts{};
  std::vector<PendingEdit> edits;
};
Collected Import(const WorkingView& v, std::vector<Row> rows) {
  Collected c;
  c.counts = PlanImport(v, kUnit, std::move(rows), Where, [&](const PendingEdit& e) {
    c.edits.push_back(e);
    return Status::Ok();
  });
  return c;
}

TEST(ResolveRow, TakesTheFullIdOrAUniquePrefix) {
  Row r = SampleVillageRow();
  WorkingView v = ViewWith({r, SampleRow()});
  EXPECT_EQ((*ResolveRow(v, r.id))->row.id, r.id);
  EXPECT_EQ(ResolveRow(v, r.id + "2").status().reason(), "unknown_id")
      << "a longer string is not a prefix";
  Row other = SampleVillageRow();
  other.id = "abcdef12-0000-4000-8000-000000000002";
  WorkingView w = ViewWith({other, SampleRow()});
  EXPECT_EQ((*ResolveRow(w, "abcdef12"))->row.id, other.id);
}

TEST(ResolveRow, UnknownIdIsNotFound) {
  WorkingView v = ViewWith({SampleVillageRow()});
  auto r = ResolveRow(v, "ffffffff");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  EXPECT_EQ(r.status().reason(), "unknown_id");
}

TEST(ResolveRow, AmbiguousPrefixIsRefused) {
  WorkingView v = ViewWith({SampleVillageRow(), SampleRow()});
  auto r = ResolveRow(v, "00000000");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "ambiguous_id");
}

TEST(ResolveRow, TooShortPrefixIsUnknown) {
  Row r = SampleVillageRow();
  r.id = "abcdef00-0000-4000-8000-000000000002";
  WorkingView v = ViewWith({r});
  EXPECT_EQ(ResolveRow(v, "abc").status().reason(), "unknown_id");
  EXPECT_NE(ResolveRow(v, "ab").status().message().find("至少输入编号的前 4 位"), std::string::npos)
      << "a short id says how long it must be";
  EXPECT_TRUE(ResolveRow(v, "abcd").ok());
  // Bytes that are not UTF-8 are not echoed into the one line.
  const std::string bad = "abcd\xff";
  EXPECT_EQ(ResolveRow(v, bad).status().message().find(bad), std::string::npos);
  EXPECT_NE(ResolveRow(v, bad).status().message().find("含无效字符"), std::string::npos);
}

TEST(PlanAdd, SetsTheUnitAndValidates) {
  Row r = SampleVillageRow();
  r.unit = "别的村";
  auto e = PlanAdd(r, kUnit);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->kind, EditKind::kCreate);
  EXPECT_EQ(e->row.unit, kUnit);
}

TEST(PlanAdd, EmptyRequiredFieldNamesTheFlag) {
  Row r = SampleVillageRow();
  r.Set(Field::kBasis, "");
  auto e = PlanAdd(r, kUnit);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().reason(), "empty_required");
  EXPECT_EQ(e.status().field(), "basis");
  EXPECT_NE(e.status().message().find("--basis"), std::string::npos) << e.status().message();
}

TEST(PlanEdit, OneSetEditPerChangedField) {
  Row r = SampleVillageRow();
  WorkingView v = ViewWith({r});
  auto edits = PlanEdit(v, kUnit, r.id,
                        {{Field::kTimeLimit, "每月"}, {Field::kNotes, ""}, {Field::kMode, "主动"}});
  ASSERT_TRUE(edits.ok()) << edits.status().ToString();
  ASSERT_EQ(edits->size(), 1u);
  EXPECT_EQ((*edits)[0].field, Field::kTimeLimit);
  EXPECT_EQ((*edits)[0].base, r.Get(Field::kTimeLimit));
  EXPECT_EQ((*edits)[0].value, "每月");
}

TEST(PlanEdit, RowOfAnotherUnitIsRefused) {
  WorkingView v = ViewWith({SampleRow()});  // 宝丰镇
  auto edits = PlanEdit(v, kUnit, SampleRow().id, {{Field::kNotes, "x"}});
  ASSERT_FALSE(edits.ok());
  EXPECT_EQ(edits.status().code(), Code::kPermissionDenied);
  EXPECT_EQ(edits.status().reason(), "other_unit");
  EXPECT_NE(edits.status().message().find("宝丰镇"), std::string::npos);
}

TEST(PlanEdit, EmptyingARequiredFieldIsRefused) {
  Row r = SampleVillageRow();
  WorkingView v = ViewWith({r});
  auto edits = PlanEdit(v, kUnit, r.id, {{Field::kSubject, ""}});
  ASSERT_FALSE(edits.ok());
  EXPECT_EQ(edits.status().reason(), "empty_required");
  EXPECT_NE(edits.status().message().find("--set subject="), std::string::npos);
}

TEST(PlanEdit, InvisibleCharacterInTheNewValueIsRefused) {
  Row r = SampleVillageRow();
  WorkingView v = ViewWith({r});
  auto edits = PlanEdit(v, kUnit, r.id, {{Field::kNotes, "见\u202E附件"}});
  ASSERT_FALSE(edits.ok());
  EXPECT_EQ(edits.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(edits.status().reason(), "invisible_character");
  EXPECT_EQ(edits.status().field(), "notes");
}

// A row approved before the rule may hold such a character; it stays
// editable in its other fields (the unchanged value is not checked again).
TEST(PlanEdit, OlderInvisibleCharacterInAnotherFieldDoesNotBlockAnEdit) {
  Row r = SampleVillageRow();
  r.Set(Field::kNotes, "旧\u200B备注");
  WorkingView v = ViewWith({r});
  auto edits = PlanEdit(v, kUnit, r.id,
                        {{Field::kTimeLimit, "每月"}, {Field::kNotes, r.Get(Field::kNotes)}});
  ASSERT_TRUE(edits.ok()) << edits.status().ToString();
  EXPECT_EQ(edits->size(), 1u);
}

TEST(PlanAdd, InvisibleCharacterInTheUnitIsRefused) {
  Row r = SampleVillageRow();
  auto e = PlanAdd(r, "红旗\u200D村");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().reason(), "invisible_character");
  EXPECT_EQ(e.status().field(), "unit");
}

TEST(PlanEdit, RetiredRowIsRefused) {
  Row r = SampleVillageRow();
  r.retired = true;
  WorkingView v = ViewWith({r});
  auto edits = PlanEdit(v, kUnit, r.id, {{Field::kNotes, "x"}});
  EXPECT_EQ(edits.status().reason(), "row_retired");
}

TEST(PlanRetire, KeepsTheRowAsSeen) {
  Row r = SampleVillageRow();
  WorkingView v = ViewWith({r});
  auto e = PlanRetire(v, kUnit, r.id.substr(0, 8));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->kind, EditKind::kRetire);
  EXPECT_EQ(e->row, r);
  EXPECT_EQ(PlanRetire(v, "宝丰镇", r.id).status().reason(), "other_unit");
}

TEST(PlanImport, CreatesChangesRetiresAndSkips) {
  Row own = SampleVillageRow();
  Row other = SampleRow();
  Row retire_me = SampleVillageRow();
  retire_me.id = "00000000-0000-4000-8000-000000000003";
  WorkingView v = ViewWith({own, other, retire_me});

  Row changed = own;
  changed.Set(Field::kNotes, "新备注");
  Row retired = retire_me;
  retired.retired = true;
  Row fresh = SampleVillageRow();
  fresh.id = "00000000-0000-4000-8000-000000000009";
  Collected plan = Import(v, {changed, other, retired, fresh});
  ASSERT_TRUE(plan.counts.ok()) << plan.counts.status().ToString();
  EXPECT_EQ(plan.counts->created, 1u);
  EXPECT_EQ(plan.counts->changed, 1u);
  EXPECT_EQ(plan.counts->retired, 1u);
  EXPECT_EQ(plan.counts->unchanged, 1u);
  EXPECT_EQ(plan.counts->edits, 3u);
  ASSERT_EQ(plan.edits.size(), 3u);
  EXPECT_EQ(plan.edits[0].kind, EditKind::kSet);
  EXPECT_EQ(plan.edits[0].value, "新备注");
  EXPECT_EQ(plan.edits[1].kind, EditKind::kRetire);
  EXPECT_EQ(plan.edits[2].kind, EditKind::kCreate);
}

TEST(PlanImport, NewRowOfAnotherUnitFailsNamingTheLine) {
  Row r = SampleRow();  // 宝丰镇, not in the view
  Collected plan = Import(ViewWith({}), {SampleVillageRow(), r});
  ASSERT_FALSE(plan.counts.ok());
  EXPECT_EQ(plan.counts.status().reason(), "other_unit");
  EXPECT_EQ(plan.counts.status().message().rfind("第 3 行: ", 0), 0u)
      << plan.counts.status().message();
}

TEST(PlanImport, ChangedRowOfAnotherUnitFails) {
  Row r = SampleRow();
  WorkingView v = ViewWith({r});
  r.Set(Field::kNotes, "改了");
  EXPECT_EQ(Import(v, {r}).counts.status().reason(), "other_unit");
}

TEST(PlanImport, ChangingTheUnitOfAnOwnRowFails) {
  Row r = SampleVillageRow();
  WorkingView v = ViewWith({r});
  r.unit = "白云村";
  EXPECT_EQ(Import(v, {r}).counts.status().reason(), "unit_change");
}

TEST(PlanImport, NewRowMarkedRetiredFails) {
  Row r = SampleVillageRow();
  r.retired = true;
  EXPECT_EQ(Import(ViewWith({}), {r}).counts.status().reason(), "new_row_retired");
}

TEST(PlanImport, UnretiringFails) {
  Row r = SampleVillageRow();
  r.retired = true;
  WorkingView v = ViewWith({r});
  r.retired = false;
  EXPECT_EQ(Import(v, {r}).counts.status().reason(), "row_retired");
}

}  // namespace
}  // namespace gongkai::station
