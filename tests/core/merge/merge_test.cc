#include "core/merge/merge.h"

#include <gtest/gtest.h>

#include "core/catalog/row_codec.h"
#include "core/catalog/set_value.h"
#include "core/catalog/validate.h"
#include "core/crypto/sha256.h"
#include "tests/testing/sample_rows.h"

namespace gongkai {
namespace {

const std::string kId = "00000000-0000-4000-8000-000000000002";

IdentifiedChangeSet Make(const std::string& station, std::vector<Op> ops) {
  IdentifiedChangeSet ics;
  ics.cs.station = station;
  ics.cs.seq = 1;
  ics.cs.ops = std::move(ops);
  ics.id = ChangeSetId(EncodeChangeSet(ics.cs));
  return ics;
}

Catalog Approved() {
  Catalog c;
  c.Put(SampleRow());
  c.Put(SampleVillageRow());
  return c;
}

const std::string kOldTime = "每季度首月20日前；财务往来多的每月";

TEST(Merge, DisjointEditsMergeCleanly) {
  std::vector<IdentifiedChangeSet> cs = {
      Make("a", {SetOp{kId, Field::kTimeLimit, kOldTime, "每月10日前"}}),
      Make("b", {SetOp{kId, Field::kContact, "", "0371-12345678"}})};
  auto r = Merge(Approved(), cs, {});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->unresolved.empty());
  const Row* row = r->catalog.Find(kId);
  EXPECT_EQ(row->Get(Field::kTimeLimit), "每月10日前");
  EXPECT_EQ(row->Get(Field::kContact), "0371-12345678");
}

TEST(Merge, SameTextFieldFromSameBaseIsOneConflict) {
  std::vector<IdentifiedChangeSet> cs = {
      Make("a", {SetOp{kId, Field::kTimeLimit, kOldTime, "每月10日前"}}),
      Make("b", {SetOp{kId, Field::kTimeLimit, kOldTime, "每月15日前"}})};
  auto r = Merge(Approved(), cs, {});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->unresolved.size(), 1u);
  const Conflict& c = r->unresolved[0];
  EXPECT_EQ(c.kind, ConflictKind::kField);
  EXPECT_EQ(c.row_id, kId);
  EXPECT_EQ(c.base, kOldTime);
  EXPECT_EQ(c.proposed, "每月10日前");
  EXPECT_EQ(c.incoming, "每月15日前");
  EXPECT_EQ(c.proposed_by, cs[0].id);
  EXPECT_EQ(c.changeset, cs[1].id);
  EXPECT_EQ(c.conflict_id, ConflictId(cs[1].id, 0));
  // Unresolved: the first writer's value stands in the proposed head.
  EXPECT_EQ(r->catalog.Find(kId)->Get(Field::kTimeLimit), "每月10日前");
}

TEST(Merge, SameNewValueIsAlreadyThere) {
  std::vector<IdentifiedChangeSet> cs = {
      Make("a", {SetOp{kId, Field::kTimeLimit, kOldTime, "每月10日前"}}),
      Make("b", {SetOp{kId, Field::kTimeLimit, kOldTime, "每月10日前"}})};
  auto r = Merge(Approved(), cs, {});
  EXPECT_TRUE(r->unresolved.empty());
}

TEST(Merge, TwoVillagesAddDifferentChannelsBothKept) {
  const std::string base = "社区/企事业单位/村公示栏（电子屏）";
  std::vector<IdentifiedChangeSet> cs = {
      Make("a", {SetOp{kId, Field::kChannels, base, "便民服务站、" + base}}),
      Make("b", {SetOp{kId, Field::kChannels, base, "政府网站、" + base}})};
  auto r = Merge(Approved(), cs, {});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->unresolved.empty());
  EXPECT_EQ(r->catalog.Find(kId)->Get(Field::kChannels), "政府网站、便民服务站、" + base);
}

TEST(Merge, ResolveWithValue) {
  std::vector<IdentifiedChangeSet> cs = {
      Make("a", {SetOp{kId, Field::kTimeLimit, kOldTime, "每月10日前"}}),
      Make("b", {SetOp{kId, Field::kTimeLimit, kOldTime, "每月15日前"}})};
  Resolution res{cs[1].id, 0, ResolutionAction::kValue, "每月12日前"};
  auto r = Merge(Approved(), cs, {res});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->unresolved.empty());
  ASSERT_EQ(r->used.size(), 1u);
  EXPECT_EQ(r->catalog.Find(kId)->Get(Field::kTimeLimit), "每月12日前");
}

TEST(Merge, ResolveTakeIncomingAndKeep) {
  std::vector<IdentifiedChangeSet> cs = {
      Make("a", {SetOp{kId, Field::kTimeLimit, kOldTime, "每月10日前"}}),
      Make("b", {SetOp{kId, Field::kTimeLimit, kOldTime, "每月15日前"}})};
  auto take = Merge(Approved(), cs, {{cs[1].id, 0, ResolutionAction::kIncoming, ""}});
  EXPECT_EQ(take->catalog.Find(kId)->Get(Field::kTimeLimit), "每月15日前");
  auto keep = Merge(Approved(), cs, {{cs[1].id, 0, ResolutionAction::kKeep, ""}});
  EXPECT_EQ(keep->catalog.Find(kId)->Get(Field::kTimeLimit), "每月10日前");
  EXPECT_TRUE(keep->unresolved.empty());
}

TEST(Merge, ResolutionWithInvalidValueIsRefused) {
  std::vector<IdentifiedChangeSet> cs = {
      Make("a", {SetOp{kId, Field::kTimeLimit, kOldTime, "每月10日前"}}),
      Make("b", {SetOp{kId, Field::kTimeLimit, kOldTime, "每月15日前"}})};
  auto r = Merge(Approved(), cs, {{cs[1].id, 0, ResolutionAction::kValue, "bad\x01"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "bad_resolution");
  auto empty = Merge(Approved(), cs, {{cs[1].id, 0, ResolutionAction::kValue, ""}});
  EXPECT_EQ(empty.status().reason(), "bad_resolution");
}

TEST(Merge, RetireOfConcurrentlyEditedRowIsConflict) {
  Row seen = SampleVillageRow();
  std::vector<IdentifiedChangeSet> cs = {
      Make("a", {SetOp{kId, Field::kNotes, "", "新增备注"}}),
      Make("b", {RetireOp{kId, RowHash(seen)}})};
  auto r = Merge(Approved(), cs, {});
  ASSERT_EQ(r->unresolved.size(), 1u);
  EXPECT_EQ(r->unresolved[0].kind, ConflictKind::kRetireEdited);
  EXPECT_FALSE(r->catalog.Find(kId)->retired);
  auto resolved = Merge(Approved(), cs, {{cs[1].id, 0, ResolutionAction::kIncoming, ""}});
  EXPECT_TRUE(resolved->catalog.Find(kId)->retired);
}

TEST(Merge, CleanRetire) {
  std::vector<IdentifiedChangeSet> cs = {Make("b", {RetireOp{kId, RowHash(SampleVillageRow())}})};
  auto r = Merge(Approved(), cs, {});
  EXPECT_TRUE(r->unresolved.empty());
  EXPECT_TRUE(r->catalog.Find(kId)->retired);
}

TEST(Merge, EditOfRetiredRowIsConflictOnlyKeepFits) {
  std::vector<IdentifiedChangeSet> cs = {
      Make("a", {RetireOp{kId, RowHash(SampleVillageRow())}}),
      Make("b", {SetOp{kId, Field::kNotes, "", "备注"}})};
  auto r = Merge(Approved(), cs, {});
  ASSERT_EQ(r->unresolved.size(), 1u);
  EXPECT_EQ(r->unresolved[0].kind, ConflictKind::kSetRetired);
  auto bad = Merge(Approved(), cs, {{cs[1].id, 0, ResolutionAction::kIncoming, ""}});
  EXPECT_EQ(bad.status().reason(), "bad_resolution");
}

TEST(Merge, MissingRowIsConflict) {
  std::vector<IdentifiedChangeSet> cs = {
      Make("a", {SetOp{"00000000-0000-4000-8000-0000000000ff", Field::kNotes, "", "x"}})};
  auto r = Merge(Approved(), cs, {});
  ASSERT_EQ(r->unresolved.size(), 1u);
  EXPECT_EQ(r->unresolved[0].kind, ConflictKind::kMissingRow);
}

TEST(Merge, CreateThenEditInLaterChangeSet) {
  Row fresh = SampleVillageRow();
  fresh.id = "00000000-0000-4000-8000-000000000010";
  std::vector<IdentifiedChangeSet> cs = {
      Make("a", {CreateOp{fresh}}),
      Make("a", {SetOp{fresh.id, Field::kContact, "", "12345"}})};
  auto r = Merge(Approved(), cs, {});
  EXPECT_TRUE(r->unresolved.empty());
  EXPECT_EQ(r->catalog.Find(fresh.id)->Get(Field::kContact), "12345");
}

TEST(Merge, ReplayingSameInputGivesSameHash) {
  std::vector<IdentifiedChangeSet> cs = {
      Make("a", {SetOp{kId, Field::kTimeLimit, kOldTime, "每月10日前"}}),
      Make("b", {SetOp{kId, Field::kTimeLimit, kOldTime, "每月15日前"}})};
  std::vector<Resolution> res = {{cs[1].id, 0, ResolutionAction::kValue, "每月12日前"}};
  EXPECT_EQ(Merge(Approved(), cs, res)->catalog.Hash(), Merge(Approved(), cs, res)->catalog.Hash());
}

// Two offices each remove the other's last channel: each side alone keeps
// one, together none. That is a conflict of its own kind, not a merged row
// the hub would refuse at approval.
struct EmptiedChannels {
  std::string both, bianmin, gongshilan;
  Catalog approved;
  std::vector<IdentifiedChangeSet> cs;
  EmptiedChannels() {
    bianmin = "便民服务站";
    gongshilan = "社区/企事业单位/村公示栏（电子屏）";
    both = CanonicalSetValue(Field::kChannels, bianmin + "、" + gongshilan).value();
    Row row = SampleVillageRow();
    row.Set(Field::kChannels, both);
    row.Set(Field::kChannelsOther, "");
    approved.Put(row);
    cs = {Make("a", {SetOp{kId, Field::kChannels, both, bianmin}}),
          Make("b", {SetOp{kId, Field::kChannels, both, gongshilan}})};
  }
};

TEST(Merge, RemovingEachOthersLastChannelIsAnEmptiedRequiredConflict) {
  EmptiedChannels t;
  auto r = Merge(t.approved, t.cs, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->unresolved.size(), 1u);
  const Conflict& c = r->unresolved[0];
  EXPECT_EQ(c.kind, ConflictKind::kEmptiedRequired);
  EXPECT_STREQ(ConflictKindName(c.kind), "emptied_required");
  EXPECT_EQ(c.field, Field::kChannels);
  EXPECT_EQ(c.base, t.both);
  EXPECT_EQ(c.proposed, t.bianmin);
  EXPECT_EQ(c.incoming, t.gongshilan);
  EXPECT_EQ(c.proposed_by, t.cs[0].id);
  EXPECT_EQ(c.changeset, t.cs[1].id);
  // Unresolved, the first office's value stands: the row stays valid.
  EXPECT_EQ(r->catalog.Find(kId)->Get(Field::kChannels), t.bianmin);
  EXPECT_TRUE(ValidateRow(*r->catalog.Find(kId)).ok());
}

TEST(Merge, EmptiedRequiredConflictSettlesWithAValueOrKeep) {
  EmptiedChannels t;
  Resolution value{t.cs[1].id, 0, ResolutionAction::kValue, t.gongshilan};
  auto r = Merge(t.approved, t.cs, {value});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->unresolved.empty());
  EXPECT_EQ(r->catalog.Find(kId)->Get(Field::kChannels), t.gongshilan);
  EXPECT_EQ(r->used, std::vector<Resolution>{value});

  Resolution keep{t.cs[1].id, 0, ResolutionAction::kKeep, ""};
  auto k = Merge(t.approved, t.cs, {keep});
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(k->catalog.Find(kId)->Get(Field::kChannels), t.bianmin);
}

TEST(Merge, EmptiedRequiredConflictRefusesIncomingAndAnEmptyValue) {
  EmptiedChannels t;
  EXPECT_EQ(Merge(t.approved, t.cs, {{t.cs[1].id, 0, ResolutionAction::kIncoming, ""}})
                .status()
                .reason(),
            "bad_resolution");
  EXPECT_EQ(
      Merge(t.approved, t.cs, {{t.cs[1].id, 0, ResolutionAction::kValue, ""}}).status().reason(),
      "bad_resolution");
}

TEST(Merge, OtherChannelKeepsTheRowValidSoNoConflict) {
  EmptiedChannels t;
  Row row = *t.approved.Find(kId);
  row.Set(Field::kChannelsOther, "村民微信群");
  t.approved.Put(row);
  auto r = Merge(t.approved, t.cs, {});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->unresolved.empty());
  EXPECT_EQ(r->catalog.Find(kId)->Get(Field::kChannels), "");
}

TEST(Merge, RequiredSetFieldEmptiedByTwoRemovalsIsAConflict) {
  std::string both = CanonicalSetValue(Field::kAudience, "全社会、特定群体").value();
  Row row = SampleVillageRow();
  row.Set(Field::kAudience, both);
  Catalog approved;
  approved.Put(row);
  std::vector<IdentifiedChangeSet> cs = {
      Make("a", {SetOp{kId, Field::kAudience, both, "全社会"}}),
      Make("b", {SetOp{kId, Field::kAudience, both, "特定群体"}})};
  auto r = Merge(approved, cs, {});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->unresolved.size(), 1u);
  EXPECT_EQ(r->unresolved[0].kind, ConflictKind::kEmptiedRequired);
  EXPECT_EQ(r->unresolved[0].field, Field::kAudience);
}

// Property: whatever two offices do to a required set field from the same
// base, the merge never yields a row that fails validation on that field —
// it either merges or reports a conflict.
TEST(Merge, SetMergesNeverEmptyARequiredFieldProperty) {
  const std::vector<std::string> choices = {"全社会", "特定群体"};
  std::vector<std::string> values;
  for (int mask = 1; mask < 4; ++mask) {  // non-empty subsets
    std::string v;
    for (int i = 0; i < 2; ++i) {
      if (mask & (1 << i)) v += (v.empty() ? "" : "、") + choices[i];
    }
    values.push_back(CanonicalSetValue(Field::kAudience, v).value());
  }
  for (const std::string& base : values) {
    for (const std::string& a : values) {
      for (const std::string& b : values) {
        Row row = SampleVillageRow();
        row.Set(Field::kAudience, base);
        Catalog approved;
        approved.Put(row);
        std::vector<IdentifiedChangeSet> cs = {
            Make("a", {SetOp{kId, Field::kAudience, base, a}}),
            Make("b", {SetOp{kId, Field::kAudience, base, b}})};
        auto r = Merge(approved, cs, {});
        ASSERT_TRUE(r.ok());
        EXPECT_FALSE(r->catalog.Find(kId)->Get(Field::kAudience).empty())
            << base << " / " << a << " / " << b;
        EXPECT_TRUE(ValidateRow(*r->catalog.Find(kId)).ok());
        for (const Conflict& c : r->unresolved) EXPECT_EQ(c.kind, ConflictKind::kEmptiedRequired);
      }
    }
  }
}

TEST(ConflictId, StableAndDistinct) {
  Hash32 h = Sha256("x");
  EXPECT_EQ(ConflictId(h, 0), ConflictId(h, 0));
  EXPECT_NE(ConflictId(h, 0), ConflictId(h, 1));
  EXPECT_EQ(ConflictId(h, 0).size(), 12u);
}

}  // namespace
}  // namespace gongkai

#include "core/merge/replay.h"

namespace gongkai {
namespace {

struct ReplayFixture {
  std::vector<IdentifiedChangeSet> cs = {
      Make("a", {SetOp{kId, Field::kTimeLimit, kOldTime, "每月10日前"}}),
      Make("b", {SetOp{kId, Field::kTimeLimit, kOldTime, "每月15日前"}})};
  Approval approval;
  ReplayFixture() {
    approval.version = 1;
    approval.parent_hash = Approved().Hash();
    approval.changesets = {cs[0].id, cs[1].id};
    approval.resolutions = {{cs[1].id, 0, ResolutionAction::kValue, "每月12日前"}};
    approval.result_hash = Merge(Approved(), cs, approval.resolutions)->catalog.Hash();
    approval.admin = "admin";
  }
};

TEST(ReplayApproval, ValidApprovalGivesResult) {
  ReplayFixture f;
  auto r = ReplayApproval(Approved(), f.approval, f.cs);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->Hash(), f.approval.result_hash);
}

TEST(ReplayApproval, WrongParent) {
  ReplayFixture f;
  EXPECT_EQ(ReplayApproval(Catalog(), f.approval, f.cs).status().reason(), "parent_mismatch");
}

TEST(ReplayApproval, WrongResultHash) {
  ReplayFixture f;
  f.approval.result_hash[0] ^= 1;
  EXPECT_EQ(ReplayApproval(Approved(), f.approval, f.cs).status().reason(), "hash_mismatch");
}

TEST(ReplayApproval, MissingResolutionIsUnresolved) {
  ReplayFixture f;
  f.approval.resolutions.clear();
  EXPECT_EQ(ReplayApproval(Approved(), f.approval, f.cs).status().reason(), "unresolved_conflict");
}

TEST(ReplayApproval, ExtraResolutionIsMismatch) {
  ReplayFixture f;
  f.approval.resolutions.push_back({f.cs[0].id, 0, ResolutionAction::kKeep, ""});
  EXPECT_EQ(ReplayApproval(Approved(), f.approval, f.cs).status().reason(), "resolution_mismatch");
}

TEST(ReplayApproval, ReorderedChangeSets) {
  ReplayFixture f;
  std::swap(f.cs[0], f.cs[1]);
  EXPECT_EQ(ReplayApproval(Approved(), f.approval, f.cs).status().reason(), "changeset_mismatch");
}

}  // namespace
}  // namespace gongkai
