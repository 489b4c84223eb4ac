// Content coding on the real `gongkai-hub serve` (docs/http-api.md
// § Compression), with curl as the client: a deflated upload is accepted,
// a corrupt one is 400, a bomb 413, gzip 415 — and nothing is written for
// the refusals; large answers come deflated to clients that ask.
#include <gtest/gtest.h>

#include <cctype>

#include "core/codec/deflate.h"
#include "tests/hub/api_fixture.h"
#include "tests/hub/hub_testing.h"
#include "tests/testing/process.h"

namespace gongkai::hub::testing {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class ServerContentCodingTest : public HubFixture {
 protected:
  void SetUp() override {
    signal(SIGPIPE, SIG_IGN);
    HubFixture::SetUp();
    if (!HaveProgram("curl")) GTEST_SKIP() << "curl is not installed";
    ASSERT_TRUE(hub_.Start(paths_.dir, {"--max-body-bytes", "65536"}));
  }
  // curl with the hub's certificate; the body, then a last line with the
  // HTTP status. Headers go to a file when asked.
  RunResult Curl(std::vector<std::string> args) {
    std::vector<std::string> argv = {
        "curl", "-sS", "--max-time", "20", "--cacert", paths_.tls_cert(), "-w", "\n%{http_code}"};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunProgram(argv, tmp_.path());
  }
  RunResult Upload(const std::string& body, const std::string& coding) {
    WriteBinary(tmp_.path() + "/body.bin", body);
    return Curl({"-H", "Content-Type: application/octet-stream", "-H",
                 "Content-Encoding: " + coding, "--data-binary", "@" + tmp_.path() + "/body.bin",
                 hub_.url("/v1/changesets")});
  }
  static std::string StatusLine(const RunResult& r) { return r.out.substr(r.out.rfind('\n') + 1); }
  static std::string Body(const RunResult& r) { return r.out.substr(0, r.out.rfind('\n')); }
  static std::string CodeOf(const RunResult& r) {
    auto v = boost::json::parse(Body(r));
    return std::string(v.as_object().at("error").as_object().at("code").as_string());
  }

  HubProcess hub_;
};

TEST_F(ServerContentCodingTest, ADeflatedUploadIsInflatedAndAccepted) {
  ChangeSet cs = hongqi_.Next({CreateRow(RowId(10), "红旗村")});
  RunResult r = Upload(Deflate(ToString(Batch({hongqi_.Seal(cs)}))), "deflate");
  ASSERT_EQ(StatusLine(r), "200") << r.out << r.err;
  auto receipts = boost::json::parse(Body(r)).as_object()["receipts"].as_array();
  ASSERT_EQ(receipts.size(), 1u);
  EXPECT_EQ(receipts[0].as_object()["status"].as_string(), "accepted");
}

TEST_F(ServerContentCodingTest, BadCodingsAreRefusedAndWriteNothing) {
  Hash32 before = StateDigest(db_path());
  ChangeSet cs = hongqi_.Next({CreateRow(RowId(10), "红旗村")});
  std::string packed = Deflate(ToString(Batch({hongqi_.Seal(cs)})));

  RunResult truncated = Upload(packed.substr(0, packed.size() - 3), "deflate");
  EXPECT_EQ(StatusLine(truncated), "400");
  EXPECT_EQ(CodeOf(truncated), "bad_compressed_body");

  RunResult garbage = Upload("certainly not zlib", "deflate");
  EXPECT_EQ(StatusLine(garbage), "400");
  EXPECT_EQ(CodeOf(garbage), "bad_compressed_body");

  // 10 KiB on the wire, 10 MiB inflated: over the 64 KiB body limit.
  RunResult bomb = Upload(Deflate(std::string(10u << 20, '\0')), "deflate");
  EXPECT_EQ(StatusLine(bomb), "413");
  EXPECT_EQ(CodeOf(bomb), "body_too_large");

  RunResult gzip = Upload(packed, "gzip");
  EXPECT_EQ(StatusLine(gzip), "415");
  EXPECT_EQ(CodeOf(gzip), "unsupported_encoding");

  EXPECT_EQ(StateDigest(db_path()), before);
  EXPECT_TRUE(hub_.Alive());
}

TEST_F(ServerContentCodingTest, LargeAnswersComeDeflatedToClientsThatAsk) {
  // Enough log entries for an answer over 1 KiB.
  for (int i = 0; i < 4; ++i) {
    ChangeSet cs = hongqi_.Next({CreateRow(RowId(20 + i), "红旗村")});
    WriteBinary(tmp_.path() + "/b.bin", ToString(Batch({hongqi_.Seal(cs)})));
    RunResult r = Curl({"-H", "Content-Type: application/octet-stream", "--data-binary",
                        "@" + tmp_.path() + "/b.bin", hub_.url("/v1/changesets")});
    ASSERT_EQ(StatusLine(r), "200") << r.out;
    hongqi_.Accepted(cs);
  }
  const std::string url = hub_.url("/v1/log/entries?start=0&end=7");
  const std::string headers = tmp_.path() + "/headers.txt";
  RunResult plain = Curl({"-D", headers, url});
  ASSERT_EQ(StatusLine(plain), "200");
  std::string h = Lower(ReadText(headers));
  EXPECT_EQ(h.find("content-encoding:"), std::string::npos) << h;
  EXPECT_NE(h.find("vary: accept-encoding"), std::string::npos) << h;

  RunResult packed = Curl({"-D", headers, "-H", "Accept-Encoding: deflate", url});
  ASSERT_EQ(StatusLine(packed), "200");
  h = Lower(ReadText(headers));
  EXPECT_NE(h.find("content-encoding: deflate"), std::string::npos) << h;
  Result<std::string> inflated = Inflate(Body(packed), 1u << 20);
  ASSERT_TRUE(inflated.ok()) << inflated.status().ToString();
  EXPECT_EQ(*inflated, Body(plain));
  EXPECT_LT(Body(packed).size(), Body(plain).size());

  // curl --compressed decodes it itself.
  RunResult decoded = Curl({"--compressed", url});
  EXPECT_EQ(Body(decoded), Body(plain));
}

}  // namespace
}  // namespace gongkai::hub::testing
