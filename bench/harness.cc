#include "bench/harness.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <thread>

extern char** environ;

namespace gongkai::bench {

void Die(const std::string& what) {
  std::cerr << program_invocation_short_name << ": " << what << "\n";
  std::exit(1);
}

void Check(const Status& s, const char* what) {
  if (!s.ok()) Die(std::string(what) + ": " + s.ToString());
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }
double SecondsSince(Clock::time_point since) { return Seconds(Clock::now() - since); }

double CpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream rest(text.substr(text.rfind(')') + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::stod(field);
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

long PeakRssKb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

std::string Bin(const std::string& rel) { return std::string(GONGKAI_BINARY_DIR) + "/" + rel; }

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

pid_t Spawn(const std::vector<std::string>& argv, const std::string& out_file,
            const std::string& err_file) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  if (!out_file.empty()) {
    posix_spawn_file_actions_addopen(&fa, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  if (!err_file.empty()) {
    posix_spawn_file_actions_addopen(&fa, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, args[0], &fa, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) Die("cannot start " + argv[0]);
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int WaitMeasured(pid_t pid, long* peak_rss_kb, double* cpu_seconds) {
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  *peak_rss_kb = usage.ru_maxrss;
  if (cpu_seconds != nullptr) {
    auto sec = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
    *cpu_seconds = sec(usage.ru_utime) + sec(usage.ru_stime);
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int Stop(pid_t pid) {
  kill(pid, SIGTERM);
  return Wait(pid);
}

int RunProgram(const std::vector<std::string>& argv, const std::string& out_file,
               const std::string& err_file) {
  return Wait(Spawn(argv, out_file, err_file));
}

Output RunOk(const std::vector<std::string>& argv, const std::string& scratch) {
  static int n = 0;
  std::string base = scratch + "/run" + std::to_string(++n);
  int code = RunProgram(argv, base + ".out", base + ".err");
  Output o{ReadText(base + ".out"), ReadText(base + ".err")};
  if (code != 0) {
    std::string cmd;
    for (const std::string& a : argv) cmd += a + " ";
    Die(cmd + "failed:\n" + o.err);
  }
  return o;
}

namespace {

// The number in `v`, all of it, or death naming the flag.
template <typename T>
T Number(const std::string& flag, const std::string& v) {
  T out{};
  const char* end = v.data() + v.size();
  std::from_chars_result r = std::from_chars(v.data(), end, out);
  if (r.ec != std::errc() || r.ptr != end) {
    Die((flag.empty() ? "the argument" : flag) + " wants a number, not \"" + v + "\"");
  }
  return out;
}

}  // namespace

Flag IntFlag(std::string name, int* out) {
  return {name, true, [out, name](const std::string& v) { *out = Number<int>(name, v); }};
}
Flag U64Flag(std::string name, uint64_t* out) {
  return {name, true, [out, name](const std::string& v) { *out = Number<uint64_t>(name, v); }};
}
Flag DoubleFlag(std::string name, double* out) {
  return {name, true, [out, name](const std::string& v) { *out = Number<double>(name, v); }};
}
Flag TextFlag(std::string name, std::string* out) {
  return {std::move(name), true, [out](const std::string& v) { *out = v; }};
}
Flag Switch(std::string name, std::function<void()> on) {
  return {std::move(name), false, [on = std::move(on)](const std::string&) { on(); }};
}

void ParseFlags(int argc, char** argv, const std::vector<Flag>& flags, const std::string& help) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::cout << "usage: " << help << "\n";
      std::exit(0);
    }
    const Flag* flag = nullptr;
    const bool bare = !a.starts_with("-");
    for (const Flag& f : flags) {
      if (bare ? f.name.empty() : f.name == a) flag = &f;
    }
    if (!flag) Die("unknown " + std::string(bare ? "argument " : "flag ") + a + " (" + help + ")");
    if (bare) {
      flag->set(a);
    } else if (!flag->takes_value) {
      flag->set("");
    } else {
      if (i + 1 >= argc) Die("missing value for " + a);
      flag->set(argv[++i]);
    }
  }
}

Common ParseBenchFlags(int argc, char** argv, std::vector<Flag> flags, const std::string& help) {
  Common c;
  flags.push_back(TextFlag("--hub-bin", &c.hub_bin));
  flags.push_back(TextFlag("--station-bin", &c.station_bin));
  flags.push_back(TextFlag("--audit-bin", &c.audit_bin));
  flags.push_back(Switch("--json", [&c] { c.json = true; }));
  ParseFlags(argc, argv, flags, help);
  return c;
}

std::string ScratchDir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("gongkai-bench-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

boost::json::value ParseJson(const std::string& text, const std::string& what) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec) Die(what + " printed no JSON: " + text.substr(0, 300));
  return v;
}

Server StartServer(const std::vector<std::string>& serve_argv, const std::string& port_file,
                   const std::string& out_file, const std::string& err_file) {
  std::filesystem::remove(port_file);
  Server s;
  s.pid = Spawn(serve_argv, out_file, err_file);
  for (int i = 0; i < 1000; ++i) {
    std::string text = ReadText(port_file);
    if (!text.empty() && text.back() == '\n') {
      s.port = static_cast<uint16_t>(std::stoi(text));
      return s;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  Die(serve_argv[0] + " did not start; see " + err_file);
}

namespace {
const char* const kAreas[] = {"村务公开", "社会救助", "涉农补贴", "财政预决算", "扶贫", "养老服务"};
const char* const kChannels[] = {"政府网站", "便民服务站", "社区/企事业单位/村公示栏（电子屏）",
                                 "政府网站、纸质媒体", "两微一端、入户/现场"};
}  // namespace

void WriteCatalogCsv(const std::string& path, int rows) {
  std::ofstream out(path, std::ios::binary);
  out << "\xEF\xBB\xBF领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,"
         "公开渠道和载体,公开对象,公开方式,公开层级,五公开,咨询电话,备注\r\n";
  for (int i = 0; i < rows; ++i) {
    out << kAreas[i % 6] << ",第" << i / 50 << "类事项,具体事项第" << i << "项,"
        << "\"收支明细；集体资产；债权债务，含第" << i << "项的说明\",《村民委员会组织法》第三十条,"
        << (i % 3 ? "每季度" : "信息形成或者变更之日起20个工作日内") << ",红旗村民委员会,\""
        << kChannels[i % 5] << "\"," << (i % 2 ? "全社会" : "特定群体") << ","
        << (i % 4 ? "主动" : "主动、依申请") << "," << (i % 2 ? "村级" : "乡级、村级") << ","
        << (i % 5 ? "" : "决策、执行") << ",0375-" << 6000000 + i << ",\r\n";
  }
}

}  // namespace gongkai::bench
