#include "tests/testing/town.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>

namespace gongkai::testing {

std::vector<std::string> AddRowArgs(const std::string& item) {
  return {"add",
          "--area",
          "村务公开",
          "--item-l1",
          "村级财务",
          "--item-l2",
          item,
          "--content",
          "收支明细",
          "--basis",
          "《村民委员会组织法》第三十条",
          "--time-limit",
          "每季度",
          "--subject",
          "村民委员会",
          "--channels",
          "社区/企事业单位/村公示栏（电子屏）",
          "--audience",
          "特定群体",
          "--mode",
          "主动",
          "--levels",
          "村级"};
}

Town::Town(std::string root, TownOptions options)
    : root_(std::move(root)),
      runs_(root_ + "/runs"),
      options_(std::move(options)),
      hub_bin_(BinaryPath("hub/gongkai-hub")),
      station_bin_(BinaryPath("station/gongkai-station")),
      audit_bin_(BinaryPath("station/gongkai-audit")),
      hub_dir_(root_ + "/hub") {
  witness_bin_ = BinaryPath("hub/county_witness/gongkai-witness");
  // A killed peer must not kill the test with it.
  signal(SIGPIPE, SIG_IGN);
  std::filesystem::create_directories(runs_);
}

Town::~Town() = default;

bool Town::Built() const {
  for (const std::string& b : {hub_bin_, station_bin_, audit_bin_}) {
    if (access(b.c_str(), X_OK) != 0) {
      ADD_FAILURE() << b << " is not built";
      return false;
    }
  }
  return true;
}

void Town::Init() {
  ASSERT_TRUE(Built());
  RunResult init = Hub({"init", "--dir", hub_dir_, "--origin", options_.origin, "--admin",
                        options_.admin, "--json"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  auto o = boost::json::parse(init.out).as_object();
  log_key_ = std::string(o["log_key"].as_string());
  cert_sha256_ = std::string(o["cert_sha256"].as_string());
}

std::string Town::AddWitness(const std::string& name) {
  witness_dir_ = root_ + "/witness";
  RunResult init = Witness({"init", "--dir", witness_dir_, "--name", name, "--json"});
  EXPECT_EQ(init.exit_code, 0) << init.err;
  if (init.exit_code != 0) return "";
  auto o = boost::json::parse(init.out).as_object();
  const std::string key(o["witness_key"].as_string());
  witness_cert_sha256_ = std::string(o["cert_sha256"].as_string());
  RunResult add_log = Witness({"add-log", "--dir", witness_dir_, "--key", log_key_});
  EXPECT_EQ(add_log.exit_code, 0) << add_log.err;
  EXPECT_TRUE(witness_.StartProgram("hub/county_witness/gongkai-witness", witness_dir_));
  RunResult add = Hub({"witness", "add", "--dir", hub_dir_, "--url", witness_url(), "--key", key,
                       "--cert-sha256", witness_cert_sha256_});
  EXPECT_EQ(add.exit_code, 0) << add.err;
  return key;
}

void Town::Adopt(std::string hub_dir, std::string log_key, std::string cert_sha256) {
  hub_dir_ = std::move(hub_dir);
  log_key_ = std::move(log_key);
  cert_sha256_ = std::move(cert_sha256);
}

bool Town::Serve(const std::vector<std::string>& extra, uint16_t port) {
  return serve_.Start(hub_dir_, extra, port);
}

std::string Town::url() const { return "https://127.0.0.1:" + std::to_string(serve_.port()); }

std::string Town::AddStation(const std::string& id, const std::string& unit,
                             const StationOptions& options) {
  std::string dir = root_ + "/" + id;
  RunResult init =
      Station({"init", "--dir", dir, "--id", id, "--unit", unit, "--hub",
               options.url.empty() ? url() : options.url, "--hub-key", log_key_,
               "--hub-cert-sha256", options.pin.empty() ? cert_sha256_ : options.pin, "--json"});
  EXPECT_EQ(init.exit_code, 0) << init.err;
  if (init.exit_code != 0) return dir;
  std::string vkey(boost::json::parse(init.out).as_object()["verifier_key"].as_string());
  std::vector<std::string> add_args = {"station", "add", "--dir", hub_dir_, "--id",
                                       id,        "--unit", unit,     "--key",  vkey};
  if (!signer_.empty()) add_args.insert(add_args.end(), {"--as", signer_});
  RunResult add = Hub(add_args);
  EXPECT_EQ(add.exit_code, 0) << add.err;
  return dir;
}

void Town::AddRow(const std::string& dir, const std::string& item,
                  const std::vector<std::string>& extra) {
  std::vector<std::string> args = AddRowArgs(item);
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back("--dir");
  args.push_back(dir);
  RunResult r = Station(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

RunResult Town::Run(const std::string& bin, std::vector<std::string> args,
                    std::chrono::milliseconds timeout) {
  args.insert(args.begin(), bin);
  return RunProgram(args, runs_, timeout.count() > 0 ? timeout : options_.timeout);
}

RunResult Town::Hub(std::vector<std::string> args, std::chrono::milliseconds timeout) {
  return Run(hub_bin_, std::move(args), timeout);
}
RunResult Town::Station(std::vector<std::string> args, std::chrono::milliseconds timeout) {
  return Run(station_bin_, std::move(args), timeout);
}
RunResult Town::Witness(std::vector<std::string> args, std::chrono::milliseconds timeout) {
  return Run(witness_bin_, std::move(args), timeout);
}

RunResult Town::Audit(std::vector<std::string> args, std::chrono::milliseconds timeout) {
  return Run(audit_bin_, std::move(args), timeout);
}

boost::json::value Town::HubJson(std::vector<std::string> args) {
  args.push_back("--json");
  RunResult r = Hub(std::move(args));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.exit_code == 0 ? boost::json::parse(r.out) : boost::json::value();
}

boost::json::value Town::StationJson(std::vector<std::string> args) {
  args.push_back("--json");
  RunResult r = Station(std::move(args));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.exit_code == 0 ? boost::json::parse(r.out) : boost::json::value();
}

std::vector<std::string> Town::HubArgv(std::vector<std::string> args) const {
  args.insert(args.begin(), hub_bin_);
  return args;
}
std::vector<std::string> Town::StationArgv(std::vector<std::string> args) const {
  args.insert(args.begin(), station_bin_);
  return args;
}

}  // namespace gongkai::testing
