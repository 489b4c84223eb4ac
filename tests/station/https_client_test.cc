// station/sync/https_client.h against a small TLS server in the test
// (tls_test_server.h): compression both ways and its limits, TLS session
// resumption in memory and through the session file, the byte counters,
// and deadlines — a server that stalls makes the request fail by timeout
// and the next attempt use a fresh connection.
#include "station/sync/https_client.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "core/codec/deflate.h"
#include "station/sync/pull_catalog.h"
#include "station/sync/retry_policy.h"
#include "tests/station/tls_test_server.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::station {
namespace {

using testing::HttpAnswer;
using testing::SeenRequest;
using testing::TlsTestServer;
using std::chrono::milliseconds;

HttpsEndpoint EndpointOf(const TlsTestServer& s) {
  return HttpsEndpoint{"127.0.0.1", s.port(), s.fingerprint()};
}

HttpsTimeouts Short() {
  HttpsTimeouts t;
  t.connect = milliseconds(2000);
  t.handshake = milliseconds(2000);
  t.idle = milliseconds(300);
  t.request = milliseconds(5000);
  t.shutdown = milliseconds(300);
  return t;
}

TEST(HttpsClientTest, AsksForDeflateAndDeflatesLargeBodiesOnly) {
  std::vector<SeenRequest> seen;
  TlsTestServer server([&](const SeenRequest& r) {
    seen.push_back(r);
    return HttpAnswer(200, "ok");
  });
  HttpsClient client(EndpointOf(server), Short());
  std::string large(5000, 'a');
  const std::string just_below(199, 'z');  // compress_min_bytes is 200
  ASSERT_TRUE(client.Request("POST", "/x", "application/octet-stream", large).ok());
  ASSERT_TRUE(client.Request("POST", "/x", "application/octet-stream", "small").ok());
  ASSERT_TRUE(client.Request("POST", "/x", "application/octet-stream", just_below).ok());
  ASSERT_TRUE(client.Request("GET", "/x", "", "").ok());
  ASSERT_TRUE(
      client.Request("GET", "/v1/poll/1/4/a/3", "", "", {}, ImpliesDeflate("/v1/poll/1/4/a/3"))
          .ok());
  ASSERT_EQ(seen.size(), 5u);
  // Only a GET asks for a deflated answer: a POST is answered with a few
  // receipts (docs/decisions/0033-compact-range-and-checkpoint.md), and a
  // format-3 poll is deflated unasked (decision 0034).
  EXPECT_FALSE(seen[0].HasHeader("Accept-Encoding: deflate")) << seen[0].head;
  EXPECT_TRUE(seen[3].HasHeader("Accept-Encoding: deflate")) << seen[3].head;
  EXPECT_EQ(seen[4].head.find("Accept-Encoding"), std::string::npos) << seen[4].head;
  // Only the short poll: the long form is what a station asks a hub that
  // refused the short poll — an older one, which deflates only when asked.
  EXPECT_FALSE(ImpliesDeflate("/v1/catalog?since=1&form=bin&answer=3&own=a"));
  EXPECT_FALSE(ImpliesDeflate("/v1/poll/1/4/a/2"));
  EXPECT_FALSE(ImpliesDeflate("/v1/poll/1/4/a/31"));
  client.Close();  // the test server takes one connection at a time
  HttpsOptions no_compression;
  no_compression.compression = false;
  HttpsClient without(EndpointOf(server), Short(), no_compression);
  ASSERT_TRUE(without.Request("GET", "/x", "", "").ok());
  ASSERT_TRUE(without.Request("GET", "/v1/poll/1/4/a/3", "", "", {}, true).ok());
  ASSERT_EQ(seen.size(), 7u);
  EXPECT_EQ(seen[5].head.find("Accept-Encoding"), std::string::npos) << seen[5].head;
  EXPECT_TRUE(seen[6].HasHeader("Accept-Encoding: identity")) << seen[6].head;
  EXPECT_TRUE(seen[0].HasHeader("Content-Encoding: deflate")) << seen[0].head;
  EXPECT_LT(seen[0].body.size(), 200u);
  Result<std::string> plain = Inflate(seen[0].body, 1u << 20);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(*plain, large);
  EXPECT_FALSE(seen[1].HasHeader("Content-Encoding: deflate"));
  EXPECT_EQ(seen[1].body, "small");
  EXPECT_FALSE(seen[2].HasHeader("Content-Encoding: deflate"));
  EXPECT_EQ(seen[2].body, just_below);
}

TEST(HttpsClientTest, ResendsPlainWhenTheHubRefusesTheEncoding) {
  std::vector<SeenRequest> seen;
  TlsTestServer server([&](const SeenRequest& r) {
    seen.push_back(r);
    return r.HasHeader("Content-Encoding: deflate") ? HttpAnswer(415, "{}") : HttpAnswer(200, "ok");
  });
  HttpsClient client(EndpointOf(server), Short());
  std::string large(5000, 'b');
  Result<HttpsResponse> r = client.Request("POST", "/x", "application/octet-stream", large);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1].body, large);
  // And plain from then on.
  ASSERT_TRUE(client.Request("POST", "/x", "application/octet-stream", large).ok());
  EXPECT_EQ(seen.size(), 3u);
}

TEST(HttpsClientTest, InflatesDeflatedAnswersWithinTheLimit) {
  std::string plain(200'000, 'c');
  std::string bomb = Deflate(std::string(4u << 20, '\0'));
  TlsTestServer server([&](const SeenRequest& r) -> std::optional<std::string> {
    if (r.head.find("GET /plain") == 0) {
      return HttpAnswer(200, Deflate(plain), "Content-Encoding: deflate\r\n");
    }
    if (r.head.find("GET /bomb") == 0) {
      return HttpAnswer(200, bomb, "Content-Encoding: deflate\r\n");
    }
    if (r.head.find("GET /broken") == 0) {
      return HttpAnswer(200, "not deflate", "Content-Encoding: deflate\r\n");
    }
    return HttpAnswer(200, "x", "Content-Encoding: br\r\n");
  });
  HttpsOptions options;
  options.max_answer_bytes = 1u << 20;
  HttpsClient client(EndpointOf(server), Short(), options);
  Result<HttpsResponse> ok = client.Request("GET", "/plain", "", "");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->body, plain);
  EXPECT_EQ(client.Request("GET", "/bomb", "", "").status().reason(), "answer_too_large");
  EXPECT_EQ(client.Request("GET", "/broken", "", "").status().reason(), "bad_compressed_body");
  EXPECT_EQ(client.Request("GET", "/br", "", "").status().reason(), "bad_compressed_body");
}

TEST(HttpsClientTest, RefusesAnAnswerLargerThanTheLimitOnTheWire) {
  std::string big(300'000, 'd');
  TlsTestServer server([&](const SeenRequest&) { return HttpAnswer(200, big); });
  HttpsOptions options;
  options.max_answer_bytes = 100'000;
  HttpsClient client(EndpointOf(server), Short(), options);
  EXPECT_EQ(client.Request("GET", "/", "", "").status().reason(), "answer_too_large");
}

TEST(HttpsClientTest, ResumesTheTlsSessionOnReconnect) {
  TlsTestServer server([](const SeenRequest&) { return HttpAnswer(200, "ok"); });
  HttpsClient client(EndpointOf(server), Short());
  ASSERT_TRUE(client.Request("GET", "/", "", "").ok());
  HttpsStats first = client.Stats();
  EXPECT_EQ(first.connections, 1);
  EXPECT_FALSE(first.last_resumed);
  client.Close();
  HttpsStats closed = client.Stats();
  ASSERT_TRUE(client.Request("GET", "/", "", "").ok());
  client.Close();
  HttpsStats second = client.Stats();
  EXPECT_EQ(second.connections, 2);
  EXPECT_EQ(second.resumed_connections, 1);
  EXPECT_TRUE(second.last_resumed);
  EXPECT_EQ(server.resumed(), 1);
  // The same request costs fewer bytes on a resumed session (no
  // certificate, no full key exchange).
  uint64_t full = closed.bytes_sent + closed.bytes_received;
  uint64_t resumed = second.bytes_sent + second.bytes_received - full;
  EXPECT_LT(resumed, full);
  std::printf("[ figures  ] one GET: full handshake %llu bytes, resumed %llu bytes\n",
              static_cast<unsigned long long>(full), static_cast<unsigned long long>(resumed));
}

TEST(HttpsClientTest, KeepsResumingWhenTheHubSendsNoNewTicket) {
  // The hub sends no ticket on a resumed connection: the client reuses the
  // one it has, again and again.
  TlsTestServer server([](const SeenRequest&) { return HttpAnswer(200, "ok"); });
  server.NoTicketOnResumption();
  HttpsClient client(EndpointOf(server), Short());
  ASSERT_TRUE(client.Request("GET", "/", "", "").ok());
  client.Close();
  HttpsStats closed = client.Stats();
  uint64_t full = closed.bytes_sent + closed.bytes_received;
  uint64_t last = full;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(client.Request("GET", "/", "", "").ok());
    client.Close();
    EXPECT_TRUE(client.Stats().last_resumed) << i;
    HttpsStats s = client.Stats();
    uint64_t resumed = s.bytes_sent + s.bytes_received - last;
    last = s.bytes_sent + s.bytes_received;
    EXPECT_LT(resumed, full);
    if (i == 0) {
      std::printf("[ figures  ] one GET, no ticket on resumption: full %llu bytes, resumed %llu\n",
                  static_cast<unsigned long long>(full), static_cast<unsigned long long>(resumed));
    }
  }
  EXPECT_EQ(server.resumed(), 3);
}

TEST(HttpsClientTest, ResumesTls12SessionsToo) {
  TlsTestServer server([](const SeenRequest&) { return HttpAnswer(200, "ok"); });
  server.MaxVersion(TLS1_2_VERSION);
  HttpsClient client(EndpointOf(server), Short());
  ASSERT_TRUE(client.Request("GET", "/", "", "").ok());
  client.Close();
  ASSERT_TRUE(client.Request("GET", "/", "", "").ok());
  EXPECT_TRUE(client.Stats().last_resumed);
  EXPECT_EQ(server.resumed(), 1);
}

TEST(HttpsClientTest, TheSessionFileCarriesResumptionToTheNextClient) {
  TempDir tmp;
  TlsTestServer server([](const SeenRequest&) { return HttpAnswer(200, "ok"); });
  HttpsOptions options;
  options.session_file = tmp.path() + "/tls-session";
  {
    HttpsClient client(EndpointOf(server), Short(), options);
    ASSERT_TRUE(client.Request("GET", "/", "", "").ok());
    EXPECT_FALSE(client.Stats().last_resumed);
  }
  struct stat st {};
  ASSERT_EQ(stat(options.session_file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  {
    HttpsClient client(EndpointOf(server), Short(), options);
    ASSERT_TRUE(client.Request("GET", "/", "", "").ok());
    EXPECT_TRUE(client.Stats().last_resumed);
  }
  EXPECT_EQ(server.resumed(), 1);
}

TEST(HttpsClientTest, ABadSessionFileIsIgnoredSilently) {
  TempDir tmp;
  TlsTestServer server([](const SeenRequest&) { return HttpAnswer(200, "ok"); });
  HttpsOptions options;
  options.session_file = tmp.path() + "/tls-session";
  HttpsEndpoint ep = EndpointOf(server);
  const std::string header = "gongkai-tls-session 1\n127.0.0.1:" + std::to_string(ep.port) + " " +
                             ep.cert_sha256 + "\n";
  for (const std::string& junk :
       {std::string("garbage"), header + "!!!not base64\n", header + "AAAA\n",
        std::string("gongkai-tls-session 1\nother:1 ") + std::string(64, 'a') + "\nAAAA\n",
        std::string()}) {
    std::ofstream(options.session_file, std::ios::binary) << junk;
    HttpsClient client(ep, Short(), options);
    Result<HttpsResponse> r = client.Request("GET", "/", "", "");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_FALSE(client.Stats().last_resumed);
  }
  // A session of another hub (different pin) is not offered either.
  {
    HttpsClient client(ep, Short(), options);
    ASSERT_TRUE(client.Request("GET", "/", "", "").ok());
  }
  std::string text;
  {
    std::ifstream in(options.session_file, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  size_t at = text.find(ep.cert_sha256);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 64, std::string(64, 'f'));
  std::ofstream(options.session_file, std::ios::binary) << text;
  HttpsClient client(ep, Short(), options);
  ASSERT_TRUE(client.Request("GET", "/", "", "").ok());
  EXPECT_FALSE(client.Stats().last_resumed);
}

TEST(HttpsClientTest, AStalledAnswerTimesOutAndTheRetryUsesAFreshConnection) {
  int requests = 0;
  TlsTestServer server([&](const SeenRequest&) -> std::optional<std::string> {
    if (++requests == 1) return std::nullopt;  // stall
    return HttpAnswer(200, "late but fine");
  });
  HttpsClient client(EndpointOf(server), Short());
  Result<HttpsResponse> r = client.Request("GET", "/", "", "");
  EXPECT_EQ(r.status().reason(), "hub_timeout");
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
  Result<HttpsResponse> again = client.Request("GET", "/", "", "");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->body, "late but fine");
  EXPECT_EQ(server.connections(), 2);
}

TEST(HttpsClientTest, TheRetryPolicyCarriesARequestPastAStall) {
  int requests = 0;
  TlsTestServer server([&](const SeenRequest&) -> std::optional<std::string> {
    if (++requests <= 2) return std::nullopt;
    return HttpAnswer(200, "ok");
  });
  HttpsClient client(EndpointOf(server), Short());
  RetryClock clock;
  clock.now = [] { return std::chrono::steady_clock::now(); };
  clock.sleep = [](milliseconds) { return true; };  // no real waiting
  GetFn get = RetryingGet(
      [&](const std::string& target) { return client.Request("GET", target, "", ""); },
      RetryPolicy{}, clock);
  Result<HttpsResponse> r = get("/v1/catalog?since=0");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(server.connections(), 3);
}

TEST(HttpsClientTest, AHandshakeThatNeverCompletesTimesOut) {
  // A listening socket that is never served: the kernel completes TCP,
  // nobody answers the ClientHello.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(fd, 4), 0);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  HttpsTimeouts t = Short();
  t.handshake = milliseconds(300);
  HttpsClient client(HttpsEndpoint{"127.0.0.1", ntohs(addr.sin_port), std::string(64, 'a')}, t);
  Result<HttpsResponse> r = client.Request("GET", "/", "", "");
  EXPECT_EQ(r.status().reason(), "hub_timeout");
  close(fd);
}

TEST(HttpsClientTest, ARefusedConnectionIsUnreachable) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);  // bound once, now nobody listens there
  HttpsClient client(HttpsEndpoint{"127.0.0.1", ntohs(addr.sin_port), std::string(64, 'a')},
                     Short());
  Result<HttpsResponse> r = client.Request("GET", "/", "", "");
  EXPECT_EQ(r.status().reason(), "hub_unreachable");
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
}

TEST(HttpsClientTest, AWrongPinIsRefusedAndNotRetried) {
  TlsTestServer server([](const SeenRequest&) { return HttpAnswer(200, "ok"); });
  HttpsClient client(HttpsEndpoint{"127.0.0.1", server.port(), std::string(64, '0')}, Short());
  Result<HttpsResponse> r = client.Request("GET", "/", "", "");
  EXPECT_EQ(r.status().reason(), "cert_pin_mismatch");
  EXPECT_FALSE(IsTransient(r));
  // The one line names the address, both fingerprints and the station's
  // way to set the pin again.
  const std::string& m = r.status().message();
  EXPECT_NE(m.find("127.0.0.1:" + std::to_string(server.port())), std::string::npos) << m;
  EXPECT_NE(m.find(std::string(64, '0')), std::string::npos) << m;
  EXPECT_NE(m.find("gongkai-station config --hub-cert-sha256"), std::string::npos) << m;
  EXPECT_NE(m.find("公告证书 0 张"), std::string::npos) << m;
}

TEST(HttpsClientTest, AWrongPinSaysTheAdviceOfTheProgramThatSetIt) {
  TlsTestServer server([](const SeenRequest&) { return HttpAnswer(200, "ok"); });
  HttpsEndpoint ep{"127.0.0.1", server.port(), std::string(64, '0')};
  ep.pin_advice = "用新的 --hub-cert-sha256 再运行。";
  ep.follows_announcements = false;
  HttpsClient client(ep, Short());
  Result<HttpsResponse> r = client.Request("GET", "/", "", "");
  ASSERT_EQ(r.status().reason(), "cert_pin_mismatch");
  const std::string& m = r.status().message();
  EXPECT_TRUE(m.ends_with("用新的 --hub-cert-sha256 再运行。")) << m;
  EXPECT_EQ(m.find("gongkai-station"), std::string::npos) << m;
  EXPECT_EQ(m.find("公告"), std::string::npos) << m;
}

}  // namespace
}  // namespace gongkai::station
