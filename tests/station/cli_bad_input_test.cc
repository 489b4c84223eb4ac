// Bad input: each case asserts the reason, a message that says what was
// wrong (import: which line), exit status, and that nothing was written.
#include <gtest/gtest.h>

#include "core/store/atomic_file.h"
#include "tests/station/station_fixture.h"
#include "tests/testing/sample_rows.h"

namespace gongkai::station {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

constexpr char kHeader[] =
    "领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,"
    "公开对象,公开方式,公开层级\n";

// A valid line for kHeader; parts can be replaced by column index.
std::string Line(std::vector<std::pair<size_t, std::string>> replace = {}) {
  std::vector<std::string> cells = {
      "村务公开", "村级财务",       "财务收支", "收支明细", "《村民委员会组织法》第三十条",
      "每季度",   "红旗村民委员会", "政府网站", "特定群体", "主动",
      "村级"};
  for (auto& [i, v] : replace) cells[i] = v;
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) line += (i ? "," : "") + cells[i];
  return line + "\n";
}

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.path() + "/st";
    auto store = testing::InitStore(dir_);
    // The approved catalog holds one row of this unit and one of the town's.
    Catalog c;
    c.Put(SampleVillageRow());  // 红旗村
    c.Put(SampleRow());         // 宝丰镇
    ASSERT_TRUE(store.ApplyPulled(ApprovedUpdate{1, c.Hash(), c, {}}, {}, testing::kNow).ok());
    before_ = StoreFingerprint(dir_);
  }

  CliResult Run(std::vector<std::string> args) {
    args.push_back("--dir");
    args.push_back(dir_);
    return RunCli(args);
  }

  std::string WriteCsv(const std::string& content) {
    std::string path = tmp_.path() + "/input-" + std::to_string(++files_) + ".csv";
    EXPECT_TRUE(WriteFileAtomic(path, content, 0644).ok());
    return path;
  }

  // Refused with this exit status and reason, one line on stderr holding
  // `needle`, and the store exactly as before.
  void ExpectRefused(const CliResult& r, int code, const std::string& reason,
                     const std::string& needle) {
    EXPECT_EQ(r.code, code) << r.err;
    EXPECT_EQ(r.err.rfind("错误: ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find("[" + reason + "]"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << "want “" << needle << "” in " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(StoreFingerprint(dir_), before_) << "something was written";
  }

  void ExpectImportRefused(const std::string& csv, const std::string& reason, size_t line) {
    CliResult r = Run({"import", WriteCsv(csv)});
    std::string where = "第 " + std::to_string(line) + " 行";
    ExpectRefused(r, 3, reason, where);
    EXPECT_EQ(r.err.rfind("错误: " + where, 0), 0u) << "the line comes first: " << r.err;
    EXPECT_NE(r.err.find("整个文件都没有导入"), std::string::npos) << r.err;
  }

  TempDir tmp_;
  std::string dir_;
  std::string before_;
  int files_ = 0;
};

// Discarding where nothing is held or pending is nothing to do, not a
// failure (docs/exit-codes.md § Nothing to do): exit 0, one line on stdout
// that says nothing was discarded, the store as it was; --json the same.
TEST_F(BadInput, DiscardWithNothingToDiscardIsNothingToDo) {
  const std::string row = SampleVillageRow().id;
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"discard", "--held"}, std::vector<std::string>{"discard", row}}) {
    CliResult r = Run(args);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("什么也没有放弃"), std::string::npos) << r.out;
    EXPECT_EQ(r.err, "");
    std::vector<std::string> json = args;
    json.push_back("--json");
    CliResult j = Run(json);
    EXPECT_EQ(j.code, 0) << j.err;
    EXPECT_NE(j.out.find("\"discarded_edits\":0"), std::string::npos) << j.out;
  }
  EXPECT_EQ(StoreFingerprint(dir_), before_);
}

TEST_F(BadInput, ImportWithAnUnknownHeader) {
  std::string header = kHeader;
  header.replace(header.find("公开依据"), std::string("公开依据").size(), "依据文件");
  ExpectImportRefused(header + Line(), "unknown_header", 1);
}

TEST_F(BadInput, ImportWithAMissingHeader) {
  std::string header = kHeader;
  header.erase(header.find(",公开层级"), std::string(",公开层级").size());
  std::string line = Line();
  line.erase(line.rfind(",村级"), std::string(",村级").size());
  ExpectImportRefused(header + line, "missing_header", 1);
}

TEST_F(BadInput, ImportOfAnEmptyFile) { ExpectImportRefused("", "missing_header", 1); }

TEST_F(BadInput, ImportWithWrongColumnCount) {
  ExpectImportRefused(std::string(kHeader) + Line() + Line() + "村务公开,村级财务,多余\n",
                      "wrong_column_count", 4);
}

TEST_F(BadInput, ImportWithAnUnknownSetValue) {
  // 对象, 方式, 层级 are columns 8, 9, 10 (an unknown 渠道, column 7, is
  // kept in 其他渠道 with a warning: ImportKeepsAnUnknownChannelAsOther).
  for (size_t column : {8, 9, 10}) {
    SCOPED_TRACE(column);
    ExpectImportRefused(std::string(kHeader) + Line() + Line({{column, "飞鸽传书"}}),
                        "unknown_value", 3);
  }
}

TEST_F(BadInput, ImportWithAnEmptyRequiredField) {
  ExpectImportRefused(std::string(kHeader) + Line() + Line() + Line({{4, ""}}), "empty_required",
                      4);
}

// A cell of only spaces (ASCII, tab, ideographic) is blank: refused like
// `edit --set 公开依据=" "`, with the same reason, message and exit status.
TEST_F(BadInput, ImportWithAWhitespaceOnlyRequiredFieldIsRefusedLikeEditSet) {
  for (const std::string blank : {" ", "  \t ", "\xE3\x80\x80", "\" \xE3\x80\x80 \""}) {
    ExpectImportRefused(std::string(kHeader) + Line() + Line({{4, blank}}), "empty_required", 3);
  }
  CliResult import_r = Run({"import", WriteCsv(std::string(kHeader) + Line({{4, "   "}}))});
  CliResult edit_r = Run({"edit", SampleVillageRow().id, "--set", "公开依据=   "});
  EXPECT_EQ(import_r.code, edit_r.code);
  std::string message = "公开依据 不能为空";
  EXPECT_NE(import_r.err.find(message), std::string::npos) << import_r.err;
  EXPECT_NE(edit_r.err.find(message), std::string::npos) << edit_r.err;
  EXPECT_NE(edit_r.err.find("[empty_required]"), std::string::npos) << edit_r.err;
}

TEST_F(BadInput, ImportWithInvalidUtf8) {
  ExpectImportRefused(std::string(kHeader) + Line() + Line({{3, "收支\xFF明细"}}), "invalid_utf8",
                      3);
}

TEST_F(BadInput, ImportWithATenMegabyteCell) {
  std::string huge(10u << 20, 'x');
  ExpectImportRefused(std::string(kHeader) + Line() + Line({{3, huge}}), "too_long", 3);
}

TEST_F(BadInput, ImportOfARowOfAnotherUnit) {
  std::string csv = std::string("单位,") + kHeader + "红旗村," + Line() + "白云村," + Line();
  CliResult r = Run({"import", WriteCsv(csv)});
  ExpectRefused(r, 5, "other_unit", "第 3 行");
}

TEST_F(BadInput, ImportChangingTheTownsRow) {
  Row town = SampleRow();
  std::string csv = "编号,单位," + std::string(kHeader) + town.id + ",宝丰镇," +
                    Line({{0, "财政预决算"}, {1, "改了"}});
  CliResult r = Run({"import", WriteCsv(csv)});
  ExpectRefused(r, 5, "other_unit", "第 2 行");
  EXPECT_NE(r.err.find("宝丰镇"), std::string::npos);
}

TEST_F(BadInput, ImportOfAMissingFile) {
  ExpectRefused(Run({"import", tmp_.path() + "/none.csv"}), 4, "file_missing", "none.csv");
}

TEST_F(BadInput, ImportIsAllOrNothing) {
  std::string csv = std::string(kHeader);
  for (int i = 0; i < 50; ++i) csv += Line();
  csv += Line({{9, "偶尔"}});
  ExpectImportRefused(csv, "unknown_value", 52);
}

TEST_F(BadInput, SetOfAnUnknownField) {
  ExpectRefused(Run({"edit", SampleVillageRow().id, "--set", "颜色=红"}), 3, "unknown_field",
                "颜色");
}

TEST_F(BadInput, SetWithoutEquals) {
  ExpectRefused(Run({"edit", SampleVillageRow().id, "--set", "公开时限"}), 3, "bad_assignment",
                "字段=新值");
}

TEST_F(BadInput, SetOfAnUnknownSetValue) {
  ExpectRefused(Run({"edit", SampleVillageRow().id, "--set", "公开层级=省级"}), 3, "unknown_value",
                "省级");
}

TEST_F(BadInput, SetEmptyingARequiredField) {
  ExpectRefused(Run({"edit", SampleVillageRow().id, "--set", "公开依据="}), 3, "empty_required",
                "公开依据");
}

TEST_F(BadInput, EditWithoutSet) {
  ExpectRefused(Run({"edit", SampleVillageRow().id}), 2, "missing_flag", "--set");
}

TEST_F(BadInput, UnknownId) {
  for (const char* cmd : {"edit", "retire", "show", "history"}) {
    std::vector<std::string> args = {cmd, "abcdef12"};
    if (std::string(cmd) == "edit") args.insert(args.end(), {"--set", "备注=x"});
    ExpectRefused(Run(args), 4, "unknown_id", "abcdef12");
  }
}

TEST_F(BadInput, AmbiguousId) {
  ExpectRefused(Run({"show", "00000000"}), 3, "ambiguous_id", "00000000");
}

TEST_F(BadInput, EditOfARowOfAnotherUnit) {
  ExpectRefused(Run({"edit", SampleRow().id, "--set", "备注=x"}), 5, "other_unit", "宝丰镇");
}

TEST_F(BadInput, RetireOfARowOfAnotherUnit) {
  ExpectRefused(Run({"retire", SampleRow().id}), 5, "other_unit", "红旗村");
}

TEST_F(BadInput, AddWithAMissingRequiredField) {
  ExpectRefused(Run({"add", "--area", "村务公开", "--item-l1", "村级财务"}), 3, "empty_required",
                "--item-l2");
}

TEST_F(BadInput, AddWithInvalidUtf8) {
  ExpectRefused(Run({"add", "--area", "\xB4\xE5\xCE\xF1"}), 3, "invalid_utf8", "领域");
}

// Issue 21 (9): invisible formatting characters, typed or imported.
TEST_F(BadInput, AddWithARightToLeftOverride) {
  ExpectRefused(Run({"add", "--area", "村务\u202E公开"}), 3, "invisible_character", "U+202E");
}

TEST_F(BadInput, SetWithAZeroWidthSpace) {
  ExpectRefused(Run({"edit", SampleVillageRow().id, "--set", "备注=见\u200B附件"}), 3,
                "invisible_character", "备注");
}

TEST_F(BadInput, SealWithAnInvisibleCharacterInTheNote) {
  ExpectRefused(Run({"seal", "--note", "第一批\u2068"}), 3, "invisible_character", "U+2068");
}

TEST_F(BadInput, ImportWithAnInvisibleCharacter) {
  ExpectImportRefused(std::string(kHeader) + Line() + Line({{3, "收支\u2067明细"}}),
                      "invisible_character", 3);
}

TEST_F(BadInput, AddWithAnUnknownSetValue) {
  ExpectRefused(Run({"add", "--mode", "被动"}), 3, "unknown_value", "公开方式");
}

TEST_F(BadInput, ConfigWithBadSettings) {
  ExpectRefused(Run({"config", "--hub", "http://hub:80"}), 3, "bad_hub_url", "https://");
  ExpectRefused(Run({"config", "--hub-key", "hub+zz"}), 3, "bad_hub_key", "公钥");
  ExpectRefused(Run({"config", "--hub-cert-sha256", "abc"}), 3, "bad_fingerprint", "64");
  ExpectRefused(Run({"config", "--hub", "https://hub:8443", "--hub-cert-sha256", "abc"}), 3,
                "bad_fingerprint", "64");
}

TEST_F(BadInput, SealWithAnOverlongNote) {
  std::string note(1000, 'n');
  ExpectRefused(Run({"seal", "--note", note}), 3, "too_long", "note");
}

}  // namespace
}  // namespace gongkai::station
