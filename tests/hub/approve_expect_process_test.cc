// `gongkai-hub approve --all --expect HASH` as real programs (issue 21, 3):
// the administrator reviews with `pending --json`, a station uploads while
// the review is open, and the approval of the stale review is refused with
// stale_review and nothing signed; approving the new review prints exactly
// the change sets it signed.
#include <gtest/gtest.h>

#include "tests/testing/town.h"

namespace gongkai::testing {
namespace {

class ApproveExpectProcessTest : public TownTest {};

TEST_F(ApproveExpectProcessTest, StaleReviewIsRefusedAndTheNewOneIsSignedAsPrinted) {
  std::string hongqi = town_.AddStation("hongqi-01", "红旗村");
  std::string dongfeng = town_.AddStation("dongfeng-01", "东风村");
  town_.AddRow(hongqi, "财务收支");
  ASSERT_EQ(town_.Station({"sync", "--dir", hongqi}).exit_code, 0);

  boost::json::value seen = town_.HubJson({"pending", "--dir", town_.hub_dir(), "--json"});
  std::string reviewed(seen.at("proposed_hash").as_string());
  ASSERT_EQ(seen.at("changesets").as_array().size(), 1u);

  // Uploaded while the administrator reads the review.
  town_.AddRow(dongfeng, "低保对象名单");
  ASSERT_EQ(town_.Station({"sync", "--dir", dongfeng}).exit_code, 0);

  RunResult stale = town_.Hub({"approve", "--dir", town_.hub_dir(), "--all", "--expect", reviewed});
  EXPECT_EQ(stale.exit_code, 1) << stale.err;
  EXPECT_NE(stale.err.find("[stale_review]"), std::string::npos) << stale.err;
  EXPECT_EQ(std::count(stale.err.begin(), stale.err.end(), '\n'), 1) << stale.err;
  boost::json::value catalog = town_.HubJson({"catalog", "--dir", town_.hub_dir(), "--json"});
  EXPECT_EQ(catalog.at("version").as_int64(), 0) << "nothing was approved";
  EXPECT_EQ(town_.HubJson({"pending", "--dir", town_.hub_dir(), "--json"})
                .at("changesets")
                .as_array()
                .size(),
            2u);

  RunResult bad = town_.Hub({"approve", "--dir", town_.hub_dir(), "--all", "--expect", "abc"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("[bad_expect]"), std::string::npos) << bad.err;

  boost::json::value now = town_.HubJson({"pending", "--dir", town_.hub_dir(), "--json"});
  std::string current(now.at("proposed_hash").as_string());
  RunResult ok = town_.Hub({"approve", "--dir", town_.hub_dir(), "--all", "--expect", current});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find(current), std::string::npos) << ok.out;
  for (const auto& cs : now.at("changesets").as_array()) {
    std::string id(cs.at("id").as_string());
    EXPECT_NE(ok.out.find(id), std::string::npos) << "prints " << id << ": " << ok.out;
  }
  EXPECT_NE(ok.out.find("hongqi-01/1"), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("dongfeng-01/1"), std::string::npos) << ok.out;
}

}  // namespace
}  // namespace gongkai::testing
