// The push answers the poll (docs/decisions/0032-the-push-answers-the-poll.md)
// with real programs: gongkai-station sync against gongkai-hub serve over
// TLS on loopback, the hub's request log read back. Once the station holds
// a verified checkpoint, a sync that uploads an edit and finds nothing new
// is the push alone; after an approval the push's answer says "ask" and the
// poll brings the new version.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "tests/testing/town.h"

namespace gongkai::testing {
namespace {

namespace json = boost::json;

class PushAnswersPollTest : public TownTest {
 protected:
  // sync --json in dir; the report and the hub's request log lines it caused.
  json::object Sync(const std::string& dir, std::string* requests) {
    const size_t mark = town_.serve().log().size();
    RunResult r = town_.Station({"sync", "--dir", dir, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    *requests = town_.serve().log().substr(mark);
    return json::parse(r.out).as_object();
  }

  void Approve() {
    RunResult r = town_.Hub({"approve", "--dir", town_.hub_dir(), "--all"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  static size_t Count(const std::string& log, const std::string& what) {
    size_t n = 0;
    for (size_t at = log.find(what); at != std::string::npos; at = log.find(what, at + 1)) ++n;
    return n;
  }
};

TEST_F(PushAnswersPollTest, AnUploadWithNothingNewIsOneRequestAndAnApprovalIsStillPulled) {
  const std::string dir = town_.AddStation("hongqi-01", "红旗村");
  town_.AddRow(dir, "财务收支");
  std::string requests;
  Sync(dir, &requests);  // no verified checkpoint yet: the push names no poll
  EXPECT_EQ(Count(requests, " GET /v1/catalog "), 1u) << requests;
  ASSERT_NO_FATAL_FAILURE(Approve());
  json::object pulled = Sync(dir, &requests);
  EXPECT_EQ(pulled.at("pull").at("to_version").as_int64(), 1) << requests;

  town_.AddRow(dir, "低保名单");
  json::object quiet = Sync(dir, &requests);
  EXPECT_EQ(quiet.at("accepted").as_int64(), 1);
  EXPECT_EQ(quiet.at("outcome").as_string(), "delivered");
  EXPECT_EQ(quiet.at("pull").at("mode").as_string(), "current");
  EXPECT_EQ(Count(requests, " POST /v1/push/1/"), 1u) << requests;  // the short push (0033)
  EXPECT_EQ(Count(requests, " GET "), 0u) << "the poll was sent: " << requests;

  ASSERT_NO_FATAL_FAILURE(Approve());
  town_.AddRow(dir, "救助名单");
  json::object approved = Sync(dir, &requests);
  EXPECT_EQ(approved.at("accepted").as_int64(), 1);
  EXPECT_EQ(Count(requests, " POST /v1/push/1/"), 1u) << requests;  // the short push (0033)
  EXPECT_EQ(Count(requests, " GET /v1/poll/1/"), 1u) << requests;
  EXPECT_EQ(approved.at("pull").at("to_version").as_int64(), 2) << requests;
}

}  // namespace
}  // namespace gongkai::testing
