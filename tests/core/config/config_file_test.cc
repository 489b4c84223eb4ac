#include "core/config/config_file.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/testing/temp_dir.h"

namespace gongkai {
namespace {

const std::vector<std::string_view> kKeys = {
    "dir", "listen", "threads", "max_body_bytes", "auto_approve_stations", "unit"};

Result<ConfigFile> Parse(std::string_view text) { return ParseConfigText(text, "hub.conf", kKeys); }

TEST(ConfigFile, ParsesEntriesCommentsAndBlankLines) {
  Result<ConfigFile> c = Parse(
      "# 集镇中心\n"
      "\n"
      "dir = /var/lib/gongkai/hub\n"
      "   # indented comment\n"
      "listen=127.0.0.1:8443\n"
      "\tthreads =   4   \n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->entries().size(), 3u);
  EXPECT_EQ(c->entries()[0].key, "dir");
  EXPECT_EQ(c->entries()[0].value, "/var/lib/gongkai/hub");
  EXPECT_EQ(c->entries()[0].line, 3);
  EXPECT_EQ(c->entries()[1].value, "127.0.0.1:8443");
  EXPECT_EQ(c->entries()[1].line, 5);
  EXPECT_EQ(c->entries()[2].value, "4");
  EXPECT_EQ(c->entries()[2].line, 6);
}

TEST(ConfigFile, EmptyTextIsAnEmptyConfig) {
  Result<ConfigFile> c = Parse("");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->entries().empty());
  EXPECT_EQ(c->GetString("dir"), std::nullopt);
}

TEST(ConfigFile, EmptyValueMeansNotSet) {
  Result<ConfigFile> c = Parse("auto_approve_stations =\nunit =   \n");
  ASSERT_TRUE(c.ok());
  ASSERT_NE(c->Find("auto_approve_stations"), nullptr);
  EXPECT_EQ(c->GetString("auto_approve_stations"), std::nullopt);
  EXPECT_TRUE(c->GetList("auto_approve_stations").empty());
  EXPECT_EQ(c->GetString("unit"), std::nullopt);
}

TEST(ConfigFile, ValueKeepsHashEqualsAndChinese) {
  Result<ConfigFile> c = Parse("listen = a=b # not a comment\nunit = 红旗村\n");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c->GetString("listen"), "a=b # not a comment");
  EXPECT_EQ(*c->GetString("unit"), "红旗村");
}

TEST(ConfigFile, AcceptsCrlfBomAndMissingFinalNewline) {
  Result<ConfigFile> c = Parse("\xEF\xBB\xBF# saved by Notepad\r\ndir = /srv/hub\r\nthreads = 2");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(*c->GetString("dir"), "/srv/hub");
  EXPECT_EQ(*c->GetString("threads"), "2");
  EXPECT_EQ(c->Find("threads")->line, 3);
}

TEST(ConfigFile, LineWithoutEqualsIsBadSyntax) {
  Result<ConfigFile> c = Parse("dir = /x\n\nlisten 127.0.0.1:8443\n");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().reason(), "bad_syntax");
  EXPECT_EQ(c.status().code(), Code::kInvalidArgument);
  EXPECT_NE(c.status().message().find("hub.conf 第 3 行"), std::string::npos)
      << c.status().message();
}

TEST(ConfigFile, EmptyKeyIsBadSyntax) {
  Result<ConfigFile> c = Parse("= 5\n");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().reason(), "bad_syntax");
  EXPECT_NE(c.status().message().find("第 1 行"), std::string::npos);
}

TEST(ConfigFile, KeyWithSpaceOrChineseIsBadSyntax) {
  EXPECT_EQ(Parse("max body bytes = 5\n").status().reason(), "bad_syntax");
  EXPECT_EQ(Parse("单位 = 红旗村\n").status().reason(), "bad_syntax");
  EXPECT_EQ(Parse("\"dir\" = /x\n").status().reason(), "bad_syntax");
}

TEST(ConfigFile, UnknownKeyNamesTheLineAndALikelyKey) {
  Result<ConfigFile> c = Parse("dir = /x\nlisen = 127.0.0.1:8443\n");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().reason(), "unknown_key");
  EXPECT_EQ(c.status().field(), "lisen");
  EXPECT_NE(c.status().message().find("第 2 行"), std::string::npos);
  EXPECT_NE(c.status().message().find("listen"), std::string::npos) << c.status().message();
}

TEST(ConfigFile, KeysAreCaseAndDashSensitiveButHinted) {
  Result<ConfigFile> c = Parse("Max-Body-Bytes = 1024\n");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().reason(), "unknown_key");
  EXPECT_NE(c.status().message().find("max_body_bytes"), std::string::npos) << c.status().message();
}

TEST(ConfigFile, FarOffUnknownKeyListsTheKnownKeys) {
  Result<ConfigFile> c = Parse("password = secret\n");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().reason(), "unknown_key");
  EXPECT_NE(c.status().message().find("dir, listen, threads"), std::string::npos)
      << c.status().message();
}

TEST(ConfigFile, DuplicateKeyNamesBothLines) {
  Result<ConfigFile> c = Parse("dir = /a\n# other\ndir = /b\n");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().reason(), "duplicate_key");
  EXPECT_EQ(c.status().field(), "dir");
  EXPECT_NE(c.status().message().find("第 3 行"), std::string::npos);
  EXPECT_NE(c.status().message().find("第 1 行"), std::string::npos) << c.status().message();
}

TEST(ConfigFile, DuplicateEmptyKeyIsStillDuplicate) {
  EXPECT_EQ(Parse("unit =\nunit = 红旗村\n").status().reason(), "duplicate_key");
}

TEST(ConfigFile, GbkBytesAreInvalidUtf8WithLine) {
  // 红旗村 in GBK: BA EC C6 EC B4 E5.
  Result<ConfigFile> c = Parse("dir = /x\nunit = \xBA\xEC\xC6\xEC\xB4\xE5\n");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().reason(), "invalid_utf8");
  EXPECT_NE(c.status().message().find("第 2 行"), std::string::npos);
}

TEST(ConfigFile, InvalidUtf8InACommentIsRejectedToo) {
  EXPECT_EQ(Parse("# \xFF\n").status().reason(), "invalid_utf8");
}

TEST(ConfigFile, ControlCharacterInValue) {
  Result<ConfigFile> c = Parse("unit = 红旗\t村\n");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().reason(), "control_character");
  EXPECT_EQ(c.status().field(), "unit");
  EXPECT_EQ(Parse("unit = a\x01"
                  "b\n")
                .status()
                .reason(),
            "control_character");
}

TEST(ConfigFile, TooLargeTextIsRejected) {
  std::string big(kMaxConfigBytes + 1, '#');
  Result<ConfigFile> c = Parse(big);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().reason(), "too_large");
  EXPECT_EQ(c.status().code(), Code::kResourceExhausted);
}

TEST(ConfigFile, GetUnsignedInRange) {
  Result<ConfigFile> c = Parse("threads = 8\n");
  ASSERT_TRUE(c.ok());
  Result<std::optional<uint64_t>> v = c->GetUnsigned("threads", 1, 64);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(**v, 8u);
  Result<std::optional<uint64_t>> absent = c->GetUnsigned("max_body_bytes", 1, 10);
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->has_value());
}

TEST(ConfigFile, GetUnsignedRejectsWithLine) {
  for (const char* text : {"threads = 0\n", "threads = 65\n", "threads = -1\n", "threads = 4x\n",
                           "threads = +4\n", "threads = 99999999999999999999999\n"}) {
    Result<ConfigFile> c = Parse(std::string("# x\n") + text);
    ASSERT_TRUE(c.ok()) << text;
    Result<std::optional<uint64_t>> v = c->GetUnsigned("threads", 1, 64);
    ASSERT_FALSE(v.ok()) << text;
    EXPECT_EQ(v.status().reason(), "bad_number") << text;
    EXPECT_EQ(v.status().field(), "threads");
    EXPECT_NE(v.status().message().find("第 2 行"), std::string::npos) << text;
  }
}

TEST(ConfigFile, GetListSplitsOnCommasAndTrims) {
  Result<ConfigFile> c = Parse("auto_approve_stations = town-office, hongqi-01 ,,dongfeng-02\n");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->GetList("auto_approve_stations"),
            (std::vector<std::string>{"town-office", "hongqi-01", "dongfeng-02"}));
  EXPECT_TRUE(c->GetList("dir").empty());
}

TEST(ConfigFile, ReadConfigFileUsesThePathInMessages) {
  TempDir tmp;
  std::string path = tmp.path() + "/hub.conf";
  std::ofstream(path) << "dir = /x\nbogus = 1\n";
  Result<ConfigFile> c = ReadConfigFile(path, kKeys);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().reason(), "unknown_key");
  EXPECT_NE(c.status().message().find(path + " 第 2 行"), std::string::npos)
      << c.status().message();
}

TEST(ConfigFile, ReadConfigFileMissingIsNotFound) {
  TempDir tmp;
  Result<ConfigFile> c = ReadConfigFile(tmp.path() + "/none.conf", kKeys);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), Code::kNotFound);
  EXPECT_EQ(c.status().reason(), "config_missing");
}

TEST(ConfigFile, ReadConfigFileTooLarge) {
  TempDir tmp;
  std::string path = tmp.path() + "/big.conf";
  std::ofstream(path) << std::string(kMaxConfigBytes + 10, '#');
  Result<ConfigFile> c = ReadConfigFile(path, kKeys);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().reason(), "too_large");
}

}  // namespace
}  // namespace gongkai
