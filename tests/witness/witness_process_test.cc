// gongkai-witness as a county runs it: init, add-log, serve over HTTPS on a
// free loopback port, and every tlog-witness answer through a pinned TLS
// client — including two concurrent submissions on two connections and a
// restart that keeps the latest cosigned checkpoint (docs/witness.md).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

#include "core/crypto/verifier_key.h"
#include "core/log/cosignature.h"
#include "core/log/note.h"
#include "station/sync/https_client.h"
#include "tests/testing/process.h"
#include "tests/testing/sample_log.h"
#include "tests/testing/temp_dir.h"

namespace gongkai {
namespace {

using gongkai::testing::BinaryPath;
using gongkai::testing::RunProgram;
using gongkai::testing::SampleLog;

class WitnessProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.path() + "/witness";
    auto init = Run({"init", "--dir", dir_, "--name", "county.example/witness", "--json"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    boost::json::object o = boost::json::parse(init.out).as_object();
    vkey_ = std::string(o["witness_key"].as_string());
    cert_ = std::string(o["cert_sha256"].as_string());
    auto add = Run({"add-log", "--dir", dir_, "--key", log_.vkey().ToString()});
    ASSERT_EQ(add.exit_code, 0) << add.err;
    ASSERT_TRUE(server_.StartProgram("hub/county_witness/gongkai-witness", dir_));
  }
  gongkai::testing::RunResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), BinaryPath("hub/county_witness/gongkai-witness"));
    return RunProgram(args, tmp_.path());
  }
  station::HttpsClient Client() {
    return station::HttpsClient(station::HttpsEndpoint{"127.0.0.1", server_.port(), cert_});
  }
  station::HttpsResponse Post(station::HttpsClient& c, const std::string& body) {
    Result<station::HttpsResponse> r = c.Request("POST", "/add-checkpoint", "text/plain", body);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : station::HttpsResponse{};
  }

  TempDir tmp_;
  std::string dir_, vkey_, cert_;
  SampleLog log_;
  gongkai::testing::HubProcess server_;
};

TEST_F(WitnessProcessTest, HelpListsEveryCommand) {
  auto help = Run({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* cmd : {"init", "add-log", "list", "serve", "info"}) {
    EXPECT_NE(help.out.find(std::string("gongkai-witness ") + cmd), std::string::npos) << cmd;
  }
  EXPECT_EQ(Run({"serve", "--help"}).exit_code, 0);
  EXPECT_EQ(Run({"nonsense"}).exit_code, 2);
  EXPECT_EQ(Run({"add-log", "--dir", dir_}).exit_code, 2);  // --key missing
}

TEST_F(WitnessProcessTest, InitTwiceAndBadKeysFailWithOneLine) {
  auto again = Run({"init", "--dir", dir_, "--name", "x.example/w"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already_initialized"), std::string::npos) << again.err;
  auto witness_as_log = Run({"add-log", "--dir", dir_, "--key", vkey_});
  EXPECT_EQ(witness_as_log.exit_code, 1);
  EXPECT_NE(witness_as_log.err.find("bad_verifier_key"), std::string::npos);
  auto twice = Run({"add-log", "--dir", dir_, "--key", log_.vkey().ToString()});
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_NE(twice.err.find("log_exists"), std::string::npos);
}

TEST_F(WitnessProcessTest, AnswersEveryStatusOfTheSpec) {
  station::HttpsClient c = Client();
  // 200 with a cosignature that verifies with the printed key.
  station::HttpsResponse ok = Post(c, log_.Body(0, 5));
  ASSERT_EQ(ok.status, 200) << ok.body;
  const VerifierKey w = ParseVerifierKey(vkey_, kCosignatureV1KeyType).value();
  ParsedNote note = ParseNote(log_.Signed(5) + ok.body).value();
  EXPECT_EQ(VerifyCosignatures(note, {&w, 1})->size(), 1u);
  // 404: a log the witness was not told of.
  SampleLog other("other.example/log", 0x22);
  EXPECT_EQ(Post(c, other.Body(0, 5)).status, 404);
  // 403: signed by another key.
  AddCheckpointRequest forged = log_.Request(5, 9);
  forged.checkpoint = log_.Signed(9, PrivateKey::FromSeed(Bytes(32, 0x77)).value());
  EXPECT_EQ(Post(c, FormatAddCheckpointRequest(forged)).status, 403);
  // 400: malformed, and old size over the checkpoint's.
  EXPECT_EQ(Post(c, "old x\n\n").status, 400);
  AddCheckpointRequest over = log_.Request(5, 5);
  over.old_size = 6;
  EXPECT_EQ(Post(c, FormatAddCheckpointRequest(over)).status, 400);
  // 409 with the latest size as text/x.tlog.size.
  station::HttpsResponse conflict = Post(c, log_.Body(0, 9));
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(conflict.content_type, "text/x.tlog.size");
  EXPECT_EQ(conflict.body, "5\n");
  // 422: a proof that does not lead from 5 to 9.
  AddCheckpointRequest bad = log_.Request(5, 9);
  bad.proof[0][3] ^= 0x40;
  EXPECT_EQ(Post(c, FormatAddCheckpointRequest(bad)).status, 422);
  // Only POST.
  Result<station::HttpsResponse> get = c.Request("GET", "/add-checkpoint", "", "");
  ASSERT_TRUE(get.ok());
  EXPECT_EQ(get->status, 405);
  // Nothing of the refusals moved the witness: 5 → 9 still works.
  EXPECT_EQ(Post(c, log_.Body(5, 9)).status, 200);
  auto list = Run({"list", "--dir", dir_, "--json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  boost::json::object lo = boost::json::parse(list.out).as_object();
  EXPECT_EQ(lo["logs"].as_array()[0].as_object()["size"].as_int64(), 9);
  EXPECT_EQ(lo["logs"].as_array()[0].as_object()["evidence"].as_int64(), 1);  // the 422
}

TEST_F(WitnessProcessTest, ConcurrentSubmissionsOnTwoConnections) {
  // The race of the spec, over the wire: both requests say old S; one grows
  // to S+1, the other to S+2. Exactly one is cosigned; the other gets 409
  // naming the winner's size, never a cosignature that rolls back.
  SampleLog log("town.example/log", 0x21, 32);
  station::HttpsClient a = Client(), b = Client();
  uint64_t size = 5;
  ASSERT_EQ(Post(a, log.Body(0, size)).status, 200);
  for (int round = 0; round < 8; ++round) {
    station::HttpsResponse ra, rb;
    const std::string body_a = log.Body(size, size + 1), body_b = log.Body(size, size + 2);
    std::thread ta([&] { ra = Post(a, body_a); });
    std::thread tb([&] { rb = Post(b, body_b); });
    ta.join();
    tb.join();
    ASSERT_EQ((ra.status == 200) + (rb.status == 200), 1) << ra.status << " " << rb.status;
    const station::HttpsResponse& lost = ra.status == 200 ? rb : ra;
    size = ra.status == 200 ? size + 1 : size + 2;
    EXPECT_EQ(lost.status, 409);
    EXPECT_EQ(lost.body, std::to_string(size) + "\n");
  }
  auto list = Run({"list", "--dir", dir_, "--json"});
  boost::json::object lo = boost::json::parse(list.out).as_object();
  EXPECT_EQ(uint64_t(lo["logs"].as_array()[0].as_object()["size"].as_int64()), size);
}

TEST_F(WitnessProcessTest, RestartKeepsTheLatestCosignedCheckpoint) {
  station::HttpsClient c = Client();
  ASSERT_EQ(Post(c, log_.Body(0, 7)).status, 200);
  c.Close();
  EXPECT_EQ(server_.Stop(), 0);
  ASSERT_TRUE(server_.StartProgram("hub/county_witness/gongkai-witness", dir_));
  station::HttpsClient again = Client();
  station::HttpsResponse r = Post(again, log_.Body(0, 9));
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.body, "7\n");
  EXPECT_EQ(Post(again, log_.Body(7, 9)).status, 200);
}

}  // namespace
}  // namespace gongkai
