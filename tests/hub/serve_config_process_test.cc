// gongkai-hub serve --config FILE (docs/packaging.md, "Configuration files"):
// the file gives defaults, flags override them, a bad file exits with status
// 2 naming the file and line; --print-config shows the result and exits.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "tests/testing/process.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::hub {
namespace {

using ::gongkai::testing::BinaryPath;
using ::gongkai::testing::RunProgram;
using ::gongkai::testing::RunResult;
using ::gongkai::testing::WriteBinary;

class ServeConfigTest : public ::testing::Test {
 protected:
  RunResult Serve(std::vector<std::string> args) {
    args.insert(args.begin(), {BinaryPath("hub/gongkai-hub"), "serve"});
    return RunProgram(args, tmp_.path());
  }
  std::string Conf(const std::string& text) {
    std::string path = tmp_.path() + "/hub.conf";
    WriteBinary(path, text);
    return path;
  }
  TempDir tmp_;
};

TEST_F(ServeConfigTest, FileSetsListenAndDir) {
  std::string conf = Conf(
      "# hub\ndir = /srv/hub-data\nlisten = 0.0.0.0:9443\nthreads = 4\n"
      "auto_approve_stations = hongqi-01, dongfeng-02\norigin = x\nadmin =\n");
  RunResult r = Serve({"--config", conf, "--print-config"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("dir = /srv/hub-data\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("listen = 0.0.0.0:9443\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("threads = 4\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("auto_approve_stations = hongqi-01,dongfeng-02\n"), std::string::npos)
      << r.out;
  EXPECT_FALSE(std::filesystem::exists("/srv/hub-data")) << "print-config touches nothing";
}

TEST_F(ServeConfigTest, FileSetsThePerAddressLimits) {
  std::string conf = Conf(
      "dir = /srv/hub-data\nmax_connections_per_address = 512\n"
      "requests_per_second_per_address = 0\n"
      "request_burst_per_address = 50\n");
  RunResult r = Serve({"--config", conf, "--print-config"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("max_connections_per_address = 512\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("requests_per_second_per_address = 0\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("request_burst_per_address = 50\n"), std::string::npos) << r.out;
  // Out of range: exit 2 naming the line, as for every number of the file.
  RunResult bad = Serve(
      {"--config", Conf("request_burst_per_address = 0\ndir = /srv/hub-data\n"), "--print-config"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.out, "");
  EXPECT_NE(bad.err.find("第 1 行"), std::string::npos) << bad.err;
}

TEST_F(ServeConfigTest, DefaultPerAddressLimits) {
  RunResult r = Serve({"--dir", tmp_.path(), "--print-config"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("max_connections_per_address = 64\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("requests_per_second_per_address = 100\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("request_burst_per_address = 1000\n"), std::string::npos) << r.out;
}

TEST_F(ServeConfigTest, FlagsOverrideTheFile) {
  std::string conf = Conf("dir = /srv/hub-data\nlisten = 0.0.0.0:9443\n");
  RunResult r = Serve({"--listen", "127.0.0.1:8000", "--config", conf, "--print-config"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("listen = 127.0.0.1:8000\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("dir = /srv/hub-data\n"), std::string::npos) << r.out;
}

TEST_F(ServeConfigTest, UnknownKeyExitsTwoNamingTheLine) {
  std::string conf = Conf("dir = /srv/hub-data\n\nListen = 0.0.0.0:9443\n");
  RunResult r = Serve({"--config", conf, "--print-config"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(conf + " 第 3 行"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[bad_config]"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST_F(ServeConfigTest, BadNumberAndMissingFileExitTwo) {
  std::string conf = Conf("threads = 1000\n");
  RunResult r = Serve({"--config", conf, "--print-config"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(conf + " 第 1 行"), std::string::npos) << r.err;
  r = Serve({"--config", tmp_.path() + "/missing.conf", "--print-config"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing.conf"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gongkai::hub
