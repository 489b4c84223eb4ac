// Administrator passwords and encrypted keys (hub/admin/admin_key_file.h,
// docs/formats/admin-key.md): scrypt matches RFC 7914, the file's bytes are
// pinned, every corruption has its reason, and `admin passwd` turns the
// plaintext key into the encrypted one that the command line still signs
// with (GONGKAI_ADMIN_PASSWORD) — see docs/decisions/0005-admin-web-keys.md.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <sstream>

#include "core/base/hex.h"
#include "hub/admin/admin_key_file.h"
#include "hub/admin/admin_password.h"
#include "hub/admin/password_input.h"
#include "tests/hub/hub_fixture.h"

namespace gongkai::hub::testing {
namespace {

// Checked independently with Python hashlib.scrypt + cryptography AESGCM
// (the snippet in docs/formats/admin-key.md decrypts it to seed 0x11×32).
constexpr const char* GOLDEN_ADMIN_KEY_HEX =
    "474b41444d4b455901010a0000000800000001a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5"
    "c4821e71a7964616676e1c959543ab032a6cd49a93f9dbfcdd331a599be733ae"
    "5a5a5a5a5a5a5a5a5a5a5a5a"
    "17321bbb62bbc439151bf0aeb9c3e5f86af54197ce4881feeb4a7b78c817a497"
    "1b31fa5a1536383337e7a6e937264bce";

ScryptParams Fast() {
  ScryptParams p;
  p.log2_n = 10;
  return p;
}

AdminKeyFile GoldenFile() {
  std::array<uint8_t, 16> salt;
  salt.fill(0xa5);
  std::array<uint8_t, 12> nonce;
  nonce.fill(0x5a);
  Result<AdminKeyFile> f =
      SealAdminKey(KeyFromByte(0x11), "correct horse 电池", Fast(), salt, nonce);
  EXPECT_TRUE(f.ok()) << f.status().ToString();
  return *f;
}

TEST(AdminKeyFileTest, ScryptMatchesRfc7914) {
  ScryptParams p;
  p.log2_n = 14;
  p.r = 8;
  p.p = 1;
  std::string salt = "SodiumChloride";
  Result<PasswordKeys> k = DerivePasswordKeys("pleaseletmein", Bytes(salt.begin(), salt.end()), p);
  ASSERT_TRUE(k.ok()) << k.status().ToString();
  EXPECT_EQ(HexEncode(k->password_hash) + HexEncode(k->encryption_key),
            "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
            "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887");
}

TEST(AdminKeyFileTest, GoldenBytes) {
  Bytes b = EncodeAdminKeyFile(GoldenFile());
  ASSERT_EQ(b.size(), kAdminKeyFileSize);
  std::string hex = HexEncode(b);
  // magic, version, KDF, log2 N, r, p
  EXPECT_EQ(hex.substr(0, 38),
            "474b41444d4b4559"
            "01"
            "01"
            "0a"
            "00000008"
            "00000001");
  EXPECT_EQ(hex.substr(38, 32), "a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5");
  EXPECT_EQ(hex.substr(134, 24), "5a5a5a5a5a5a5a5a5a5a5a5a");
  EXPECT_EQ(hex, GOLDEN_ADMIN_KEY_HEX);
}

TEST(AdminKeyFileTest, RoundTripAndWrongPassword) {
  AdminKeyFile f = GoldenFile();
  Result<AdminKeyFile> back = DecodeAdminKeyFile(EncodeAdminKeyFile(f));
  ASSERT_TRUE(back.ok());
  Result<PrivateKey> key = UnlockAdminKey(*back, "correct horse 电池");
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->public_key(), KeyFromByte(0x11).public_key());
  Result<PrivateKey> wrong = UnlockAdminKey(*back, "correct horse");
  EXPECT_EQ(wrong.status().code(), Code::kUnauthenticated);
  EXPECT_EQ(wrong.status().reason(), "wrong_password");
}

TEST(AdminKeyFileTest, EachCorruptionHasItsReason) {
  Bytes good = EncodeAdminKeyFile(GoldenFile());
  auto reason_of = [](Bytes b) {
    Result<AdminKeyFile> f = DecodeAdminKeyFile(b);
    if (!f.ok()) return f.status().reason();
    Result<PrivateKey> k = UnlockAdminKey(*f, "correct horse 电池");
    return k.ok() ? std::string("ok") : k.status().reason();
  };
  EXPECT_EQ(reason_of(good), "ok");
  EXPECT_EQ(reason_of(Bytes(good.begin(), good.end() - 1)), "not_admin_key_file");
  Bytes b = good;
  b[0] = 'X';
  EXPECT_EQ(reason_of(b), "not_admin_key_file");
  b = good;
  b[8] = 2;
  EXPECT_EQ(reason_of(b), "unsupported_format");
  b = good;
  b[10] = 30;  // N = 2^30: refused before any work
  EXPECT_EQ(reason_of(b), "bad_kdf_params");
  b = good;
  b[19] ^= 1;  // salt: another derivation, the hash no longer matches
  EXPECT_EQ(reason_of(b), "wrong_password");
  b = good;
  b[80] ^= 1;  // ciphertext
  EXPECT_EQ(reason_of(b), "admin_key_corrupt");
  b = good;
  b[70] ^= 1;  // nonce (authenticated data)
  EXPECT_EQ(reason_of(b), "admin_key_corrupt");
  b = good;
  b[126] ^= 1;  // tag
  EXPECT_EQ(reason_of(b), "admin_key_corrupt");
}

TEST(AdminKeyFileTest, NewPasswordRules) {
  EXPECT_EQ(CheckNewPassword("short").reason(), "password_too_short");
  EXPECT_EQ(CheckNewPassword(std::string(257, 'a')).reason(), "password_too_long");
  EXPECT_EQ(CheckNewPassword("abc\tdefgh").reason(), "bad_password_text");
  EXPECT_EQ(CheckNewPassword("\xff\xfe"
                             "abcdefgh")
                .reason(),
            "bad_password_text");
  EXPECT_TRUE(CheckNewPassword("八个字的中文密码").ok());
}

class AdminPasswdTest : public HubFixture {
 protected:
  void TearDown() override { ::unsetenv(kAdminPasswordEnv); }
  Result<PasswdOutcome> SetPassword(const std::string& pw, const std::string& current = "") {
    PasswdRequest req;
    req.new_password = pw;
    req.current_password = current;
    req.params = Fast();
    return SetAdminPassword(*db_, paths_, req);
  }
};

TEST_F(AdminPasswdTest, ReplacesThePlaintextKeyWithTheEncryptedOne) {
  Result<PasswdOutcome> out = SetPassword("first-password");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->admin, "zhang");
  EXPECT_TRUE(out->removed_plaintext);
  struct stat st;
  EXPECT_NE(::stat(paths_.admin_key("zhang").c_str(), &st), 0);
  ASSERT_EQ(::stat(AdminEncryptedKeyPath(paths_, "zhang").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(st.st_size, 127);

  // The command line signs with it, given the password.
  ::setenv(kAdminPasswordEnv, "first-password", 1);
  Result<AdminSigner> signer = LoadAdminSigner(*db_, paths_, "");
  ASSERT_TRUE(signer.ok()) << signer.status().ToString();
  EXPECT_EQ(signer->key.public_key(), admin_->key.public_key());
  ::setenv(kAdminPasswordEnv, "not-the-password", 1);
  EXPECT_EQ(LoadAdminSigner(*db_, paths_, "zhang").status().reason(), "wrong_password");

  // Web sign-in: right password, wrong password, unknown administrator.
  Result<AdminSigner> web = UnlockAdminWithPassword(*db_, paths_, "zhang", "first-password");
  ASSERT_TRUE(web.ok()) << web.status().ToString();
  EXPECT_EQ(web->name, "zhang");
  EXPECT_EQ(UnlockAdminWithPassword(*db_, paths_, "zhang", "x").status().reason(),
            "wrong_password");
  EXPECT_EQ(UnlockAdminWithPassword(*db_, paths_, "li", "first-password").status().reason(),
            "wrong_password");
  EXPECT_EQ(UnlockAdminWithPassword(*db_, paths_, "../zhang", "first-password").status().reason(),
            "wrong_password");
}

TEST_F(AdminPasswdTest, ChangingThePasswordNeedsTheCurrentOne) {
  ASSERT_TRUE(SetPassword("first-password").ok());
  Result<PasswdOutcome> wrong = SetPassword("second-password", "guess-guess");
  EXPECT_EQ(wrong.status().reason(), "wrong_password");
  EXPECT_TRUE(UnlockAdminWithPassword(*db_, paths_, "zhang", "first-password").ok());
  ASSERT_TRUE(SetPassword("second-password", "first-password").ok());
  EXPECT_TRUE(UnlockAdminWithPassword(*db_, paths_, "zhang", "second-password").ok());
  EXPECT_EQ(UnlockAdminWithPassword(*db_, paths_, "zhang", "first-password").status().reason(),
            "wrong_password");
}

TEST_F(AdminPasswdTest, WeakPasswordIsRefusedAndTheKeyStaysAsItWas) {
  EXPECT_EQ(SetPassword("short").status().reason(), "password_too_short");
  struct stat st;
  EXPECT_EQ(::stat(paths_.admin_key("zhang").c_str(), &st), 0);
  EXPECT_NE(::stat(AdminEncryptedKeyPath(paths_, "zhang").c_str(), &st), 0);
}

TEST_F(AdminPasswdTest, AForeignKeyFileIsNotAccepted) {
  ASSERT_TRUE(SetPassword("first-password").ok());
  // Someone puts another key, encrypted under a password they know.
  Result<AdminKeyFile> f = SealAdminKey(KeyFromByte(0x77), "their-password", Fast());
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE(SaveAdminKeyFile(AdminEncryptedKeyPath(paths_, "zhang"), *f).ok());
  EXPECT_EQ(UnlockAdminWithPassword(*db_, paths_, "zhang", "their-password").status().reason(),
            "admin_key_mismatch");
}

TEST_F(AdminPasswdTest, PasswordLineReaders) {
  std::istringstream in("pass word\r\nsecond\n");
  EXPECT_EQ(*ReadPasswordLine(in), "pass word");
  std::istringstream empty("");
  EXPECT_EQ(ReadPasswordLine(empty).status().reason(), "no_password");
}

}  // namespace
}  // namespace gongkai::hub::testing
