// gongkai-bench-bundle: the USB bundle commands' peak memory, with the real
// programs (docs/formats/bundle.md, decision 0026):
//
//   changesets  a station records posting records with N photos (2 MB
//               each by default: 100 MB), `gongkai-station bundle export`
//               writes them into one bundle, `gongkai-hub bundle import`
//               stores them and accepts the records;
//   catalog     a town whose approved catalog has R rows (30,000 by
//               default), `gongkai-hub bundle export --station` for a new
//               station, and that station's `bundle import`.
//
// Reports each command's peak resident set size (wait4's rusage), wall
// time and the file size. Aim: memory that does not grow with the
// attachments (they are copied in 64 KiB pieces, never held). Not a test:
// never run in CI.
//
//   gongkai-bench-bundle [--photos N] [--mb M] [--rows R] [--json]
//                        [--hub-bin PATH] [--station-bin PATH]
//
// --hub-bin/--station-bin: measure other builds of the programs (e.g. the
// ones before bundles were streamed) on the same scenario.
#include <signal.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "bench/harness.h"
#include "tests/testing/sample_photo.h"

using namespace gongkai::bench;  // NOLINT(build/namespaces)

namespace {

struct Measured {
  long peak_rss_kb = 0;
  double seconds = 0;
  std::string out;
};

// Runs a program to its end, measured; dies unless it exits 0 (or 3, "read
// but refused some", when allowed: older hubs refuse records whose photos
// a bundle could not carry).
Measured RunMeasured(const std::vector<std::string>& argv, const std::string& scratch,
                     bool refused_ok = false) {
  static int n = 0;
  std::string out = scratch + "/measured" + std::to_string(++n) + ".out";
  std::string err = scratch + "/measured" + std::to_string(n) + ".err";
  Clock::time_point t0 = Clock::now();
  pid_t pid = Spawn(argv, out, err);
  Measured m;
  int code = WaitMeasured(pid, &m.peak_rss_kb);
  m.seconds = SecondsSince(t0);
  if (code != 0 && !(refused_ok && code == 3))
    Die(argv[0] + " " + argv[1] + " " + argv[2] + ": " + ReadText(err));
  m.out = ReadText(out);
  return m;
}

std::string Today() {
  std::time_t t = std::time(nullptr) + 8 * 3600;  // China Standard Time
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

uint64_t FileSize(const std::string& path) { return std::filesystem::file_size(path); }

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  int photos = 50, rows = 30000;
  double mb = 2;
  const Common common = ParseBenchFlags(
      argc, argv, {IntFlag("--photos", &photos), DoubleFlag("--mb", &mb), IntFlag("--rows", &rows)},
      "gongkai-bench-bundle [--photos N] [--mb M] [--rows R] [--json] [--hub-bin PATH] "
      "[--station-bin PATH]");
  const std::string &hub_bin = common.hub_bin, &station_bin = common.station_bin;
  std::string base = ScratchDir("bundle");
  const std::string hub = base + "/hub";
  Output init = RunOk({hub_bin, "init", "--dir", hub, "--origin", "baofeng.example/gongkai",
                       "--admin", "zhang", "--json"},
                      base);
  auto o = ParseJson(init.out, "hub init").as_object();
  std::string log_key(o["log_key"].as_string()), cert(o["cert_sha256"].as_string());
  std::string port_file = hub + "/serve.port";
  Server serve = StartServer(
      {hub_bin, "serve", "--dir", hub, "--listen", "127.0.0.1:0", "--port-file", port_file},
      port_file, hub + "/serve.out", hub + "/serve.log");
  const std::string url = "https://127.0.0.1:" + std::to_string(serve.port);
  auto station = [&](const std::string& id, const std::string& unit) {
    std::string dir = base + "/" + id;
    Output st = RunOk({station_bin, "init", "--dir", dir, "--id", id, "--unit", unit, "--hub", url,
                       "--hub-key", log_key, "--hub-cert-sha256", cert, "--json"},
                      base);
    std::string vkey(ParseJson(st.out, "station init").as_object()["verifier_key"].as_string());
    RunOk({hub_bin, "station", "add", "--dir", hub, "--id", id, "--unit", unit, "--key", vkey},
          base);
    return dir;
  };
  const std::string hongqi = station("hongqi-01", "红旗村");
  const std::string dongfeng = station("dongfeng-01", "东风村");

  // The catalog: R rows from 红旗村, approved.
  const std::string csv = base + "/rows.csv";
  WriteCatalogCsv(csv, rows);
  RunOk({station_bin, "import", "--dir", hongqi, csv}, base);
  RunOk({station_bin, "sync", "--dir", hongqi}, base);
  RunOk({hub_bin, "approve", "--dir", hub, "--all"}, base);
  RunOk({station_bin, "sync", "--dir", hongqi}, base);
  Stop(serve.pid);  // offline from here

  // changesets: posting records with the photos (at most 20 per record),
  // on row 0 (one channel, so --channel may be left out).
  // Only row 0 is listed: a child's peak RSS starts from this program's
  // (wait4 counts the memory it was started from), so this program never
  // holds the whole list.
  auto list = ParseJson(
      RunOk({station_bin, "list", "--dir", hongqi, "--search", "具体事项第0项", "--json"}, base)
          .out,
      "list");
  std::string row;
  for (const auto& v : list.as_array()) {
    if (v.as_object().at("item_l2").as_string() == "具体事项第0项") {
      row = std::string(v.as_object().at("id").as_string());
    }
  }
  if (row.empty()) Die("row 0 not in the station's list");
  uint64_t photo_bytes = 0;
  for (int first = 0; first < photos; first += 20) {
    std::vector<std::string> record = {station_bin, "record",     "--dir",    hongqi, row,
                                       "--period",  "2026年11月", "--posted", Today()};
    for (int i = first; i < std::min(photos, first + 20); ++i) {
      std::string photo = gongkai::testing::SamplePhoto(static_cast<size_t>(mb * 1e6), 1000 + i);
      photo_bytes += photo.size();
      std::string path = base + "/photo" + std::to_string(i) + ".jpg";
      std::ofstream(path, std::ios::binary) << photo;
      record.insert(record.end(), {"--attach", path});
    }
    RunOk(record, base);
  }
  const std::string up = base + "/up.gkb";
  Measured exp =
      RunMeasured({station_bin, "bundle", "export", "--dir", hongqi, up, "--json"}, base);
  Measured imp = RunMeasured({hub_bin, "bundle", "import", "--dir", hub, up, "--json"}, base, true);
  auto imported = ParseJson(imp.out, "hub bundle import").as_object();
  const int64_t accepted = imported["accepted"].to_number<int64_t>();
  const int64_t stored = imported.contains("attachments_stored")
                             ? imported["attachments_stored"].to_number<int64_t>()
                             : 0;

  // catalog: the whole approved catalog for a station that has nothing.
  const std::string down = base + "/down.gkb";
  Measured cexp = RunMeasured(
      {hub_bin, "bundle", "export", "--dir", hub, "--station", "dongfeng-01", down, "--json"},
      base);
  Measured cimp =
      RunMeasured({station_bin, "bundle", "import", "--dir", dongfeng, down, "--json"}, base);

  std::printf("bundle: %d photos × %.1f MB (%llu bytes), catalog of %d rows\n", photos, mb,
              static_cast<unsigned long long>(photo_bytes), rows);
  auto line = [](const char* what, const Measured& m, uint64_t file) {
    std::printf("  %-28s peak RSS %7.1f MB  %6.2f s  file %llu bytes\n", what,
                m.peak_rss_kb / 1024.0, m.seconds, static_cast<unsigned long long>(file));
  };
  line("station bundle export", exp, FileSize(up));
  line("hub bundle import", imp, FileSize(up));
  std::printf("    records accepted %lld, attachments stored %lld\n",
              static_cast<long long>(accepted), static_cast<long long>(stored));
  line("hub bundle export (catalog)", cexp, FileSize(down));
  line("station bundle import", cimp, FileSize(down));
  if (common.json) {
    auto m = [](const Measured& x) {
      return boost::json::object{{"peak_rss_kb", x.peak_rss_kb}, {"seconds", x.seconds}};
    };
    boost::json::object j{{"scenario", "bundle"},
                          {"photos", photos},
                          {"photo_bytes", photo_bytes},
                          {"rows", rows},
                          {"changesets_file_bytes", FileSize(up)},
                          {"catalog_file_bytes", FileSize(down)},
                          {"station_export", m(exp)},
                          {"hub_import", m(imp)},
                          {"records_accepted", accepted},
                          {"attachments_stored", stored},
                          {"hub_export", m(cexp)},
                          {"station_import", m(cimp)}};
    std::printf("%s\n", boost::json::serialize(j).c_str());
  }
  std::filesystem::remove_all(base);
  return 0;
}
