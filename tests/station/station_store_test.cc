#include "station/store/station_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "core/catalog/row_codec.h"
#include "station/edits/edit_plan.h"
#include "tests/station/station_fixture.h"
#include "tests/testing/sample_rows.h"

namespace gongkai::station {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

StationStore::Planner Returning(std::vector<PendingEdit> edits) {
  return [edits](const WorkingView&, const EditSink& emit) -> Status {
    for (const PendingEdit& e : edits) GK_RETURN_IF_ERROR(emit(e));
    return Status::Ok();
  };
}

Row NewRow(const std::string& id) {
  Row r = SampleVillageRow();
  r.id = id;
  return r;
}

constexpr char kId1[] = "10000000-0000-4000-8000-000000000001";
constexpr char kId2[] = "10000000-0000-4000-8000-000000000002";

TEST(StationStore, InitMakesKeyAndStore) {
  TempDir tmp;
  std::string dir = tmp.path() + "/station";
  StationStore store = InitStore(dir);
  EXPECT_EQ(store.info().station_id, "hongqi-01");
  EXPECT_EQ(store.info().unit, kUnit);
  EXPECT_EQ(store.info().VerifierKey().rfind("hongqi-01+", 0), 0u);
  struct stat st;
  ASSERT_EQ(::stat((dir + "/station.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  auto key = store.LoadKey();
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->public_key(), store.info().public_key);
  auto status = store.LoadStatus();
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->catalog_version, 0u);
  EXPECT_EQ(status->catalog_hash, Catalog().Hash());
}

TEST(StationStore, InitTwiceIsRefused) {
  TempDir tmp;
  InitStore(tmp.path());
  InitRequest req{tmp.path(), "other", "白云村", {}, kNow};
  auto again = StationStore::Init(req);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().reason(), "already_initialized");
}

TEST(StationStore, InitValidatesItsInput) {
  TempDir tmp;
  EXPECT_EQ(StationStore::Init({tmp.path(), "Hong Qi", kUnit, {}, kNow}).status().reason(),
            "bad_station_id");
  EXPECT_EQ(StationStore::Init({tmp.path(), "hongqi", "", {}, kNow}).status().reason(), "bad_unit");
  HubSettings hub;
  hub.url = "http://hub:80";
  EXPECT_EQ(StationStore::Init({tmp.path(), "hongqi", kUnit, hub, kNow}).status().reason(),
            "bad_hub_url");
  struct stat st;
  EXPECT_NE(::stat((tmp.path() + "/station.db").c_str(), &st), 0) << "nothing written";
}

TEST(StationStore, InitResumesAfterACrashThatLeftOnlyTheKey) {
  TempDir tmp;
  auto key = PrivateKey::Generate();
  ASSERT_TRUE(key->SavePem(tmp.path() + "/station.key").ok());
  StationStore store = InitStore(tmp.path());
  EXPECT_EQ(store.info().public_key, key->public_key());
}

TEST(StationStore, OpenRefusesAnUninitializedDirWithoutCreatingFiles) {
  TempDir tmp;
  auto store = StationStore::Open(tmp.path());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().reason(), "not_initialized");
  struct stat st;
  EXPECT_NE(::stat((tmp.path() + "/station.db").c_str(), &st), 0);
}

TEST(StationStore, KeyReadableByOthersIsRefused) {
  TempDir tmp;
  StationStore store = InitStore(tmp.path());
  ::chmod((tmp.path() + "/station.key").c_str(), 0644);
  EXPECT_EQ(store.LoadKey().status().reason(), "key_permissions");
}

TEST(StationStore, ForeignKeyIsRefused) {
  TempDir tmp;
  StationStore store = InitStore(tmp.path());
  std::string path = tmp.path() + "/station.key";
  ::unlink(path.c_str());
  ASSERT_TRUE(PrivateKey::Generate()->SavePem(path).ok());
  EXPECT_EQ(store.LoadKey().status().reason(), "key_mismatch");
}

TEST(StationStore, HubSettingsChangeOneAtATime) {
  TempDir tmp;
  StationStore store = InitStore(tmp.path());
  HubSettings a;
  a.url = "https://hub.example:8443";
  ASSERT_TRUE(store.UpdateHub(a).ok());
  HubSettings b;
  b.cert_sha256 = std::string(64, 'F');
  ASSERT_TRUE(store.UpdateHub(b).ok());
  auto hub = store.LoadHub();
  EXPECT_EQ(hub->url, "https://hub.example:8443");
  EXPECT_EQ(hub->key, std::nullopt);
  EXPECT_EQ(hub->cert_sha256, std::string(64, 'f'));
  HubSettings bad;
  bad.key = "nonsense";
  EXPECT_EQ(store.UpdateHub(bad).reason(), "bad_hub_key");
}

TEST(StationStore, ActionsAreJournaledAndShownInTheView) {
  TempDir tmp;
  StationStore store = InitStore(tmp.path());
  auto n = store.RecordAction("add", "", kNow, Returning({MakeCreateEdit(NewRow(kId1))}));
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 1u);
  auto view = store.LoadView();
  ASSERT_TRUE(view.ok());
  ASSERT_NE(view->Find(kId1), nullptr);
  EXPECT_EQ(view->Find(kId1)->origin, RowOrigin::kPending);
  EXPECT_EQ(store.LoadStatus()->pending_edits, 1);
}

TEST(StationStore, AFailedPlanWritesNothing) {
  TempDir tmp;
  StationStore store = InitStore(tmp.path());
  std::string before = testing::StoreFingerprint(tmp.path());
  auto n = store.RecordAction("edit", "", kNow,
                              [](const WorkingView& v, const EditSink& emit) -> Status {
                                GK_ASSIGN_OR_RETURN(auto e, PlanRetire(v, kUnit, kId1));
                                return emit(e);
                              });
  EXPECT_EQ(n.status().reason(), "unknown_id");
  // A plan that fails after emitting edits leaves nothing either.
  auto half = store.RecordAction("import", "", kNow,
                                 [](const WorkingView&, const EditSink& emit) -> Status {
                                   GK_RETURN_IF_ERROR(emit(MakeCreateEdit(NewRow(kId1))));
                                   return InvalidArgument("unknown_value", "第 3 行: 不对");
                                 });
  EXPECT_EQ(half.status().reason(), "unknown_value");
  EXPECT_EQ(testing::StoreFingerprint(tmp.path()), before);
}

TEST(StationStore, SealMovesPendingEditsIntoTheOutbox) {
  TempDir tmp;
  StationStore store = InitStore(tmp.path());
  ASSERT_TRUE(store.RecordAction("add", "", kNow, Returning({MakeCreateEdit(NewRow(kId1))})).ok());
  ASSERT_TRUE(
      store
          .RecordAction("add", "", kNow,
                        Returning({MakeCreateEdit(NewRow(kId2)), MakeRetireEdit(NewRow(kId2))}))
          .ok());
  auto key = store.LoadKey();
  auto sealed = store.Seal(*key, "第一批", kNow);
  ASSERT_TRUE(sealed.ok()) << sealed.status().ToString();
  ASSERT_EQ(sealed->change_sets.size(), 1u);
  EXPECT_EQ(sealed->sealed_edits, 1u);
  EXPECT_EQ(sealed->cancelled_edits, 2u);
  auto status = store.LoadStatus();
  EXPECT_EQ(status->pending_edits, 0);
  EXPECT_EQ(status->outbox, 1);
  EXPECT_EQ(status->unsent, 1);
  EXPECT_EQ(status->last_seq, 1u);
  EXPECT_TRUE(store.VerifyOutboxChain().ok());
  EXPECT_EQ(store.LoadView()->Find(kId1)->origin, RowOrigin::kOutbox);
  EXPECT_EQ(store.LoadView()->Find(kId2), nullptr);

  auto history = store.LoadHistory(std::nullopt);
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].state, "sealed");
  EXPECT_EQ((*history)[0].changeset_seq, 1u);
  EXPECT_EQ((*history)[1].state, "cancelled");
  EXPECT_EQ((*history)[2].state, "cancelled");

  auto again = store.Seal(*key, "", kNow);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->change_sets.empty()) << "nothing left to seal";
}

TEST(StationStore, SealSplitsLargeBatchesIntoAChain) {
  TempDir tmp;
  StationStore store = InitStore(tmp.path());
  std::vector<PendingEdit> edits;
  for (int i = 0; i < 5; ++i) {
    char id[40];
    std::snprintf(id, sizeof id, "20000000-0000-4000-8000-%012d", i);
    edits.push_back(MakeCreateEdit(NewRow(id)));
  }
  ASSERT_TRUE(store.RecordAction("import", "x.csv", kNow, Returning(edits)).ok());
  SealLimits limits;
  limits.max_ops = 2;
  auto sealed = store.Seal(*store.LoadKey(), "", kNow, limits);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->change_sets.size(), 3u);
  EXPECT_TRUE(store.FullCheck().ok());
  auto history = store.LoadHistory(std::nullopt);
  EXPECT_EQ((*history)[4].changeset_seq, 3u);
}

TEST(StationStore, SealWithABadNoteWritesNothing) {
  TempDir tmp;
  StationStore store = InitStore(tmp.path());
  ASSERT_TRUE(store.RecordAction("add", "", kNow, Returning({MakeCreateEdit(NewRow(kId1))})).ok());
  std::string before = testing::StoreFingerprint(tmp.path());
  EXPECT_EQ(store.Seal(*store.LoadKey(), std::string(2000, 'x'), kNow).status().reason(),
            "too_long");
  EXPECT_EQ(testing::StoreFingerprint(tmp.path()), before);
}

class SyncApi : public ::testing::Test {
 protected:
  void SetUp() override {
    store_.emplace(InitStore(tmp_.path()));
    ASSERT_TRUE(
        store_->RecordAction("add", "", kNow, Returning({MakeCreateEdit(NewRow(kId1))})).ok());
    ASSERT_TRUE(store_->Seal(*store_->LoadKey(), "", kNow).ok());
    ASSERT_TRUE(
        store_->RecordAction("add", "", kNow, Returning({MakeCreateEdit(NewRow(kId2))})).ok());
    ASSERT_TRUE(store_->Seal(*store_->LoadKey(), "", kNow).ok());
    outbox_ = *store_->Outbox();
    ASSERT_EQ(outbox_.size(), 2u);
  }
  Receipt Accepted(size_t i, uint64_t log_index) {
    Receipt r;
    r.seq = outbox_[i].seq;
    r.changeset_id = outbox_[i].changeset_id;
    r.kind = Receipt::Kind::kAccepted;
    r.log_index = log_index;
    return r;
  }
  TempDir tmp_;
  std::optional<StationStore> store_;
  std::vector<OutboxEntry> outbox_;
};

TEST_F(SyncApi, OutboxToSendIsInSeqOrderAndKeepsSentOnes) {
  auto to_send = store_->OutboxToSend();
  ASSERT_EQ(to_send->size(), 2u);
  EXPECT_EQ((*to_send)[0].seq, 1u);
  EXPECT_EQ((*to_send)[1].prev, (*to_send)[0].changeset_id);
  ASSERT_TRUE(store_->MarkSent({1, 2}, kNow + 1).ok());
  EXPECT_EQ(store_->OutboxToSend()->size(), 2u) << "sent but unacknowledged: send again";
  ASSERT_TRUE(store_->RecordReceipts({Accepted(0, 5)}, kNow + 2).ok());
  auto rest = store_->OutboxToSend();
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ((*rest)[0].seq, 2u);
  EXPECT_EQ((*store_->Outbox())[0].log_index, 5u);
  EXPECT_EQ((*store_->Outbox())[0].state, OutboxState::kAccepted);
}

TEST_F(SyncApi, AMismatchedReceiptRecordsNothing) {
  Receipt good = Accepted(0, 5);
  Receipt bad = Accepted(1, 6);
  bad.changeset_id = outbox_[0].changeset_id;
  Status s = store_->RecordReceipts({good, bad}, kNow);
  EXPECT_EQ(s.reason(), "receipt_mismatch");
  EXPECT_EQ((*store_->Outbox())[0].state, OutboxState::kSealed) << "one transaction";
}

TEST_F(SyncApi, RejectionIsShownInHistoryAndStatus) {
  Receipt r = Accepted(1, 0);
  r.kind = Receipt::Kind::kRejected;
  r.log_index.reset();
  r.code = "conflict";
  r.reason = "与镇里的修改冲突";
  ASSERT_TRUE(store_->RecordReceipts({r}, kNow).ok());
  EXPECT_EQ(store_->LoadStatus()->rejected, 1);
  EXPECT_EQ(store_->LoadStatus()->outbox, 1);
  auto h = store_->LoadHistory(std::string(kId2));
  ASSERT_EQ(h->size(), 1u);
  EXPECT_EQ((*h)[0].state, "rejected");
  EXPECT_EQ((*h)[0].reject_reason, "与镇里的修改冲突");
  EXPECT_EQ(store_->LoadView()->Find(kId2), nullptr) << "rejected ops leave the view";
  ASSERT_TRUE(store_->RecordReceipts({Accepted(1, 9)}, kNow).ok());
  EXPECT_EQ((*store_->Outbox())[1].state, OutboxState::kRejected) << "decided stays decided";
}

TEST_F(SyncApi, ApplyingAnApprovedCatalogMarksIncludedChangeSets) {
  Catalog c;
  c.Put(NewRow(kId1));
  ApprovedUpdate u{1, c.Hash(), c, {{outbox_[0].changeset_id, 1}}};
  ASSERT_TRUE(store_->ApplyPulled(u, {}, kNow).ok());
  auto snap = store_->LoadApproved();
  EXPECT_EQ(snap->version, 1u);
  EXPECT_EQ(snap->rows, c);
  auto outbox = *store_->Outbox();
  EXPECT_EQ(outbox[0].state, OutboxState::kApproved);
  EXPECT_EQ(outbox[0].approved_version, 1u);
  EXPECT_EQ(outbox[1].state, OutboxState::kSealed);
  auto view = store_->LoadView();
  EXPECT_EQ(view->Find(kId1)->origin, RowOrigin::kApproved);
  EXPECT_EQ(view->Find(kId2)->origin, RowOrigin::kOutbox);
  auto status = store_->LoadStatus();
  EXPECT_EQ(status->catalog_version, 1u);
  EXPECT_EQ(status->approved_rows, 1);
  EXPECT_EQ(status->outbox, 1);
  EXPECT_TRUE(store_->ApplyPulled(u, {}, kNow).ok()) << "same version again: no-op";
}

TEST_F(SyncApi, EachChangeSetRecordsTheVersionThatApprovedItWhenSeveralArriveAtOnce) {
  // The station was offline while the town approved versions 3 and 4; one
  // pull brings both: each change set keeps the version that approved it.
  Catalog c;
  c.Put(NewRow(kId1));
  c.Put(NewRow(kId2));
  ApprovedUpdate u{4, c.Hash(), c,
                   {{outbox_[0].changeset_id, 3}, {outbox_[1].changeset_id, 4}}};
  ASSERT_TRUE(store_->ApplyPulled(u, {}, kNow).ok());
  auto outbox = *store_->Outbox();
  EXPECT_EQ(outbox[0].state, OutboxState::kApproved);
  EXPECT_EQ(outbox[0].approved_version, 3u);
  EXPECT_EQ(outbox[1].state, OutboxState::kApproved);
  EXPECT_EQ(outbox[1].approved_version, 4u);
}

TEST_F(SyncApi, ApprovedCatalogChecks) {
  Catalog c;
  c.Put(NewRow(kId1));
  ApprovedUpdate bad_hash{1, Hash32{}, c, {}};
  EXPECT_EQ(store_->ApplyPulled(bad_hash, {}, kNow).reason(), "catalog_hash_mismatch");
  ApprovedUpdate v0{0, c.Hash(), c, {}};
  EXPECT_EQ(store_->ApplyPulled(v0, {}, kNow).reason(), "stale_catalog");
  EXPECT_EQ(store_->LoadApproved()->version, 0u);
}

TEST_F(SyncApi, PendingEditsWhoseBaseMovedAreCountedAsConflicts) {
  Row approved = NewRow(kId1);
  approved.Set(Field::kNotes, "镇里改的");
  Catalog c;
  c.Put(approved);
  ASSERT_TRUE(
      store_->ApplyPulled(ApprovedUpdate{1, c.Hash(), c, {{outbox_[0].changeset_id, 1}}}, {}, kNow)
          .ok());
  ASSERT_TRUE(store_
                  ->RecordAction("edit", "", kNow,
                                 Returning({MakeSetEdit(kId1, Field::kNotes, "", "本站改的")}))
                  .ok());
  EXPECT_EQ(store_->LoadStatus()->conflicts, 1);
}

TEST_F(SyncApi, LastSyncIsRecorded) {
  EXPECT_EQ(store_->LoadStatus()->last_sync, std::nullopt);
  ASSERT_TRUE(store_->RecordSync(kNow + 60).ok());
  EXPECT_EQ(store_->LoadStatus()->last_sync, kNow + 60);
}

TEST_F(SyncApi, ATamperedOutboxFailsTheChainCheck) {
  ASSERT_TRUE(store_->VerifyOutboxChain().ok());
  ASSERT_TRUE(store_->db().Exec("UPDATE outbox SET prev = zeroblob(32) WHERE seq = 2").ok());
  EXPECT_EQ(store_->VerifyOutboxChain().reason(), "outbox_broken");
}

TEST_F(SyncApi, AGapInTheOutboxFailsTheChainCheck) {
  ASSERT_TRUE(store_->db().Exec("PRAGMA foreign_keys=OFF; DELETE FROM outbox WHERE seq = 1").ok());
  EXPECT_EQ(store_->VerifyOutboxChain().reason(), "outbox_broken");
}

}  // namespace
}  // namespace gongkai::station
