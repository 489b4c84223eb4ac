#include "core/crypto/signature_batch.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "core/crypto/ed25519.h"

namespace gongkai {
namespace {

struct Signed {
  PublicKey key;
  Bytes msg;
  Signature sig;
};

Signed SignOne(const PrivateKey& key, const std::string& text) {
  Bytes msg = ToBytes(text);
  return Signed{key.public_key(), msg, key.Sign(msg)};
}

TEST(SignatureBatch, VerdictsMatchOneByOneVerification) {
  auto a = PrivateKey::Generate();
  auto b = PrivateKey::Generate();
  ASSERT_TRUE(a.ok() && b.ok());
  SignatureBatch batch;
  std::vector<Signed> all;
  for (int i = 0; i < 200; ++i) {
    Signed s = SignOne(i % 2 ? *a : *b, "变更集 " + std::to_string(i));
    if (i % 7 == 0) s.sig[5] ^= 1;                            // a broken signature
    if (i % 11 == 0) s.key = (i % 2 ? *b : *a).public_key();  // the other key
    batch.Add(s.key, s.msg, s.sig);
    all.push_back(s);
  }
  batch.VerifyAll(4);
  for (const Signed& s : all) {
    bool alone = Ed25519Verify(s.key, s.msg, s.sig);
    EXPECT_EQ(batch.Verified(s.key, s.msg.data(), s.msg.size(), s.sig), alone);
  }
}

TEST(SignatureBatch, AnswersOnlyTheExactCheckInScope) {
  auto a = PrivateKey::Generate();
  auto b = PrivateKey::Generate();
  ASSERT_TRUE(a.ok() && b.ok());
  Signed s = SignOne(*a, "财政预决算");
  SignatureBatch batch;
  batch.Add(s.key, s.msg, s.sig);
  batch.VerifyAll(2);
  ScopedVerifiedSignatures scope(batch);
  EXPECT_EQ(ScopedVerifiedSignatures::Current(), &batch);
  EXPECT_TRUE(Ed25519Verify(s.key, s.msg, s.sig));
  // Same signature, another message or another key: verified for real.
  Bytes other = s.msg;
  other.back() ^= 1;
  EXPECT_FALSE(Ed25519Verify(s.key, other, s.sig));
  Bytes longer = s.msg;
  longer.push_back('x');
  EXPECT_FALSE(Ed25519Verify(s.key, longer, s.sig));
  EXPECT_FALSE(Ed25519Verify(b->public_key(), s.msg, s.sig));
}

TEST(SignatureBatch, AFailedCheckIsNotRemembered) {
  auto a = PrivateKey::Generate();
  ASSERT_TRUE(a.ok());
  Signed s = SignOne(*a, "低保名单");
  s.sig[0] ^= 1;
  SignatureBatch batch;
  batch.Add(s.key, s.msg, s.sig);
  batch.VerifyAll(2);
  EXPECT_FALSE(batch.Verified(s.key, s.msg.data(), s.msg.size(), s.sig));
  ScopedVerifiedSignatures scope(batch);
  EXPECT_FALSE(Ed25519Verify(s.key, s.msg, s.sig));
}

TEST(SignatureBatch, UnverifiedBatchAnswersNothing) {
  auto a = PrivateKey::Generate();
  ASSERT_TRUE(a.ok());
  Signed s = SignOne(*a, "村务公开");
  SignatureBatch batch;
  batch.Add(s.key, s.msg, s.sig);  // VerifyAll never called
  EXPECT_FALSE(batch.Verified(s.key, s.msg.data(), s.msg.size(), s.sig));
}

TEST(SignatureBatch, ScopesNestAndRestore) {
  SignatureBatch outer, inner;
  EXPECT_EQ(ScopedVerifiedSignatures::Current(), nullptr);
  {
    ScopedVerifiedSignatures o(outer);
    {
      ScopedVerifiedSignatures i(inner);
      EXPECT_EQ(ScopedVerifiedSignatures::Current(), &inner);
      // Another thread has no scope of its own.
      const SignatureBatch* seen = &inner;
      std::thread([&] { seen = ScopedVerifiedSignatures::Current(); }).join();
      EXPECT_EQ(seen, nullptr);
    }
    EXPECT_EQ(ScopedVerifiedSignatures::Current(), &outer);
  }
  EXPECT_EQ(ScopedVerifiedSignatures::Current(), nullptr);
}

TEST(SignatureBatch, EffectiveJobs) {
  EXPECT_GE(EffectiveJobs(0), 1u);
  EXPECT_EQ(EffectiveJobs(3), 3u);
  EXPECT_EQ(EffectiveJobs(1000), 256u);
}

// The parsed-key cache is shared by threads and bounded (4,096 keys, then
// it starts afresh): more keys than that, from two threads at once, every
// verdict still right.
TEST(Ed25519KeyCache, ManyKeysFromTwoThreadsStayCorrect) {
  std::vector<Signed> signed_by_many;
  for (int i = 0; i < 4200; ++i) {
    auto k = PrivateKey::Generate();
    ASSERT_TRUE(k.ok());
    signed_by_many.push_back(SignOne(*k, "站点 " + std::to_string(i)));
  }
  auto check = [&](size_t first, int* wrong) {
    for (size_t i = first; i < signed_by_many.size(); i += 2) {
      const Signed& s = signed_by_many[i];
      Bytes tampered = s.msg;
      tampered[0] ^= 1;
      if (!Ed25519Verify(s.key, s.msg, s.sig)) ++*wrong;
      if (Ed25519Verify(s.key, tampered, s.sig)) ++*wrong;
    }
  };
  int wrong0 = 0, wrong1 = 0;
  std::thread t([&] { check(1, &wrong1); });
  check(0, &wrong0);
  t.join();
  EXPECT_EQ(wrong0 + wrong1, 0);
}

}  // namespace
}  // namespace gongkai
