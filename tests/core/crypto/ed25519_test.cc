#include "core/crypto/ed25519.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/base/hex.h"
#include "core/crypto/sha256.h"
#include "core/crypto/verifier_key.h"
#include "tests/testing/kat_key.h"
#include "tests/testing/temp_dir.h"

namespace gongkai {
namespace {

TEST(Sha256, KnownAnswer) {
  EXPECT_EQ(HexEncode(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256Hasher h;
  h.Update("a");
  h.Update("bc");
  EXPECT_EQ(h.Finish(), Sha256("abc"));
}

TEST(VerifierKey, C2spKnownAnswerPeterNeumann) {
  auto key = PrivateKey::FromSeed(*HexDecode(kKatSeedHex));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(MakeVerifierKey("PeterNeumann", key->public_key()).ToString(),
            "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
}

TEST(VerifierKey, ParseRoundTrip) {
  auto vk = ParseVerifierKey("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
  ASSERT_TRUE(vk.ok()) << vk.status().ToString();
  EXPECT_EQ(vk->name, "PeterNeumann");
  EXPECT_EQ(vk->key_id, 0xc74f20a3u);
}

TEST(VerifierKey, ParseRejectsWrongKeyId) {
  auto vk = ParseVerifierKey("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
  ASSERT_FALSE(vk.ok());
  EXPECT_EQ(vk.status().reason(), "bad_verifier_key");
}

TEST(VerifierKey, ParseRejectsWrongAlgorithmAndShape) {
  EXPECT_EQ(ParseVerifierKey("PeterNeumann+c74f20a3+AhpcMQ==").status().reason(),
            "bad_verifier_key");
  EXPECT_EQ(ParseVerifierKey("no-plus-signs").status().reason(), "bad_verifier_key");
  EXPECT_EQ(ParseVerifierKey("+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
                .status()
                .reason(),
            "bad_verifier_key");
}

TEST(Ed25519, SignVerifyAndRejectTamper) {
  auto key = PrivateKey::Generate();
  ASSERT_TRUE(key.ok());
  Bytes msg = ToBytes("财政预决算");
  Signature sig = key->Sign(msg);
  EXPECT_TRUE(Ed25519Verify(key->public_key(), msg, sig));
  msg[0] ^= 1;
  EXPECT_FALSE(Ed25519Verify(key->public_key(), msg, sig));
}

TEST(Ed25519, Rfc8032TestVector1) {
  // RFC 8032 §7.1 TEST 1: empty message.
  auto key = PrivateKey::FromSeed(
      *HexDecode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(HexEncode(key->public_key().data(), 32),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  Signature sig = key->Sign(Bytes{});
  EXPECT_EQ(HexEncode(sig.data(), 64),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
}

TEST(Ed25519, PemSavedWithMode0600AndLoads) {
  TempDir dir;
  auto key = PrivateKey::Generate();
  ASSERT_TRUE(key.ok());
  std::string path = dir.path() + "/k.pem";
  ASSERT_TRUE(key->SavePem(path).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto loaded = PrivateKey::LoadPem(path);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->public_key(), key->public_key());
}

TEST(Ed25519, SavePemRefusesToOverwrite) {
  TempDir dir;
  auto key = PrivateKey::Generate();
  std::string path = dir.path() + "/k.pem";
  ASSERT_TRUE(key->SavePem(path).ok());
  auto other = PrivateKey::Generate();
  Status s = other->SavePem(path);
  EXPECT_EQ(s.reason(), "key_exists");
  EXPECT_EQ(PrivateKey::LoadPem(path)->public_key(), key->public_key());
}

TEST(Ed25519, LoadRejectsGarbageAndMissing) {
  TempDir dir;
  std::string path = dir.path() + "/bad.pem";
  std::ofstream(path) << "not a key";
  EXPECT_EQ(PrivateKey::LoadPem(path).status().reason(), "bad_key_file");
  EXPECT_EQ(PrivateKey::LoadPem(dir.path() + "/none.pem").status().reason(), "key_missing");
}

// Independent implementation: the stock openssl CLI verifies our signature.
TEST(Ed25519, SignatureVerifiesWithOpensslCli) {
  if (std::system("openssl version >/dev/null 2>&1") != 0) GTEST_SKIP() << "no openssl CLI";
  TempDir dir;
  auto key = PrivateKey::FromSeed(*HexDecode(kKatSeedHex));
  Bytes msg = ToBytes("村务公开 每季度\n");
  Signature sig = key->Sign(msg);
  std::ofstream(dir.path() + "/pub.pem") << PublicKeyPem(key->public_key());
  std::ofstream(dir.path() + "/msg", std::ios::binary).write(
      reinterpret_cast<const char*>(msg.data()), static_cast<std::streamsize>(msg.size()));
  std::ofstream(dir.path() + "/sig", std::ios::binary)
      .write(reinterpret_cast<const char*>(sig.data()), 64);
  std::string cmd = "openssl pkeyutl -verify -pubin -inkey " + dir.path() + "/pub.pem -rawin -in " +
                    dir.path() + "/msg -sigfile " + dir.path() + "/sig >/dev/null 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  sig[10] ^= 0x01;
  std::ofstream(dir.path() + "/sig", std::ios::binary)
      .write(reinterpret_cast<const char*>(sig.data()), 64);
  EXPECT_NE(std::system(cmd.c_str()), 0);
}

}  // namespace
}  // namespace gongkai
