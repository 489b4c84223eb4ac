// gongkai-bench-station: imports 10,000 catalog rows into a fresh station
// store through the real `import` command, lists them, seals them, and
// prints rows per second and the peak resident set size (getrusage).
// Aim: ≥ 20,000 rows/s import, peak RSS < 30 MB. Not a test: never run in CI.
//
//   gongkai-bench-station [ROWS] [--json]
//
// --json: the same figures as one JSON object on stdout (the text goes to
// stderr), for bench/run_all.sh.
#include <sys/resource.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <streambuf>
#include <string>
#include <vector>

#include "bench/harness.h"
#include "station/app/run.h"

namespace {

using gongkai::bench::SecondsSince;

// Counts what `list` prints without keeping it.
class CountingBuf : public std::streambuf {
 public:
  size_t bytes = 0;

 protected:
  std::streamsize xsputn(const char*, std::streamsize n) override {
    bytes += static_cast<size_t>(n);
    return n;
  }
  int_type overflow(int_type c) override {
    ++bytes;
    return traits_type::not_eof(c);
  }
};

int Run(const std::vector<std::string>& args, std::ostream& out) {
  gongkai::station::CliEnv env;
  int code = gongkai::station::RunStationCli(args, out, std::cerr, env);
  if (code != 0) std::fprintf(stderr, "%s failed with exit status %d\n", args[0].c_str(), code);
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  int rows = 10000;
  const gongkai::bench::Common common = gongkai::bench::ParseBenchFlags(
      argc, argv, {gongkai::bench::IntFlag("", &rows)}, "gongkai-bench-station [ROWS] [--json]");
  if (rows <= 0) gongkai::bench::Die("ROWS must be a positive number");
  FILE* text = common.text();
  std::string base = gongkai::bench::ScratchDir("station");
  const std::string dir = base + "/station";
  const std::string csv = base + "/rows.csv";
  gongkai::bench::WriteCatalogCsv(csv, rows);
  CountingBuf sink_buf;
  std::ostream sink(&sink_buf);

  if (Run({"init", "--dir", dir, "--id", "bench-01", "--unit", "红旗村"}, sink) != 0) return 1;

  auto t = std::chrono::steady_clock::now();
  if (Run({"import", "--dir", dir, csv}, sink) != 0) return 1;
  double import_s = SecondsSince(t);

  t = std::chrono::steady_clock::now();
  size_t before = sink_buf.bytes;
  if (Run({"list", "--dir", dir}, sink) != 0) return 1;
  double list_s = SecondsSince(t);
  size_t list_bytes = sink_buf.bytes - before;

  t = std::chrono::steady_clock::now();
  if (Run({"list", "--dir", dir, "--json"}, sink) != 0) return 1;
  double json_s = SecondsSince(t);

  t = std::chrono::steady_clock::now();
  if (Run({"seal", "--dir", dir}, sink) != 0) return 1;
  double seal_s = SecondsSince(t);

  t = std::chrono::steady_clock::now();
  if (Run({"list", "--dir", dir}, sink) != 0) return 1;
  double list_sealed_s = SecondsSince(t);

  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  std::fprintf(text, "rows                     %d\n", rows);
  std::fprintf(text, "import                   %.3f s  %.0f rows/s\n", import_s, rows / import_s);
  std::fprintf(text, "list (pending)           %.3f s  %.0f rows/s  (%zu bytes)\n", list_s,
               rows / list_s, list_bytes);
  std::fprintf(text, "list --json (pending)    %.3f s  %.0f rows/s\n", json_s, rows / json_s);
  std::fprintf(text, "seal                     %.3f s  %.0f rows/s\n", seal_s, rows / seal_s);
  std::fprintf(text, "list (sealed, outbox)    %.3f s  %.0f rows/s\n", list_sealed_s,
               rows / list_sealed_s);
  std::fprintf(text, "peak RSS                 %.1f MB\n", usage.ru_maxrss / 1024.0);
  if (common.json) {
    boost::json::object o{{"benchmark", "station"},
                          {"rows", rows},
                          {"import_s", import_s},
                          {"import_rows_per_s", rows / import_s},
                          {"list_s", list_s},
                          {"list_rows_per_s", rows / list_s},
                          {"list_json_s", json_s},
                          {"seal_s", seal_s},
                          {"seal_rows_per_s", rows / seal_s},
                          {"list_sealed_s", list_sealed_s},
                          {"peak_rss_mb", usage.ru_maxrss / 1024.0}};
    std::printf("%s\n", boost::json::serialize(o).c_str());
  }
  std::filesystem::remove_all(base);
  return 0;
}
