// `gongkai-station sync --watch` and the transport of `sync` with real
// programs: a watching station keeps going while the hub is stopped and
// restarted on the same port, prints one line per round, and ends with
// exit 0 on SIGTERM; it keeps its connection between rounds, and a kept
// connection cut in the middle of a round loses nothing and applies nothing
// twice; two one-shot syncs show the TLS session carried over
// through the station's tls-session file and the uploads compressed.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <boost/json.hpp>
#include <sstream>

#include "core/text/pattern.h"
#include "tests/testing/fault_proxy.h"
#include "tests/testing/sql_file.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/town.h"

namespace gongkai::testing {
namespace {

class SyncWatchTest : public TownTest {
 protected:
  SyncWatchTest() : TownTest({.origin = "town.example/gongkai"}) {}

  void SetUp() override {
    TownTest::SetUp();
    ASSERT_FALSE(HasFatalFailure());
    port_ = town_.serve().port();
    dir_ = town_.AddStation("hongqi-01", "红旗村");
    ASSERT_FALSE(HasFailure());
  }

  RunResult Run(const std::string& bin, std::vector<std::string> args) {
    args.insert(args.begin(), bin);
    return RunProgram(args, town_.runs());
  }

  void AddRow(const std::string& item) { town_.AddRow(dir_, item); }

  // Waits until `file` has a line matching `pattern` after line `from`;
  // returns its index, or -1.
  int WaitForLine(const std::string& file, const std::string& pattern, int from,
                  std::chrono::seconds timeout = std::chrono::seconds(60)) {
    Pattern re(pattern);
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      std::vector<std::string> lines = Lines(ReadText(file));
      for (int i = from; i < static_cast<int>(lines.size()); ++i) {
        if (re.Search(lines[static_cast<size_t>(i)])) return i;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return -1;
  }

  static std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream ss(text);
    std::string line;
    while (std::getline(ss, line)) out.push_back(line);
    return out;
  }

  HubProcess& hub_ = town_.serve();
  const std::string station_bin_ = town_.station_bin();
  std::string hub_dir_ = town_.hub_dir(), dir_;
  uint16_t port_ = 0;
};

TEST_F(SyncWatchTest, SurvivesAHubRestartAndEndsCleanlyOnSigterm) {
  AddRow("财务收支");
  AddRow("集体资产");
  const std::string out = tmp_.path() + "/watch.out";
  const std::string err = tmp_.path() + "/watch.err";
  pid_t watch = Spawn({station_bin_, "sync", "--watch", "--interval", "1", "--no-retry", "--dir",
                       dir_, "--note", "自动同步"},
                      out, err);
  ASSERT_GT(watch, 0);
  const std::string stamp = R"(^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d )";
  int first = WaitForLine(out, stamp + R"(第 1 轮同步: 上传 1 个（受理 1） · 目录第 0 版 · \d+\.\d 秒$)", 0);
  ASSERT_GE(first, 0) << ReadText(out) << ReadText(err);

  // The hub goes away: rounds fail, one line each, and the watch goes on.
  ASSERT_EQ(hub_.Stop(), 0);
  int failed = WaitForLine(
      out, stamp + R"(第 \d+ 轮同步失败: 连不上镇服务器 \[hub_unreachable\]，1 秒后再试$)", first);
  ASSERT_GE(failed, 0) << ReadText(out) << ReadText(err);
  AddRow("惠农补贴");  // edited while the hub is down

  // Back on the same port: the next round seals and sends the new edit.
  ASSERT_TRUE(hub_.Start(hub_dir_, {}, port_));
  ASSERT_EQ(hub_.port(), port_);
  int recovered = WaitForLine(out, stamp + R"(第 \d+ 轮同步: 上传 1 个（受理 1）)", failed);
  ASSERT_GE(recovered, 0) << ReadText(out) << ReadText(err);
  EXPECT_GE(WaitForLine(out, stamp + R"(第 \d+ 轮同步: 上传 0 个（受理 0）)", recovered), 0);

  kill(watch, SIGTERM);
  EXPECT_EQ(WaitExit(watch, std::chrono::seconds(30)), 0) << ReadText(err);

  // Every stdout line is one round, numbered 1, 2, 3, … in order.
  std::vector<std::string> lines = Lines(ReadText(out));
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_TRUE(Pattern(stamp + "第 " + std::to_string(i + 1) + " 轮同步").Search(lines[i]))
        << lines[i];
  }
  RunResult status = Run(station_bin_, {"status", "--dir", dir_, "--json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  auto st = boost::json::parse(status.out).as_object();
  EXPECT_EQ(st["unsent"].as_int64(), 0) << status.out;
  EXPECT_EQ(st["last_seq"].as_int64(), 2) << status.out;
  EXPECT_EQ(hub_.Stop(), 0);
}

TEST_F(SyncWatchTest, AKeptConnectionCutMidRoundLosesNothingAndAppliesNothingTwice) {
  FaultProxy proxy(port_);
  ASSERT_TRUE(proxy.Start().ok());
  const std::string dir =
      town_.AddStation("dongfeng-02", "东风村", {.url = proxy.url(), .pin = ""});
  ASSERT_FALSE(HasFailure());
  town_.AddRow(dir, "财务收支");
  const std::string out = tmp_.path() + "/kept.out";
  const std::string err = tmp_.path() + "/kept.err";
  pid_t watch = Spawn({station_bin_, "sync", "--watch", "--interval", "2", "--dir", dir}, out, err);
  ASSERT_GT(watch, 0);
  int pushed = WaitForLine(out, R"(第 1 轮同步: 上传 1 个（受理 1）)", 0);
  ASSERT_GE(pushed, 0) << ReadText(out) << ReadText(err);
  int idle = WaitForLine(out, R"(第 \d+ 轮同步: 上传 0 个（受理 0）)", pushed + 1);
  ASSERT_GE(idle, 0) << ReadText(out) << ReadText(err);
  // Rounds share one connection.
  EXPECT_EQ(proxy.Counts().connections, 1u) << ReadText(out);

  // The next answer on the kept connection is cut after a few bytes: the
  // hub has done what was asked (an upload committed) but the station never
  // hears it. The round carries on, on a new connection.
  proxy.CutLive(Direction::kToClient, 10);
  town_.AddRow(dir, "集体资产");
  int second = WaitForLine(out, R"(第 \d+ 轮同步: 上传 1 个（受理 1）)", idle + 1);
  ASSERT_GE(second, 0) << ReadText(out) << ReadText(err);
  EXPECT_EQ(proxy.Counts().cut, 1u) << ReadText(out);
  EXPECT_GE(proxy.Counts().connections, 2u);

  // The town approves; the watching station pulls the version.
  RunResult approve = town_.Hub({"approve", "--dir", hub_dir_, "--all"});
  ASSERT_EQ(approve.exit_code, 0) << approve.err;
  ASSERT_GE(WaitForLine(out, R"(目录第 0 → 1 版)", second + 1), 0)
      << ReadText(out) << ReadText(err);
  kill(watch, SIGTERM);
  EXPECT_EQ(WaitExit(watch, std::chrono::seconds(30)), 0) << ReadText(err);

  // Two change sets at the hub, each once; both rows approved at the station.
  SqlFile hub_db(town_.hub_db());
  EXPECT_EQ(hub_db.Int("SELECT count(*) FROM changesets WHERE station = 'dongfeng-02'"), 2);
  RunResult status = Run(station_bin_, {"status", "--dir", dir, "--json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  auto st = boost::json::parse(status.out).as_object();
  EXPECT_EQ(st["last_seq"].as_int64(), 2) << status.out;
  EXPECT_EQ(st["unsent"].as_int64(), 0) << status.out;
  EXPECT_EQ(st["outbox"].as_int64(), 0) << status.out;
  EXPECT_EQ(st["approved_rows"].as_int64(), 2) << status.out;
  EXPECT_EQ(st["catalog_version"].as_int64(), 1) << status.out;
  EXPECT_EQ(IntegrityCheck(dir + "/station.db"), "ok");
  proxy.Stop();
  EXPECT_EQ(hub_.Stop(), 0);
}

TEST_F(SyncWatchTest, AStationWithABrokenConfigurationStopsWatching) {
  RunResult r = Run(station_bin_, {"sync", "--watch", "--interval", "1", "--dir",
                                   tmp_.path() + "/no-such-station"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.exit_code, -1) << "it kept running";
}

TEST_F(SyncWatchTest, TheNextSyncResumesTheTlsSessionFromTheStationDirectory) {
  for (int i = 0; i < 12; ++i) AddRow("事项" + std::to_string(i));
  RunResult first = Run(station_bin_, {"sync", "--dir", dir_, "--json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto w1 = boost::json::parse(first.out).as_object()["wire"].as_object();
  EXPECT_EQ(w1["resumed"].as_int64(), 0) << first.out;
  struct stat st {};
  ASSERT_EQ(stat((dir_ + "/tls-session").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  RunResult second = Run(station_bin_, {"sync", "--dir", dir_, "--json"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  auto w2 = boost::json::parse(second.out).as_object()["wire"].as_object();
  EXPECT_EQ(w2["connections"].as_int64(), 1) << second.out;
  EXPECT_EQ(w2["resumed"].as_int64(), 1) << second.out;
  std::printf("[ figures  ] sync of 12 new rows: %lld B sent, %lld B received (full handshake); "
              "idle sync: %lld B sent, %lld B received (resumed)\n",
              static_cast<long long>(w1["bytes_sent"].as_int64()),
              static_cast<long long>(w1["bytes_received"].as_int64()),
              static_cast<long long>(w2["bytes_sent"].as_int64()),
              static_cast<long long>(w2["bytes_received"].as_int64()));

  // The hub sends no new ticket on a resumed connection: the same ticket
  // (the file is unchanged) resumes again.
  RunResult again = Run(station_bin_, {"sync", "--dir", dir_, "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(boost::json::parse(again.out).as_object()["wire"].as_object()["resumed"].as_int64(),
            1);

  // A damaged file costs a full handshake, nothing more.
  WriteBinary(dir_ + "/tls-session", "gongkai-tls-session 1\ngarbage\n");
  RunResult third = Run(station_bin_, {"sync", "--dir", dir_, "--json"});
  ASSERT_EQ(third.exit_code, 0) << third.err;
  EXPECT_EQ(boost::json::parse(third.out).as_object()["wire"].as_object()["resumed"].as_int64(),
            0);
  EXPECT_EQ(hub_.Stop(), 0);
  // The syncs with nothing new were told so in a bare 304
  // (docs/formats/catalog-answer.md § Nothing new), asked in the short
  // poll (docs/http-api.md § The short poll).
  std::istringstream log(hub_.log());
  bool polled_304 = false;
  for (std::string line; std::getline(log, line);) {
    polled_304 |=
        line.find("GET /v1/poll/") != std::string::npos && line.find(" 304 ") != std::string::npos;
  }
  EXPECT_TRUE(polled_304) << hub_.log();
}

}  // namespace
}  // namespace gongkai::testing
