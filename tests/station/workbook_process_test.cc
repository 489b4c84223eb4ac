// A 1,000,000-row sheet given to the real `gongkai-station import`: a clear
// refusal (too_many_rows, exit 3, nothing written) while the program stays
// within a small, fixed amount of memory — the sheet is streamed, never
// held (docs/formats/xlsx.md § Limits).
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/store/atomic_file.h"
#include "tests/station/station_fixture.h"
#include "tests/testing/process.h"
#include "tests/testing/workbook_builder.h"

namespace gongkai::station {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

struct Finished {
  int exit_code = -1;
  long max_rss_kb = 0;
};

// Runs argv with stderr to err_file; exit status and peak RSS of the child.
Finished RunMeasured(const std::vector<std::string>& argv, const std::string& err_file) {
  pid_t pid = ::fork();
  if (pid == 0) {
    FILE* err = std::freopen(err_file.c_str(), "w", stderr);
    (void)err;
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  Finished f;
  int status = 0;
  struct rusage usage {};
  if (::wait4(pid, &status, 0, &usage) == pid && WIFEXITED(status)) {
    f.exit_code = WEXITSTATUS(status);
    f.max_rss_kb = usage.ru_maxrss;
  }
  return f;
}

TEST(WorkbookProcess, MillionRowSheetIsRefusedWithinMemoryLimits) {
  TempDir tmp;
  std::string dir = tmp.path() + "/st";
  testing::InitStore(dir);
  const std::vector<std::string> header = {"领域",     "一级事项", "二级事项", "公开内容（要素）",
                                           "公开依据", "公开时限", "公开主体", "公开渠道和载体",
                                           "公开对象", "公开方式", "公开层级"};
  size_t row = 0;
  const size_t kRows = 1000000;
  std::string xlsx =
      BuildStreamedZip(WorkbookFrame(), "xl/worksheets/sheet1.xml", [&]() -> std::string {
        if (row == 0) {
          ++row;
          std::string out = "<worksheet><sheetData><row r=\"1\">";
          for (size_t c = 0; c < header.size(); ++c) {
            out += "<c r=\"" + ColumnRef(c) + "1\" t=\"inlineStr\"><is><t>" + header[c] +
                   "</t></is></c>";
          }
          return out + "</row>";
        }
        if (row > kRows) return row++ == kRows + 1 ? "</sheetData></worksheet>" : "";
        std::string out;
        for (int i = 0; i < 2000 && row <= kRows; ++i, ++row) {
          std::string n = std::to_string(row + 1);
          out += "<row r=\"" + n + "\"><c r=\"A" + n +
                 "\" t=\"inlineStr\"><is><t>村务公开</t></is></c>"
                 "<c r=\"C" +
                 n + "\"><v>" + n + "</v></c></row>";
        }
        return out;
      });
  std::string path = tmp.path() + "/huge.xlsx";
  ASSERT_TRUE(WriteFileAtomic(path, xlsx, 0644).ok());
  std::string before = testing::StoreFingerprint(dir);
  Finished f = RunMeasured({BinaryPath("station/gongkai-station"), "import", "--dir", dir, path},
                           tmp.path() + "/err");
  std::string err = ReadText(tmp.path() + "/err");
  EXPECT_EQ(f.exit_code, 3) << err;
  EXPECT_NE(err.find("[too_many_rows]"), std::string::npos) << err;
  EXPECT_NE(err.find("100000"), std::string::npos) << err;
  EXPECT_LT(f.max_rss_kb, 64 * 1024) << "peak RSS " << f.max_rss_kb << " KiB";
  EXPECT_EQ(testing::StoreFingerprint(dir), before);
  std::printf("1,000,000-row sheet (%zu bytes): refused, peak RSS %ld KiB\n", xlsx.size(),
              f.max_rss_kb);
}

}  // namespace
}  // namespace gongkai::station
