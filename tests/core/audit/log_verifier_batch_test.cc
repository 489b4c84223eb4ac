// LogVerifier with its signatures verified ahead in a SignatureBatch, as
// gongkai-audit does with --jobs: the same verdicts, the same state.
#include <gtest/gtest.h>

#include "core/audit/log_verifier.h"
#include "core/crypto/signature_batch.h"
#include "tests/core/audit/log_builder.h"

namespace gongkai {
namespace {

using audit_test::AddAll;
using audit_test::StandardLog;

std::vector<Bytes> Slice(const std::vector<Bytes>& all, size_t from) {
  return std::vector<Bytes>(all.begin() + static_cast<std::ptrdiff_t>(from), all.end());
}

// Adds leaves[from..] with their signatures verified in a batch first.
Status AddBatched(LogVerifier& v, const std::vector<Bytes>& leaves, size_t from,
                  SignatureBatch* batch) {
  v.CollectSignatures(Slice(leaves, from), batch);
  batch->VerifyAll(2);
  ScopedVerifiedSignatures scope(*batch);
  return AddAll(v, leaves, from);
}

TEST(LogVerifierBatch, CollectsOnlyTheKeysKnownBeforeTheBatch) {
  StandardLog log;
  LogVerifier v;
  ASSERT_TRUE(v.Add(0, log.b.leaves[0]).ok());
  SignatureBatch batch;
  v.CollectSignatures(Slice(log.b.leaves, 1), &batch);
  // The administrator is known from the genesis: enrollments 1, 2,
  // approvals 4, 8, rejection 9. The stations are enrolled within the
  // batch: their change sets (3, 5, 6, 7, 10) are left to Add().
  EXPECT_EQ(batch.size(), 5u);
  EXPECT_EQ(v.size(), 1u);  // collecting changes nothing
}

TEST(LogVerifierBatch, BatchedRunReachesTheSameStateAsOneByOne) {
  StandardLog log;
  LogVerifier one_by_one;
  ASSERT_TRUE(AddAll(one_by_one, log.b.leaves).ok());

  LogVerifier batched;
  ASSERT_TRUE(
      AddAll(batched, std::vector<Bytes>(log.b.leaves.begin(), log.b.leaves.begin() + 3)).ok());
  SignatureBatch batch;
  Status s = AddBatched(batched, log.b.leaves, 3, &batch);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(batch.size(), 8u);  // every entry from 3 on: both stations are known
  EXPECT_EQ(batched.SaveState(), one_by_one.SaveState());
  EXPECT_EQ(batched.Root(), one_by_one.Root());
}

TEST(LogVerifierBatch, ABadSignatureIsRefusedAtItsEntryAsWithoutABatch) {
  StandardLog log;
  std::vector<Bytes> leaves = log.b.leaves;
  leaves[6][leaves[6].size() - 3] ^= 1;  // entry 6: B1's signature
  LogVerifier v;
  ASSERT_TRUE(AddAll(v, std::vector<Bytes>(leaves.begin(), leaves.begin() + 3)).ok());
  const Bytes before = v.SaveState();
  SignatureBatch batch;
  v.CollectSignatures(Slice(leaves, 3), &batch);
  batch.VerifyAll(2);
  ScopedVerifiedSignatures scope(batch);
  Status s;
  size_t i = 3;
  for (; i < leaves.size(); ++i) {
    s = v.Add(i, leaves[i]);
    if (!s.ok()) break;
  }
  EXPECT_EQ(i, 6u);
  EXPECT_EQ(s.reason(), "bad_signature");
  EXPECT_EQ(v.size(), 6u);  // entries 3..5 verified, 6 changed nothing
  EXPECT_NE(v.SaveState(), before);
}

TEST(LogVerifierBatch, AnEntryOfAnotherSignerIsNotAnsweredFromTheBatch) {
  // Entry 3 (A1, hongqi-01's) re-signed by hongqi-02's key under
  // hongqi-01's name: the batch checks it with hongqi-01's key and finds it
  // invalid; Add refuses it.
  StandardLog log;
  std::vector<Bytes> leaves(log.b.leaves.begin(), log.b.leaves.begin() + 4);
  Result<Envelope> env = DecodeEnvelope(leaves[3]);
  ASSERT_TRUE(env.ok());
  leaves[3] = audit_test::Leaf(EnvelopeKind::kChangeSet, "hongqi-01", env->body,
                               log.b.stations.at("hongqi-02").key);
  LogVerifier v;
  ASSERT_TRUE(AddAll(v, std::vector<Bytes>(leaves.begin(), leaves.begin() + 3)).ok());
  SignatureBatch batch;
  Status s = AddBatched(v, leaves, 3, &batch);
  EXPECT_EQ(s.reason(), "bad_signature");
  EXPECT_EQ(v.size(), 3u);
}

}  // namespace
}  // namespace gongkai
