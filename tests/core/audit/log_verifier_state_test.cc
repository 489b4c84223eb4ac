#include <gtest/gtest.h>

#include "core/audit/audit_state_codec.h"
#include "core/audit/log_verifier.h"
#include "core/base/hex.h"
#include "core/crypto/sha256.h"
#include "tests/core/audit/log_builder.h"
#include "tests/testing/le_bytes.h"

namespace gongkai {
namespace {

using audit_test::AddAll;
using audit_test::kAdmin;
using audit_test::kOrigin;
using audit_test::LogBuilder;
using audit_test::StandardLog;

TEST(LogVerifierState, ResumingAtEveryEntryReachesTheSameState) {
  StandardLog log;
  const auto& leaves = log.b.leaves;
  LogVerifier full;
  ASSERT_TRUE(AddAll(full, leaves).ok());
  for (size_t k = 0; k <= leaves.size(); ++k) {
    LogVerifier first;
    ASSERT_TRUE(
        AddAll(first, {leaves.begin(), leaves.begin() + static_cast<std::ptrdiff_t>(k)}).ok());
    Result<LogVerifier> resumed = LogVerifier::LoadState(first.SaveState());
    ASSERT_TRUE(resumed.ok()) << k << ": " << resumed.status().ToString();
    EXPECT_EQ(resumed->size(), k);
    EXPECT_EQ(resumed->Root(), first.Root());
    ASSERT_TRUE(AddAll(*resumed, leaves, k).ok()) << k;
    EXPECT_EQ(resumed->Root(), full.Root()) << k;
    EXPECT_EQ(resumed->catalog_hash(), full.catalog_hash());
    EXPECT_EQ(resumed->SaveState(), full.SaveState()) << k;
  }
}

TEST(LogVerifierState, ResumedVerifierStillRefusesTampering) {
  StandardLog log;
  LogVerifier first;
  ASSERT_TRUE(AddAll(first, {log.b.leaves.begin(), log.b.leaves.begin() + 9}).ok());
  Result<LogVerifier> resumed = LogVerifier::LoadState(first.SaveState());
  ASSERT_TRUE(resumed.ok());
  // A3 was pending when saved; rejecting A1 (decided before the save) is refused.
  log.b.leaves[9] =
      audit_test::Leaf(EnvelopeKind::kRejection, kAdmin,
                       EncodeRejection(log.b.MakeRejection(log.a1, "晚了")), log.b.admin_key);
  Status s = AddAll(*resumed, log.b.leaves, 9);
  EXPECT_EQ(s.reason(), "already_decided");
  EXPECT_EQ(resumed->size(), 9u);
}

TEST(LogVerifierState, NotAStateFile) {
  EXPECT_EQ(LogVerifier::LoadState(ToBytes("hello")).status().reason(), "not_audit_state");
  EXPECT_EQ(LogVerifier::LoadState({}).status().reason(), "not_audit_state");
  LeBytes b;
  b.Str("gongkai-audit-state").U16(4);
  EXPECT_EQ(LogVerifier::LoadState(b.bytes()).status().reason(), "unsupported_format");
}

TEST(LogVerifierState, EveryFlippedByteIsRefused) {
  StandardLog log;
  LogVerifier v;
  ASSERT_TRUE(AddAll(v, log.b.leaves).ok());
  const Bytes state = v.SaveState();
  for (size_t p = 0; p < state.size(); ++p) {
    Bytes bad = state;
    bad[p] ^= 0x04;
    ASSERT_FALSE(LogVerifier::LoadState(bad).ok()) << "byte " << p;
  }
  for (size_t n = 0; n < state.size(); n += 7) {
    ASSERT_FALSE(LogVerifier::LoadState(Bytes(state.begin(), state.begin() + n)).ok()) << n;
  }
}

TEST(LogVerifierState, ConsistentChecksumButBrokenInvariantIsCorrupt) {
  // Re-seal a state whose catalog hash is wrong: the checksum passes, the
  // recomputed catalog hash does not.
  StandardLog log;
  LogVerifier v;
  ASSERT_TRUE(AddAll(v, log.b.leaves).ok());
  AuditState st = v.state();
  st.catalog_hash[0] ^= 1;
  EXPECT_EQ(DecodeAuditState(EncodeAuditState(st)).status().reason(), "state_corrupt");
  st = v.state();
  st.changesets.erase(log.b2);  // pending but not in the log
  EXPECT_EQ(DecodeAuditState(EncodeAuditState(st)).status().reason(), "state_corrupt");
}

// The state file layout of docs/audit.md, written by hand.
Hash32 HandLeafHash(const Bytes& leaf) {
  Bytes in{0x00};
  in.insert(in.end(), leaf.begin(), leaf.end());
  return Sha256(in);
}
Hash32 HandNodeHash(const Hash32& l, const Hash32& r) {
  Bytes in{0x01};
  in.insert(in.end(), l.begin(), l.end());
  in.insert(in.end(), r.begin(), r.end());
  return Sha256(in);
}

TEST(AuditStateGolden, MatchesHandWrittenLayout) {
  LogBuilder b;                         // 0 genesis
  b.Enroll("hongqi-01", "红旗村", 11);  // 1
  Row r1 = SampleVillageRow();
  Hash32 a1 = b.Commit("hongqi-01", {CreateOp{r1}});  // 2
  b.Approve({a1});                                    // 3
  ChangeSet cs2 = b.Next("hongqi-01", {SetOp{r1.id, Field::kContact, "", "0371-1"}});
  Hash32 a2 = b.Append(cs2);  // 4 (pending)
  LogVerifier v;
  ASSERT_TRUE(AddAll(v, b.leaves).ok());

  std::vector<Hash32> lh;
  for (const Bytes& l : b.leaves) lh.push_back(HandLeafHash(l));
  // Format 3; format 1 (before roster records) lacks the administrators'
  // revocation fields and the list of keys ever used, format 2 (before
  // policy records) the policy and the reviews; both are still read.
  auto layout = [&](uint16_t format) {
  LeBytes e;
  e.Str("gongkai-audit-state").U16(format);
  e.U64(5)
      .U64(2)  // size 5 = 0b101: subtrees [0,4) and [4,5)
      .Raw(ToBytes(HandNodeHash(HandNodeHash(lh[0], lh[1]), HandNodeHash(lh[2], lh[3]))))
      .Raw(ToBytes(lh[4]));
  e.Str(kOrigin).Raw(ToBytes(b.log_key.public_key()));
  e.U64(1).Str(kAdmin).Raw(ToBytes(b.admin_key.public_key())).U64(0);
  if (format >= 2) {
    e.U8(0).U64(0);                                               // not revoked
    e.U64(1).Raw(ToBytes(b.admin_key.public_key())).Str(kAdmin);  // keys ever used
  }
  if (format >= 3) e.U8(1).U64(0).U64(0);  // policy 1 (none set), no review waiting
  e.U64(1).Str("hongqi-01").Str("红旗村").Raw(ToBytes(audit_test::Key(11).public_key()));
  e.U64(1).U8(0).U64(0).U64(2).Raw(ToBytes(a2));  // enrolled 1, not revoked, last seq 2
  e.U64(1).Str(r1.id).Str("红旗村");
  e.U64(2).Raw(ToBytes(a1)).U64(2).Raw(ToBytes(a2)).U64(4);
  e.U64(1).U64(4).Str(ToString(EncodeChangeSet(cs2)));
  e.U64(1).Raw(ToBytes(b.approved.Hash()));
  e.U64(1).Str(r1.id).Str(r1.unit).U8(0).U8(15);
  for (const std::string& value : r1.values) e.Str(value);
  Bytes bytes = e.bytes();
  Hash32 sum = Sha256(bytes);
  bytes.insert(bytes.end(), sum.begin(), sum.end());
  return bytes;
  };
  const Bytes expected = layout(3);

  const Bytes state = v.SaveState();
  EXPECT_EQ(state, expected);
  // A format 1 file resumes to the same state.
  Result<LogVerifier> old = LogVerifier::LoadState(layout(1));
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_EQ(old->SaveState(), state);
  Result<LogVerifier> two = LogVerifier::LoadState(layout(2));
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  EXPECT_EQ(two->SaveState(), state);
  EXPECT_EQ(HexEncode(Sha256(state)),
            "8bb238571abae260ae0ae8c4362ceab73858b81dce014f171da55fd1d12f3bb5");
}

}  // namespace
}  // namespace gongkai
