// `gongkai-hub CMD --help` for every subcommand: exit 0, the usage and an
// example on stdout, nothing else run (no --dir needed, nothing written).
#include <gtest/gtest.h>

#include <string>

#include "tests/testing/process.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::testing {
namespace {

TEST(HubHelpProcessTest, EverySubcommandExplainsItselfWithAnExample) {
  TempDir tmp;
  for (const char* cmd :
       {"init", "info", "serve", "station", "pending", "resolve", "approve", "reject", "catalog",
        "compliance", "admin", "check", "log", "bundle", "tls"}) {
    for (const char* flag : {"--help", "-h"}) {
      SCOPED_TRACE(std::string(cmd) + " " + flag);
      RunResult r = RunProgram({BinaryPath("hub/gongkai-hub"), cmd, flag}, tmp.path());
      EXPECT_EQ(r.exit_code, 0) << r.err;
      EXPECT_NE(r.out.find(std::string("gongkai-hub ") + cmd), std::string::npos) << r.out;
      EXPECT_NE(r.out.find("例子 (example):"), std::string::npos) << r.out;
      EXPECT_EQ(r.err, "");
    }
  }
  // A subcommand's own --help after other flags, too; an unknown flag is
  // still a usage error.
  RunResult sub = RunProgram({BinaryPath("hub/gongkai-hub"), "admin", "add", "--help"}, tmp.path());
  EXPECT_EQ(sub.exit_code, 0);
  EXPECT_NE(sub.out.find("admin add --dir D --name NAME"), std::string::npos) << sub.out;
  RunResult bad = RunProgram({BinaryPath("hub/gongkai-hub"), "approve", "--bogus"}, tmp.path());
  EXPECT_EQ(bad.exit_code, 2);
}

// The help names the exit status a damaged store gives (7, docs/exit-codes.md),
// not one of another meaning.
TEST(HubHelpProcessTest, TheDamagedStoreExitIsTheTablesSeven) {
  TempDir tmp;
  for (const char* cmd : {"check", "serve"}) {
    SCOPED_TRACE(cmd);
    RunResult r = RunProgram({BinaryPath("hub/gongkai-hub"), cmd, "--help"}, tmp.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("退出状态 7"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("退出状态 4"), std::string::npos) << r.out;
  }
  RunResult check = RunProgram({BinaryPath("hub/gongkai-hub"), "check", "--help"}, tmp.path());
  EXPECT_NE(check.out.find("--rebuild-row-history"), std::string::npos) << check.out;
}

}  // namespace
}  // namespace gongkai::testing
