// gongkai-station sync --config FILE (docs/packaging.md, "Configuration
// files"): station.conf gives defaults, flags override them; its hub settings
// are saved when the station has none and refused when they differ; a bad
// file exits with status 2 naming the file and line.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/station/station_fixture.h"
#include "tests/testing/process.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::station {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

class SyncConfigTest : public ::testing::Test {
 protected:
  std::string Conf(const std::string& text) {
    std::string path = tmp_.path() + "/station.conf";
    WriteBinary(path, text);
    return path;
  }
  TempDir tmp_;
};

TEST_F(SyncConfigTest, PrintConfigShowsIntervalAndHub) {
  std::string conf = Conf("dir = " + tmp_.path() +
                          "/data\nhub = https://hub.example.cn:8443\nsync_interval_seconds = 300\n"
                          "id =\nunit =\n");
  RunResult r = RunProgram(
      {BinaryPath("station/gongkai-station"), "sync", "--print-config", "--config", conf},
      tmp_.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("hub = https://hub.example.cn:8443\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("sync_interval_seconds = 300\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("dir = " + tmp_.path() + "/data\n"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(tmp_.path() + "/data")) << "nothing is created";

  r = RunProgram({BinaryPath("station/gongkai-station"), "sync", "--print-config", "--config",
                  conf, "--interval", "30", "--dir", "/elsewhere"},
                 tmp_.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("sync_interval_seconds = 30\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("dir = /elsewhere\n"), std::string::npos) << r.out;
}

TEST_F(SyncConfigTest, BadFileExitsTwoNamingTheLine) {
  std::string conf = Conf("hub = https://hub.example.cn:8443\nsync_interval = 60\n");
  RunResult r = RunProgram(
      {BinaryPath("station/gongkai-station"), "sync", "--print-config", "--config", conf},
      tmp_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(conf + " 第 2 行"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[bad_config]"), std::string::npos) << r.err;

  conf = Conf("hub = ftp://hub.example.cn\n");
  CliResult c = RunCli({"sync", "--print-config", "--config", conf});
  EXPECT_EQ(c.code, 2);
  EXPECT_NE(c.err.find(conf + " 第 1 行"), std::string::npos) << c.err;
}

TEST_F(SyncConfigTest, HubSettingsAreSavedWhenUnsetAndRefusedWhenDifferent) {
  std::string dir = tmp_.path() + "/st";
  InitStore(dir);
  std::string conf = Conf("dir = " + dir + "\nhub = https://hub.example.cn:8443\n");
  // No fingerprint yet: the URL is saved, then sync stops for the missing one.
  CliResult c = RunCli({"sync", "--config", conf});
  EXPECT_NE(c.err.find("[hub_not_configured]"), std::string::npos) << c.err;
  auto store = StationStore::Open(dir);
  ASSERT_TRUE(store.ok());
  auto hub = store->LoadHub();
  ASSERT_TRUE(hub.ok());
  EXPECT_EQ(hub->url.value_or(""), "https://hub.example.cn:8443");

  conf = Conf("dir = " + dir + "\nhub = https://other.example.cn:8443\n");
  std::string before = testing::StoreFingerprint(dir);
  c = RunCli({"sync", "--config", conf});
  EXPECT_EQ(c.code, 2);
  EXPECT_NE(c.err.find("[config_mismatch]"), std::string::npos) << c.err;
  EXPECT_NE(c.err.find("gongkai-station config"), std::string::npos) << c.err;
  EXPECT_EQ(testing::StoreFingerprint(dir), before);
}

}  // namespace
}  // namespace gongkai::station
