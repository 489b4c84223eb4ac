// Every command explains itself: --help on the program and on every
// command, with a usage line and an example; usage errors say what to do.
#include <gtest/gtest.h>

#include "station/app/command_table.h"
#include "tests/station/station_fixture.h"

namespace gongkai::station {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

TEST(CliHelp, ProgramHelpListsEveryCommand) {
  auto r = RunCli({"--help"});
  EXPECT_EQ(r.code, 0);
  for (const CommandSpec& c : CommandTable()) {
    EXPECT_NE(r.out.find("  " + c.name + " "), std::string::npos) << c.name;
  }
  EXPECT_NE(r.out.find("GONGKAI_DIR"), std::string::npos);
}

TEST(CliHelp, EveryCommandHasHelpWithAnExample) {
  for (const CommandSpec& c : CommandTable()) {
    // The examples are whole lines of this command; the prose has none.
    ASSERT_FALSE(c.examples.empty()) << c.name;
    for (const std::string& e : c.examples) {
      const std::string line = "gongkai-station " + c.name;
      EXPECT_TRUE(e == line || e.starts_with(line + " ")) << c.name << ": " << e;
      EXPECT_FALSE(e.ends_with("\n")) << e;
    }
    EXPECT_EQ(c.help.find("例子"), std::string::npos) << c.name;
    for (const char* flag : {"--help", "-h"}) {
      std::vector<std::string> argv;  // "bundle export" is two words
      for (size_t at = 0, sp; at <= c.name.size(); at = sp + 1) {
        sp = c.name.find(' ', at);
        if (sp == std::string::npos) sp = c.name.size();
        argv.push_back(c.name.substr(at, sp - at));
      }
      argv.push_back(flag);
      auto r = RunCli(argv);
      EXPECT_EQ(r.code, 0) << c.name;
      EXPECT_EQ(r.out.rfind("用法 (usage): gongkai-station " + c.name, 0), 0u) << r.out;
      EXPECT_NE(r.out.find("例子 (example):\n  gongkai-station " + c.name), std::string::npos)
          << c.name << ":\n"
          << r.out;
      EXPECT_NE(r.out.find("--help"), std::string::npos);
      EXPECT_TRUE(r.err.empty());
    }
  }
}

// A group's first word alone ("bundle --help") shows the help of each of
// its commands; an unknown group is still an unknown command.
TEST(CliHelp, AGroupOfCommandsExplainsEachOfThem) {
  auto r = RunCli({"bundle", "--help"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("用法 (usage): gongkai-station bundle export"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("用法 (usage): gongkai-station bundle import"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("例子 (example):"), std::string::npos);
  EXPECT_EQ(RunCli({"bundles", "--help"}).code, 2);
}

TEST(CliHelp, HelpWinsOverOtherArguments) {
  auto r = RunCli({"edit", "--set", "--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("用法"), std::string::npos);
  EXPECT_EQ(RunCli({"help", "seal"}).out, RunCli({"seal", "--help"}).out);
}

TEST(CliHelp, Version) {
  auto r = RunCli({"--version"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out.rfind("gongkai-station ", 0), 0u);
}

TEST(CliHelp, NoArgumentsShowsHelpAndFails) {
  auto r = RunCli({});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("命令 (commands)"), std::string::npos);
}

void ExpectUsageError(const testing::CliResult& r, const std::string& reason) {
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_EQ(r.err.rfind("错误: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("[" + reason + "]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--help"), std::string::npos) << "says what to do: " << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(CliHelp, UnknownCommand) { ExpectUsageError(RunCli({"lsit"}), "unknown_command"); }

TEST(CliHelp, UnknownFlag) { ExpectUsageError(RunCli({"list", "--dri", "x"}), "unknown_flag"); }

TEST(CliHelp, MissingFlagValue) { ExpectUsageError(RunCli({"list", "--dir"}), "missing_value"); }

TEST(CliHelp, RepeatedFlag) {
  ExpectUsageError(RunCli({"list", "--dir", "a", "--dir", "b"}), "repeated_flag");
}

TEST(CliHelp, WrongNumberOfArguments) {
  ExpectUsageError(RunCli({"show", "--dir", "/nonexistent"}), "wrong_arguments");
  ExpectUsageError(RunCli({"retire", "a", "b", "--dir", "/nonexistent"}), "wrong_arguments");
}

TEST(CliHelp, MissingDirectory) { ExpectUsageError(RunCli({"status"}), "missing_dir"); }

TEST(CliHelp, InitNeedsIdAndUnit) {
  TempDir tmp;
  ExpectUsageError(RunCli({"init", "--dir", tmp.path(), "--unit", "红旗村"}), "missing_flag");
  ExpectUsageError(RunCli({"init", "--dir", tmp.path(), "--id", "hongqi-01"}), "missing_flag");
}

TEST(CliHelp, UninitializedDirectorySaysRunInit) {
  TempDir tmp;
  for (const char* cmd : {"status", "list", "history", "seal", "config", "check"}) {
    auto r = RunCli({cmd, "--dir", tmp.path()});
    EXPECT_EQ(r.code, 5) << cmd;
    EXPECT_NE(r.err.find("[not_initialized]"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("gongkai-station init"), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace gongkai::station
