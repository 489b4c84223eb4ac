// gongkai-bench-hub: N concurrent station clients on loopback push signed
// change sets of K ops (one change set per HTTPS request, kept-alive
// connections, pinned certificate) to a real `gongkai-hub serve` process.
// Reports change sets/s, ops/s, p50/p99 request latency and the hub's peak
// RSS (VmHWM). Not a test: run it by hand.
//
//   gongkai-bench-hub [--stations 50] [--per-station 100] [--ops 10]
//                     [--hub-threads 2] [--hub-bin PATH] [--json]
//
// --json: the same figures as one JSON object on stdout (the text goes to
// stderr), for bench/run_all.sh.
//
// Pull mode (docs/decisions/0016-cached-snapshot-answer.md):
//
//   gongkai-bench-hub --pulls 1,4,16,64 [--rows 30000] [--hub-bin PATH] [--json]
//
// builds a hub whose approved catalog has R rows (one station, change sets
// of 2,000 creates pushed over HTTPS, approved through the hub library),
// then for each N starts a fresh `gongkai-hub serve` and lets N clients,
// connected beforehand, pull the whole catalog at the same moment as a
// fresh station does (GET /v1/catalog?form=bin&enrollments=1 with
// Accept-Encoding: deflate). Reports, per N, the hub's peak RSS (VmHWM of
// that serve process), the wall time until every pull is in, and the bytes
// of one answer as sent. --json: one JSON object {"benchmark":"hub-pulls"}.
//
// Every acknowledged change set is durable: the hub answers only after the
// transaction holding it committed with synchronous=FULL (group commit).
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/harness.h"
#include "core/base/hex.h"
#include "core/changeset/changeset.h"
#include "core/crypto/verifier_key.h"
#include "core/record/envelope.h"
#include "core/record/envelope_batch.h"
#include "hub/admin/admin_signer.h"
#include "hub/admin/init_hub.h"
#include "hub/admin/station_enrollment.h"
#include "hub/review/approve.h"
#include "hub/store/hub_paths.h"
#include "station/sync/https_client.h"

namespace {

using namespace gongkai;
using namespace gongkai::bench;

struct Options {
  int stations = 50, per_station = 100, ops = 10;  // ingest mode
  std::string pulls;                               // "1,4,16,64": pull mode
  int rows = 30000;                                // the pulled catalog
  int hub_threads = 2;
  Common common;  // --hub-bin, --json
};

Options ParseOptions(int argc, char** argv) {
  Options o;
  o.common =
      ParseBenchFlags(argc, argv,
                      {IntFlag("--stations", &o.stations), IntFlag("--per-station", &o.per_station),
                       IntFlag("--ops", &o.ops), IntFlag("--hub-threads", &o.hub_threads),
                       TextFlag("--pulls", &o.pulls), IntFlag("--rows", &o.rows)},
                      "see the comment at the top of bench/hub_bench.cc");
  return o;
}

Row MakeRow(const std::string& id, const std::string& unit, int n) {
  Row r;
  r.id = id;
  r.unit = unit;
  r.Set(Field::kArea, "村务公开");
  r.Set(Field::kItemL1, "村级财务");
  r.Set(Field::kItemL2, "财务收支 " + std::to_string(n));
  r.Set(Field::kContent, "收支明细；集体资产；债权债务");
  r.Set(Field::kBasis, "《村民委员会组织法》第三十条");
  r.Set(Field::kTimeLimit, "每季度首月20日前");
  r.Set(Field::kSubject, unit + "村民委员会");
  r.Set(Field::kChannels, "社区/企事业单位/村公示栏（电子屏）");
  r.Set(Field::kAudience, "特定群体");
  r.Set(Field::kMode, "主动");
  r.Set(Field::kLevels, "村级");
  return r;
}

std::string RowId(int station, int n) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%04d%08d", station % 10000,
                n % 100000000);
  return buf;
}

// `gongkai-hub init` of the benchmark's hub, through the library.
hub::HubIdentity InitBenchHub(const std::string& dir) {
  hub::InitOptions init;
  init.dir = dir;
  init.origin = "bench.example/gongkai";
  init.admin = "bench";
  init.now = 1700000000;
  return Check(hub::InitHub(init), "init");
}

std::vector<int> ParseList(const std::string& list) {
  std::vector<int> out;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    int n = std::atoi(item.c_str());
    if (n <= 0) Die("--pulls takes a list of positive counts, e.g. 1,4,16,64");
    out.push_back(n);
  }
  return out;
}

std::vector<std::string> ServeArgs(const Options& opt, const std::string& dir,
                                   const std::string& port_file, int clients) {
  return {opt.common.hub_bin, "serve", "--dir", dir, "--listen", "127.0.0.1:0", "--port-file",
          port_file, "--threads", std::to_string(opt.hub_threads),
          // every client is 127.0.0.1 here
          "--max-connections-per-address", std::to_string(std::max(64, clients + 8)),
          "--max-connections", std::to_string(std::max(256, clients + 8))};
}

// Pull mode: see the comment at the top.
int PullMain(const Options& opt) {
  std::vector<int> counts = ParseList(opt.pulls);
  char tmpl[] = "/tmp/gongkai-bench-hub-XXXXXX";
  if (!mkdtemp(tmpl)) Die("mkdtemp");
  std::string dir = std::string(tmpl) + "/hub";
  std::string port_file = std::string(tmpl) + "/port";
  std::string log = std::string(tmpl) + "/serve.log";

  hub::HubIdentity identity = InitBenchHub(dir);
  hub::HubPaths paths{dir};
  const std::string id = "bench-0", unit = "村0";
  PrivateKey key = Check(PrivateKey::Generate(), "key");
  {
    hub::HubDb db = Check(hub::HubDb::Open(paths.db()), "open");
    hub::AdminSigner admin = Check(hub::LoadAdminSigner(db, paths, ""), "admin");
    Check(hub::EnrollStation(db, admin, id, unit, MakeVerifierKey(id, key.public_key()),
                             1700000001),
          "enroll");
  }
  // The rows, pushed over HTTPS as a station would.
  {
    Server hub = StartServer(ServeArgs(opt, dir, port_file, 1), port_file, "/dev/null", log);
    station::HttpsClient client(station::HttpsEndpoint{"127.0.0.1", hub.port,
                                                       HexEncode(identity.cert_sha256)});
    Hash32 prev{};
    constexpr int kPerChangeSet = 2000;
    for (int first = 0, seq = 1; first < opt.rows; first += kPerChangeSet, ++seq) {
      ChangeSet cs;
      cs.station = id;
      cs.seq = static_cast<uint64_t>(seq);
      cs.prev = prev;
      cs.created_at = 1700000000 + seq;
      cs.note = "bench";
      for (int k = first; k < std::min(opt.rows, first + kPerChangeSet); ++k) {
        cs.ops.push_back(CreateOp{MakeRow(RowId(0, k), unit, k)});
      }
      Bytes body = EncodeChangeSet(cs);
      prev = ChangeSetId(body);
      Bytes batch = EncodeEnvelopeBatch(
          {EncodeEnvelope(SignEnvelope(EnvelopeKind::kChangeSet, id, body, key))});
      Result<station::HttpsResponse> r = client.Request(
          "POST", "/v1/changesets", "application/octet-stream", std::string(batch.begin(), batch.end()));
      if (!r.ok() || r->status != 200 || r->body.find("\"accepted\"") == std::string::npos) {
        Die("push failed: " + (r.ok() ? r->body : r.status().ToString()));
      }
    }
    client.Close();
    Stop(hub.pid);
  }
  {
    hub::HubDb db = Check(hub::HubDb::Open(paths.db()), "open");
    hub::AdminSigner admin = Check(hub::LoadAdminSigner(db, paths, ""), "admin");
    hub::ApproveRequest req;
    req.all = true;
    req.now = 1700001000;
    Check(hub::Approve(db, admin, req), "approve");
  }

  FILE* text = opt.common.text();
  std::fprintf(text, "catalog             %d rows, version 1\n", opt.rows);
  std::fprintf(text, "%8s %14s %10s %14s %9s\n", "pulls", "hub peak RSS", "wall s",
               "answer bytes", "failures");
  boost::json::array runs;
  int all_failures = 0;
  for (int n : counts) {
    Server hub = StartServer(ServeArgs(opt, dir, port_file, n), port_file, "/dev/null", log);
    std::atomic<int> failures{0};
    std::atomic<uint64_t> answer_bytes{0};
    std::barrier start(n + 1);
    std::vector<std::thread> clients;
    for (int c = 0; c < n; ++c) {
      clients.emplace_back([&] {
        station::HttpsClient client(station::HttpsEndpoint{"127.0.0.1", hub.port,
                                                           HexEncode(identity.cert_sha256)});
        if (!client.Request("GET", "/v1/health", "", "").ok()) ++failures;
        uint64_t before = client.Stats().bytes_received;
        start.arrive_and_wait();
        Result<station::HttpsResponse> r =
            client.Request("GET", "/v1/catalog?form=bin&enrollments=1", "", "");
        if (!r.ok() || r->status != 200) {
          if (failures++ < 3) {
            std::cerr << "pull failed: " << (r.ok() ? std::to_string(r->status) + " " + r->body
                                                    : r.status().ToString())
                      << "\n";
          }
        }
        answer_bytes = client.Stats().bytes_received - before;
      });
    }
    start.arrive_and_wait();
    auto t0 = Clock::now();
    for (std::thread& t : clients) t.join();
    double wall = SecondsSince(t0);
    long rss_kb = PeakRssKb(hub.pid);
    Stop(hub.pid);
    std::fprintf(text, "%8d %10.1f MiB %10.2f %14llu %9d\n", n, rss_kb / 1024.0, wall,
                 static_cast<unsigned long long>(answer_bytes.load()), failures.load());
    runs.push_back(boost::json::object{{"pulls", n},
                                       {"hub_peak_rss_mb", rss_kb / 1024.0},
                                       {"wall_s", wall},
                                       {"answer_bytes", answer_bytes.load()},
                                       {"failures", failures.load()}});
    all_failures += failures.load();
  }
  if (opt.common.json) {
    boost::json::object o{{"benchmark", "hub-pulls"}, {"rows", opt.rows}, {"runs", runs}};
    std::printf("%s\n", boost::json::serialize(o).c_str());
  }
  std::string rm = std::string("rm -rf ") + tmpl;
  if (std::system(rm.c_str()) != 0) std::cerr << "could not remove " << tmpl << "\n";
  return all_failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt = ParseOptions(argc, argv);
  signal(SIGPIPE, SIG_IGN);
  if (!opt.pulls.empty()) return PullMain(opt);
  char tmpl[] = "/tmp/gongkai-bench-hub-XXXXXX";
  if (!mkdtemp(tmpl)) Die("mkdtemp");
  std::string dir = std::string(tmpl) + "/hub";

  // A hub with N enrolled stations.
  hub::HubIdentity identity = InitBenchHub(dir);
  std::vector<PrivateKey> keys;
  std::vector<std::string> ids, units;
  {
    hub::HubPaths paths{dir};
    hub::HubDb db = Check(hub::HubDb::Open(paths.db()), "open");
    hub::AdminSigner admin = Check(hub::LoadAdminSigner(db, paths, ""), "admin");
    for (int s = 0; s < opt.stations; ++s) {
      ids.push_back("bench-" + std::to_string(s));
      units.push_back("村" + std::to_string(s));
      keys.push_back(Check(PrivateKey::Generate(), "key"));
      Check(hub::EnrollStation(db, admin, ids[s], units[s],
                               MakeVerifierKey(ids[s], keys[s].public_key()), 1700000001),
            "enroll");
    }
  }

  // Every request body, signed ahead of time.
  std::vector<std::vector<std::string>> bodies(opt.stations);
  for (int s = 0; s < opt.stations; ++s) {
    Hash32 prev{};
    for (int i = 0; i < opt.per_station; ++i) {
      ChangeSet cs;
      cs.station = ids[s];
      cs.seq = static_cast<uint64_t>(i + 1);
      cs.prev = prev;
      cs.created_at = 1700000000 + i;
      cs.note = "bench";
      for (int k = 0; k < opt.ops; ++k) {
        cs.ops.push_back(CreateOp{MakeRow(RowId(s, i * opt.ops + k), units[s], k)});
      }
      Bytes body = EncodeChangeSet(cs);
      prev = ChangeSetId(body);
      Bytes env = EncodeEnvelope(SignEnvelope(EnvelopeKind::kChangeSet, ids[s], body, keys[s]));
      Bytes batch = EncodeEnvelopeBatch({env});
      bodies[s].emplace_back(batch.begin(), batch.end());
    }
  }

  // The hub, as its own process.
  std::string port_file = std::string(tmpl) + "/port";
  std::vector<std::string> args = {
      opt.common.hub_bin, "serve", "--dir", dir, "--listen", "127.0.0.1:0", "--port-file",
      port_file, "--threads", std::to_string(opt.hub_threads),
      // every client is 127.0.0.1 here
      "--max-connections-per-address", std::to_string(std::max(64, opt.stations + 8)),
      "--requests-per-second-per-address", "0"};
  std::string log = std::string(tmpl) + "/serve.log";
  Server hub = StartServer(args, port_file, "/dev/null", log);
  pid_t hub_pid = hub.pid;
  int port = hub.port;

  // N clients, each with its own kept-alive, pinned connection.
  std::vector<std::vector<double>> latencies(opt.stations);
  std::atomic<int> failures{0};
  std::barrier start(opt.stations + 1);
  std::vector<std::thread> clients;
  for (int s = 0; s < opt.stations; ++s) {
    clients.emplace_back([&, s] {
      station::HttpsClient client(station::HttpsEndpoint{"127.0.0.1", static_cast<uint16_t>(port),
                                                         HexEncode(identity.cert_sha256)});
      // Connect before the clock starts: the benchmark measures ingest.
      Result<station::HttpsResponse> warm = client.Request("GET", "/v1/health", "", "");
      if (!warm.ok()) ++failures;
      start.arrive_and_wait();
      for (const std::string& body : bodies[s]) {
        auto t0 = Clock::now();
        Result<station::HttpsResponse> r =
            client.Request("POST", "/v1/changesets", "application/octet-stream", body);
        auto t1 = Clock::now();
        if (!r.ok() || r->status != 200 || r->body.find("\"accepted\"") == std::string::npos) {
          if (failures++ < 5) {
            std::cerr << "request failed: "
                      << (r.ok() ? std::to_string(r->status) + " " + r->body
                                 : r.status().ToString())
                      << "\n";
          }
        }
        latencies[s].push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      }
    });
  }
  start.arrive_and_wait();
  double hub_cpu0 = CpuSeconds(hub_pid), self_cpu0 = CpuSeconds(getpid());
  auto t0 = Clock::now();
  for (std::thread& t : clients) t.join();
  double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  double hub_cpu = CpuSeconds(hub_pid) - hub_cpu0, self_cpu = CpuSeconds(getpid()) - self_cpu0;

  long rss_kb = PeakRssKb(hub_pid);
  int hub_exit = Stop(hub_pid);

  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) {
    return all.empty() ? 0.0 : all[std::min(all.size() - 1, static_cast<size_t>(p * all.size()))];
  };
  double total = static_cast<double>(all.size());
  FILE* text = opt.common.text();
  std::fprintf(text, "stations            %d (one kept-alive HTTPS connection each)\n",
               opt.stations);
  std::fprintf(text, "change sets         %.0f x %d ops, one per request\n", total, opt.ops);
  std::fprintf(text, "hub threads         %d\n", opt.hub_threads);
  std::fprintf(text, "elapsed             %.2f s\n", seconds);
  std::fprintf(text, "change sets/s       %.0f\n", total / seconds);
  std::fprintf(text, "ops/s               %.0f\n", total * opt.ops / seconds);
  std::fprintf(text, "latency p50         %.1f ms\n", pct(0.50));
  std::fprintf(text, "latency p99         %.1f ms\n", pct(0.99));
  std::fprintf(text, "latency max         %.1f ms\n", all.empty() ? 0.0 : all.back());
  std::fprintf(text, "hub peak RSS        %.1f MiB\n", rss_kb / 1024.0);
  std::fprintf(text, "hub CPU             %.2f s (%.0f us per change set)\n", hub_cpu,
               hub_cpu * 1e6 / std::max(1.0, total));
  std::fprintf(text, "clients CPU         %.2f s (%.0f us per change set)\n", self_cpu,
               self_cpu * 1e6 / std::max(1.0, total));
  std::fprintf(text, "failures            %d\n", failures.load());
  std::fprintf(text, "hub exit status     %d\n", hub_exit);

  if (opt.common.json) {
    boost::json::object o{
        {"benchmark", "hub"},
        {"stations", opt.stations},
        {"change_sets", total},
        {"ops_per_changeset", opt.ops},
        {"hub_threads", opt.hub_threads},
        {"elapsed_s", seconds},
        {"changesets_per_s", total / seconds},
        {"ops_per_s", total * opt.ops / seconds},
        {"latency_ms",
         boost::json::object{
             {"p50", pct(0.50)}, {"p99", pct(0.99)}, {"max", all.empty() ? 0.0 : all.back()}}},
        {"hub_peak_rss_mb", rss_kb / 1024.0},
        {"hub_cpu_s", hub_cpu},
        {"clients_cpu_s", self_cpu},
        {"failures", failures.load()}};
    std::printf("%s\n", boost::json::serialize(o).c_str());
  }
  std::string rm = std::string("rm -rf ") + tmpl;
  if (std::system(rm.c_str()) != 0) std::cerr << "could not remove " << tmpl << "\n";
  return failures.load() == 0 ? 0 : 1;
}
