// HubLogSource (station/audit/hub_log_source.cc) reads numbers from what a
// hub answers without exceptions: a "start" that is negative, fractional,
// beyond 64 bits or a string is bad_hub_answer (DataLoss), never a throw
// out of gongkai-audit. The hub is a TLS server on loopback that answers
// what the test says (a real hub never sends these).
#include "station/audit/hub_log_source.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/station/tls_test_server.h"

namespace gongkai::station {
namespace {

using testing::HttpAnswer;
using testing::SeenRequest;
using testing::TlsTestServer;

Result<std::vector<Bytes>> EntriesAnsweredWith(const std::string& body) {
  TlsTestServer server([&](const SeenRequest&) { return HttpAnswer(200, body); });
  HubLogSource source(HttpsEndpoint{"127.0.0.1", server.port(), server.fingerprint()});
  return source.Entries(0, 1);
}

TEST(HubLogSource, AWellFormedEntriesAnswerIsRead) {
  Result<std::vector<Bytes>> r = EntriesAnsweredWith(R"({"start":0,"entries":["AAEC"]})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0], (Bytes{0x00, 0x01, 0x02}));
}

TEST(HubLogSource, AStartThatIsNoCountIsABadAnswerNotAThrow) {
  for (const char* start : {"-1", "0.5", "1e30", "18446744073709551616", "\"0\"", "null", "true"}) {
    SCOPED_TRACE(start);
    Result<std::vector<Bytes>> r =
        EntriesAnsweredWith(std::string(R"({"start":)") + start + R"(,"entries":["AAEC"]})");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Code::kDataLoss);
    EXPECT_EQ(r.status().reason(), "bad_hub_answer");
  }
}

TEST(HubLogSource, AnotherStartThanAskedIsABadAnswer) {
  Result<std::vector<Bytes>> r = EntriesAnsweredWith(R"({"start":1,"entries":["AAEC"]})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "bad_hub_answer");
}

}  // namespace
}  // namespace gongkai::station
