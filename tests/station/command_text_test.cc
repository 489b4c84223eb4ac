// station/app/commands.txt and its reader (station/app/command_text.h): the
// compiled-in file reads, every command of the table has its words and
// every entry a command; the reader keeps the help text as written and
// names the line of each mistake.
#include "station/app/command_text.h"

#include <gtest/gtest.h>

#include <set>

#include "station/app/command_table.h"

namespace gongkai::station {
namespace {

TEST(CommandTextTest, TheCompiledFileReadsAndMatchesTheCommandTable) {
  Result<CommandTexts> texts = ParseCommandTexts(kCommandsTxt);
  ASSERT_TRUE(texts.ok()) << texts.status().message();
  std::set<std::string> names;
  for (const CommandSpec& c : CommandTable()) {
    names.insert(c.name);
    ASSERT_TRUE(texts->contains(c.name)) << "commands.txt has no [" << c.name << "]";
    EXPECT_FALSE(c.summary.empty()) << c.name;
    EXPECT_TRUE(c.usage.starts_with("gongkai-station " + c.name)) << c.name << ": " << c.usage;
    EXPECT_FALSE(c.help.empty()) << c.name;
    EXPECT_FALSE(c.examples.empty()) << c.name;
  }
  for (const auto& [name, text] : *texts) {
    EXPECT_TRUE(names.contains(name)) << "[" << name << "] in commands.txt is no command";
  }
}

TEST(CommandTextTest, KeepsTheHelpAsWrittenAndJoinsContinuedLines) {
  Result<CommandTexts> texts = ParseCommandTexts(
      "# a comment\n"
      "\n"
      "[bundle export]\n"
      "summary: 导出 (export)\n"
      "usage: gongkai-station bundle export 文件\n"
      "      [--json]\n"
      "example: gongkai-station bundle export a.gkb \\\n"
      "      --json\n"
      "example: gongkai-station bundle export b.gkb\n"
      "\n"
      "\n"
      "第一行\n"
      "\n"
      "  [not a command] # not a comment\n"
      "\n"
      "\n"
      "[ui]\n"
      "summary: 网页\n"
      "usage: gongkai-station ui\n");
  ASSERT_TRUE(texts.ok()) << texts.status().message();
  ASSERT_EQ(texts->size(), 2u);
  const CommandText& t = texts->at("bundle export");
  EXPECT_EQ(t.summary, "导出 (export)");
  EXPECT_EQ(t.usage, "gongkai-station bundle export 文件\n      [--json]");
  ASSERT_EQ(t.examples.size(), 2u);
  EXPECT_EQ(t.examples[0], "gongkai-station bundle export a.gkb \\\n      --json");
  EXPECT_EQ(t.help, "第一行\n\n  [not a command] # not a comment");
  EXPECT_EQ(texts->at("ui").help, "");
  EXPECT_TRUE(texts->at("ui").examples.empty());
}

TEST(CommandTextTest, ReadsAFileSavedWithCrlfOrWithBlanksThatHoldSpacesAsTheSame) {
  const std::string lf =
      "[ui]\nsummary: 网页\nusage: gongkai-station ui\nexample: gongkai-station ui\n\n"
      "说明\n[--open] 打开浏览器\n\n第三行\n";
  std::string crlf;
  for (char ch : lf) crlf += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
  std::string spaced = lf;
  spaced.replace(spaced.find("\n\n说明"), 2, "\n  \t\n");
  for (const std::string& text : {lf, crlf, spaced}) {
    Result<CommandTexts> texts = ParseCommandTexts(text);
    ASSERT_TRUE(texts.ok()) << texts.status().message();
    ASSERT_EQ(texts->size(), 1u) << "[--open] is help text, not a command";
    EXPECT_EQ(texts->at("ui").usage, "gongkai-station ui");
    EXPECT_EQ(texts->at("ui").help, "说明\n[--open] 打开浏览器\n\n第三行");
  }
}

TEST(CommandTextTest, NamesTheLineOfEachMistake) {
  struct Case {
    const char* text;
    const char* line;
  };
  for (const Case& c : {
           Case{"stray\n[ui]\nsummary: a\nusage: b\n", "line 1:"},
           Case{"[ui]\nsummary: a\nusage: b\nhelp: c\n", "line 4:"},
           Case{"[ui]\nsummary: a\nsummary: b\nusage: c\n", "line 3:"},
           Case{"[ui]\nsummary: a\n", "line 1:"},
           Case{"[ui]\nsummary: \nusage: b\n", "line 2:"},
           Case{"[ui]\nsummary: a\nusage: b\n[ui]\nsummary: a\nusage: b\n", "line 4:"},
           Case{"[ui]\n  continued with nothing above\n", "line 2:"},
       }) {
    Result<CommandTexts> texts = ParseCommandTexts(c.text);
    ASSERT_FALSE(texts.ok()) << c.text;
    EXPECT_EQ(texts.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(texts.status().reason(), "bad_command_text");
    EXPECT_NE(texts.status().message().find(c.line), std::string::npos)
        << c.text << " → " << texts.status().message();
  }
}

TEST(CommandTextTest, WithTextPutsTheFileFirstAndTheCommandsOwnHelpAfter) {
  CommandTexts texts;
  texts["add"] = CommandText{"新增", "gongkai-station add", "说明", {"gongkai-station add --x"}};
  CommandSpec spec = WithText({.name = "add", .help = "可选值:\n  a\n"}, texts);
  EXPECT_EQ(spec.summary, "新增");
  EXPECT_EQ(spec.help, "说明\n\n可选值:\n  a\n");
  EXPECT_EQ(spec.examples, std::vector<std::string>{"gongkai-station add --x"});
  texts["ui"] = CommandText{"网页", "gongkai-station ui", "", {}};
  EXPECT_EQ(WithText({.name = "ui", .help = "只有程序写的部分"}, texts).help, "只有程序写的部分");
  CommandSpec unknown = WithText({.name = "nope"}, texts);
  EXPECT_TRUE(unknown.summary.empty());
}

}  // namespace
}  // namespace gongkai::station
