// gongkai-bench-xlsx: writes a workbook of N catalog rows (20,000 by
// default) with the project's own writer, then has the real
// `gongkai-station import` read it — first `--check` (read, validate and
// plan against the store), then the import itself — and prints rows per
// second (wall and CPU time) and each run's peak resident set size
// (wait4). The rows have the text lengths of published catalogs: 公开内容
// of 1 to 6 clauses (--clauses) with Alt+Enter line breaks, 公开依据 of 1
// to 4 laws.
// Aims: ≥ 20,000 rows/s, peak RSS ≤ 40 MB. Not a test: never run in CI.
//
//   gongkai-bench-xlsx [--rows N] [--clauses MAX] [--json] [--keep FILE.xlsx]
//
// --json: the same figures as one JSON object on stdout (the text goes to
// stderr), for bench/run_all.sh. --keep: a copy of the workbook.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/harness.h"
#include "core/base/uuid.h"
#include "core/catalog/row.h"
#include "core/store/atomic_file.h"
#include "core/text/time_text.h"
#include "core/xlsx/catalog_xlsx_writer.h"

namespace {

using gongkai::Field;
using gongkai::Row;
using gongkai::bench::Check;
using gongkai::bench::Clock;
using gongkai::bench::SecondsSince;

const char* const kAreas[] = {"村务公开", "社会救助", "涉农补贴", "财政预决算", "扶贫", "养老服务"};
const char* const kChannels[] = {"政府网站", "便民服务站", "社区/企事业单位/村公示栏（电子屏）",
                                 "政府网站、纸质媒体", "两微一端、入户/现场"};
// Clauses of 公开内容（要素） and laws of 公开依据 as published township
// catalogs word them; a row takes 1 to --clauses of them (default 6: 公开内容
// of 17 to 147 characters, 79 on average; with 9, 108 on average).
const char* const kClauses[] = {
    "村级年度财务收支计划",
    "村级集体经济项目收支情况",
    "村级集体资产、资源、债权债务情况",
    "一事一议筹资筹劳情况",
    "上级补助资金的数额、用途及使用情况",
    "救助对象的姓名、家庭人口、救助金额及审批结果",
    "补贴政策依据、补贴标准、补贴对象及发放结果",
    "申请条件、办理程序、所需材料、办理时限和咨询方式",
    "项目名称、建设地点、建设内容、投资额度、实施单位及验收情况",
    "其他需要公开的事项"};
const char* const kLaws[] = {"《中华人民共和国村民委员会组织法》",
                             "《中华人民共和国政府信息公开条例》",
                             "《社会救助暂行办法》",
                             "《农村集体经济组织财务公开规定》",
                             "《关于全面推进基层政务公开标准化规范化工作的指导意见》",
                             "《最低生活保障审核确认办法》"};

std::vector<Row> MakeRows(int n, int clauses) {
  std::vector<Row> rows;
  rows.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    Row r;
    r.id = gongkai::NewUuid();
    r.unit = "红旗村";
    std::string k = std::to_string(i);
    std::string content;
    for (int c = 0; c < 1 + i % clauses; ++c) {  // numbered; Alt+Enter after every third
      if (c > 0) content += c % 3 ? "；" : "；\n";
      content += std::to_string(c + 1) + "." + kClauses[(i + c * 7) % std::size(kClauses)];
    }
    content += "（第" + k + "项）";
    std::string basis;
    for (int l = 0; l < 1 + i % 4; ++l) basis += kLaws[(i + l) % std::size(kLaws)];
    r.Set(Field::kArea, kAreas[i % 6]);
    r.Set(Field::kItemL1, "第" + std::to_string(i / 50) + "类事项");
    r.Set(Field::kItemL2, "具体事项第" + k + "项");
    r.Set(Field::kContent, content);
    r.Set(Field::kBasis, basis);
    r.Set(Field::kTimeLimit, i % 3 ? "每季度" : "信息形成或者变更之日起20个工作日内");
    r.Set(Field::kSubject, i % 2 ? "红旗村民委员会" : "宝丰镇人民政府、红旗村民委员会");
    r.Set(Field::kChannels, kChannels[i % 5]);
    r.Set(Field::kAudience, i % 2 ? "全社会" : "特定群体");
    r.Set(Field::kMode, i % 4 ? "主动" : "主动、依申请");
    r.Set(Field::kLevels, i % 2 ? "村级" : "乡级、村级");
    r.Set(Field::kStages, i % 5 ? "" : "决策、执行");
    r.Set(Field::kContact, "0375-" + std::to_string(6000000 + i));
    if (i % 10 == 0) r.Set(Field::kNotes, "涉及个人隐私的内容按规定处理后公开");
    rows.push_back(std::move(r));
  }
  return rows;
}

struct Measured {
  double seconds = 0;
  double cpu_seconds = 0;
  long peak_rss_kb = 0;
};

Measured Import(const std::string& station_bin, const std::vector<std::string>& args,
                const std::string& base) {
  std::vector<std::string> argv = {station_bin};
  argv.insert(argv.end(), args.begin(), args.end());
  auto t = Clock::now();
  pid_t pid = gongkai::bench::Spawn(argv, base + "/out", base + "/err");
  Measured m;
  int code = gongkai::bench::WaitMeasured(pid, &m.peak_rss_kb, &m.cpu_seconds);
  m.seconds = SecondsSince(t);
  if (code != 0) {
    gongkai::bench::Die("import exited " + std::to_string(code) + ": " +
                        gongkai::bench::ReadText(base + "/err"));
  }
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  int rows = 20000, clauses = 6;
  std::string keep, write_only;
  using namespace gongkai::bench;
  const Common common =
      ParseBenchFlags(argc, argv,
                      {IntFlag("--rows", &rows), IntFlag("--clauses", &clauses),
                       TextFlag("--keep", &keep), TextFlag("--write-only", &write_only)},
                      "gongkai-bench-xlsx [--rows N] [--clauses MAX] [--json] [--keep FILE.xlsx]");
  if (clauses < 1) gongkai::bench::Die("--clauses must be at least 1");
  if (!write_only.empty()) {  // the child that writes the workbook (see below)
    Check(gongkai::WriteCatalogXlsx(MakeRows(rows, clauses), write_only), "write workbook");
    return 0;
  }
  FILE* text = common.text();
  std::string base = ScratchDir("xlsx");
  const std::string dir = base + "/station";
  const std::string xlsx = base + "/rows.xlsx";
  // The workbook is written by a child process: a program started from a
  // parent holding the rows would inherit the parent's peak RSS in wait4's
  // ru_maxrss (it is kept across exec), and the import's own figure would
  // be lost.
  if (gongkai::bench::RunProgram({std::filesystem::read_symlink("/proc/self/exe").string(),
                                  "--rows", std::to_string(rows), "--clauses",
                                  std::to_string(clauses), "--write-only", xlsx},
                                 "", "") != 0) {
    gongkai::bench::Die("writing the workbook failed");
  }
  if (gongkai::bench::RunProgram(
          {common.station_bin, "init", "--dir", dir, "--id", "bench-01", "--unit", "红旗村"},
          base + "/out", base + "/err") != 0) {
    gongkai::bench::Die("init failed");
  }
  const auto bytes = std::filesystem::file_size(xlsx);
  Measured check = Import(common.station_bin, {"import", "--dir", dir, "--check", xlsx}, base);
  Measured import = Import(common.station_bin, {"import", "--dir", dir, xlsx}, base);
  std::fprintf(text, "rows                     %d (workbook %.1f MB, 公开内容 of 1-%d clauses)\n",
               rows, bytes / 1048576.0, clauses);
  auto line = [&](const char* what, const Measured& m) {
    std::fprintf(text,
                 "%-24s %.3f s  %.0f rows/s  (CPU %.3f s: %.0f rows/CPU-s)  peak RSS %.1f MB\n",
                 what, m.seconds, rows / m.seconds, m.cpu_seconds, rows / m.cpu_seconds,
                 m.peak_rss_kb / 1024.0);
  };
  line("import --check", check);
  line("import", import);
  std::string when = gongkai::UtcMinuteText(static_cast<int64_t>(std::time(nullptr)));
  double load[3] = {0, 0, 0};
  if (::getloadavg(load, 3) < 0) load[0] = -1;
  std::fprintf(text, "load average             %.2f (cores: %ld)\n", load[0],
               ::sysconf(_SC_NPROCESSORS_ONLN));
  std::fprintf(text, "aims                     >= 20000 rows/s, <= 40 MB\n");
  if (common.json) {
    boost::json::object o{{"benchmark", "xlsx"},
                          {"rows", rows},
                          {"clauses", clauses},
                          {"workbook_bytes", bytes},
                          {"check_s", check.seconds},
                          {"check_cpu_s", check.cpu_seconds},
                          {"check_rows_per_s", rows / check.seconds},
                          {"check_peak_rss_mb", check.peak_rss_kb / 1024.0},
                          {"import_s", import.seconds},
                          {"import_cpu_s", import.cpu_seconds},
                          {"import_rows_per_s", rows / import.seconds},
                          {"import_rows_per_cpu_s", rows / import.cpu_seconds},
                          {"import_peak_rss_mb", import.peak_rss_kb / 1024.0},
                          {"load_average", load[0]},
                          {"measured", when}};
    std::printf("%s\n", boost::json::serialize(o).c_str());
  }
  if (!keep.empty()) std::filesystem::copy_file(xlsx, keep);
  std::filesystem::remove_all(base);
  return 0;
}
