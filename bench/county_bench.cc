// gongkai-bench-county: a county-scale day compressed into minutes. Not a
// test: run it by hand or through bench/run_all.sh (Release build).
//
//   gongkai-bench-county --stations N --rows-per-station R [--minutes M]
//       [--rounds K] [--edits E] [--parallel P] [--hub-threads T]
//       [--hub-bin PATH] [--json]
//
// What it does, all on this machine:
//  1. `gongkai-hub init` and a real `gongkai-hub serve` process on a free
//     loopback port (TLS, self-signed certificate).
//  2. N stations as in-process clients: each has its own store directory
//     and runs the gongkai-station command dispatcher (RunStationCli) —
//     `init` with the hub's URL, log key and certificate pin, `import`,
//     `list`, `edit`, `sync` — i.e. the very code of the gongkai-station
//     program, real TLS with pinning on loopback. Stations are enrolled
//     through the hub library (what `gongkai-hub station add` calls).
//     Stations come in pairs that speak for the same village (unit), so
//     they can edit the same rows.
//  3. The day: every station imports its R rows, syncs (round "import"),
//     the administrator approves version 1 and every station syncs again
//     to hold the town's whole catalog ("pull v1"); then K rounds
//     ("hours"), each: every station
//     makes E edits of its own rows; in a third of the pairs both stations
//     also change the same field of the same row to different values (a
//     conflict); every station syncs (P at a time); the administrator runs
//     `gongkai-hub pending --json`, `gongkai-hub resolve C --keep` for each
//     unresolved conflict and `gongkai-hub approve --all`. The K rounds
//     are spread over M minutes (a round starts no earlier than k·M/K;
//     M = 0: back to back). A last sync round brings every station to the
//     final version and the run checks that every station's catalog hash
//     is the hub's.
//  4. Measured: each station sync's wall time (p50, p99, max, per round
//     and overall), each admin step, the hub process's CPU seconds
//     (utime+stime from /proc/PID/stat) and peak RSS (VmHWM), and the size
//     of the hub's database on disk (hub.db + WAL) at the end.
#include <signal.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/harness.h"
#include "core/crypto/verifier_key.h"
#include "hub/admin/admin_signer.h"
#include "hub/admin/station_enrollment.h"
#include "hub/store/hub_db.h"
#include "hub/store/hub_paths.h"
#include "station/app/run.h"

namespace {

using namespace gongkai;
using namespace gongkai::bench;
namespace fs = std::filesystem;

struct Options {
  int stations = 3, rows_per_station = 100;  // the town
  int rounds = 6, edits = 2, parallel = 8;   // the day: K rounds of E edits, P syncs at a time
  double minutes = 0;                        // spread over M minutes (0: back to back)
  int hub_threads = 2;
  Common common;  // --hub-bin, --json
};

Options ParseOptions(int argc, char** argv) {
  Options o;
  o.common = ParseBenchFlags(
      argc, argv,
      {IntFlag("--stations", &o.stations), IntFlag("--rows-per-station", &o.rows_per_station),
       DoubleFlag("--minutes", &o.minutes), IntFlag("--rounds", &o.rounds),
       IntFlag("--edits", &o.edits), IntFlag("--parallel", &o.parallel),
       IntFlag("--hub-threads", &o.hub_threads)},
      "see the comment at the top of bench/county_bench.cc");
  if (o.stations < 1 || o.rows_per_station < 2 * (o.rounds + 1) || o.edits < 1 || o.parallel < 1) {
    Die("need --stations >= 1, --edits >= 1, --parallel >= 1 and "
        "--rows-per-station >= 2 * (rounds + 1)");
  }
  return o;
}

// gongkai-station ARGS in process: the exit status and what it printed.
int StationCli(const std::vector<std::string>& args, std::string* out, std::string* err) {
  std::ostringstream o, e;
  int code = station::RunStationCli(args, o, e, station::CliEnv{});
  if (out) *out = o.str();
  if (err) *err = e.str();
  return code;
}

void ParallelFor(int n, int parallel, const std::function<void(int)>& f) {
  std::atomic<int> next{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < std::min(n, parallel); ++w) {
    workers.emplace_back([&] {
      for (int i; (i = next++) < n;) f(i);
    });
  }
  for (std::thread& t : workers) t.join();
}

struct Pct {
  double p50 = 0, p99 = 0, max = 0, mean = 0;
};
Pct Percentiles(std::vector<double> v) {
  Pct p;
  if (v.empty()) return p;
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<size_t>(q * v.size()))]; };
  p.p50 = at(0.5);
  p.p99 = at(0.99);
  p.max = v.back();
  double sum = 0;
  for (double x : v) sum += x;
  p.mean = sum / static_cast<double>(v.size());
  return p;
}
boost::json::object PctJson(const Pct& p) {
  return {{"p50", p.p50}, {"p99", p.p99}, {"max", p.max}, {"mean", p.mean}};
}

std::string SqlText(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 10000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      if (sqlite3_column_type(st, 0) == SQLITE_BLOB) {
        const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(st, 0));
        static const char* kHex = "0123456789abcdef";
        for (int i = 0; i < sqlite3_column_bytes(st, 0); ++i) {
          out += kHex[p[i] >> 4];
          out += kHex[p[i] & 15];
        }
      } else if (const unsigned char* t = sqlite3_column_text(st, 0)) {
        out = reinterpret_cast<const char*>(t);
      }
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

uint64_t FileSize(const std::string& path) {
  std::error_code ec;
  uintmax_t n = fs::file_size(path, ec);
  return ec ? 0 : static_cast<uint64_t>(n);
}

struct Station {
  std::string id, unit, dir;
  std::vector<std::string> own_rows;  // ids of the rows it imported, in order
  int partner = -1;                   // the other station of its village
};

std::string RowsCsv(const Station& s, int rows) {
  std::string csv =
      "领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,"
      "公开对象,公开方式,公开层级,咨询电话,备注\n";
  static const char* const kAreas[] = {"村务公开", "社会救助", "涉农补贴", "养老服务"};
  for (int i = 0; i < rows; ++i) {
    csv += std::string(kAreas[i % 4]) + ",第" + std::to_string(i / 20) + "类事项," + s.id +
           " 事项第" + std::to_string(i) +
           "项,收支明细；集体资产；债权债务,《村民委员会组织法》第三十条,每季度," + s.unit +
           "民委员会,社区/企事业单位/村公示栏（电子屏）、政府网站," +
           (i % 2 ? "全社会" : "特定群体") + ",主动,村级,0375-6000000,\n";
  }
  return csv;
}

struct RoundStats {
  std::string name;
  double sync_wall_s = 0;
  Pct sync_ms;
  int conflicts = 0;
  double admin_s = 0;
  uint64_t version = 0;
};
RoundStats Named(std::string name) {
  RoundStats r;
  r.name = std::move(name);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt = ParseOptions(argc, argv);
  signal(SIGPIPE, SIG_IGN);
  char tmpl[] = "/tmp/gongkai-bench-county-XXXXXX";
  if (!mkdtemp(tmpl)) Die("mkdtemp");
  const std::string root = tmpl;
  const std::string hub_dir = root + "/hub";
  const std::string scratch = root + "/scratch";
  fs::create_directories(scratch);
  auto t_start = Clock::now();

  // 1. The hub.
  if (RunProgram({opt.common.hub_bin, "init", "--dir", hub_dir, "--origin",
                  "county.example/gongkai", "--admin", "zhang", "--json"},
                 scratch + "/init.json", scratch + "/init.err") != 0) {
    Die("gongkai-hub init failed: " + ReadText(scratch + "/init.err"));
  }
  boost::json::object init = boost::json::parse(ReadText(scratch + "/init.json")).as_object();
  const std::string log_key(init["log_key"].as_string());
  const std::string cert(init["cert_sha256"].as_string());
  const std::string port_file = root + "/port";
  std::vector<std::string> serve_args = {
      opt.common.hub_bin, "serve", "--dir", hub_dir, "--listen", "127.0.0.1:0", "--port-file",
      port_file, "--threads", std::to_string(opt.hub_threads), "--max-connections",
      std::to_string(std::max(64, opt.parallel * 4)),
      // every client is 127.0.0.1 here
      "--max-connections-per-address", std::to_string(std::max(64, opt.parallel * 4)),
      "--requests-per-second-per-address", "0"};
  const std::string serve_log = root + "/serve.log";
  Server hub = StartServer(serve_args, port_file, "/dev/null", serve_log);
  const pid_t hub_pid = hub.pid;
  const int port = hub.port;
  const std::string url = "https://127.0.0.1:" + std::to_string(port);

  // 2. Stations: init in process, enrolled through the hub library.
  std::vector<Station> stations(static_cast<size_t>(opt.stations));
  for (int s = 0; s < opt.stations; ++s) {
    char id[32];
    std::snprintf(id, sizeof id, "cun-%03d-%d", s / 2, s % 2);
    stations[s].id = id;
    stations[s].unit = "第" + std::to_string(s / 2) + "村";
    stations[s].dir = root + "/" + id;
    if (s % 2 == 1) {
      stations[s].partner = s - 1;
      stations[s - 1].partner = s;
    }
  }
  std::vector<std::string> vkeys(stations.size());
  std::atomic<int> failures{0};
  ParallelFor(opt.stations, opt.parallel, [&](int s) {
    std::string out, err;
    if (StationCli(
            {"init", "--dir", stations[s].dir, "--id", stations[s].id, "--unit", stations[s].unit,
             "--hub", url, "--hub-key", log_key, "--hub-cert-sha256", cert, "--json"},
            &out, &err) != 0) {
      Die("station init: " + err);
    }
    const boost::json::value v = ParseJson(out, "station init");
    if (!v.is_object() || !v.as_object().contains("verifier_key")) Die("station init: " + out);
    vkeys[s] = std::string(v.as_object().at("verifier_key").as_string());
  });
  {
    hub::HubPaths paths{hub_dir};
    hub::HubDb db = Check(hub::HubDb::Open(paths.db()), "open hub db");
    hub::AdminSigner admin = Check(hub::LoadAdminSigner(db, paths, ""), "admin key");
    for (int s = 0; s < opt.stations; ++s) {
      VerifierKey key = Check(ParseVerifierKey(vkeys[s]), "verifier key");
      Check(hub::EnrollStation(db, admin, stations[s].id, stations[s].unit, key, 1700000001),
            "enroll");
    }
  }
  double setup_s = Seconds(Clock::now() - t_start);

  // 3. Import.
  auto t_import = Clock::now();
  ParallelFor(opt.stations, opt.parallel, [&](int s) {
    Station& st = stations[s];
    std::string csv = st.dir + "-rows.csv";
    std::ofstream(csv, std::ios::binary) << RowsCsv(st, opt.rows_per_station);
    std::string out, err;
    if (StationCli({"import", "--dir", st.dir, csv}, &out, &err) != 0) Die("import: " + err);
    if (StationCli({"list", "--dir", st.dir, "--json"}, &out, &err) != 0) Die("list: " + err);
    const boost::json::value rows = ParseJson(out, "list --json");
    if (!rows.is_array()) Die("list --json: " + out.substr(0, 300));
    for (const auto& row : rows.as_array()) {
      st.own_rows.emplace_back(row.as_object().at("id").as_string());
    }
    if (static_cast<int>(st.own_rows.size()) != opt.rows_per_station) {
      Die(st.id + ": list shows " + std::to_string(st.own_rows.size()) + " rows");
    }
  });
  double import_s = Seconds(Clock::now() - t_import);

  // Every station syncs once (P at a time); wall time per sync in ms.
  auto sync_all = [&](RoundStats& rs) {
    std::vector<double> ms(stations.size());
    auto t0 = Clock::now();
    ParallelFor(opt.stations, opt.parallel, [&](int s) {
      std::string out, err;
      auto a = Clock::now();
      int code = StationCli({"sync", "--dir", stations[s].dir, "--json"}, &out, &err);
      ms[s] = Seconds(Clock::now() - a) * 1000;
      if (code != 0) {
        if (failures++ < 5) std::cerr << stations[s].id << " sync exit " << code << ": " << err;
      }
    });
    rs.sync_wall_s = Seconds(Clock::now() - t0);
    rs.sync_ms = Percentiles(ms);
    return ms;
  };
  // The administrator: pending, resolve --keep each unresolved conflict,
  // approve --all.
  auto admin_step = [&](RoundStats& rs) {
    auto t0 = Clock::now();
    if (RunProgram({opt.common.hub_bin, "pending", "--dir", hub_dir, "--json"},
                   scratch + "/pending.json", scratch + "/pending.err") != 0) {
      Die("pending: " + ReadText(scratch + "/pending.err"));
    }
    boost::json::object pending =
        boost::json::parse(ReadText(scratch + "/pending.json")).as_object();
    for (const auto& c : pending["conflicts"].as_array()) {
      const auto& o = c.as_object();
      ++rs.conflicts;
      if (!o.at("resolution").is_null()) continue;
      std::string id(o.at("id").as_string());
      if (RunProgram({opt.common.hub_bin, "resolve", "--dir", hub_dir, id, "--keep"},
                     scratch + "/resolve.out", scratch + "/resolve.err") != 0) {
        Die("resolve " + id + ": " + ReadText(scratch + "/resolve.err"));
      }
    }
    if (!pending["changesets"].as_array().empty()) {
      if (RunProgram({opt.common.hub_bin, "approve", "--dir", hub_dir, "--all", "--json", "--note",
                      "县级压力测试"},
                     scratch + "/approve.json", scratch + "/approve.err") != 0) {
        Die("approve: " + ReadText(scratch + "/approve.err"));
      }
      rs.version = static_cast<uint64_t>(boost::json::parse(ReadText(scratch + "/approve.json"))
                                             .as_object()["version"]
                                             .as_int64());
    }
    rs.admin_s = Seconds(Clock::now() - t0);
  };

  std::vector<RoundStats> rounds;
  std::vector<double> all_sync_ms;
  auto record = [&](RoundStats rs, const std::vector<double>& ms) {
    all_sync_ms.insert(all_sync_ms.end(), ms.begin(), ms.end());
    if (!opt.common.json) {
      std::fprintf(stderr,
                   "%-8s sync wall %7.2f s  p50 %7.1f ms  p99 %7.1f ms  conflicts %3d  admin "
                   "%6.2f s  version %llu\n",
                   rs.name.c_str(), rs.sync_wall_s, rs.sync_ms.p50, rs.sync_ms.p99, rs.conflicts,
                   rs.admin_s, static_cast<unsigned long long>(rs.version));
    }
    rounds.push_back(std::move(rs));
  };

  {
    RoundStats rs = Named("import");
    auto ms = sync_all(rs);
    admin_step(rs);
    record(rs, ms);
  }
  {
    RoundStats rs = Named("pull v1");  // everyone holds the whole town's rows
    auto ms = sync_all(rs);
    record(rs, ms);
  }

  // 4. The day.
  auto t_day = Clock::now();
  int edits_made = 0, conflicting_edits = 0;
  std::mutex mu;
  for (int r = 1; r <= opt.rounds; ++r) {
    if (opt.minutes > 0) {
      auto start_at =
          t_day + std::chrono::duration_cast<Clock::duration>(
                      std::chrono::duration<double>(opt.minutes * 60.0 * (r - 1) / opt.rounds));
      std::this_thread::sleep_until(start_at);
    }
    ParallelFor(opt.stations, opt.parallel, [&](int s) {
      Station& st = stations[s];
      const int half = opt.rows_per_station / 2;
      int made = 0, conflicting = 0;
      auto edit = [&](const std::string& row, const std::string& value) {
        std::string err;
        if (StationCli({"edit", "--dir", st.dir, row, "--set", "contact=" + value}, nullptr,
                       &err) != 0) {
          Die(st.id + " edit: " + err);
        }
        ++made;
      };
      for (int e = 0; e < opt.edits; ++e) {
        edit(st.own_rows[static_cast<size_t>((r * opt.edits + e) % half)],
             "0375-" + std::to_string(6100000 + r * 100 + e));
      }
      // A third of the village pairs change the same row the same round.
      int pair = s / 2;
      if (st.partner >= 0 && (pair + r) % 3 == 0) {
        const Station& first = stations[static_cast<size_t>(pair * 2)];
        const std::string& row = first.own_rows[static_cast<size_t>(opt.rows_per_station - r)];
        edit(row, "0375-" + std::to_string(6200000 + r * 10 + s % 2));
        ++conflicting;
      }
      std::lock_guard<std::mutex> lock(mu);
      edits_made += made;
      conflicting_edits += conflicting;
    });
    RoundStats rs = Named("round " + std::to_string(r));
    auto ms = sync_all(rs);
    admin_step(rs);
    record(rs, ms);
  }
  double day_s = Seconds(Clock::now() - t_day);
  {
    RoundStats rs = Named("final");
    auto ms = sync_all(rs);
    record(rs, ms);
  }

  // 5. Convergence and the hub's costs.
  const std::string hub_db = hub_dir + "/hub.db";
  const std::string hub_hash =
      SqlText(hub_db, "SELECT hash FROM versions ORDER BY version DESC LIMIT 1");
  const std::string hub_version = SqlText(hub_db, "SELECT max(version) FROM versions");
  int converged = 0;
  for (const Station& st : stations) {
    converged += SqlText(st.dir + "/station.db", "SELECT catalog_hash FROM station") == hub_hash;
  }
  const std::string log_size = SqlText(hub_db, "SELECT count(*) FROM log_entries");
  const std::string approved_rows = SqlText(hub_db, "SELECT count(*) FROM approved_rows");
  double hub_cpu = CpuSeconds(hub_pid);
  long rss_kb = PeakRssKb(hub_pid);
  uint64_t db_bytes = FileSize(hub_db) + FileSize(hub_db + "-wal");
  const int hub_exit = Stop(hub_pid);
  uint64_t db_bytes_after = FileSize(hub_db) + FileSize(hub_db + "-wal");
  uint64_t station_bytes = 0;
  for (const Station& st : stations) {
    station_bytes += FileSize(st.dir + "/station.db") + FileSize(st.dir + "/station.db-wal");
  }
  double total_s = Seconds(Clock::now() - t_start);
  Pct sync = Percentiles(all_sync_ms);
  std::vector<double> day_sync;
  for (const RoundStats& rs : rounds) {
    if (rs.name.rfind("round", 0) == 0) day_sync.push_back(rs.sync_wall_s);
  }

  boost::json::array round_list;
  for (const RoundStats& rs : rounds) {
    round_list.push_back(boost::json::object{{"name", rs.name},
                                             {"sync_wall_s", rs.sync_wall_s},
                                             {"sync_ms", PctJson(rs.sync_ms)},
                                             {"conflicts", rs.conflicts},
                                             {"admin_s", rs.admin_s},
                                             {"version", rs.version}});
  }
  boost::json::object result{
      {"benchmark", "county"},
      {"stations", opt.stations},
      {"rows_per_station", opt.rows_per_station},
      {"rows", opt.stations * opt.rows_per_station},
      {"rounds", opt.rounds},
      {"minutes", opt.minutes},
      {"parallel", opt.parallel},
      {"hub_threads", opt.hub_threads},
      {"edits", edits_made},
      {"conflicting_edits", conflicting_edits},
      {"versions", hub_version.empty() ? 0 : std::stoll(hub_version)},
      {"log_entries", std::stoll(log_size.empty() ? "0" : log_size)},
      {"approved_rows", std::stoll(approved_rows.empty() ? "0" : approved_rows)},
      {"sync_ms", PctJson(sync)},
      {"import_s", import_s},
      {"setup_s", setup_s},
      {"day_s", day_s},
      {"total_s", total_s},
      {"hub_cpu_s", hub_cpu},
      {"hub_peak_rss_mb", rss_kb / 1024.0},
      {"hub_db_mb", static_cast<double>(db_bytes) / 1e6},
      {"hub_db_mb_after_checkpoint", static_cast<double>(db_bytes_after) / 1e6},
      {"station_db_mb_total", static_cast<double>(station_bytes) / 1e6},
      {"converged", converged},
      {"sync_failures", failures.load()},
      {"hub_exit", hub_exit},
      {"round_list", std::move(round_list)}};
  if (opt.common.json) {
    std::cout << boost::json::serialize(result) << "\n";
  } else {
    std::printf("stations            %d (pairs per village), %d rows each, %d rows\n", opt.stations,
                opt.rows_per_station, opt.stations * opt.rows_per_station);
    std::printf("day                 %d rounds, %d edits (%d on shared rows), %.1f s\n", opt.rounds,
                edits_made, conflicting_edits, day_s);
    std::printf("versions            %s, log %s entries, %s approved rows\n", hub_version.c_str(),
                log_size.c_str(), approved_rows.c_str());
    std::printf("sync per station    p50 %.1f ms  p99 %.1f ms  max %.1f ms (%d at a time)\n",
                sync.p50, sync.p99, sync.max, opt.parallel);
    std::printf("import              %.2f s, setup %.2f s, total %.1f s\n", import_s, setup_s,
                total_s);
    std::printf("hub CPU             %.2f s\n", hub_cpu);
    std::printf("hub peak RSS        %.1f MiB\n", rss_kb / 1024.0);
    std::printf("hub database        %.2f MB (%.2f MB after shutdown checkpoint)\n",
                static_cast<double>(db_bytes) / 1e6, static_cast<double>(db_bytes_after) / 1e6);
    std::printf("station stores      %.2f MB in all\n", static_cast<double>(station_bytes) / 1e6);
    std::printf("converged           %d of %d stations hold the hub's catalog hash\n", converged,
                opt.stations);
    std::printf("sync failures       %d\n", failures.load());
  }
  fs::remove_all(root);
  return converged == opt.stations && failures.load() == 0 ? 0 : 1;
}
