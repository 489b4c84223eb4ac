// A station never wedges on a refused upload (docs/station-sync.md § "When
// the town's server refuses"): PushOutbox against a small in-process hub
// that keeps the chain rule (seq = last + 1, prev = its id) and refuses
// what a test tells it to, with the hub's receipt JSON.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <set>

#include "core/base/hex.h"
#include "core/changeset/changeset.h"
#include "core/changeset/refusal.h"
#include "core/record/envelope.h"
#include "core/record/envelope_batch.h"
#include "station/edits/edit_plan.h"
#include "station/sync/push_outbox.h"
#include "station/sync/sync_round.h"
#include "tests/station/station_fixture.h"
#include "tests/testing/sample_rows.h"

namespace gongkai::station {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

Row NewRow(int n, const std::string& unit = kUnit) {
  Row r = SampleVillageRow();
  char id[40];
  std::snprintf(id, sizeof id, "20000000-0000-4000-8000-%012d", n);
  r.id = id;
  r.unit = unit;
  return r;
}

// One clerk action creating the rows.
void Add(StationStore& store, std::vector<Row> rows) {
  auto n = store.RecordAction("add", "", kNow, [&](const WorkingView&, const EditSink& emit) {
    for (const Row& r : rows) GK_RETURN_IF_ERROR(emit(MakeCreateEdit(r)));
    return Status::Ok();
  });
  ASSERT_TRUE(n.ok()) << n.status().ToString();
}

void SealAll(StationStore& store, const std::string& note) {
  auto key = store.LoadKey();
  ASSERT_TRUE(key.ok());
  auto sealed = store.Seal(*key, note, kNow);
  ASSERT_TRUE(sealed.ok()) << sealed.status().ToString();
}

// The hub's side, in miniature: the chain rule of hub/ingest/apply_upload.h
// and refusals chosen by the test.
struct MiniHub {
  PublicKey station_key{};
  bool enrolled = true;
  std::set<std::string> bad_rows;  // creates of these rows: unknown_value, named by op
  std::string refuse_all_code;     // every upload refused with this code
  uint64_t last_seq = 0;
  Hash32 last_id{};
  std::map<std::string, Row> rows;  // accepted creates
  size_t posts = 0;

  Result<HttpsResponse> Post(const std::string& body) {
    ++posts;
    auto batch = DecodeEnvelopeBatch(Bytes(body.begin(), body.end()), 1000);
    if (!batch.ok()) return batch.status();
    boost::json::array receipts;
    bool refused = false;
    for (size_t i = 0; i < batch->size(); ++i) {
      auto env = DecodeEnvelope((*batch)[i]);
      auto cs = DecodeChangeSet(env->body);
      EXPECT_TRUE(VerifyEnvelope(*env, station_key).ok()) << "signature of seq " << cs->seq;
      Hash32 id = ChangeSetId(env->body);
      boost::json::object r{{"index", i}, {"seq", cs->seq}, {"id", HexEncode(id)}};
      auto reject = [&](const std::string& code, const std::string& msg,
                        std::vector<size_t> ops) {
        r["status"] = "rejected";
        r["code"] = code;
        r["message"] = msg;
        if (!ops.empty()) {
          boost::json::array a;
          for (size_t o : ops) a.push_back(o);
          r["ops"] = std::move(a);
        }
        refused = true;
      };
      if (refused) {
        reject("seq_gap", "应为 " + std::to_string(last_seq + 1), {});
      } else if (!enrolled) {
        reject("unknown_station", "站点没有登记", {});
      } else if (!refuse_all_code.empty()) {
        reject(refuse_all_code, "refused", {});
      } else if (cs->seq != last_seq + 1 || cs->prev != last_id) {
        reject("seq_gap", "应为 " + std::to_string(last_seq + 1), {});
      } else {
        std::vector<size_t> bad;
        for (size_t k = 0; k < cs->ops.size(); ++k) {
          if (bad_rows.count(OpRowId(cs->ops[k]))) bad.push_back(k);
        }
        if (!bad.empty()) {
          reject("unknown_value", "第 " + std::to_string(bad[0] + 1) + " 项修改: 值不在列表中",
                 bad);
        } else {
          last_seq = cs->seq;
          last_id = id;
          for (const Op& op : cs->ops) {
            if (auto* c = std::get_if<CreateOp>(&op)) rows[c->row.id] = c->row;
          }
          r["status"] = "accepted";
          r["log_index"] = last_seq + 10;
        }
      }
      receipts.push_back(std::move(r));
    }
    HttpsResponse resp;
    resp.status = refused ? 409 : 200;
    resp.body = boost::json::serialize(boost::json::object{{"receipts", std::move(receipts)}});
    return resp;
  }
};

class RefusedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_.emplace(InitStore(tmp_.path() + "/st"));
    hub_.station_key = store_->info().public_key;
  }
  Result<PushReport> Push() {
    auto key = store_->LoadKey();
    EXPECT_TRUE(key.ok());
    return PushOutbox(
        *store_, *key, [this](const std::string& b) { return hub_.Post(b); }, PushOptions{}, kNow);
  }
  std::vector<OutboxEntry> Outbox() { return store_->Outbox().value(); }

  TempDir tmp_;
  std::optional<StationStore> store_;
  MiniHub hub_;
};

TEST_F(RefusedTest, NotEnrolledRefusesTheWholeUploadAndMarksNothing) {
  Add(*store_, {NewRow(1), NewRow(2)});
  SealAll(*store_, "导入");
  hub_.enrolled = false;
  std::string before = testing::StoreFingerprint(tmp_.path() + "/st");
  auto report = Push();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->refused_whole.has_value());
  EXPECT_EQ(report->refused_whole->reason(), "unknown_station");
  EXPECT_NE(report->refused_whole->message().find(store_->info().VerifierKey()),
            std::string::npos);
  EXPECT_EQ(testing::StoreFingerprint(tmp_.path() + "/st"), before);
  ASSERT_EQ(Outbox().size(), 1u);
  EXPECT_EQ(Outbox()[0].state, OutboxState::kSent);  // sent, not decided
  EXPECT_TRUE(store_->HeldRows()->empty());
  EXPECT_EQ(store_->LastStationRefusal().value()->code, "unknown_station");
  EXPECT_TRUE(store_->NeedsIntroduction().value());

  // Enrolled now: the same change set goes, and the refusal is forgotten.
  hub_.enrolled = true;
  report = Push();
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->refused_whole.has_value());
  EXPECT_EQ(report->Accepted(), 1u);
  EXPECT_EQ(Outbox()[0].state, OutboxState::kAccepted);
  EXPECT_EQ(hub_.rows.size(), 2u);
  EXPECT_FALSE(store_->LastStationRefusal().value().has_value());
  EXPECT_FALSE(store_->NeedsIntroduction().value());
}

TEST_F(RefusedTest, ChainAndUnknownCodesAreWholeRefusalsToo) {
  for (const char* code : {"seq_gap", "equivocation", "unsupported_format", "something_new"}) {
    SCOPED_TRACE(code);
    Add(*store_, {NewRow(static_cast<int>(std::string(code).size()))});
    SealAll(*store_, code);
    hub_.refuse_all_code = code;
    size_t before = Outbox().size();
    auto report = Push();
    ASSERT_TRUE(report.ok());
    ASSERT_TRUE(report->refused_whole.has_value());
    EXPECT_EQ(report->refused_whole->reason(), code);
    EXPECT_EQ(Outbox().size(), before);
    EXPECT_TRUE(store_->RefusedChangeSets()->empty());
  }
}

TEST_F(RefusedTest, RefusedEditsComeBackAndLaterChangeSetsAreResealed) {
  // seq 1: rows 1..3 (row 2 will be refused); seq 2: row 4; seq 3: rows 5, 6.
  Add(*store_, {NewRow(1), NewRow(2), NewRow(3)});
  SealAll(*store_, "第一批");
  Add(*store_, {NewRow(4)});
  SealAll(*store_, "第二批");
  Add(*store_, {NewRow(5), NewRow(6)});
  SealAll(*store_, "第三批");
  ASSERT_EQ(Outbox().size(), 3u);
  Hash32 old_second = Outbox()[1].changeset_id;
  hub_.bad_rows = {NewRow(2).id};

  auto report = Push();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->refused_whole.has_value());
  ASSERT_EQ(report->returned.size(), 1u);
  EXPECT_EQ(report->returned[0].seq, 1u);
  EXPECT_EQ(report->returned[0].code, "unknown_value");
  EXPECT_EQ(report->returned[0].held_rows, std::vector<std::string>{NewRow(2).id});
  EXPECT_EQ(report->returned[0].resealed, (std::vector<uint64_t>{1, 2, 3}));

  // The hub holds every row but the refused one, in an unbroken chain.
  EXPECT_EQ(hub_.last_seq, 3u);
  EXPECT_EQ(hub_.rows.size(), 5u);
  EXPECT_FALSE(hub_.rows.count(NewRow(2).id));
  auto outbox = Outbox();
  ASSERT_EQ(outbox.size(), 3u);
  for (const OutboxEntry& e : outbox) EXPECT_EQ(e.state, OutboxState::kAccepted) << e.seq;
  EXPECT_NE(outbox[1].changeset_id, old_second);  // re-signed with a new prev
  EXPECT_EQ(outbox[0].note, "第一批");
  EXPECT_EQ(outbox[2].note, "第三批");
  EXPECT_TRUE(store_->VerifyOutboxChain().ok());

  // The refused row waits for the clerk, visible and unsealed.
  auto held = store_->HeldRows();
  ASSERT_EQ(held->size(), 1u);
  EXPECT_EQ((*held)[0].row_id, NewRow(2).id);
  EXPECT_EQ((*held)[0].code, "unknown_value");
  EXPECT_EQ((*held)[0].refused_seq, 1u);
  auto view = store_->LoadView();
  ASSERT_NE(view->Find(NewRow(2).id), nullptr);
  EXPECT_EQ(store_->LoadStatus()->held_rows, 1);
  auto refused = store_->RefusedChangeSets();
  ASSERT_EQ(refused->size(), 3u);
  EXPECT_EQ((*refused)[0].role, "refused");
  EXPECT_EQ((*refused)[1].role, "withdrawn");
  EXPECT_EQ((*refused)[1].resealed_as, 2u);

  // A seal leaves the held row out; nothing else is pending.
  auto key = store_->LoadKey();
  auto sealed = store_->Seal(*key, "", kNow);
  ASSERT_TRUE(sealed.ok());
  EXPECT_TRUE(sealed->change_sets.empty());

  // The clerk fixes the row: it is released, sealed and delivered.
  auto fixed = store_->RecordAction("edit", "", kNow, [&](const WorkingView& v, const EditSink& emit) {
    const ViewRow* vr = v.Find(NewRow(2).id);
    return emit(MakeSetEdit(vr->row.id, Field::kNotes, vr->row.Get(Field::kNotes), "已改正"));
  });
  ASSERT_TRUE(fixed.ok()) << fixed.status().ToString();
  EXPECT_TRUE(store_->HeldRows()->empty());
  hub_.bad_rows.clear();
  SealAll(*store_, "改正");
  report = Push();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->returned.empty());
  EXPECT_EQ(hub_.last_seq, 4u);
  ASSERT_TRUE(hub_.rows.count(NewRow(2).id));
  EXPECT_EQ(hub_.rows[NewRow(2).id].Get(Field::kNotes), "已改正");
  EXPECT_TRUE(store_->VerifyOutboxChain().ok());
}

TEST_F(RefusedTest, EveryRowNamedIsHeldAndAChangeSetLeftEmptyIsNotResealed) {
  Add(*store_, {NewRow(1), NewRow(2)});
  SealAll(*store_, "两条都不行");
  Add(*store_, {NewRow(3)});
  SealAll(*store_, "这条可以");
  hub_.bad_rows = {NewRow(1).id, NewRow(2).id};
  auto report = Push();
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->returned.size(), 1u);
  EXPECT_EQ(report->returned[0].held_rows.size(), 2u);
  EXPECT_EQ(report->returned[0].resealed, std::vector<uint64_t>{1});
  auto outbox = Outbox();
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].note, "这条可以");
  EXPECT_EQ(hub_.rows.size(), 1u);
  // Each held row has a reason of its own words.
  auto held = store_->HeldRows().value();
  ASSERT_EQ(held.size(), 2u);
  EXPECT_NE(held[0].reason, held[1].reason);

  // Discarding gives the rows up for good: nothing held, nothing pending.
  auto n = store_->DiscardPending(NewRow(1).id, kNow);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1u);
  EXPECT_EQ(store_->HeldRows()->size(), 1u);
  ASSERT_TRUE(store_->DiscardPending(NewRow(2).id, kNow).ok());
  EXPECT_EQ(store_->LoadStatus()->pending_edits, 0);
  EXPECT_EQ(store_->LoadView()->Find(NewRow(1).id), nullptr);
}

TEST_F(RefusedTest, OutsideUnitForOwnCreatesMeansEnrolledUnderAnotherUnit) {
  Add(*store_, {NewRow(1)});
  SealAll(*store_, "");
  hub_.refuse_all_code = "outside_unit";
  auto report = Push();
  ASSERT_TRUE(report.ok());
  ASSERT_TRUE(report->refused_whole.has_value());
  EXPECT_EQ(report->refused_whole->reason(), "unit_not_enrolled");
  EXPECT_EQ(ExitCodeFor(*report->refused_whole), 9);
  EXPECT_TRUE(store_->HeldRows()->empty());
  EXPECT_EQ(Outbox().size(), 1u);
}

TEST_F(RefusedTest, ARefusalThatNamesAnotherChangeSetChangesNothing) {
  Add(*store_, {NewRow(1)});
  SealAll(*store_, "");
  std::string before = testing::StoreFingerprint(tmp_.path() + "/st");
  auto key = store_->LoadKey();
  Refusal wrong{1, Hash32{}, "unknown_value", "x", {}};
  auto r = store_->ReturnRefused(*key, wrong, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "receipt_mismatch");
  EXPECT_EQ(testing::StoreFingerprint(tmp_.path() + "/st"), before);
  EXPECT_TRUE(store_->RefusedChangeSets()->empty());
}

TEST_F(RefusedTest, ExitCodesTellTheOutcomes) {
  EXPECT_EQ(ExitCodeFor(Status::Ok()), 0);
  EXPECT_EQ(ExitCodeFor(HeldStatus({HeldRow{NewRow(1).id, "unknown_value", "x", 1, kNow}})), 8);
  EXPECT_EQ(ExitCodeFor(WholeRefusal("unknown_station", "m", "v")), 9);
  EXPECT_EQ(ExitCodeFor(WholeRefusal("station_revoked", "m", "v")), 9);
  EXPECT_EQ(ExitCodeFor(WholeRefusal("bad_signature", "m", "v")), 9);
  EXPECT_EQ(ExitCodeFor(WholeRefusal("seq_gap", "m", "v")), 5);
  EXPECT_EQ(ExitCodeFor(Unavailable("hub_unreachable", "m")), 6);
  EXPECT_EQ(ScopeOfRefusal("row_exists"), RefusalScope::kEdits);
  EXPECT_EQ(ScopeOfRefusal("prev_mismatch"), RefusalScope::kChain);
  EXPECT_EQ(ScopeOfRefusal("a_code_from_a_newer_hub"), RefusalScope::kStation);
}

// A store from before migration 4 whose chain stopped at an ingest refusal
// is mended on open: the never-logged entries are sealed again, the
// administrator's rejections stay.
TEST(RefusedMigration, OldIngestRefusalsAreSealedAgain) {
  TempDir tmp;
  std::string dir = tmp.path() + "/st";
  {
    StationStore store = InitStore(dir);
    Add(store, {NewRow(1)});
    SealAll(store, "a");
    Add(store, {NewRow(2)});
    SealAll(store, "b");
    Add(store, {NewRow(3)});
    SealAll(store, "c");
    Database& db = store.db();
    ASSERT_TRUE(
        db.Exec("UPDATE outbox SET state = 'rejected', reject_code = 'unknown_station', "
                "reject_reason = 'x' WHERE seq IN (1, 2);"
                "UPDATE outbox SET state = 'rejected', reject_code = 'rejected_by_admin', "
                "reject_reason = 'y', log_index = 5 WHERE seq = 3;"
                "DROP TABLE station_keys; DROP TABLE held_rows; DROP TABLE refused_changesets;"
                "ALTER TABLE station DROP COLUMN refusal_code;"
                "ALTER TABLE station DROP COLUMN refusal_message;"
                "ALTER TABLE station DROP COLUMN refusal_at;"
                "ALTER TABLE station DROP COLUMN witness_keys;"
                "ALTER TABLE station DROP COLUMN witness_quorum;"
                "ALTER TABLE accepted_checkpoints DROP COLUMN frontier;"
                "PRAGMA user_version = 3;")
            .ok());
  }
  auto store = StationStore::Open(dir);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto outbox = store->Outbox().value();
  ASSERT_EQ(outbox.size(), 3u);
  EXPECT_EQ(outbox[0].state, OutboxState::kSealed);
  EXPECT_EQ(outbox[1].state, OutboxState::kSealed);
  EXPECT_EQ(outbox[2].state, OutboxState::kRejected);
  EXPECT_EQ(outbox[2].reject_code, "rejected_by_admin");
  EXPECT_TRUE(store->HeldRows()->empty());
}

// Migration 7 rebuilds `edits` (its checks as comparisons, not IN lists):
// every edit, pending or sealed, comes through with its state, and the
// checks still refuse what they refused.
TEST(EditsMigration, RebuiltTableKeepsEveryEditAndItsChecks) {
  TempDir tmp;
  std::string dir = tmp.path() + "/st";
  const std::string kDump =
      "SELECT group_concat(edit_id || '|' || action_id || '|' || kind || '|' || row_id || '|' || "
      "coalesce(field, '-') || '|' || state || '|' || coalesce(changeset_seq, '-') || '|' || "
      "hex(coalesce(row_body, '')), ';') FROM (SELECT * FROM edits ORDER BY edit_id)";
  std::string before;
  {
    StationStore store = InitStore(dir);
    Add(store, {NewRow(1), NewRow(2)});
    SealAll(store, "a");
    Add(store, {NewRow(3)});
    auto st = store.db().Prepare(kDump);
    ASSERT_TRUE(st.ok());
    ASSERT_TRUE(st->Step().value());
    before = st->ColumnText(0);
    ASSERT_TRUE(store.db()
                    .Exec("ALTER TABLE accepted_checkpoints DROP COLUMN frontier;"
                          "PRAGMA user_version = 6;")
                    .ok());
  }
  auto store = StationStore::Open(dir);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto st = store->db().Prepare(kDump);
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(st->Step().value());
  EXPECT_EQ(st->ColumnText(0), before);
  EXPECT_NE(before.find("|sealed|1|"), std::string::npos) << before;
  EXPECT_NE(before.find("|pending|-|"), std::string::npos) << before;
  EXPECT_FALSE(store->db()
                   .Exec("INSERT INTO edits(action_id, kind, row_id, row_body) "
                         "VALUES (1, 'bogus', 'x', x'00')")
                   .ok());
  EXPECT_FALSE(store->db()
                   .Exec("INSERT INTO edits(action_id, kind, row_id, row_body, state) "
                         "VALUES (1, 'create', 'x', x'00', 'lost')")
                   .ok());
}

}  // namespace
}  // namespace gongkai::station
