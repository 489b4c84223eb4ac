// The witness's state on a real SQLite file: init, add-log, and the answer
// and stored state for every status code of C2SP tlog-witness, including
// the race of two concurrent submissions (docs/witness.md).
#include "hub/county_witness/witness_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

#include "core/log/cosignature.h"
#include "core/log/note.h"
#include "tests/testing/sample_log.h"
#include "tests/testing/sql_file.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::witness {
namespace {

using gongkai::testing::SampleLog;

constexpr int64_t kNow = 1767225600;

class WitnessStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<WitnessIdentity> id = InitWitness({dir_.path(), "county.example/witness", {}});
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    id_ = *id;
    Result<WitnessStore> store = WitnessStore::Open(dir_.path());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_.emplace(std::move(store).value());
    ASSERT_TRUE(store_->AddLog(log_.vkey().ToString(), kNow).ok());
  }
  int64_t StoredSize() {
    return gongkai::testing::SqlFile(WitnessPaths{dir_.path()}.db())
        .Int("SELECT size FROM logs WHERE origin = 'town.example/log'");
  }
  int64_t Evidence() {
    return gongkai::testing::CountRows(WitnessPaths{dir_.path()}.db(), "evidence");
  }
  // The cosignature in a 200 answer verifies with the witness key.
  void ExpectCosigns(const SubmitAnswer& a, uint64_t size) {
    ASSERT_EQ(a.status, 200) << a.body;
    const std::string note = log_.Signed(size) + a.body;
    ParsedNote parsed = ParseNote(note).value();
    Result<std::vector<Cosignature>> got = VerifyCosignatures(parsed, {&id_.key, 1});
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_EQ(got->size(), 1u);
    EXPECT_EQ((*got)[0].timestamp, uint64_t(kNow));
  }

  TempDir dir_;
  WitnessIdentity id_;
  SampleLog log_;
  std::optional<WitnessStore> store_;
};

TEST_F(WitnessStoreTest, InitWritesAWitnessKeyOfType04) {
  EXPECT_EQ(id_.key.type, kCosignatureV1KeyType);
  EXPECT_EQ(id_.name, "county.example/witness");
  EXPECT_TRUE(ParseVerifierKey(id_.key.ToString(), kCosignatureV1KeyType).ok());
  Result<WitnessIdentity> again = InitWitness({dir_.path(), "county.example/witness", {}});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().reason(), "already_initialized");
  // The key was not replaced.
  EXPECT_EQ(ReadWitnessIdentity(WitnessPaths{dir_.path()})->key.ToString(), id_.key.ToString());
}

TEST_F(WitnessStoreTest, InitRefusesABadName) {
  TempDir other;
  EXPECT_EQ(InitWitness({other.path() + "/w", "has space", {}}).status().reason(),
            "bad_witness_name");
  EXPECT_FALSE(std::filesystem::exists(other.path() + "/w"));
}

TEST_F(WitnessStoreTest, OpenRefusesADirWithoutWitness) {
  TempDir other;
  EXPECT_EQ(WitnessStore::Open(other.path()).status().reason(), "not_a_witness_dir");
}

TEST_F(WitnessStoreTest, AddLogTwiceOrWithAWitnessKeyIsRefused) {
  EXPECT_EQ(store_->AddLog(log_.vkey().ToString(), kNow).status().reason(), "log_exists");
  EXPECT_EQ(store_->AddLog(id_.key.ToString(), kNow).status().reason(), "bad_verifier_key");
  EXPECT_EQ(store_->Logs()->size(), 1u);
}

TEST_F(WitnessStoreTest, CosignsGrowthAndStoresItDurably) {
  ExpectCosigns(store_->AddCheckpoint(log_.Body(0, 5), kNow), 5);
  EXPECT_EQ(StoredSize(), 5);
  ExpectCosigns(store_->AddCheckpoint(log_.Body(5, 9), kNow), 9);
  EXPECT_EQ(StoredSize(), 9);
  // A reopened store (a restarted witness) continues from 9.
  store_.reset();
  store_.emplace(WitnessStore::Open(dir_.path()).value());
  SubmitAnswer a = store_->AddCheckpoint(log_.Body(5, 9), kNow);
  EXPECT_EQ(a.status, 409);
  EXPECT_EQ(a.body, "9\n");
  std::vector<LogRecord> logs = store_->Logs().value();
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_EQ(logs[0].size, 9u);
  // The stored checkpoint carries the log's signature and the cosignature.
  ParsedNote stored = ParseNote(logs[0].checkpoint).value();
  EXPECT_EQ(stored.signatures.size(), 2u);
  EXPECT_EQ(VerifyCosignatures(stored, {&id_.key, 1})->size(), 1u);
  EXPECT_EQ(Evidence(), 0);
}

TEST_F(WitnessStoreTest, UnknownOriginIs404AndWritesNothing) {
  SampleLog other("other.example/log", 0x22);
  const Hash32 before =
      gongkai::testing::TablesDigest(WitnessPaths{dir_.path()}.db(), {"logs", "evidence"});
  SubmitAnswer a = store_->AddCheckpoint(other.Body(0, 5), kNow);
  EXPECT_EQ(a.status, 404);
  EXPECT_EQ(a.reason, "unknown_origin");
  EXPECT_EQ(gongkai::testing::TablesDigest(WitnessPaths{dir_.path()}.db(), {"logs", "evidence"}),
            before);
}

TEST_F(WitnessStoreTest, ForeignSignatureIs403AndWritesNothing) {
  AddCheckpointRequest req = log_.Request(0, 5);
  req.checkpoint = log_.Signed(5, PrivateKey::FromSeed(Bytes(32, 0x99)).value());
  SubmitAnswer a = store_->AddCheckpoint(FormatAddCheckpointRequest(req), kNow);
  EXPECT_EQ(a.status, 403);
  EXPECT_EQ(StoredSize(), 0);
  EXPECT_EQ(Evidence(), 0);
}

TEST_F(WitnessStoreTest, MalformedBodiesAre400) {
  EXPECT_EQ(store_->AddCheckpoint("", kNow).status, 400);
  EXPECT_EQ(store_->AddCheckpoint("old 0\n", kNow).status, 400);
  EXPECT_EQ(store_->AddCheckpoint("old 0\n\nnot a note\n", kNow).status, 400);
  AddCheckpointRequest req = log_.Request(0, 5);
  req.old_size = 6;
  SubmitAnswer a = store_->AddCheckpoint(FormatAddCheckpointRequest(req), kNow);
  EXPECT_EQ(a.status, 400);
  EXPECT_EQ(a.reason, "old_size_too_large");
  EXPECT_EQ(StoredSize(), 0);
}

TEST_F(WitnessStoreTest, StaleOldSizeIs409WithTheStoredSize) {
  ASSERT_EQ(store_->AddCheckpoint(log_.Body(0, 5), kNow).status, 200);
  SubmitAnswer a = store_->AddCheckpoint(log_.Body(0, 9), kNow);
  EXPECT_EQ(a.status, 409);
  EXPECT_EQ(a.content_type, "text/x.tlog.size");
  EXPECT_EQ(a.body, "5\n");
  EXPECT_EQ(StoredSize(), 5);
  EXPECT_EQ(Evidence(), 0);  // growth from a stale size is not misbehaviour
}

TEST_F(WitnessStoreTest, RollbackIs409AndKeptAsEvidence) {
  ASSERT_EQ(store_->AddCheckpoint(log_.Body(0, 9), kNow).status, 200);
  // The hub's newest entries were deleted: it signs size 5 again.
  SubmitAnswer a = store_->AddCheckpoint(log_.Body(5, 5), kNow);
  EXPECT_EQ(a.status, 409);
  EXPECT_EQ(a.body, "9\n");
  EXPECT_EQ(StoredSize(), 9);
  EXPECT_EQ(Evidence(), 1);
  EXPECT_EQ(store_->Logs()->at(0).evidence, 1);
}

TEST_F(WitnessStoreTest, ForkIs422AndKeptAsEvidence) {
  ASSERT_EQ(store_->AddCheckpoint(log_.Body(0, 5), kNow).status, 200);
  // Same key, another history (an old leaf rewritten).
  SampleLog fork("town.example/log", 0x21, 9, "forged ");
  SubmitAnswer a = store_->AddCheckpoint(fork.Body(5, 9), kNow);
  EXPECT_EQ(a.status, 422);
  EXPECT_EQ(a.reason, "inconsistent");
  EXPECT_EQ(StoredSize(), 5);
  EXPECT_EQ(Evidence(), 1);
  // Same size, other root: 409.
  a = store_->AddCheckpoint(fork.Body(5, 5), kNow);
  EXPECT_EQ(a.status, 409);
  EXPECT_EQ(a.reason, "root_mismatch");
  EXPECT_EQ(Evidence(), 2);
}

TEST_F(WitnessStoreTest, ConcurrentSubmissionsNeverRollBack) {
  // The race of the spec: both requests say old 5; one grows to 7, one to 9.
  // Whichever is decided first wins; the other must get 409, never a
  // cosignature that takes the stored size back.
  for (int round = 0; round < 20; ++round) {
    TempDir dir;
    ASSERT_TRUE(InitWitness({dir.path(), "county.example/witness", {}}).ok());
    WitnessStore store = WitnessStore::Open(dir.path()).value();
    ASSERT_TRUE(store.AddLog(log_.vkey().ToString(), kNow).ok());
    ASSERT_EQ(store.AddCheckpoint(log_.Body(0, 5), kNow).status, 200);
    const std::string to7 = log_.Body(5, 7), to9 = log_.Body(5, 9);
    std::atomic<bool> go{false};
    SubmitAnswer a7, a9;
    std::thread t7([&] {
      while (!go) {
      }
      a7 = store.AddCheckpoint(to7, kNow);
    });
    std::thread t9([&] {
      while (!go) {
      }
      a9 = store.AddCheckpoint(to9, kNow);
    });
    go = true;
    t7.join();
    t9.join();
    ASSERT_EQ((a7.status == 200) + (a9.status == 200), 1) << a7.body << a9.body;
    const SubmitAnswer& lost = a7.status == 200 ? a9 : a7;
    const uint64_t won = a7.status == 200 ? 7 : 9;
    EXPECT_EQ(lost.status, 409);
    EXPECT_EQ(lost.body, std::to_string(won) + "\n");
    EXPECT_EQ(store.Logs()->at(0).size, won);
  }
}

}  // namespace
}  // namespace gongkai::witness
