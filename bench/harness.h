// What every benchmark program needs besides its measurement: dying with a
// message (Die, Check), wall and CPU time, peak RSS, starting programs and
// waiting for them, and `gongkai-hub serve` as its own process on a free
// loopback port. Errors end the program: a benchmark has no one to report
// a Status to.
#pragma once

#include <sys/types.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/status.h"

namespace gongkai::bench {

using Clock = std::chrono::steady_clock;

// "PROGRAM: what" on stderr, exit status 1.
[[noreturn]] void Die(const std::string& what);

template <typename T>
T Check(Result<T> r, const char* what) {
  if (!r.ok()) Die(std::string(what) + ": " + r.status().ToString());
  return std::move(r).value();
}
void Check(const Status& s, const char* what);

double Seconds(Clock::duration d);
// Seconds from `since` to now.
double SecondsSince(Clock::time_point since);

// User + system CPU seconds of a process so far (/proc/PID/stat).
double CpuSeconds(pid_t pid);
// Peak resident set size of a process in KiB (VmHWM), or -1.
long PeakRssKb(pid_t pid);

// GONGKAI_BINARY_DIR/rel, e.g. Bin("hub/gongkai-hub").
std::string Bin(const std::string& rel);
std::string ReadText(const std::string& path);

// Starts argv[0] (a path) with stdin from /dev/null and stdout/stderr
// written to the given files (truncated; "" keeps the benchmark's own).
// Dies if it cannot start.
pid_t Spawn(const std::vector<std::string>& argv, const std::string& out_file,
            const std::string& err_file);
// Waits for the process to end; its exit status (128 + signal if killed).
int Wait(pid_t pid);
// Wait, and the process's peak resident set size in KiB (wait4's rusage):
// for a program that has ended, where PeakRssKb can no longer look.
// cpu_seconds, if given, gets its user + system CPU time (less affected
// than wall time by other work on a shared machine).
int WaitMeasured(pid_t pid, long* peak_rss_kb, double* cpu_seconds = nullptr);
// SIGTERM and wait; the exit status.
int Stop(pid_t pid);
// Spawn and Wait.
int RunProgram(const std::vector<std::string>& argv, const std::string& out_file,
               const std::string& err_file);

// A catalog of `rows` rows of unit 红旗村 as a CSV file (the station's
// import format), written straight to the file so the generator adds no
// peak memory. Row i has one channel, 政府网站, when i % 5 == 0.
void WriteCatalogCsv(const std::string& path, int rows);

struct Output {
  std::string out, err;
};
// Runs a program to its end, its output in files scratch/runN.out and .err;
// dies (naming the command and its stderr) unless it exits 0.
Output RunOk(const std::vector<std::string>& argv, const std::string& scratch);

// One command-line flag: `--name VALUE` (set gets the value) or, without
// a value, a bare switch (set gets "").
struct Flag {
  std::string name;
  bool takes_value = true;
  std::function<void(const std::string&)> set;
};
Flag IntFlag(std::string name, int* out);
Flag U64Flag(std::string name, uint64_t* out);
Flag DoubleFlag(std::string name, double* out);
Flag TextFlag(std::string name, std::string* out);
Flag Switch(std::string name, std::function<void()> on);
// A flag named "" takes an argument that is not a flag (gongkai-bench-station's ROWS).
// Reads argv[1..] by the table; dies on an unknown flag (pointing to
// `help`), a missing value or a number that does not read. `--help` / `-h`
// prints `help` and exits 0.
void ParseFlags(int argc, char** argv, const std::vector<Flag>& flags, const std::string& help);

// What the benchmarks share on their command lines: the programs they start
// (--hub-bin, --station-bin, --audit-bin; the ones of this build by default)
// and --json (the figures as one JSON object on stdout, the text on stderr).
struct Common {
  std::string hub_bin = Bin("hub/gongkai-hub");
  std::string station_bin = Bin("station/gongkai-station");
  std::string audit_bin = Bin("station/gongkai-audit");
  bool json = false;
  // Where the text goes.
  FILE* text() const { return json ? stderr : stdout; }
};
// ParseFlags with the shared flags after the benchmark's own.
Common ParseBenchFlags(int argc, char** argv, std::vector<Flag> flags, const std::string& help);

// TMPDIR/gongkai-bench-NAME-PID, made empty; the benchmark removes it.
std::string ScratchDir(const std::string& name);

// JSON a program printed; dies naming `what` and the text if it is not.
boost::json::value ParseJson(const std::string& text, const std::string& what);

// A program that reports its port in a file: serve_argv (program first)
// must write it to port_file. Dies if no port comes within ten seconds.
struct Server {
  pid_t pid = -1;
  uint16_t port = 0;
};
Server StartServer(const std::vector<std::string>& serve_argv, const std::string& port_file,
                   const std::string& out_file, const std::string& err_file);

}  // namespace gongkai::bench
