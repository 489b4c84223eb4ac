// gongkai-bench-attachments: N photos (2 MB each by default) attached at a
// real `gongkai-station` and sent by `sync` to a real `gongkai-hub serve`
// through the test suite's fault proxy (tests/testing/fault_proxy.h),
// which delays every 16 KiB piece so the link carries about --mbit
// Mbit/s each way. Reports the attachment bytes, the bytes on the wire
// (TCP payload both ways: TLS, headers, status requests, answers), their
// ratio, and the time.
//
// Aim (issue 20): wire bytes within 5% of the attachment bytes. Not a
// test: never run in CI.
//
//   gongkai-bench-attachments [--count N] [--mb M] [--mbit R] [--json]
#include <signal.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "bench/harness.h"
#include "tests/testing/fault_proxy.h"

using namespace gongkai::bench;  // NOLINT(build/namespaces)
using gongkai::testing::FaultPlan;
using gongkai::testing::FaultProxy;
using gongkai::testing::ProxyCounts;

namespace {

const std::string kHub = Bin("hub/gongkai-hub");
const std::string kStation = Bin("station/gongkai-station");

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  int count = 5;
  double mb = 2;
  double mbit = 1;
  bool json = false;
  ParseFlags(argc, argv,
             {IntFlag("--count", &count), DoubleFlag("--mb", &mb), DoubleFlag("--mbit", &mbit),
              Switch("--json", [&] { json = true; })},
             "gongkai-bench-attachments [--count N] [--mb M] [--mbit R] [--json]");
  std::string base = std::filesystem::temp_directory_path() /
                     ("gongkai-bench-attachments-" + std::to_string(getpid()));
  std::filesystem::create_directories(base);
  std::string hub = base + "/hub";
  Output init = RunOk({kHub, "init", "--dir", hub, "--origin", "baofeng.example/gongkai", "--admin",
                       "zhang", "--json"},
                      base);
  auto o = ParseJson(init.out, "hub init").as_object();
  std::string log_key(o["log_key"].as_string()), cert(o["cert_sha256"].as_string());
  std::string port_file = hub + "/serve.port";
  Server serve = StartServer(
      {kHub, "serve", "--dir", hub, "--listen", "127.0.0.1:0", "--port-file", port_file}, port_file,
      hub + "/serve.out", hub + "/serve.log");
  // 16 KiB pieces, each delayed so that one direction carries `mbit`.
  FaultPlan plan;
  plan.chunk_bytes = 16 << 10;
  plan.chunk_delay =
      std::chrono::milliseconds(static_cast<int64_t>(plan.chunk_bytes * 8 / (mbit * 1e6) * 1000));
  FaultProxy proxy(serve.port, plan);
  if (!proxy.Start().ok()) Die("the proxy cannot listen");

  std::string dir = base + "/hongqi-01";
  Output st =
      RunOk({kStation, "init", "--dir", dir, "--id", "hongqi-01", "--unit", "红旗村", "--hub",
             proxy.url(), "--hub-key", log_key, "--hub-cert-sha256", cert, "--json"},
            base);
  std::string vkey(ParseJson(st.out, "station init").as_object()["verifier_key"].as_string());
  RunOk({kHub, "station", "add", "--dir", hub, "--id", "hongqi-01", "--unit", "红旗村", "--key",
         vkey},
        base);
  // A first sync so the measured one carries attachments only (the
  // catalog pull of an empty town is a few hundred bytes either way).
  RunOk({kStation, "sync", "--dir", dir}, base);

  uint64_t attachment_bytes = 0;
  std::vector<std::string> attach = {kStation, "attach", "--dir", dir};
  for (int i = 0; i < count; ++i) {
    std::string photo = Photo(static_cast<size_t>(mb * 1e6), 1000 + i);
    attachment_bytes += photo.size();
    std::string path = base + "/photo" + std::to_string(i) + ".jpg";
    std::ofstream(path, std::ios::binary) << photo;
    attach.push_back(path);
  }
  RunOk(attach, base);

  proxy.ResetCounts();
  Clock::time_point t0 = Clock::now();
  Output sync = RunOk({kStation, "sync", "--dir", dir, "--json"}, base);
  double seconds = SecondsSince(t0);
  ProxyCounts c = proxy.Counts();
  auto so = ParseJson(sync.out, "sync --json").as_object();
  uint64_t uploaded = so["attachments"].as_object()["uploaded"].to_number<uint64_t>();
  if (uploaded != static_cast<uint64_t>(count)) Die("not every attachment was uploaded");
  double ratio = static_cast<double>(c.total()) / static_cast<double>(attachment_bytes);
  bool met = ratio <= 1.05;
  std::printf("attachments: %d × %.1f MB over %.2f Mbit/s (simulated)\n", count, mb, mbit);
  std::printf("  attachment bytes  %llu\n", static_cast<unsigned long long>(attachment_bytes));
  std::printf("  wire to hub       %llu\n", static_cast<unsigned long long>(c.to_target));
  std::printf("  wire to station   %llu\n", static_cast<unsigned long long>(c.to_client));
  std::printf("  wire / attachment %.4f (aim ≤ 1.05: %s)\n", ratio, met ? "met" : "NOT met");
  std::printf("  time              %.1f s (%.2f Mbit/s of attachments)\n", seconds,
              attachment_bytes * 8 / 1e6 / seconds);
  if (json) {
    boost::json::object j{{"scenario", "attachments"},
                          {"count", count},
                          {"attachment_bytes", attachment_bytes},
                          {"wire_to_hub", c.to_target},
                          {"wire_to_station", c.to_client},
                          {"ratio", ratio},
                          {"seconds", seconds},
                          {"mbit", mbit},
                          {"aim_met", met}};
    std::printf("%s\n", boost::json::serialize(j).c_str());
  }
  proxy.Stop();
  Stop(serve.pid);
  std::filesystem::remove_all(base);
  return met ? 0 : 1;
}
