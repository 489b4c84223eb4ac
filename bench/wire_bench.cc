// gongkai-bench-wire: bytes on the wire between a station and the hub,
// TLS included (the TCP payload both ways, counted by the fault proxy of
// tests/testing/fault_proxy.h with no faults), with a real
// `gongkai-hub serve` and real `gongkai-station` processes on loopback:
//
//   one_field_round  one edited field pushed (`sync`), approved
//                    (`gongkai-hub approve --all`), and the approval pulled
//                    back (`sync`): as two one-shot runs on fresh TLS
//                    sessions (the stored session removed before each run),
//                    then again resuming the stored session, then twice
//                    within one `sync --watch` process (the push round and
//                    the pull round; "rounds" counts the lines it printed);
//   idle_round       a one-shot `sync` with nothing to push and nothing
//                    new (resumed session), and an idle round of the
//                    `sync --watch` (idle_watch_round, on its kept
//                    connection);
//   initial_pull     a new station's first sync: the whole --rows catalog
//                    (bytes and wall time of the `sync` process);
//   hundred_edits    100 edited rows pushed, approved and pulled back by the
//                    station that edited them, and the catch-up pull of
//                    another station that holds the previous version.
//
// Aims (issues #7 and #18): a one-field round ≤ 2,560 bytes with two
// one-shot runs on resumed sessions, ≤ 1,024 bytes within `sync --watch`;
// an idle watch round ≤ 200 bytes; the 10,000-row initial pull ≤ 2 MB and
// ≤ 3 s on loopback. Not a test: never run in CI.
//
//   gongkai-bench-wire [--rows N] [--json] [--keep]
//
// After the table, each measurement's bytes per exchange: per connection,
// its flights in order (the handshake's, each request, each answer, the
// closing alerts; tests/testing/fault_proxy.h Flight). --json adds one JSON
// line per measurement, flights included; --keep leaves the scratch
// directory (its path is printed). The catalog is built by a town station
// (library: one action of N created rows, sealed in change sets of 2,000
// ops, then `sync` and `approve --all`).
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/harness.h"
#include "core/base/uuid.h"
#include "station/store/station_store.h"
#include "tests/testing/fault_proxy.h"
#include "tests/testing/sql_file.h"

namespace {

using namespace gongkai::bench;
using gongkai::testing::Direction;
using gongkai::testing::FaultProxy;
using gongkai::testing::Flight;
using gongkai::testing::ProxyCounts;

constexpr int kWatchInterval = 8;  // seconds between watch rounds

gongkai::station::StoreStatus Status(const std::string& dir) {
  auto store = gongkai::station::StationStore::Open(dir);
  if (!store.ok()) Die(store.status().ToString());
  auto st = store->LoadStatus();
  if (!st.ok()) Die(st.status().ToString());
  return *st;
}

template <typename Pred>
void WaitFor(Pred pred, const std::string& what, int every_ms = 20) {
  auto deadline = Clock::now() + std::chrono::seconds(300);
  while (!pred()) {
    if (Clock::now() > deadline) Die("timed out waiting for " + what);
    std::this_thread::sleep_for(std::chrono::milliseconds(every_ms));
  }
}

struct Measure {
  std::string scenario, session;
  uint64_t rows = 0;
  ProxyCounts counts;
  std::vector<Flight> flights;  // in the order they went
  uint64_t first_new_conn = 0;  // connections from this index were opened here
  uint64_t rounds = 0;  // watch rounds (lines the watch printed)
  double seconds = 0;
  std::string aim;  // empty: none
  bool met = true;
};

class Bench {
 public:
  Bench(std::string base, uint64_t rows, const Common& common)
      : base_(std::move(base)),
        rows_(rows),
        hub_bin_(common.hub_bin),
        station_bin_(common.station_bin) {}
  ~Bench() {
    if (watch_ > 0) {
      kill(watch_, SIGKILL);
      waitpid(watch_, nullptr, 0);
    }
    if (proxy_) proxy_->Stop();
    if (serve_ > 0) Stop(serve_);
  }

  void Setup() {
    hub_ = base_ + "/hub";
    Output init = RunOk({hub_bin_, "init", "--dir", hub_, "--origin", "baofeng.example/gongkai",
                         "--admin", "zhang", "--json"},
                        base_);
    auto o = boost::json::parse(init.out).as_object();
    log_key_ = std::string(o["log_key"].as_string());
    cert_ = std::string(o["cert_sha256"].as_string());
    std::string port_file = hub_ + "/serve.port";
    Server serve = StartServer(
        {hub_bin_, "serve", "--dir", hub_, "--listen", "127.0.0.1:0", "--port-file", port_file},
        port_file, hub_ + "/serve.out", hub_ + "/serve.log");
    serve_ = serve.pid;
    proxy_ = std::make_unique<FaultProxy>(serve.port);
    if (!proxy_->Start().ok()) Die("the proxy cannot listen");

    town_ = NewStation("town-01", "宝丰镇");
    FillRows(town_, rows_);
    std::fprintf(stderr, "building the %llu-row catalog…\n",
                 static_cast<unsigned long long>(rows_));
    RunOk({station_bin_, "sync", "--dir", town_}, base_);
    RunOk({hub_bin_, "approve", "--dir", hub_, "--all", "--note", "初始目录"}, base_);
    RunOk({station_bin_, "sync", "--dir", town_}, base_);
    auto approved = gongkai::station::StationStore::Open(town_)->LoadApproved();
    if (!approved.ok() || approved->rows.rows().size() != rows_) Die("the town holds no catalog");
    for (const auto& [id, row] : approved->rows.rows()) {
      row_ids_.push_back(id);
      if (row_ids_.size() == 200) break;
    }
  }

  // (ii) a new station's first sync.
  void InitialPull() {
    reader_ = NewStation("reader-01", "红旗村");
    Measure m = Sync(reader_, "initial_pull", "fresh");
    m.aim = rows_ == 10000 ? "≤ 2 MB, ≤ 3 s" : "";
    m.met = rows_ != 10000 || (m.counts.total() <= (2u << 20) && m.seconds <= 3.0);
    if (Status(reader_).catalog_version == 0) Die("the reader pulled nothing");
    results_.push_back(m);
  }

  // (i) with one-shot runs: edit, sync, approve, sync. Round 1 on fresh
  // TLS sessions: the stored session (tls-session in the station directory,
  // station/sync/https_client.h) is removed before each run; round 2 keeps
  // it, so each run can resume the previous run's session.
  void OneFieldRoundsOneShot() {
    for (int round = 1; round <= 2; ++round) {
      bool fresh = round == 1;
      RunOk({station_bin_, "edit", "--dir", town_, row_ids_[round], "--set",
             "contact=0375-" + std::to_string(7000000 + round)},
            base_);
      Mark();
      auto t0 = Clock::now();
      if (fresh) std::filesystem::remove(town_ + "/tls-session");
      RunOk({station_bin_, "sync", "--dir", town_}, base_);
      RunOk({hub_bin_, "approve", "--dir", hub_, "--all"}, base_);
      if (fresh) std::filesystem::remove(town_ + "/tls-session");
      RunOk({station_bin_, "sync", "--dir", town_}, base_);
      Measure m = Done("one_field_round", fresh ? "fresh (one-shot)" : "resumed (one-shot)", t0);
      if (!fresh) {
        m.aim = "≤ 2,560 B resumed";
        m.met = m.counts.total() <= 2560;
      }
      results_.push_back(m);
    }
    // Nothing to push, nothing new: one resumed handshake, one request, 304.
    results_.push_back(Sync(town_, "idle_round", "resumed (one-shot)"));
  }

  // (i) within one `sync --watch`: the round trip of an edit spans the
  // round that pushes it and the one that pulls its approval (the edit is
  // made just after a round, the approval as soon as the hub has it; the
  // interval leaves time for both, so the window holds those two rounds).
  void OneFieldRoundsWatch() {
    watch_ = Spawn({station_bin_, "sync", "--dir", town_, "--watch", "--interval",
                    std::to_string(kWatchInterval)},
                   base_ + "/watch.out", base_ + "/watch.err");
    WaitQuiet(/*after_traffic=*/true);
    for (int round = 1; round <= 2; ++round) {
      int64_t held = gongkai::testing::HubChangeSetCount(hub_ + "/hub.db", "town-01");
      uint64_t version = Status(town_).catalog_version;
      Mark();
      auto t0 = Clock::now();
      RunOk({station_bin_, "edit", "--dir", town_, row_ids_[10 + round], "--set",
             "contact=0375-" + std::to_string(7100000 + round)},
            base_);
      WaitFor(
          [&] { return gongkai::testing::HubChangeSetCount(hub_ + "/hub.db", "town-01") > held; },
          "the push");
      RunOk({hub_bin_, "approve", "--dir", hub_, "--all"}, base_);
      WaitFor([&] { return Status(town_).catalog_version > version; }, "the approval", 200);
      WaitQuiet(/*after_traffic=*/false);
      Measure m = Done("one_field_round", "watch, round " + std::to_string(round), t0);
      {
        m.aim = "≤ 1,024 B";
        m.met = m.counts.total() <= 1024;
      }
      results_.push_back(m);
    }
    // What an idle watch round costs (nothing to push, nothing new).
    Mark();
    auto t0 = Clock::now();
    WaitQuiet(/*after_traffic=*/true);
    Measure idle = Done("idle_watch_round", "watch", t0);
    idle.aim = "≤ 200 B";
    idle.met = idle.counts.total() <= 200;
    results_.push_back(idle);
    Stop(watch_);
    watch_ = -1;
  }

  // (iii) 100 edits.
  void HundredEdits() {
    for (int i = 0; i < 100; ++i) {
      RunOk({station_bin_, "edit", "--dir", town_, row_ids_[50 + i], "--set",
             "notes=第" + std::to_string(i) + "项已更新"},
            base_);
    }
    Mark();
    auto t0 = Clock::now();
    RunOk({station_bin_, "sync", "--dir", town_}, base_);
    RunOk({hub_bin_, "approve", "--dir", hub_, "--all"}, base_);
    RunOk({station_bin_, "sync", "--dir", town_}, base_);
    results_.push_back(Done("hundred_edits", "fresh", t0));
    results_.push_back(Sync(reader_, "hundred_edits_catch_up", "fresh"));
  }

  void Print(bool json) const {
    std::printf("\nbytes on the wire (TLS records, both directions), %llu-row catalog\n",
                static_cast<unsigned long long>(rows_));
    std::printf("%-24s %-20s %10s %12s %12s %6s %7s %8s  %s\n", "scenario", "session", "to hub",
                "to station", "total", "conns", "rounds", "seconds", "aim");
    for (const Measure& m : results_) {
      std::string rounds = m.rounds ? std::to_string(m.rounds) : "-";
      std::printf("%-24s %-20s %10llu %12llu %12llu %6llu %7s %8.2f  %s%s\n", m.scenario.c_str(),
                  m.session.c_str(), static_cast<unsigned long long>(m.counts.to_target),
                  static_cast<unsigned long long>(m.counts.to_client),
                  static_cast<unsigned long long>(m.counts.total()),
                  static_cast<unsigned long long>(m.counts.connections), rounds.c_str(), m.seconds,
                  m.aim.c_str(), m.aim.empty() ? "" : (m.met ? " (met)" : " (NOT met)"));
    }
    std::printf("\nper exchange (→ to hub, ← to station; c<k> the k-th connection)\n");
    for (const Measure& m : results_) {
      std::printf("%s, %s:\n", m.scenario.c_str(), m.session.c_str());
      for (const std::string& line : Breakdown(m)) std::printf("  %s\n", line.c_str());
    }
    if (!json) return;
    for (const Measure& m : results_) {
      boost::json::object o{{"bench", "wire"},
                            {"scenario", m.scenario},
                            {"session", m.session},
                            {"rows", m.rows},
                            {"bytes_to_hub", m.counts.to_target},
                            {"bytes_to_station", m.counts.to_client},
                            {"bytes", m.counts.total()},
                            {"connections", m.counts.connections},
                            {"seconds", m.seconds}};
      if (m.rounds) o["rounds"] = m.rounds;
      if (!m.aim.empty()) o["aim_met"] = m.met;
      boost::json::array flights;
      for (const Flight& f : m.flights) {
        flights.push_back(
            boost::json::object{{"connection", f.connection},
                                {"to", f.direction == Direction::kToTarget ? "hub" : "station"},
                                {"bytes", f.bytes}});
      }
      o["flights"] = std::move(flights);
      std::printf("%s\n", boost::json::serialize(o).c_str());
    }
  }

 private:
  // One line per connection: its flights in order, each named by where it
  // falls. On a connection opened within the measurement the first three
  // are the handshake: the ClientHello, the server's hello up to its
  // Finished, and the client's Finished — which leaves with the first
  // request, so that flight is "fin+request". A 24-byte flight is one TLS
  // 1.3 alert record (the close_notify of a closing side).
  static std::vector<std::string> Breakdown(const Measure& m) {
    std::vector<std::string> lines;
    std::vector<uint64_t> order;
    for (const Flight& f : m.flights) {
      if (std::find(order.begin(), order.end(), f.connection) == order.end()) {
        order.push_back(f.connection);
      }
    }
    for (uint64_t conn : order) {
      bool fresh = conn >= m.first_new_conn;
      std::string line = "c" + std::to_string(conn) + (fresh ? " (new)" : " (kept)") + ":";
      int k = 0;
      uint64_t sum = 0;
      for (const Flight& f : m.flights) {
        if (f.connection != conn) continue;
        bool up = f.direction == Direction::kToTarget;
        std::string name;
        if (f.bytes == 24) {
          name = "close";
        } else if (fresh && k == 0) {
          name = "client-hello";
        } else if (fresh && k == 1) {
          name = "server-hello";
        } else if (fresh && k == 2) {
          name = "fin+request";
        } else {
          name = up ? "request" : "answer";
        }
        line += std::string(" ") + (up ? "→" : "←") + name + " " + std::to_string(f.bytes);
        sum += f.bytes;
        ++k;
      }
      lines.push_back(line + "  = " + std::to_string(sum));
    }
    return lines;
  }

  std::string NewStation(const std::string& id, const std::string& unit) {
    std::string dir = base_ + "/" + id;
    Output init =
        RunOk({station_bin_, "init", "--dir", dir, "--id", id, "--unit", unit, "--hub",
               proxy_->url(), "--hub-key", log_key_, "--hub-cert-sha256", cert_, "--json"},
              base_);
    std::string vkey(boost::json::parse(init.out).as_object()["verifier_key"].as_string());
    RunOk({hub_bin_, "station", "add", "--dir", hub_, "--id", id, "--unit", unit, "--key", vkey},
          base_);
    return dir;
  }

  void FillRows(const std::string& dir, uint64_t n) {
    auto store = gongkai::station::StationStore::Open(dir);
    if (!store.ok()) Die(store.status().ToString());
    const char* areas[] = {"村务公开", "社会救助", "涉农补贴", "财政预决算", "扶贫", "养老服务"};
    const char* channels[] = {"政府网站", "便民服务站", "社区/企事业单位/村公示栏（电子屏）",
                              "政府网站、纸质媒体", "两微一端、入户/现场"};
    auto r = store->RecordAction(
        "import", "bench rows", 1700000000,
        [&](const gongkai::station::WorkingView&, const gongkai::station::EditSink& emit) {
          for (uint64_t i = 0; i < n; ++i) {
            gongkai::Row row;
            row.id = gongkai::NewUuid();
            row.unit = "宝丰镇";
            using gongkai::Field;
            row.Set(Field::kArea, areas[i % 6]);
            row.Set(Field::kItemL1, "第" + std::to_string(i / 50) + "类事项");
            row.Set(Field::kItemL2, "具体事项第" + std::to_string(i) + "项");
            row.Set(Field::kContent,
                    "收支明细；集体资产；债权债务，含第" + std::to_string(i) + "项的说明");
            row.Set(Field::kBasis, "《中华人民共和国政府信息公开条例》");
            row.Set(Field::kTimeLimit, i % 3 ? "每季度" : "信息形成或者变更之日起20个工作日内");
            row.Set(Field::kSubject, "宝丰镇人民政府");
            row.Set(Field::kChannels, channels[i % 5]);
            row.Set(Field::kAudience, i % 2 ? "全社会" : "特定群体");
            row.Set(Field::kMode, i % 4 ? "主动" : "主动、依申请");
            row.Set(Field::kLevels, "乡级");
            row.Set(Field::kContact, "0375-" + std::to_string(6000000 + i));
            GK_RETURN_IF_ERROR(emit(gongkai::station::MakeCreateEdit(std::move(row))));
          }
          return gongkai::Status::Ok();
        });
    if (!r.ok()) Die(r.status().ToString());
    auto key = store->LoadKey();
    if (!key.ok()) Die(key.status().ToString());
    auto sealed = store->Seal(*key, "初始目录", 1700000001);
    if (!sealed.ok()) Die(sealed.status().ToString());
  }

  // Waits until no byte has moved for `ms` (the last close_notify of a
  // finished process is counted with its round).
  void Settle(int ms) {
    uint64_t last = proxy_->Counts().total();
    auto since = Clock::now();
    WaitFor(
        [&] {
          uint64_t now = proxy_->Counts().total();
          if (now != last) {
            last = now;
            since = Clock::now();
          }
          return Clock::now() - since >= std::chrono::milliseconds(ms);
        },
        "connections to settle");
  }

  void Mark() {
    Settle(150);
    base_counts_ = proxy_->Counts();
    base_flights_ = proxy_->Flights().size();
    base_rounds_ = WatchLines();
  }

  // `sync --watch` prints one line per round (docs/station-sync.md).
  uint64_t WatchLines() const {
    std::string text = ReadText(base_ + "/watch.out");
    return static_cast<uint64_t>(std::count(text.begin(), text.end(), '\n'));
  }

  Measure Done(const std::string& scenario, const std::string& session, Clock::time_point t0) {
    Measure m;
    m.seconds = SecondsSince(t0);
    Settle(150);
    m.scenario = scenario;
    m.session = session;
    m.rows = rows_;
    ProxyCounts now = proxy_->Counts();
    m.counts.to_target = now.to_target - base_counts_.to_target;
    m.counts.to_client = now.to_client - base_counts_.to_client;
    m.counts.connections = now.connections - base_counts_.connections;
    std::vector<Flight> flights = proxy_->Flights();
    m.flights.assign(flights.begin() + static_cast<std::ptrdiff_t>(base_flights_), flights.end());
    m.first_new_conn = base_counts_.connections;
    if (session.rfind("watch", 0) == 0) m.rounds = WatchLines() - base_rounds_;
    return m;
  }

  Measure Sync(const std::string& dir, const std::string& scenario, const std::string& session) {
    Mark();
    auto t0 = Clock::now();
    RunOk({station_bin_, "sync", "--dir", dir}, base_);
    return Done(scenario, session, t0);
  }

  // Waits until no byte has moved for 400 ms (first for some traffic when
  // after_traffic): a watch round has ended.
  void WaitQuiet(bool after_traffic) {
    uint64_t start = proxy_->Counts().total();
    if (after_traffic) {
      WaitFor([&] { return proxy_->Counts().total() != start; }, "a watch round");
    }
    Settle(400);
  }

  std::string base_;
  uint64_t rows_;
  std::string hub_, log_key_, cert_, town_, reader_;
  pid_t serve_ = -1, watch_ = -1;
  std::unique_ptr<FaultProxy> proxy_;
  ProxyCounts base_counts_;
  size_t base_flights_ = 0;
  uint64_t base_rounds_ = 0;
  std::vector<std::string> row_ids_;
  std::vector<Measure> results_;
  const std::string hub_bin_, station_bin_;  // the programs (--hub-bin, --station-bin)
};

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  uint64_t rows = 10000;
  bool keep = false;
  const Common common = ParseBenchFlags(
      argc, argv, {U64Flag("--rows", &rows), Switch("--keep", [&] { keep = true; })},
      "gongkai-bench-wire [--rows N] [--json] [--keep] [--hub-bin PATH] "
      "[--station-bin PATH]");
  if (rows < 200) Die("--rows must be at least 200");
  for (const std::string& bin : {common.hub_bin, common.station_bin}) {
    if (access(bin.c_str(), X_OK) != 0) Die(bin + " is not built");
  }
  std::string base = ScratchDir("wire");
  {
    Bench bench(base, rows, common);
    bench.Setup();
    bench.InitialPull();
    bench.OneFieldRoundsOneShot();
    bench.OneFieldRoundsWatch();
    bench.HundredEdits();
    bench.Print(common.json);
  }
  if (keep) {
    std::printf("scratch directory kept: %s\n", base.c_str());
  } else {
    std::filesystem::remove_all(base);
  }
  return 0;
}
