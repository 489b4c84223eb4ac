// The real `gongkai-hub serve` process on a loopback port: curl as a
// third-party client, and the socket-level cases — plain HTTP to the TLS
// port, an oversized body, a client sending one byte per second, 1,000
// connections at once, SIGTERM with a request in flight, and station
// commands while the server runs.
#include <gtest/gtest.h>

#include "core/crypto/verifier_key.h"
#include "tests/hub/api_fixture.h"
#include "tests/hub/hub_testing.h"
#include "tests/testing/process.h"

namespace gongkai::hub::testing {
namespace {

class ServerProcessTest : public HubFixture {
 protected:
  void SetUp() override {
    signal(SIGPIPE, SIG_IGN);
    HubFixture::SetUp();
  }
  void StartHub(std::vector<std::string> extra = {}) {
    std::vector<std::string> flags = {"--read-timeout",   "2",   "--handshake-timeout", "2",
                                      "--max-body-bytes", "4096"};
    flags.insert(flags.end(), extra.begin(), extra.end());
    ASSERT_TRUE(hub_.Start(paths_.dir, flags));
  }
  void RequireCurl() {
    if (!HaveProgram("curl")) {
      FAIL() << "curl is not installed; this test uses it as a third-party HTTPS client "
                "(apt-get install curl — packaging/ setup installs it)";
    }
  }
  // curl with the hub's certificate as the only trust anchor; prints the
  // body, then a last line with the HTTP status.
  RunResult Curl(std::vector<std::string> args) {
    std::vector<std::string> argv = {
        "curl", "-sS", "--max-time", "20", "--cacert", paths_.tls_cert(), "-w", "\n%{http_code}"};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunProgram(argv, tmp_.path());
  }
  // Within five seconds, /v1/health is answered 200 again.
  void ExpectHealthServedAgain() {
    RunResult r;
    for (int attempt = 0; attempt < 50; ++attempt) {
      r = Curl({hub_.url("/v1/health")});
      if (StatusLine(r) == "200") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_EQ(StatusLine(r), "200") << r.err;
  }
  static std::string StatusLine(const RunResult& r) { return r.out.substr(r.out.rfind('\n') + 1); }
  static std::string Body(const RunResult& r) { return r.out.substr(0, r.out.rfind('\n')); }
  static std::string CodeOf(const std::string& body) {
    auto v = boost::json::parse(body);
    return std::string(v.as_object().at("error").as_object().at("code").as_string());
  }

  HubProcess hub_;
};

TEST_F(ServerProcessTest, CurlReadsHealthWithTheHubCertificate) {
  RequireCurl();
  StartHub();
  for (const std::string host : {"127.0.0.1", "localhost"}) {
    RunResult r = Curl({"https://" + host + ":" + std::to_string(hub_.port()) + "/v1/health"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(StatusLine(r), "200");
    auto o = boost::json::parse(Body(r)).as_object();
    EXPECT_EQ(o["status"].as_string(), "ok");
    EXPECT_EQ(o["origin"].as_string(), "town.example/gongkai");
  }
  EXPECT_EQ(hub_.Stop(), 0);
  EXPECT_NE(hub_.log().find("GET /v1/health 200"), std::string::npos) << hub_.log();
}

// The catalog's "nothing new" answer (docs/formats/catalog-answer.md §
// Nothing new), byte for byte as it leaves the server: the status line
// alone (here with the Connection: close the request asked for) — no body,
// no Content-Length, no other header; asked in the long form and in the
// short poll (docs/http-api.md § The short poll).
TEST_F(ServerProcessTest, NothingNewIsTheBareStatusLineOnTheWire) {
  RequireCurl();
  StartHub();
  const std::string base = "https://127.0.0.1:" + std::to_string(hub_.port());
  RunResult health = Curl({base + "/v1/health"});
  ASSERT_EQ(health.exit_code, 0) << health.err;
  auto o = boost::json::parse(Body(health)).as_object();
  const int64_t size = o["log_size"].as_int64();
  ASSERT_GE(size, 1);
  const std::string prefix = "/v1/catalog?since=0&form=bin&enrollments=1&have_genesis=1&have_log=";
  const std::string ask = prefix + std::to_string(size);
  auto exchange = [&](const std::string& target) {
    TlsClient c;
    EXPECT_TRUE(c.Connect(hub_.port()));
    EXPECT_TRUE(c.Write("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                        "Connection: close\r\n\r\n"));
    return c.ReadUntilClose(5000);
  };
  EXPECT_EQ(exchange(ask + "&if_new=1"), "HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(exchange("/v1/poll/0/" + std::to_string(size)),
            "HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(exchange("/v1/poll/0/" + std::to_string(size - 1)).rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
  // A station's request that fails is answered in JSON, with every header
  // (the answer is not the station's binary one).
  const std::string bad = exchange("/v1/poll/0/x");
  EXPECT_EQ(bad.rfind("HTTP/1.1 400 ", 0), 0u);
  const std::string bad_head = bad.substr(0, bad.find("\r\n\r\n") + 2);
  EXPECT_NE(bad_head.find("\r\nCache-Control: no-store\r\n"), std::string::npos) << bad_head;
  EXPECT_NE(bad_head.find("\r\nX-Content-Type-Options: nosniff\r\n"), std::string::npos)
      << bad_head;
  // Only a station that asks gets it; one that holds less gets the answer,
  // with the headers a station reads and none meant for browsers.
  std::string full = exchange(ask);
  EXPECT_EQ(full.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << full;
  std::string head = full.substr(0, full.find("\r\n\r\n") + 2);
  EXPECT_NE(head.find("\r\nContent-Type: application/vnd.gongkai.catalog-answer\r\n"),
            std::string::npos)
      << head;
  EXPECT_NE(head.find("\r\nContent-Length: "), std::string::npos) << head;
  EXPECT_EQ(head.find("Server:"), std::string::npos) << head;
  EXPECT_EQ(head.find("X-Content-Type-Options:"), std::string::npos) << head;
  // Format 2 (answer=2, decision 0033) is bare: only a station asks for
  // it, and it reads the format byte — the status line, Content-Length,
  // and nothing else.
  std::string two = exchange(ask + "&answer=2");
  std::string two_head = two.substr(0, two.find("\r\n\r\n") + 4);
  const std::string two_body = two.substr(two_head.size());
  EXPECT_EQ(two_head, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: " +
                          std::to_string(two_body.size()) + "\r\n\r\n")
      << two_head;
  ASSERT_GE(two_body.size(), 2u);
  EXPECT_EQ(two_body.substr(0, 2), std::string("\x01\x02", 2)) << "archive flag, format 2";
  EXPECT_EQ(
      exchange(prefix + std::to_string(size - 1) + "&if_new=1").rfind("HTTP/1.1 200 OK\r\n", 0),
      0u);
  EXPECT_EQ(exchange(ask + "&if_new=2").rfind("HTTP/1.1 400 ", 0), 0u);
  EXPECT_EQ(hub_.Stop(), 0);
}

TEST_F(ServerProcessTest, CurlGetsAJsonErrorForABadPost) {
  RequireCurl();
  StartHub();
  Hash32 before = StateDigest(db_path());
  RunResult r = Curl({"-X", "POST", "-H", "Content-Type: application/octet-stream", "--data-binary",
                      "this is not a change set", hub_.url("/v1/changesets")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(StatusLine(r), "400");
  EXPECT_EQ(CodeOf(Body(r)), "malformed");
  RunResult json = Curl({"-X", "POST", "-H", "Content-Type: application/json", "--data", "{}",
                         hub_.url("/v1/changesets")});
  EXPECT_EQ(StatusLine(json), "415");
  EXPECT_EQ(CodeOf(Body(json)), "unsupported_media_type");
  EXPECT_EQ(StateDigest(db_path()), before);
}

TEST_F(ServerProcessTest, CurlPostsAChangeSetAndReadsItsReceipt) {
  RequireCurl();
  StartHub();
  ChangeSet cs = hongqi_.Next({CreateRow(RowId(10), "红旗村")});
  Bytes body = Batch({hongqi_.Seal(cs)});
  WriteBinary(tmp_.path() + "/batch.bin", ToString(body));
  RunResult r = Curl({"-H", "Content-Type: application/octet-stream", "--data-binary",
                      "@" + tmp_.path() + "/batch.bin", hub_.url("/v1/changesets")});
  ASSERT_EQ(StatusLine(r), "200") << r.out << r.err;
  RunResult receipts = Curl({hub_.url("/v1/stations/hongqi-01/receipts?after=0")});
  auto o = boost::json::parse(Body(receipts)).as_object();
  ASSERT_EQ(o["receipts"].as_array().size(), 1u);
  EXPECT_EQ(o["receipts"].as_array()[0].as_object()["id"].as_string(),
            HexEncode(ChangeSetId(EncodeChangeSet(cs))));
}

TEST_F(ServerProcessTest, PlainHttpToTheTlsPortGetsAClearError) {
  StartHub();
  int fd = TcpConnect(hub_.port());
  ASSERT_GE(fd, 0);
  std::string req = "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  ASSERT_EQ(write(fd, req.data(), req.size()), static_cast<ssize_t>(req.size()));
  std::string answer = ReadUntilClose(fd, 10000);
  close(fd);
  EXPECT_EQ(answer.rfind("HTTP/1.1 400 Bad Request\r\n", 0), 0u) << answer;
  EXPECT_NE(answer.find("\"code\":\"tls_required\""), std::string::npos) << answer;
  EXPECT_NE(answer.find("Connection: close"), std::string::npos);
}

TEST_F(ServerProcessTest, BodyOverTheLimitIsRefusedWith413) {
  RequireCurl();
  StartHub();
  Hash32 before = StateDigest(db_path());
  WriteBinary(tmp_.path() + "/big.bin", std::string(5000, 'x'));
  RunResult r = Curl({"-H", "Content-Type: application/octet-stream", "--data-binary",
                      "@" + tmp_.path() + "/big.bin", hub_.url("/v1/changesets")});
  EXPECT_EQ(StatusLine(r), "413") << r.out << r.err;
  EXPECT_EQ(CodeOf(Body(r)), "body_too_large");
  EXPECT_EQ(StateDigest(db_path()), before);
}

TEST_F(ServerProcessTest, HeaderOverTheLimitIsRefusedWith431) {
  RequireCurl();
  StartHub();
  RunResult r = Curl({"-H", "X-Big: " + std::string(9000, 'x'), hub_.url("/v1/health")});
  EXPECT_EQ(StatusLine(r), "431") << r.out << r.err;
  EXPECT_EQ(CodeOf(Body(r)), "header_too_large");
}

TEST_F(ServerProcessTest, ClientSendingOneBytePerSecondIsDropped) {
  StartHub();  // read timeout 2 s
  TlsClient c;
  ASSERT_TRUE(c.Connect(hub_.port()));
  std::string req = "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: slow\r\n\r\n";
  bool dropped = false;
  for (char ch : req) {
    if (!c.Write(std::string(1, ch))) {
      dropped = true;
      break;
    }
    if (c.ClosedWithin(1000)) {  // one byte per second
      dropped = true;
      break;
    }
  }
  EXPECT_TRUE(dropped) << "the server waited for the whole trickled request";
  EXPECT_TRUE(hub_.Alive());
  EXPECT_EQ(hub_.Stop(), 0);
  EXPECT_NE(hub_.log().find("read timeout"), std::string::npos) << hub_.log();
}

TEST_F(ServerProcessTest, ThousandConnectionsAtOnceLeaveTheServerServing) {
  RequireCurl();
  StartHub();  // default cap: 512 connections
  std::vector<int> fds;
  for (int i = 0; i < 1000; ++i) {
    int fd = TcpConnect(hub_.port());
    if (fd >= 0) fds.push_back(fd);
  }
  EXPECT_EQ(fds.size(), 1000u);
  // Wait until the server has turned some away at the cap.
  for (int i = 0; i < 500 && hub_.log().find("refused") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_NE(hub_.log().find("connections open"), std::string::npos);
  for (int fd : fds) close(fd);
  ASSERT_TRUE(hub_.Alive());
  // Closed connections are released; health is served again.
  ExpectHealthServedAgain();
  EXPECT_EQ(hub_.Stop(), 0);
}

// Issue 21 (8): one client address cannot take every connection slot.
TEST_F(ServerProcessTest, OneAddressCannotTakeEveryConnection) {
  RequireCurl();
  StartHub({"--max-connections-per-address", "3"});
  std::vector<int> held;
  for (int i = 0; i < 3; ++i) {
    int fd = TcpConnect(hub_.port());
    ASSERT_GE(fd, 0);
    held.push_back(fd);
  }
  // The fourth from the same address is closed at once, without a handshake.
  for (int i = 0; i < 50 && hub_.log().find("from this address") == std::string::npos; ++i) {
    int fd = TcpConnect(hub_.port());
    if (fd >= 0) {
      EXPECT_EQ(ReadUntilClose(fd, 2000), "");
      close(fd);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_NE(hub_.log().find("3 connections open from this address"), std::string::npos)
      << hub_.log();
  // While 127.0.0.1 holds its three, it gets no fourth, and another address
  // (127.0.0.2, also loopback) is served.
  RunResult same = Curl({hub_.url("/v1/health")});
  EXPECT_NE(same.exit_code, 0) << same.out;
  EXPECT_EQ(StatusLine(same), "000");
  RunResult other = Curl({"--interface", "127.0.0.2", hub_.url("/v1/health")});
  EXPECT_EQ(StatusLine(other), "200") << other.err;
  // Released slots are free again for that address.
  for (int fd : held) close(fd);
  ExpectHealthServedAgain();
  EXPECT_EQ(hub_.Stop(), 0);
}

// Issue 21 (item 5): one client address cannot take every request. Over its
// token bucket it gets 429 "too_many_requests" with Retry-After, its
// request is not handled (nothing stored), another address is served, and
// after Retry-After seconds the same request goes through.
TEST_F(ServerProcessTest, OneAddressCannotTakeEveryRequest) {
  RequireCurl();
  StartHub({"--requests-per-second-per-address", "1", "--request-burst-per-address", "3"});
  // Five requests on one connection: the burst of three, then refusals.
  std::vector<std::string> argv = {"curl",       "-sS",
                                   "--max-time", "20",
                                   "--cacert",   paths_.tls_cert(),
                                   "-w",         "%{http_code}\n",
                                   "-D",         tmp_.path() + "/headers"};
  for (int i = 0; i < 5; ++i) {
    argv.insert(argv.end(), {"-o", tmp_.path() + "/body" + std::to_string(i)});
  }
  for (int i = 0; i < 5; ++i) argv.push_back(hub_.url("/v1/health"));
  RunResult five = RunProgram(argv, tmp_.path());
  ASSERT_EQ(five.exit_code, 0) << five.err;
  EXPECT_EQ(five.out.substr(0, 12), "200\n200\n200\n") << five.out;
  EXPECT_NE(five.out.find("429"), std::string::npos) << five.out;
  EXPECT_EQ(CodeOf(ReadText(tmp_.path() + "/body4")), "too_many_requests");
  std::string headers = ReadText(tmp_.path() + "/headers");
  for (char& c : headers) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_NE(headers.find("retry-after: 1\r\n"), std::string::npos) << headers;

  // Another address is served meanwhile.
  RunResult other = Curl({"--interface", "127.0.0.2", hub_.url("/v1/health")});
  EXPECT_EQ(StatusLine(other), "200") << other.err;

  // An upload over the limit is not handled: nothing stored.
  ChangeSet cs = hongqi_.Next({CreateRow(RowId(10), "红旗村")});
  WriteBinary(tmp_.path() + "/batch.bin", ToString(Batch({hongqi_.Seal(cs)})));
  std::vector<std::string> post = {"-H", "Content-Type: application/octet-stream", "--data-binary",
                                   "@" + tmp_.path() + "/batch.bin", hub_.url("/v1/changesets")};
  Hash32 before = StateDigest(db_path());
  RunResult refused;
  for (int i = 0; i < 4; ++i) {  // spend whatever token came back meanwhile
    refused = Curl(post);
    if (StatusLine(refused) == "429") break;
    ASSERT_EQ(StatusLine(refused), "200") << refused.out;
    before = StateDigest(db_path());
  }
  ASSERT_EQ(StatusLine(refused), "429") << refused.out;
  EXPECT_EQ(CodeOf(Body(refused)), "too_many_requests");
  EXPECT_EQ(StateDigest(db_path()), before);
  if (CountRows(db_path(), "changesets") == 0) {
    // Retry-After later the same upload is accepted.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    RunResult again = Curl(post);
    EXPECT_EQ(StatusLine(again), "200") << again.out;
    EXPECT_EQ(CountRows(db_path(), "changesets"), 1);
  }
  EXPECT_EQ(hub_.Stop(), 0);
  EXPECT_NE(hub_.log().find("429"), std::string::npos);
  EXPECT_NE(hub_.log().find("too_many_requests"), std::string::npos);
}

TEST_F(ServerProcessTest, SigtermFinishesTheRequestInFlight) {
  StartHub({"--read-timeout", "10"});
  ChangeSet cs = hongqi_.Next({CreateRow(RowId(10), "红旗村")});
  std::string body = ToString(Batch({hongqi_.Seal(cs)}));
  std::string answer;
  {
    TlsClient c;
    ASSERT_TRUE(c.Connect(hub_.port()));
    ASSERT_TRUE(
        c.Write("POST /v1/changesets HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                "Content-Type: application/octet-stream\r\nContent-Length: " +
                std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, body.size() / 2)));
    // Let the server read the first half, then ask it to stop; the rest of
    // the request arrives while it drains.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    hub_.Signal(SIGTERM);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ASSERT_TRUE(c.Write(body.substr(body.size() / 2)));
    answer = c.ReadUntilClose(10000);
  }
  EXPECT_EQ(answer.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << answer;
  EXPECT_NE(answer.find("\"status\":\"accepted\""), std::string::npos) << answer;
  EXPECT_NE(answer.find("Connection: close"), std::string::npos) << answer;
  EXPECT_EQ(hub_.WaitForExit(), 0) << hub_.log();
  EXPECT_EQ(CountRows(db_path(), "changesets"), 1);
}

TEST_F(ServerProcessTest, SigintStopsAnIdleServerCleanly) {
  StartHub();
  TlsClient idle;  // a keep-alive connection with no request
  ASSERT_TRUE(idle.Connect(hub_.port()));
  hub_.Signal(SIGINT);
  EXPECT_EQ(hub_.WaitForExit(), 0) << hub_.log();
  EXPECT_NE(hub_.out().find("已停止"), std::string::npos);
}

TEST_F(ServerProcessTest, StationCommandsWorkWhileTheServerRuns) {
  RequireCurl();
  StartHub();
  std::string hub_bin = BinaryPath("hub/gongkai-hub");
  TestStation s{"xinfeng-01", "新丰村", KeyFromByte(0x44)};
  RunResult add = RunProgram({hub_bin, "station", "add", "--dir", paths_.dir, "--id", s.id,
                              "--unit", s.unit, "--key", s.verifier_key().ToString()},
                             tmp_.path());
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_NE(add.out.find("已登记站点 xinfeng-01"), std::string::npos) << add.out;

  ChangeSet cs = s.Next({CreateRow(RowId(30), "新丰村")});
  WriteBinary(tmp_.path() + "/b1.bin", ToString(Batch({s.Seal(cs)})));
  RunResult ok = Curl({"-H", "Content-Type: application/octet-stream", "--data-binary",
                       "@" + tmp_.path() + "/b1.bin", hub_.url("/v1/changesets")});
  EXPECT_EQ(StatusLine(ok), "200") << ok.out;
  s.Accepted(cs);

  RunResult revoke = RunProgram(
      {hub_bin, "station", "revoke", "--dir", paths_.dir, "--id", s.id, "--reason", "测试撤销"},
      tmp_.path());
  ASSERT_EQ(revoke.exit_code, 0) << revoke.err;
  WriteBinary(tmp_.path() + "/b2.bin",
              ToString(Batch({s.Seal(s.Next({SetContact(RowId(30), "", "110")}))})));
  RunResult refused = Curl({"-H", "Content-Type: application/octet-stream", "--data-binary",
                            "@" + tmp_.path() + "/b2.bin", hub_.url("/v1/changesets")});
  EXPECT_EQ(StatusLine(refused), "403");
  EXPECT_EQ(CodeOf(Body(refused)), "station_revoked");

  RunResult list =
      RunProgram({hub_bin, "station", "list", "--dir", paths_.dir, "--json"}, tmp_.path());
  ASSERT_EQ(list.exit_code, 0) << list.err;
  auto arr = boost::json::parse(list.out).as_array();
  ASSERT_EQ(arr.size(), 3u);
  auto xinfeng = arr[2].as_object();  // sorted by id: dongfeng, hongqi, xinfeng
  EXPECT_EQ(xinfeng["id"].as_string(), "xinfeng-01");
  EXPECT_TRUE(xinfeng["revoked"].as_bool());
  EXPECT_EQ(xinfeng["last_seq"].as_int64(), 1);
  EXPECT_EQ(hub_.Stop(), 0);
}

// A station posts before the town has enrolled it (issue: the clerk synced
// on the first day): the hub records the attempt with the key and unit of
// the request headers, `station list` shows it, `station add
// --from-attempt` enrolls it, and the same upload is then accepted and the
// refused rows are gone.
TEST_F(ServerProcessTest, UploadBeforeEnrolmentIsListedAndEnrolledFromTheAttempt) {
  RequireCurl();
  StartHub();
  std::string hub_bin = BinaryPath("hub/gongkai-hub");
  TestStation s{"xinfeng-01", "新丰村", KeyFromByte(0x45)};
  std::string vkey = s.verifier_key().ToString();
  ChangeSet cs = s.Next({CreateRow(RowId(30), "新丰村")});
  WriteBinary(tmp_.path() + "/early.bin", ToString(Batch({s.Seal(cs)})));
  std::vector<std::string> post = {"-H",
                                   "Content-Type: application/octet-stream",
                                   "-H",
                                   "Gongkai-Station-Key: " + vkey,
                                   "-H",
                                   "Gongkai-Station-Unit: %E6%96%B0%E4%B8%B0%E6%9D%91",
                                   "--data-binary",
                                   "@" + tmp_.path() + "/early.bin",
                                   hub_.url("/v1/changesets")};
  RunResult early = Curl(post);
  EXPECT_EQ(StatusLine(early), "403") << early.out;
  EXPECT_EQ(CodeOf(Body(early)), "unknown_station");

  RunResult list =
      RunProgram({hub_bin, "station", "list", "--dir", paths_.dir, "--json"}, tmp_.path());
  ASSERT_EQ(list.exit_code, 0) << list.err;
  auto arr = boost::json::parse(list.out).as_array();
  ASSERT_EQ(arr.size(), 3u) << list.out;  // dongfeng, hongqi, then the attempt
  auto attempt = arr[2].as_object();
  EXPECT_EQ(attempt["id"].as_string(), "xinfeng-01");
  EXPECT_TRUE(attempt["attempt"].as_bool());
  EXPECT_EQ(attempt["key"].as_string(), vkey);
  EXPECT_EQ(attempt["unit"].as_string(), "新丰村");
  EXPECT_EQ(attempt["count"].as_int64(), 1);
  ASSERT_EQ(attempt["refused"].as_array().size(), 1u);
  auto refused = attempt["refused"].as_array()[0].as_object();
  EXPECT_EQ(refused["code"].as_string(), "unknown_station");
  EXPECT_EQ(refused["seq"].as_int64(), 1);
  EXPECT_EQ(refused["count"].as_int64(), 1);
  RunResult text = RunProgram({hub_bin, "station", "list", "--dir", paths_.dir}, tmp_.path());
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("未登记的站点尝试上传"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find(vkey), std::string::npos) << text.out;

  RunResult add =
      RunProgram({hub_bin, "station", "add", "--dir", paths_.dir, "--id", s.id, "--from-attempt"},
                 tmp_.path());
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_NE(add.out.find("已按上传记录登记站点 xinfeng-01（新丰村）"), std::string::npos)
      << add.out;
  EXPECT_NE(add.out.find(vkey), std::string::npos) << add.out;
  EXPECT_NE(add.out.find("打电话"), std::string::npos) << add.out;
  // A second --from-attempt: it is enrolled now.
  RunResult again =
      RunProgram({hub_bin, "station", "add", "--dir", paths_.dir, "--id", s.id, "--from-attempt"},
                 tmp_.path());
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("[no_attempt]"), std::string::npos) << again.err;

  // The very same upload, sent again, is accepted by the running server.
  RunResult ok = Curl(post);
  EXPECT_EQ(StatusLine(ok), "200") << ok.out;
  EXPECT_NE(Body(ok).find("\"status\":\"accepted\""), std::string::npos) << ok.out;

  RunResult after =
      RunProgram({hub_bin, "station", "list", "--dir", paths_.dir, "--json"}, tmp_.path());
  ASSERT_EQ(after.exit_code, 0) << after.err;
  auto stations = boost::json::parse(after.out).as_array();
  ASSERT_EQ(stations.size(), 3u) << after.out;
  auto xinfeng = stations[2].as_object();  // sorted by id: dongfeng, hongqi, xinfeng
  EXPECT_EQ(xinfeng["id"].as_string(), "xinfeng-01");
  EXPECT_FALSE(xinfeng.contains("attempt"));
  EXPECT_EQ(xinfeng["unit"].as_string(), "新丰村");
  EXPECT_EQ(xinfeng["key"].as_string(), vkey);
  EXPECT_EQ(xinfeng["last_seq"].as_int64(), 1);
  EXPECT_TRUE(xinfeng["refused"].as_array().empty());
  EXPECT_EQ(CountRows(db_path(), "refused_uploads"), 0);
  EXPECT_EQ(hub_.Stop(), 0);
}

}  // namespace
}  // namespace gongkai::hub::testing
