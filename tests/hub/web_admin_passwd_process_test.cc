// `gongkai-hub admin passwd` as a process (docs/decisions/0005-admin-web-keys.md):
// the password from a file or stdin, the plaintext key replaced by the
// encrypted one, and the signing commands then needing the password
// (GONGKAI_ADMIN_PASSWORD) — wrong password refused with nothing written.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>

#include "core/crypto/ed25519.h"
#include "core/crypto/verifier_key.h"
#include "hub/admin/password_input.h"
#include "tests/hub/hub_fixture.h"
#include "tests/hub/hub_testing.h"
#include "tests/testing/process.h"

namespace gongkai::hub::testing {
namespace {

class AdminPasswdProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::unsetenv(kAdminPasswordEnv);
    dir_ = tmp_.path() + "/hub";
    RunResult init =
        Hub({"init", "--dir", dir_, "--origin", "town.example/gongkai", "--admin", "zhang"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    WriteBinary(tmp_.path() + "/pw.txt", "第一个密码-first\n");
  }
  void TearDown() override { ::unsetenv(kAdminPasswordEnv); }

  RunResult Hub(std::vector<std::string> args) {
    args.insert(args.begin(), BinaryPath("hub/gongkai-hub"));
    return RunProgram(args, tmp_.path());
  }
  bool Exists(const std::string& p) {
    struct stat st;
    return ::stat(p.c_str(), &st) == 0;
  }
  RunResult AddStation() {
    std::string key = MakeVerifierKey("hongqi-01", KeyFromByte(0x41).public_key()).ToString();
    return Hub(
        {"station", "add", "--dir", dir_, "--id", "hongqi-01", "--unit", "红旗村", "--key", key});
  }

  TempDir tmp_;
  std::string dir_;
};

TEST_F(AdminPasswdProcessTest, PasswordFileEncryptsTheKeyAndCommandsThenNeedThePassword) {
  RunResult r = Hub({"admin", "passwd", "--dir", dir_, "--password-file", tmp_.path() + "/pw.txt",
                     "--scrypt-log2n", "10", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"removed_plaintext\":true"), std::string::npos) << r.out;
  EXPECT_FALSE(Exists(dir_ + "/admins/zhang.key"));
  EXPECT_TRUE(Exists(dir_ + "/admins/zhang.key.enc"));

  Hash32 before = StateDigest(dir_ + "/hub.db");
  ::setenv(kAdminPasswordEnv, "not-the-password", 1);
  RunResult wrong = AddStation();
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("[wrong_password]"), std::string::npos) << wrong.err;
  EXPECT_EQ(StateDigest(dir_ + "/hub.db"), before);

  ::setenv(kAdminPasswordEnv, "第一个密码-first", 1);
  RunResult ok = AddStation();
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

TEST_F(AdminPasswdProcessTest, WeakPasswordIsRefusedAndThePlaintextKeyStays) {
  WriteBinary(tmp_.path() + "/weak.txt", "short\n");
  RunResult r =
      Hub({"admin", "passwd", "--dir", dir_, "--password-file", tmp_.path() + "/weak.txt"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("[password_too_short]"), std::string::npos) << r.err;
  EXPECT_TRUE(Exists(dir_ + "/admins/zhang.key"));
  EXPECT_FALSE(Exists(dir_ + "/admins/zhang.key.enc"));
  // Without a password the command line signs exactly as before.
  EXPECT_EQ(AddStation().exit_code, 0);
}

TEST_F(AdminPasswdProcessTest, ChangingThePasswordNeedsTheCurrentOne) {
  ASSERT_EQ(Hub({"admin", "passwd", "--dir", dir_, "--password-file", tmp_.path() + "/pw.txt",
                 "--scrypt-log2n", "10"})
                .exit_code,
            0);
  WriteBinary(tmp_.path() + "/new.txt", "第二个密码-second\n");
  WriteBinary(tmp_.path() + "/bad.txt", "guess-guess\n");
  RunResult bad =
      Hub({"admin", "passwd", "--dir", dir_, "--password-file", tmp_.path() + "/new.txt",
           "--current-password-file", tmp_.path() + "/bad.txt"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("[wrong_password]"), std::string::npos) << bad.err;
  RunResult good =
      Hub({"admin", "passwd", "--dir", dir_, "--password-file", tmp_.path() + "/new.txt",
           "--current-password-file", tmp_.path() + "/pw.txt", "--scrypt-log2n", "10"});
  EXPECT_EQ(good.exit_code, 0) << good.err;
  ::setenv(kAdminPasswordEnv, "第二个密码-second", 1);
  EXPECT_EQ(AddStation().exit_code, 0);
}

TEST_F(AdminPasswdProcessTest, UnknownSubcommandIsAUsageError) {
  RunResult r = Hub({"admin", "frobnicate", "--dir", dir_});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("[usage]"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gongkai::hub::testing
