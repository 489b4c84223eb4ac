#include "core/audit/log_verifier.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "core/log/checkpoint.h"
#include "core/log/merkle.h"
#include "tests/core/audit/log_builder.h"

namespace gongkai {
namespace {

using audit_test::AddAll;
using audit_test::ExpectRefusedAt;
using audit_test::kAdmin;
using audit_test::Key;
using audit_test::kOldTime;
using audit_test::kOrigin;
using audit_test::Leaf;
using audit_test::LogBuilder;
using audit_test::StandardLog;
using audit_test::StartsWith;

Hash32 RootOf(const std::vector<Bytes>& leaves) {
  std::vector<Hash32> hashes;
  for (const Bytes& l : leaves) hashes.push_back(LeafHash(l));
  return RootFromLeafHashes(hashes);
}

TEST(LogVerifier, StandardLogVerifiesAndReachesTheApprovedCatalog) {
  StandardLog log;
  LogVerifier v;
  ASSERT_TRUE(AddAll(v, log.b.leaves).ok()) << AddAll(v, log.b.leaves).ToString();
  EXPECT_EQ(v.size(), 11u);
  EXPECT_EQ(v.Root(), RootOf(log.b.leaves));
  EXPECT_EQ(v.catalog_version(), 2u);
  EXPECT_EQ(v.catalog(), log.b.approved);
  EXPECT_EQ(v.catalog_hash(), log.b.approved.Hash());
  EXPECT_EQ(v.catalog().Find(log.r1.id)->Get(Field::kTimeLimit), "每月12日前");
  EXPECT_EQ(v.catalog().Find(log.r1.id)->Get(Field::kChannels),
            "便民服务站、" + audit_test::kOldChannels);
  EXPECT_EQ(v.origin(), kOrigin);
  EXPECT_EQ(v.log_key(), log.b.log_key.public_key());
  // B2 waits for a decision; the rest are decided.
  ASSERT_EQ(v.state().pending.size(), 1u);
  EXPECT_EQ(v.state().pending.begin()->first, log.b2);
  EXPECT_EQ(v.state().changesets.size(), 5u);
  EXPECT_EQ(v.state().stations.at("hongqi-01").last_seq, 3u);
  EXPECT_EQ(v.state().stations.at("hongqi-02").last_id, log.b2);
}

TEST(LogVerifier, RootIsAvailableAfterEveryEntry) {
  StandardLog log;
  LogVerifier v;
  EXPECT_EQ(v.Root(), EmptyTreeRoot());
  for (size_t i = 0; i < log.b.leaves.size(); ++i) {
    ASSERT_TRUE(v.Add(i, log.b.leaves[i]).ok());
    std::vector<Bytes> prefix(log.b.leaves.begin(), log.b.leaves.begin() + i + 1);
    EXPECT_EQ(v.Root(), RootOf(prefix)) << i;
  }
}

TEST(LogVerifier, EntriesMustComeInOrder) {
  StandardLog log;
  LogVerifier v;
  Status s = v.Add(1, log.b.leaves[1]);
  EXPECT_EQ(s.reason(), "out_of_order");
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  ASSERT_TRUE(v.Add(0, log.b.leaves[0]).ok());
  EXPECT_EQ(v.Add(0, log.b.leaves[0]).reason(), "out_of_order");
  EXPECT_EQ(v.size(), 1u);
}

TEST(LogVerifier, ObserverHearsOnlyVerifiedEntries) {
  struct Counter : LogObserver {
    int genesis = 0, enroll = 0, cs = 0, approvals = 0, rejections = 0;
    void OnGenesis(uint64_t, const Genesis&) override { ++genesis; }
    void OnEnrollment(uint64_t, const Enrollment&) override { ++enroll; }
    void OnChangeSet(uint64_t, const Hash32&, const ChangeSet&) override { ++cs; }
    void OnApproval(uint64_t, const Approval&, const Catalog&) override { ++approvals; }
    void OnRejection(uint64_t, const Rejection&, const ChangeSet&) override { ++rejections; }
  } counter;
  StandardLog log;
  LogVerifier v;
  v.AddObserver(&counter);
  Bytes bad = log.b.leaves[5];
  bad.back() ^= 1;
  ASSERT_TRUE(AddAll(v, {log.b.leaves.begin(), log.b.leaves.begin() + 5}).ok());
  EXPECT_FALSE(v.Add(5, bad).ok());
  ASSERT_TRUE(AddAll(v, log.b.leaves, 5).ok());
  EXPECT_EQ(counter.genesis, 1);
  EXPECT_EQ(counter.enroll, 2);
  EXPECT_EQ(counter.cs, 5);
  EXPECT_EQ(counter.approvals, 2);
  EXPECT_EQ(counter.rejections, 1);
}

// ---------------------------------------------------------------------------
// Tampering: each altered log is refused at the first bad entry.

TEST(LogVerifierTamper, FlippedSignatureByte) {
  StandardLog log;
  log.b.leaves[5].back() ^= 0x01;
  ExpectRefusedAt(log.b.leaves, 5, "bad_signature");
}

TEST(LogVerifierTamper, FlippedBodyByteOfAnApproval) {
  StandardLog log;
  log.b.leaves[8][40] ^= 0x01;
  LogVerifier v;
  Status s = AddAll(v, log.b.leaves);
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(StartsWith(s.message(), EntryPrefix(8))) << s.message();
  EXPECT_EQ(v.size(), 8u);
}

TEST(LogVerifierTamper, EveryFlippedByteOfAChangeSetIsRefusedAndChangesNothing) {
  StandardLog log;
  LogVerifier v;
  ASSERT_TRUE(AddAll(v, {log.b.leaves.begin(), log.b.leaves.begin() + 6}).ok());
  const Bytes before = v.SaveState();
  const Bytes& leaf = log.b.leaves[6];
  for (size_t p = 0; p < leaf.size(); ++p) {
    Bytes bad = leaf;
    bad[p] ^= 0x01;
    Status s = v.Add(6, bad);
    ASSERT_FALSE(s.ok()) << "byte " << p;
    ASSERT_TRUE(StartsWith(s.message(), EntryPrefix(6))) << s.message();
  }
  EXPECT_EQ(v.SaveState(), before);
  // The verifier is still at entry 6 and takes the genuine bytes.
  EXPECT_TRUE(AddAll(v, log.b.leaves, 6).ok());
  EXPECT_EQ(v.Root(), RootOf(log.b.leaves));
}

TEST(LogVerifierTamper, TruncatedEntry) {
  StandardLog log;
  log.b.leaves[3].resize(log.b.leaves[3].size() - 1);
  ExpectRefusedAt(log.b.leaves, 3, "truncated");
}

TEST(LogVerifierTamper, DeletedChangeSetBreaksTheStationChain) {
  StandardLog log;
  log.b.leaves.erase(log.b.leaves.begin() + 5);  // A2, hongqi-01 #2
  // Entry 5 is now B1 (fine); entry 6 is A3, hongqi-01 #3 after #1.
  ExpectRefusedAt(log.b.leaves, 6, "seq_gap");
}

TEST(LogVerifierTamper, DeletedApprovalMakesTheNextOneSkipAVersion) {
  StandardLog log;
  log.b.leaves.erase(log.b.leaves.begin() + 4);  // approval v1
  // A2 (now entry 4) is based on version 1, which no longer exists.
  ExpectRefusedAt(log.b.leaves, 4, "unknown_base_version");
}

TEST(LogVerifierTamper, SwappedChangeSetAndItsApproval) {
  StandardLog log;
  std::swap(log.b.leaves[3], log.b.leaves[4]);
  ExpectRefusedAt(log.b.leaves, 3, "unknown_changeset");
}

TEST(LogVerifierTamper, SwappedChangeSetsOfOneStation) {
  StandardLog log;
  std::swap(log.b.leaves[5], log.b.leaves[7]);  // A2 and A3
  ExpectRefusedAt(log.b.leaves, 5, "seq_gap");
}

TEST(LogVerifierTamper, ForgedChangeSetSignedByAnUnknownKey) {
  StandardLog log;
  ChangeSet forged =
      log.b.Next("hongqi-01", {SetOp{log.r1.id, Field::kTimeLimit, kOldTime, "随时"}});
  forged.seq = 2;
  forged.prev = log.a1;
  log.b.leaves.insert(log.b.leaves.begin() + 5, Leaf(EnvelopeKind::kChangeSet, "hongqi-01",
                                                     EncodeChangeSet(forged), Key(99)));
  ExpectRefusedAt(log.b.leaves, 5, "bad_signature");
}

TEST(LogVerifierTamper, ForgedChangeSetOfAStationNeverEnrolled) {
  StandardLog log;
  LogBuilder other;
  other.Enroll("mallory", "红旗村", 66);
  ChangeSet forged = other.Next("mallory", {SetOp{log.r1.id, Field::kTimeLimit, kOldTime, "随时"}});
  log.b.leaves.insert(log.b.leaves.begin() + 5,
                      Leaf(EnvelopeKind::kChangeSet, "mallory", EncodeChangeSet(forged), Key(66)));
  ExpectRefusedAt(log.b.leaves, 5, "unknown_station");
}

TEST(LogVerifierTamper, ForgedApprovalByAnUnknownAdministrator) {
  StandardLog log;
  Approval a = log.b.MakeApproval({log.b2}, {});
  a.admin = "eve";
  log.b.leaves.push_back(Leaf(EnvelopeKind::kApproval, "eve", EncodeApproval(a), Key(77)));
  ExpectRefusedAt(log.b.leaves, 11, "unknown_admin");
}

TEST(LogVerifierTamper, ForgedApprovalInTheAdministratorsName) {
  StandardLog log;
  Approval a = log.b.MakeApproval({log.b2}, {});
  log.b.leaves.push_back(Leaf(EnvelopeKind::kApproval, kAdmin, EncodeApproval(a), Key(77)));
  ExpectRefusedAt(log.b.leaves, 11, "bad_signature");
}

TEST(LogVerifierTamper, EnrollmentSignedByAStationKey) {
  StandardLog log;
  Enrollment e{"mallory", "红旗村", Key(66).public_key(), "hongqi-01", audit_test::kT0};
  log.b.leaves.push_back(
      Leaf(EnvelopeKind::kEnrollment, "hongqi-01", EncodeEnrollment(e), Key(11)));
  ExpectRefusedAt(log.b.leaves, 11, "unknown_admin");
}

TEST(LogVerifierTamper, EnrollmentNamingAnotherAdministrator) {
  StandardLog log;
  Enrollment e{"hongqi-03", "红旗村", Key(23).public_key(), "li-admin", audit_test::kT0};
  log.b.leaves.push_back(
      Leaf(EnvelopeKind::kEnrollment, kAdmin, EncodeEnrollment(e), log.b.admin_key));
  ExpectRefusedAt(log.b.leaves, 11, "signer_mismatch");
}

TEST(LogVerifierTamper, UnknownKind) {
  StandardLog log;
  Bytes leaf = log.b.leaves[10];
  leaf[3] = 200;  // 0x01, u16 format, u8 kind (no kind 200)
  log.b.leaves[10] = leaf;
  ExpectRefusedAt(log.b.leaves, 10, "unknown_kind");
}

TEST(LogVerifierTamper, SecondGenesis) {
  StandardLog log;
  log.b.leaves.push_back(log.b.GenesisLeaf());
  ExpectRefusedAt(log.b.leaves, 11, "unexpected_genesis");
}

TEST(LogVerifierTamper, FirstEntryIsNotAGenesis) {
  StandardLog log;
  log.b.leaves.erase(log.b.leaves.begin());
  ExpectRefusedAt(log.b.leaves, 0, "missing_genesis");
}

TEST(LogVerifierTamper, GenesisNotSignedByItsLogKey) {
  Genesis g{kOrigin, Key(1).public_key(), kAdmin, Key(2).public_key(), audit_test::kT0};
  ExpectRefusedAt({Leaf(EnvelopeKind::kGenesis, kOrigin, EncodeGenesis(g), Key(2))}, 0,
                  "bad_signature");
}

TEST(LogVerifierTamper, GenesisSignerIsNotItsOrigin) {
  Genesis g{kOrigin, Key(1).public_key(), kAdmin, Key(2).public_key(), audit_test::kT0};
  ExpectRefusedAt({Leaf(EnvelopeKind::kGenesis, "other-origin", EncodeGenesis(g), Key(1))}, 0,
                  "signer_mismatch");
}

// ---------------------------------------------------------------------------
// Station rules.

TEST(LogVerifierTamper, ChangeSetByARevokedStation) {
  StandardLog log;
  log.b.Revoke("hongqi-02", "设备丢失");
  log.b.Commit("hongqi-02", {SetOp{log.r1.id, Field::kContact, "", "0371-1"}});
  ExpectRefusedAt(log.b.leaves, 12, "station_revoked");
}

TEST(LogVerifierTamper, RevokedStationsPendingChangeSetMayStillBeDecided) {
  StandardLog log;
  log.b.Revoke("hongqi-02", "设备丢失");
  log.b.Reject(log.b2, "站点已撤销");
  LogVerifier v;
  EXPECT_TRUE(AddAll(v, log.b.leaves).ok());
}

TEST(LogVerifierTamper, SeqGap) {
  StandardLog log;
  ChangeSet cs = log.b.Next("hongqi-01", {SetOp{log.r1.id, Field::kContact, "", "0371-1"}});
  cs.seq += 1;
  log.b.Append(cs);
  ExpectRefusedAt(log.b.leaves, 11, "seq_gap");
}

TEST(LogVerifierTamper, PrevIsNotThePreviousChangeSet) {
  StandardLog log;
  ChangeSet cs = log.b.Next("hongqi-01", {SetOp{log.r1.id, Field::kContact, "", "0371-1"}});
  cs.prev = log.a1;
  log.b.Append(cs);
  ExpectRefusedAt(log.b.leaves, 11, "prev_mismatch");
}

TEST(LogVerifierTamper, ChangeSetLoggedTwice) {
  StandardLog log;
  log.b.leaves.push_back(log.b.leaves[10]);
  ExpectRefusedAt(log.b.leaves, 11, "duplicate_changeset");
}

TEST(LogVerifierTamper, EnvelopeSignerIsNotTheBodysStation) {
  StandardLog log;
  ChangeSet cs = log.b.Next("hongqi-01", {SetOp{log.r1.id, Field::kContact, "", "0371-1"}});
  log.b.leaves.push_back(Leaf(EnvelopeKind::kChangeSet, "hongqi-02", EncodeChangeSet(cs), Key(12)));
  ExpectRefusedAt(log.b.leaves, 11, "signer_mismatch");
}

TEST(LogVerifierTamper, BaseVersionFromTheFuture) {
  StandardLog log;
  ChangeSet cs = log.b.Next("hongqi-01", {SetOp{log.r1.id, Field::kContact, "", "0371-1"}});
  cs.base_version = 3;
  log.b.Append(cs);
  ExpectRefusedAt(log.b.leaves, 11, "unknown_base_version");
}

TEST(LogVerifierTamper, EditOfAnotherUnitsRow) {
  StandardLog log;
  log.b.Enroll("dongfeng-01", "东风村", 13);
  log.b.Commit("dongfeng-01", {SetOp{log.r1.id, Field::kContact, "", "0371-1"}});
  ExpectRefusedAt(log.b.leaves, 12, "outside_unit");
}

TEST(LogVerifierTamper, CreateOfAnotherUnitsRow) {
  StandardLog log;
  log.b.Enroll("dongfeng-01", "东风村", 13);
  Row r = SampleVillageRow();
  r.id = "00000000-0000-4000-8000-000000000009";
  log.b.Commit("dongfeng-01", {CreateOp{r}});  // unit 红旗村
  ExpectRefusedAt(log.b.leaves, 12, "outside_unit");
}

TEST(LogVerifierTamper, EditOfARowNeverCreated) {
  StandardLog log;
  log.b.Commit("hongqi-01",
               {SetOp{"00000000-0000-4000-8000-000000000009", Field::kContact, "", "0371-1"}});
  ExpectRefusedAt(log.b.leaves, 11, "unknown_row");
}

TEST(LogVerifierTamper, CreateOfAnExistingRowId) {
  StandardLog log;
  log.b.Commit("hongqi-02", {CreateOp{log.r1}});
  ExpectRefusedAt(log.b.leaves, 11, "row_exists");
}

TEST(LogVerifierTamper, RowsOfARejectedChangeSetKeepTheirOwner) {
  // The hub remembers every created id (known rows): a later edit of a row
  // whose create was rejected is accepted by the hub and by the auditor.
  LogBuilder b;
  b.Enroll("hongqi-01", "红旗村", 11);
  Row r = SampleVillageRow();
  Hash32 c1 = b.Commit("hongqi-01", {CreateOp{r}});
  b.Reject(c1, "重复条目");
  b.Commit("hongqi-01", {SetOp{r.id, Field::kContact, "", "0371-1"}});
  LogVerifier v;
  EXPECT_TRUE(AddAll(v, b.leaves).ok()) << AddAll(v, b.leaves).ToString();
}

TEST(LogVerifierTamper, StationEnrolledTwice) {
  StandardLog log;
  log.b.Enroll("hongqi-01", "红旗村", 21);
  ExpectRefusedAt(log.b.leaves, 11, "station_exists");
}

TEST(LogVerifierTamper, RevokedStationIdEnrolledAgainContinuesItsChain) {
  StandardLog log;
  log.b.Revoke("hongqi-02", "设备丢失");
  LogBuilder::Station before = log.b.stations.at("hongqi-02");
  log.b.Enroll("hongqi-02", "红旗村", 22);  // a new key
  log.b.stations.at("hongqi-02").seq = before.seq;
  log.b.stations.at("hongqi-02").last = before.last;
  log.b.Commit("hongqi-02", {SetOp{log.r1.id, Field::kContact, "", "0371-1"}});
  LogVerifier v;
  Status s = AddAll(v, log.b.leaves);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_FALSE(v.state().stations.at("hongqi-02").revoked);
}

TEST(LogVerifierTamper, OldKeyAfterReEnrollmentIsRefused) {
  StandardLog log;
  log.b.Revoke("hongqi-02", "设备丢失");
  LogBuilder::Station before = log.b.stations.at("hongqi-02");
  log.b.Enroll("hongqi-02", "红旗村", 22);
  log.b.stations.at("hongqi-02") = before;  // signs with the revoked key
  log.b.Commit("hongqi-02", {SetOp{log.r1.id, Field::kContact, "", "0371-1"}});
  ExpectRefusedAt(log.b.leaves, 13, "bad_signature");
}

TEST(LogVerifierTamper, StationInForceEnrolledAgainIsRefused) {
  StandardLog log;
  log.b.Revoke("hongqi-02", "设备丢失");
  log.b.Enroll("hongqi-02", "红旗村", 22);
  log.b.Enroll("hongqi-02", "红旗村", 23);
  ExpectRefusedAt(log.b.leaves, 13, "station_exists");
}

TEST(LogVerifierTamper, OneKeyForTwoStations) {
  StandardLog log;
  log.b.Enroll("hongqi-03", "红旗村", 12);  // hongqi-02's key
  ExpectRefusedAt(log.b.leaves, 11, "key_in_use");
}

TEST(LogVerifierTamper, RevocationOfAnUnknownStation) {
  StandardLog log;
  log.b.Revoke("nobody", "测试");
  ExpectRefusedAt(log.b.leaves, 11, "unknown_station");
}

TEST(LogVerifierTamper, StationRevokedTwice) {
  StandardLog log;
  log.b.Revoke("hongqi-02", "设备丢失");
  log.b.Revoke("hongqi-02", "设备丢失");
  ExpectRefusedAt(log.b.leaves, 12, "already_revoked");
}

// ---------------------------------------------------------------------------
// Decision rules.

// The standard log with one more approval, of b2, spoiled by `spoil` before
// it is signed: the verifier must refuse that entry (11) with `reason`.
void ExpectSpoiledApprovalRefused(const std::function<void(const StandardLog&, Approval&)>& spoil,
                                  const std::string& reason) {
  StandardLog log;
  Approval a = log.b.MakeApproval({log.b2}, {});
  spoil(log, a);
  log.b.leaves.push_back(log.b.ApprovalLeaf(a));
  ExpectRefusedAt(log.b.leaves, 11, reason);
}

TEST(LogVerifierTamper, ApprovalWithAWrongResultOrParentHash) {
  ExpectSpoiledApprovalRefused([](const StandardLog&, Approval& a) { a.result_hash[0] ^= 0x01; },
                               "hash_mismatch");
  ExpectSpoiledApprovalRefused([](const StandardLog&, Approval& a) { a.parent_hash[0] ^= 0x01; },
                               "parent_mismatch");
}

TEST(LogVerifierTamper, ApprovalThatDropsAConflictResolution) {
  StandardLog log;
  LogVerifier v;  // at entry 8: version 1 approved, A2, B1, A3 pending
  ASSERT_TRUE(AddAll(v, {log.b.leaves.begin(), log.b.leaves.begin() + 8}).ok());
  Approval bad;
  bad.version = 2;
  bad.parent_hash = v.catalog_hash();
  bad.changesets = {log.a2, log.b1};
  bad.result_hash = log.b.approved.Hash();
  bad.admin = kAdmin;
  log.b.leaves[8] = log.b.ApprovalLeaf(bad);
  ExpectRefusedAt(log.b.leaves, 8, "unresolved_conflict");
}

TEST(LogVerifierTamper, ApprovalRecordingAResolutionForNoConflict) {
  ExpectSpoiledApprovalRefused(
      [](const StandardLog& log, Approval& a) {
        a.resolutions = {Resolution{log.b2, 0, ResolutionAction::kKeep, ""}};
      },
      "resolution_mismatch");
}

TEST(LogVerifierTamper, ApprovalReincludingAnApprovedChangeSet) {
  ExpectSpoiledApprovalRefused(
      [](const StandardLog& log, Approval& a) {
        a.changesets = {log.a1, log.b2};
      },
      "already_decided");
}

TEST(LogVerifierTamper, ApprovalOfARejectedChangeSet) {
  ExpectSpoiledApprovalRefused([](const StandardLog& log, Approval& a) { a.changesets = {log.a3}; },
                               "already_decided");
}

TEST(LogVerifierTamper, ApprovalListingAChangeSetTwice) {
  ExpectSpoiledApprovalRefused(
      [](const StandardLog& log, Approval& a) {
        a.changesets = {log.b2, log.b2};
      },
      "listed_twice");
}

TEST(LogVerifierTamper, ApprovalSkippingAVersion) {
  ExpectSpoiledApprovalRefused([](const StandardLog&, Approval& a) { a.version = 4; },
                               "version_gap");
}

TEST(LogVerifierTamper, ApprovalSignerIsNotItsAdmin) {
  ExpectSpoiledApprovalRefused([](const StandardLog&, Approval& a) { a.admin = "li-admin"; },
                               "signer_mismatch");
}

TEST(LogVerifierTamper, RejectionOfADecidedChangeSet) {
  StandardLog log;
  log.b.Reject(log.a1, "迟到的退回");
  ExpectRefusedAt(log.b.leaves, 11, "already_decided");
}

TEST(LogVerifierTamper, RejectionOfAnUnknownChangeSet) {
  StandardLog log;
  Rejection r = log.b.MakeRejection(log.b2, "不存在");
  r.changeset[0] ^= 0x01;
  log.b.leaves.push_back(
      Leaf(EnvelopeKind::kRejection, kAdmin, EncodeRejection(r), log.b.admin_key));
  ExpectRefusedAt(log.b.leaves, 11, "unknown_changeset");
}

TEST(LogVerifierTamper, RejectionNamingTheWrongStation) {
  StandardLog log;
  Rejection r = log.b.MakeRejection(log.b2, "理由");
  r.station = "hongqi-01";
  log.b.leaves.push_back(
      Leaf(EnvelopeKind::kRejection, kAdmin, EncodeRejection(r), log.b.admin_key));
  ExpectRefusedAt(log.b.leaves, 11, "rejection_mismatch");
}

// ---------------------------------------------------------------------------
// Checkpoints.

Checkpoint CheckpointOf(const LogVerifier& v) {
  return Checkpoint{kOrigin, v.size(), v.Root(), v.catalog_version(), v.catalog_hash()};
}

TEST(LogVerifierCheckpoint, SignedCheckpointOfTheVerifiedLogMatches) {
  StandardLog log;
  LogVerifier v;
  ASSERT_TRUE(AddAll(v, log.b.leaves).ok());
  Result<std::string> note = SignCheckpoint(CheckpointOf(v), kOrigin, log.b.log_key);
  ASSERT_TRUE(note.ok()) << note.status().ToString();
  // The auditor opens it with the key named by the genesis.
  Result<Checkpoint> cp = OpenCheckpoint(*note, v.log_verifier_key(), v.origin());
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  EXPECT_TRUE(v.CheckCheckpoint(*cp).ok());
}

TEST(LogVerifierCheckpoint, GivenHubKeyMustBeTheGenesisLogKey) {
  StandardLog log;
  LogVerifier v;
  EXPECT_EQ(v.CheckLogKey(MakeVerifierKey(kOrigin, log.b.log_key.public_key())).reason(),
            "empty_log");
  ASSERT_TRUE(v.Add(0, log.b.leaves[0]).ok());
  EXPECT_TRUE(v.CheckLogKey(MakeVerifierKey(kOrigin, log.b.log_key.public_key())).ok());
  EXPECT_EQ(v.CheckLogKey(MakeVerifierKey(kOrigin, Key(3).public_key())).reason(),
            "log_key_mismatch");
  EXPECT_EQ(v.CheckLogKey(MakeVerifierKey("other", log.b.log_key.public_key())).reason(),
            "log_key_mismatch");
}

TEST(LogVerifierCheckpoint, WrongSize) {
  StandardLog log;
  LogVerifier v;
  ASSERT_TRUE(AddAll(v, log.b.leaves).ok());
  Checkpoint cp = CheckpointOf(v);
  cp.size -= 1;
  EXPECT_EQ(v.CheckCheckpoint(cp).reason(), "size_mismatch");
}

TEST(LogVerifierCheckpoint, WrongRoot) {
  StandardLog log;
  LogVerifier v;
  ASSERT_TRUE(AddAll(v, log.b.leaves).ok());
  Checkpoint cp = CheckpointOf(v);
  cp.root[31] ^= 0x80;
  EXPECT_EQ(v.CheckCheckpoint(cp).reason(), "root_mismatch");
  EXPECT_EQ(v.CheckCheckpoint(cp).code(), Code::kDataLoss);
}

TEST(LogVerifierCheckpoint, DroppedLastEntryIsCaughtByTheCheckpoint) {
  StandardLog log;
  LogVerifier full;
  ASSERT_TRUE(AddAll(full, log.b.leaves).ok());
  Checkpoint cp = CheckpointOf(full);
  log.b.leaves.pop_back();
  LogVerifier v;
  ASSERT_TRUE(AddAll(v, log.b.leaves).ok());                   // a shorter log is a valid log...
  EXPECT_EQ(v.CheckCheckpoint(cp).reason(), "size_mismatch");  // ...but not the signed one
}

TEST(LogVerifierCheckpoint, WrongCatalogVersionAndHash) {
  StandardLog log;
  LogVerifier v;
  ASSERT_TRUE(AddAll(v, log.b.leaves).ok());
  Checkpoint cp = CheckpointOf(v);
  cp.catalog_version = 1;
  EXPECT_EQ(v.CheckCheckpoint(cp).reason(), "catalog_version_mismatch");
  cp = CheckpointOf(v);
  cp.catalog_hash[0] ^= 0x01;
  EXPECT_EQ(v.CheckCheckpoint(cp).reason(), "catalog_hash_mismatch");
}

TEST(LogVerifierCheckpoint, OtherOriginAndEmptyLog) {
  StandardLog log;
  LogVerifier v;
  EXPECT_EQ(
      v.CheckCheckpoint(Checkpoint{kOrigin, 0, EmptyTreeRoot(), 0, Catalog().Hash()}).reason(),
      "empty_log");
  ASSERT_TRUE(AddAll(v, log.b.leaves).ok());
  Checkpoint cp = CheckpointOf(v);
  cp.origin = "other.example/log";
  EXPECT_EQ(v.CheckCheckpoint(cp).reason(), "origin_mismatch");
}

}  // namespace
}  // namespace gongkai
