// gongkai-bench-attachments: N posting records (公开记录), each with one
// photo (2 MB by default), made at a real `gongkai-station` with `record
// --attach` and sent by one `sync` to a real `gongkai-hub serve` through the
// test suite's fault proxy (tests/testing/fault_proxy.h). Reports the
// attachment bytes, the bytes on the wire (TCP payload both ways: TLS,
// headers, status requests, the change sets, answers), their ratio, and
// the time.
//
// The link: by default the proxy delays every 16 KiB piece so that it
// carries about --mbit Mbit/s each way (real time: 1,000 × 2 MB at 1 Mbit/s
// would take about 4.5 hours). With --simulate nothing is delayed: the proxy
// counts the bytes and the link time is computed as the busier direction's
// bytes × 8 / rate (the link is full duplex), next to the wall time.
//
// Aim (issue 20): wire bytes within 5% of the attachment bytes. Not a
// test: never run in CI.
//
//   gongkai-bench-attachments [--count N] [--mb M] [--mbit R] [--simulate] [--json]
#include <signal.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "bench/harness.h"
#include "tests/testing/fault_proxy.h"
#include "tests/testing/sample_photo.h"

using namespace gongkai::bench;  // NOLINT(build/namespaces)
using gongkai::testing::FaultPlan;
using gongkai::testing::FaultProxy;
using gongkai::testing::ProxyCounts;

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  int count = 5;
  double mb = 2, mbit = 1;
  bool simulate = false;
  const Common common = ParseBenchFlags(
      argc, argv,
      {IntFlag("--count", &count), DoubleFlag("--mb", &mb), DoubleFlag("--mbit", &mbit),
       Switch("--simulate", [&] { simulate = true; })},
      "gongkai-bench-attachments [--count N] [--mb M] [--mbit R] [--simulate] [--json]");
  const std::string& kHub = common.hub_bin;
  const std::string& kStation = common.station_bin;
  std::string base = ScratchDir("attachments");
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
  if (!simulate) {
    plan.chunk_delay =
        std::chrono::milliseconds(static_cast<int64_t>(plan.chunk_bytes * 8 / (mbit * 1e6) * 1000));
  }
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
  // One catalog row, approved, so that the station can record postings for
  // it; these syncs come before the measured one.
  RunOk({kStation,       "add",
         "--dir",        dir,
         "--area",       "村务公开",
         "--item-l1",    "村级财务",
         "--item-l2",    "财务收支",
         "--content",    "收支明细",
         "--basis",      "《村民委员会组织法》第三十条",
         "--time-limit", "每月5日前",
         "--subject",    "村民委员会",
         "--channels",   "社区/企事业单位/村公示栏（电子屏）",
         "--audience",   "特定群体",
         "--mode",       "主动",
         "--levels",     "村级"},
        base);
  RunOk({kStation, "sync", "--dir", dir}, base);
  RunOk({kHub, "approve", "--dir", hub, "--all"}, base);
  RunOk({kStation, "sync", "--dir", dir}, base);
  Output list = RunOk({kStation, "list", "--dir", dir, "--json"}, base);
  std::string row(ParseJson(list.out, "list").as_array().at(0).as_object().at("id").as_string());

  // Each record seals its own change set with one photo.
  uint64_t attachment_bytes = 0;
  for (int i = 0; i < count; ++i) {
    std::string photo = gongkai::testing::SamplePhoto(static_cast<size_t>(mb * 1e6), 1000 + i);
    attachment_bytes += photo.size();
    std::string path = base + "/photo" + std::to_string(i) + ".jpg";
    std::ofstream(path, std::ios::binary) << photo;
    RunOk({kStation, "record", "--dir", dir, row, "--period", "2026年1月", "--posted", "2026-01-05",
           "--note", "第 " + std::to_string(i + 1) + " 次", "--attach", path},
          base);
    std::filesystem::remove(path);  // the station keeps its copy
  }

  proxy.ResetCounts();
  Clock::time_point t0 = Clock::now();
  Output sync = RunOk({kStation, "sync", "--dir", dir, "--json"}, base);
  double seconds = SecondsSince(t0);
  ProxyCounts c = proxy.Counts();
  auto so = ParseJson(sync.out, "sync --json").as_object();
  uint64_t uploaded = so["attachments"].as_object()["uploaded"].to_number<uint64_t>();
  if (uploaded != static_cast<uint64_t>(count)) Die("not every attachment was uploaded");
  uint64_t pushed = so["accepted"].to_number<uint64_t>();
  if (pushed != static_cast<uint64_t>(count)) Die("not every posting was accepted by the hub");
  double ratio = static_cast<double>(c.total()) / static_cast<double>(attachment_bytes);
  bool met = ratio <= 1.05;
  // Full duplex: the busier direction sets the link time.
  double link_seconds = static_cast<double>(std::max(c.to_target, c.to_client)) * 8 / (mbit * 1e6);
  std::printf("attachments: %d postings × %.1f MB over %.2f Mbit/s (%s)\n", count, mb, mbit,
              simulate ? "simulated: bytes counted, no delay" : "throttled in real time");
  std::printf("  attachment bytes  %llu\n", static_cast<unsigned long long>(attachment_bytes));
  std::printf("  wire to hub       %llu\n", static_cast<unsigned long long>(c.to_target));
  std::printf("  wire to station   %llu\n", static_cast<unsigned long long>(c.to_client));
  std::printf("  wire / attachment %.4f (aim ≤ 1.05: %s)\n", ratio, met ? "met" : "NOT met");
  std::printf("  postings          %llu accepted by the hub\n",
              static_cast<unsigned long long>(pushed));
  std::printf("  link time         %.0f s = %.2f h at %.2f Mbit/s\n", link_seconds,
              link_seconds / 3600, mbit);
  std::printf("  wall time         %.1f s (%.2f Mbit/s of attachments)\n", seconds,
              attachment_bytes * 8 / 1e6 / seconds);
  if (common.json) {
    boost::json::object j{{"scenario", "attachments"},
                          {"count", count},
                          {"attachment_bytes", attachment_bytes},
                          {"wire_to_hub", c.to_target},
                          {"wire_to_station", c.to_client},
                          {"ratio", ratio},
                          {"seconds", seconds},
                          {"mbit", mbit},
                          {"simulated", simulate},
                          {"link_seconds", link_seconds},
                          {"accepted", pushed},
                          {"aim_met", met}};
    std::printf("%s\n", boost::json::serialize(j).c_str());
  }
  proxy.Stop();
  Stop(serve.pid);
  std::filesystem::remove_all(base);
  return met ? 0 : 1;
}
