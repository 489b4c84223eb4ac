// The station side of the transparency log: the pure check of a new hub
// checkpoint against the newest accepted one (consistency), of a decision
// entry against a checkpoint (inclusion), and the store of accepted
// checkpoints and alarms. Two hubs with the same key serving different
// histories: the station accepts one and refuses the other, storing
// nothing but the alarm.
#include <gtest/gtest.h>

#include "core/catalog/catalog.h"
#include "core/log/compact_range.h"
#include "core/log/merkle.h"
#include "core/store/sqlite.h"
#include "station/log/accepted_checkpoints.h"
#include "station/log/checkpoint_check.h"
#include "station/store/schema.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::station {
namespace {

constexpr const char* kOrigin = "town.example/gongkai";

Bytes Leaf(const std::string& history, int i) {
  std::string s = history + "-" + std::to_string(i);
  return Bytes(s.begin(), s.end());
}

// A hub's tree: `common` shared entries, then entries of its own history.
struct TestLog {
  MemoryNodeStore tree;
  std::vector<Bytes> leaves;
  TestLog(int common, int own, const std::string& name) {
    for (int i = 0; i < common + own; ++i) {
      leaves.push_back(Leaf(i < common ? "common" : name, i));
      EXPECT_TRUE(tree.Append(LeafHash(leaves.back())).ok());
    }
  }
  Checkpoint At(uint64_t n, uint64_t version = 0) {
    return Checkpoint{kOrigin, n, *Root(tree, n), version, Catalog().Hash()};
  }
};

class CheckpointCheckTest : public ::testing::Test {
 protected:
  PrivateKey key_ = PrivateKey::FromSeed(Bytes(32, 0x51)).value();
  VerifierKey vkey_ = MakeVerifierKey(kOrigin, key_.public_key());
  std::string Sign(const Checkpoint& cp) { return *SignCheckpoint(cp, kOrigin, key_); }
};

TEST_F(CheckpointCheckTest, TheFirstCheckpointNeedsOnlyTheSignature) {
  TestLog log(5, 0, "a");
  Result<Checkpoint> cp = CheckNewCheckpoint(Sign(log.At(5)), vkey_, std::nullopt, {});
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  EXPECT_EQ(cp->size, 5u);

  PrivateKey other = PrivateKey::FromSeed(Bytes(32, 0x52)).value();
  std::string forged = *SignCheckpoint(log.At(5), kOrigin, other);
  EXPECT_EQ(CheckNewCheckpoint(forged, vkey_, std::nullopt, {}).status().reason(),
            "no_known_signature");
}

TEST_F(CheckpointCheckTest, AGrownLogWithAConsistencyProofIsAccepted) {
  TestLog log(9, 0, "a");
  Checkpoint last = log.At(4);
  std::vector<Hash32> proof = *ConsistencyProof(log.tree, 4, 9);
  Result<Checkpoint> cp = CheckNewCheckpoint(Sign(log.At(9, 1)), vkey_, last, proof);
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  // The same checkpoint again (nothing new): empty proof.
  EXPECT_TRUE(CheckNewCheckpoint(Sign(log.At(9, 1)), vkey_, *cp, {}).ok());
}

TEST_F(CheckpointCheckTest, AForkedHistoryIsRefused) {
  TestLog a(6, 3, "a"), b(6, 3, "b");
  Checkpoint accepted = a.At(9);
  // Hub B grows its own history; its proof is honest for B's tree.
  TestLog b_longer(6, 5, "b");
  std::vector<Hash32> proof = *ConsistencyProof(b_longer.tree, 9, 11);
  Result<Checkpoint> r = CheckNewCheckpoint(Sign(b_longer.At(11)), vkey_, accepted, proof);
  EXPECT_EQ(r.status().reason(), "checkpoint_forked");
  EXPECT_EQ(r.status().code(), Code::kDataLoss);
  EXPECT_TRUE(IsHistoryAlarm(r.status()));
  // Same size, other root.
  EXPECT_EQ(CheckNewCheckpoint(Sign(b.At(9)), vkey_, accepted, {}).status().reason(),
            "checkpoint_forked");
  // Same log, another catalog line.
  EXPECT_EQ(CheckNewCheckpoint(Sign(a.At(9, 7)), vkey_, accepted, {}).status().reason(),
            "checkpoint_forked");
}

TEST_F(CheckpointCheckTest, ARewoundHistoryIsRefused) {
  TestLog log(9, 0, "a");
  Result<Checkpoint> r = CheckNewCheckpoint(Sign(log.At(7)), vkey_, log.At(9), {});
  EXPECT_EQ(r.status().reason(), "checkpoint_rewound");
  std::vector<Hash32> proof = *ConsistencyProof(log.tree, 7, 9);
  r = CheckNewCheckpoint(Sign(log.At(9, 1)), vkey_, log.At(7, 2), proof);
  EXPECT_EQ(r.status().reason(), "checkpoint_rewound");
}

TEST_F(CheckpointCheckTest, ADecisionMustBeInTheSignedTree) {
  TestLog log(9, 0, "a");
  Checkpoint cp = log.At(9);
  std::vector<Hash32> proof = *InclusionProof(log.tree, 5, 9);
  EXPECT_TRUE(CheckIncluded(log.leaves[5], 5, cp, proof).ok());
  Bytes other = log.leaves[5];
  other.push_back(0);
  Status s = CheckIncluded(other, 5, cp, proof);
  EXPECT_EQ(s.reason(), "entry_not_in_log");
  EXPECT_NE(s.message().find("第 5 条"), std::string::npos);
}

class AcceptedCheckpointsTest : public CheckpointCheckTest {
 protected:
  void SetUp() override {
    Result<Database> db = Database::Open(tmp_.path() + "/station.db");
    ASSERT_TRUE(db.ok());
    db_ = std::make_unique<Database>(std::move(db).value());
    ASSERT_TRUE(db_->Migrate(StationMigrations()).ok());
  }
  TempDir tmp_;
  std::unique_ptr<Database> db_;
};

TEST_F(AcceptedCheckpointsTest, KeepsEveryAcceptedCheckpoint) {
  EXPECT_FALSE((*LatestAcceptedCheckpoint(*db_)).has_value());
  TestLog log(9, 0, "a");
  for (uint64_t n : {3u, 9u}) {
    std::string note = Sign(log.At(n));
    ASSERT_TRUE(
        RecordAcceptedCheckpoint(*db_, {log.At(n), note, static_cast<int64_t>(100 + n), {}}).ok());
    EXPECT_TRUE(RecordAcceptedCheckpoint(*db_, {log.At(n), note, 200, {}}).ok());  // idempotent
  }
  std::optional<AcceptedCheckpoint> latest = *LatestAcceptedCheckpoint(*db_);
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->checkpoint, log.At(9));
  EXPECT_EQ(latest->accepted_at, 109);
  EXPECT_EQ((*AcceptedCheckpoints(*db_)).size(), 2u);
  TestLog b(6, 3, "b");
  EXPECT_EQ(RecordAcceptedCheckpoint(*db_, {b.At(9), Sign(b.At(9)), 300, {}}).reason(),
            "checkpoint_conflict");
}

// The frontier of an accepted checkpoint's tree (decision 0034): kept with
// the row, added to a row that has none, never replaced, and loaded only
// when it folds to the checkpoint's root.
TEST_F(AcceptedCheckpointsTest, KeepsTheFrontierThatFoldsToTheRoot) {
  TestLog log(13, 0, "a");
  auto frontier = [&](uint64_t n) { return RangeFrontier(log.tree, n).value(); };
  const std::string note9 = Sign(log.At(9)), note13 = Sign(log.At(13));
  ASSERT_TRUE(RecordAcceptedCheckpoint(*db_, {log.At(9), note9, 1, {}}).ok());
  EXPECT_FALSE((*LatestAcceptedCheckpoint(*db_))->frontier.has_value());
  // Added to the row of the same checkpoint, not replaced afterwards.
  ASSERT_TRUE(RecordAcceptedCheckpoint(*db_, {log.At(9), note9, 2, frontier(9)}).ok());
  EXPECT_EQ((*LatestAcceptedCheckpoint(*db_))->frontier, frontier(9));
  std::vector<Hash32> other = frontier(9);
  other[0][0] ^= 1;
  ASSERT_TRUE(RecordAcceptedCheckpoint(*db_, {log.At(9), note9, 3, other}).ok());
  EXPECT_EQ((*LatestAcceptedCheckpoint(*db_))->frontier, frontier(9));
  EXPECT_EQ((*LatestAcceptedCheckpoint(*db_))->accepted_at, 1);
  // A larger checkpoint with its frontier: popcount(13) = 3 hashes.
  ASSERT_TRUE(RecordAcceptedCheckpoint(*db_, {log.At(13), note13, 4, frontier(13)}).ok());
  std::optional<AcceptedCheckpoint> latest = *LatestAcceptedCheckpoint(*db_);
  ASSERT_TRUE(latest && latest->frontier);
  EXPECT_EQ(latest->frontier->size(), 3u);
  // Damaged in the file (a hash changed, one cut off, bytes not a multiple
  // of 32): not loaded, and the checkpoint itself still is.
  for (const char* damage :
       {"UPDATE accepted_checkpoints SET frontier = zeroblob(96) WHERE size = 13",
        "UPDATE accepted_checkpoints SET frontier = substr(frontier, 1, 64) WHERE size = 13"}) {
    ASSERT_TRUE(db_->Exec(damage).ok()) << damage;
    latest = *LatestAcceptedCheckpoint(*db_);
    ASSERT_TRUE(latest.has_value()) << damage;
    EXPECT_EQ(latest->checkpoint, log.At(13)) << damage;
    EXPECT_FALSE(latest->frontier.has_value()) << damage;
  }
  EXPECT_FALSE(
      db_->Exec("UPDATE accepted_checkpoints SET frontier = zeroblob(33) WHERE size = 13").ok())
      << "the schema refuses a length that is not a multiple of 32";
}

// Two hubs with the same key serving two stations different histories:
// this station saw A's; B's checkpoint is refused, nothing accepted changes,
// and an alarm with B's signed note (the evidence) is stored.
TEST_F(AcceptedCheckpointsTest, AStationRefusesAForkedCheckpointAndKeepsTheEvidence) {
  TestLog a(6, 3, "a"), b(6, 4, "b");
  std::string a_note = Sign(a.At(9));
  Result<Checkpoint> first = CheckNewCheckpoint(a_note, vkey_, std::nullopt, {});
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(RecordAcceptedCheckpoint(*db_, {*first, a_note, 1, {}}).ok());

  std::optional<AcceptedCheckpoint> last = *LatestAcceptedCheckpoint(*db_);
  std::string b_note = Sign(b.At(10));
  std::vector<Hash32> proof = *ConsistencyProof(b.tree, 9, 10);
  Result<Checkpoint> r = CheckNewCheckpoint(b_note, vkey_, last->checkpoint, proof);
  ASSERT_FALSE(r.ok());
  ASSERT_TRUE(IsHistoryAlarm(r.status()));
  ASSERT_TRUE(RecordLogAlarm(*db_, r.status(), b_note, 2).ok());

  std::vector<AcceptedCheckpoint> all = *AcceptedCheckpoints(*db_);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].note, a_note);
  std::vector<LogAlarm> alarms = *LogAlarms(*db_);
  ASSERT_EQ(alarms.size(), 1u);
  EXPECT_EQ(alarms[0].reason, "checkpoint_forked");
  EXPECT_EQ(alarms[0].note, b_note);
  EXPECT_NE(alarms[0].message.find("分叉"), std::string::npos);
}

}  // namespace
}  // namespace gongkai::station
