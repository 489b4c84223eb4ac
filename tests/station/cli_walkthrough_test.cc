// A new clerk's first session on a fresh directory, following the examples
// of --help, with Chinese text throughout. Every command is used.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>

#include "core/store/atomic_file.h"
#include "tests/station/station_fixture.h"
#include "tests/testing/town.h"

namespace gongkai::station {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

CliResult Ok(const std::vector<std::string>& args, const std::string& env_dir = "") {
  CliResult r = RunCli(args, env_dir);
  EXPECT_EQ(r.code, 0) << args[0] << ": " << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  return r;
}

boost::json::value Json(const CliResult& r) { return boost::json::parse(r.out); }

// The text after "已新增条目 (added) " up to the end of the line.
std::string AddedId(const std::string& out) {
  const std::string tag = "已新增条目 (added) ";
  size_t at = out.find(tag);
  EXPECT_NE(at, std::string::npos) << out;
  return out.substr(at + tag.size(), 36);
}

TEST(CliWalkthrough, FirstSessionOnAFreshDirectory) {
  TempDir tmp;
  const std::string dir = tmp.path() + "/gongkai";

  CliResult init = Ok({"init", "--dir", dir, "--id", "hongqi-01", "--unit", "红旗村"});
  EXPECT_NE(init.out.find("hongqi-01+"), std::string::npos) << init.out;
  EXPECT_EQ(init.out.find("PRIVATE"), std::string::npos) << "the private key is never printed";

  // From here on the directory comes from GONGKAI_DIR, as --help suggests.
  Ok({"config", "--hub", "https://hub.baofeng.gov.cn:8443"}, dir);
  auto config = Json(Ok({"config", "--json"}, dir));
  EXPECT_EQ(config.at("hub").at("url"), "https://hub.baofeng.gov.cn:8443");
  EXPECT_TRUE(config.at("hub").at("key").is_null());
  EXPECT_EQ(config.at("unit"), "红旗村");

  // A village row of 财务收支 (tests/testing/town.h), as a clerk types it.
  CliResult add = Ok(gongkai::testing::AddRowArgs("财务收支"), dir);
  const std::string id = AddedId(add.out);
  const std::string short_id = id.substr(0, 8);

  CliResult list = Ok({"list"}, dir);
  EXPECT_NE(list.out.find(short_id), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("村级财务"), std::string::npos);
  EXPECT_NE(list.out.find("未封存"), std::string::npos);
  EXPECT_EQ(Json(Ok({"list", "--area", "村务公开", "--json"}, dir)).as_array().size(), 1u);
  EXPECT_EQ(Json(Ok({"list", "--search", "收支", "--json"}, dir)).as_array().size(), 1u);
  EXPECT_EQ(Json(Ok({"list", "--area", "社会救助", "--json"}, dir)).as_array().size(), 0u);
  EXPECT_EQ(Json(Ok({"list", "--mine", "--json"}, dir)).as_array().size(), 1u);

  CliResult show = Ok({"show", short_id}, dir);
  EXPECT_NE(show.out.find("公开时限"), std::string::npos);
  EXPECT_NE(show.out.find("每季度"), std::string::npos);
  auto row = Json(Ok({"show", short_id, "--json"}, dir)).as_object();
  for (const char* key : {"id", "unit", "retired", "area", "item_l1", "item_l2", "content", "basis",
                          "time_limit", "subject", "channels", "channels_other", "audience", "mode",
                          "levels", "stages", "contact", "notes"}) {
    EXPECT_TRUE(row.contains(key)) << key;
  }
  EXPECT_EQ(row.at("id"), id.c_str());
  EXPECT_EQ(row.at("unit"), "红旗村");
  EXPECT_EQ(row.at("retired"), false);
  EXPECT_EQ(row.at("levels"), boost::json::array({"村级"}));
  EXPECT_EQ(row.at("stages"), boost::json::array());

  Ok({"edit", short_id, "--set", "公开时限=每月", "--set", "channels=政府网站、便民服务站"}, dir);
  row = Json(Ok({"show", id, "--json"}, dir)).as_object();
  EXPECT_EQ(row.at("time_limit"), "每月");
  EXPECT_EQ(row.at("channels"), boost::json::array({"政府网站", "便民服务站"}));
  EXPECT_EQ(row.at("local_state"), "pending");

  auto history = Json(Ok({"history", "--json"}, dir)).as_array();
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].at("kind"), "create");
  EXPECT_EQ(history[1].at("field"), "time_limit");
  EXPECT_EQ(history[1].at("base"), "每季度");
  EXPECT_EQ(history[2].at("value"), boost::json::array({"政府网站", "便民服务站"}));
  EXPECT_EQ(history[2].at("state"), "pending");
  EXPECT_NE(Ok({"history", short_id}, dir).out.find("未封存"), std::string::npos);

  auto status = Json(Ok({"status", "--json"}, dir));
  EXPECT_EQ(status.at("pending_edits"), 3);
  EXPECT_EQ(status.at("outbox"), 0);
  EXPECT_EQ(status.at("catalog_version"), 0);
  EXPECT_TRUE(status.at("last_sync").is_null());
  EXPECT_EQ(status.at("catalog_hash").as_string().size(), 64u);
  EXPECT_EQ(status.at("conflicts"), 0);
  EXPECT_EQ(status.at("rejected"), 0);
  EXPECT_NE(Ok({"status"}, dir).out.find("未封存的修改"), std::string::npos);

  CliResult seal = Ok({"seal", "--note", "三月份村务公开目录更新"}, dir);
  EXPECT_NE(seal.out.find("变更集 1"), std::string::npos) << seal.out;
  status = Json(Ok({"status", "--json"}, dir));
  EXPECT_EQ(status.at("pending_edits"), 0);
  EXPECT_EQ(status.at("outbox"), 1);
  EXPECT_EQ(Json(Ok({"history", "--json"}, dir)).as_array()[0].at("state"), "sealed");
  EXPECT_NE(Ok({"seal"}, dir).out.find("没有未封存的修改"), std::string::npos);

  const std::string csv = tmp.path() + "/红旗村目录.csv";
  Ok({"export", csv, "--mine"}, dir);
  CliResult same = Ok({"import", csv}, dir);
  EXPECT_NE(same.out.find("未变 1 条"), std::string::npos) << same.out;
  EXPECT_EQ(RunCli({"export", csv}, dir).code, 5) << "no silent overwrite";

  std::string text = *ReadFile(csv);
  size_t at = text.find("每月");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, std::string("每月").size(), "每周");
  ASSERT_TRUE(WriteFileAtomic(csv, text, 0644).ok());
  CliResult changed = Ok({"import", csv}, dir);
  EXPECT_NE(changed.out.find("修改 1 条"), std::string::npos) << changed.out;
  EXPECT_EQ(Json(Ok({"show", short_id, "--json"}, dir)).at("time_limit"), "每周");

  Ok({"retire", short_id}, dir);
  EXPECT_EQ(Json(Ok({"list", "--json"}, dir)).as_array().size(), 0u);
  auto all = Json(Ok({"list", "--all", "--json"}, dir)).as_array();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].at("retired"), true);
  EXPECT_NE(Ok({"list", "--all"}, dir).out.find("已撤销"), std::string::npos);

  Ok({"seal"}, dir);
  CliResult check = Ok({"check"}, dir);
  EXPECT_NE(check.out.find("检查通过"), std::string::npos);
  EXPECT_NE(check.out.find("2 个变更集"), std::string::npos) << check.out;
}

TEST(CliWalkthrough, InitWithTheHubGivenAtOnce) {
  TempDir tmp;
  auto r = Ok({"init", "--dir", tmp.path(), "--id", "baiyun-02", "--unit", "白云村", "--hub",
               "https://127.0.0.1:8443", "--hub-cert-sha256", std::string(64, 'a'), "--json"});
  auto j = boost::json::parse(r.out);
  EXPECT_EQ(j.at("station_id"), "baiyun-02");
  EXPECT_EQ(j.at("verifier_key").as_string().subview().substr(0, 10), "baiyun-02+");
  auto again = RunCli({"init", "--dir", tmp.path(), "--id", "baiyun-02", "--unit", "白云村"});
  EXPECT_EQ(again.code, 5);
  EXPECT_NE(again.err.find("[already_initialized]"), std::string::npos);
}

}  // namespace
}  // namespace gongkai::station
