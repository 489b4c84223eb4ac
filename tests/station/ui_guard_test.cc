// Who may use the station page (station/ui/ui_guard.h, ui_app.h): without
// the session cookie, the CSRF token, a same-origin Origin/Referer, the
// page's own Host, or from a peer that is not loopback, a request is
// refused with 403 and its reason, and nothing is written.
#include "station/ui/ui_guard.h"

#include <gtest/gtest.h>

#include "tests/station/ui_fixture.h"

namespace gongkai::station::testing {
namespace {

using ui::UiRequest;
using ui::UiResponse;

class UiGuardTest : public UiTest {
 protected:
  // The add form post, as the page sends it; tests spoil one part.
  UiRequest AddPost() {
    UiRequest r = Request("POST", "/row/new");
    r.content_type = "application/x-www-form-urlencoded";
    auto fields = ValidRowForm();
    fields.insert(fields.begin(), {"csrf", kCsrf});
    r.body = Encode(fields);
    return r;
  }

  // Sends r; expects a refusal with `reason` and nothing written.
  void ExpectRefused(const UiRequest& r, const std::string& reason) {
    std::string before = StoreFingerprint(dir_);
    UiResponse res = app_->Handle(r);
    EXPECT_EQ(res.status, 403) << res.body;
    EXPECT_EQ(HeaderOf(res, "X-Gongkai-Reason"), reason);
    EXPECT_EQ(StoreFingerprint(dir_), before);
    EXPECT_EQ(syncs_.load(), 0);
  }
};

TEST_F(UiGuardTest, TheUnspoiledPostIsAccepted) {
  UiResponse r = app_->Handle(AddPost());
  EXPECT_EQ(r.status, 303) << r.body;
}

TEST_F(UiGuardTest, PostWithoutCsrfTokenIsRefused) {
  UiRequest r = AddPost();
  r.body = r.body.substr(r.body.find('&') + 1);  // drop csrf=…
  ExpectRefused(r, "bad_csrf");
}

TEST_F(UiGuardTest, PostWithWrongCsrfTokenIsRefused) {
  UiRequest r = AddPost();
  r.body.replace(r.body.find(kCsrf), kCsrf.size(), std::string(64, 'd'));
  ExpectRefused(r, "bad_csrf");
}

TEST_F(UiGuardTest, CsrfTokenInHeaderIsAccepted) {
  UiRequest r = Request("POST", "/sync");
  r.csrf_header = kCsrf;
  EXPECT_EQ(app_->Handle(r).status, 303);
  app_->WaitForSync();
  EXPECT_EQ(syncs_.load(), 1);
}

TEST_F(UiGuardTest, SyncWithoutCsrfIsRefused) {
  ExpectRefused(Request("POST", "/sync"), "bad_csrf");
}

TEST_F(UiGuardTest, RetireAndImportWithoutCsrfAreRefused) {
  ExpectRefused(Request("POST", "/row/00000000-0000-4000-8000-000000000002/retire"), "bad_csrf");
  std::string before = StoreFingerprint(dir_);
  UiResponse r = Upload("a.csv", "领域\r\n扶贫\r\n", /*with_csrf=*/false);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(HeaderOf(r, "X-Gongkai-Reason"), "bad_csrf");
  EXPECT_EQ(StoreFingerprint(dir_), before);
}

TEST_F(UiGuardTest, PostFromAnotherSiteIsRefused) {
  UiRequest r = AddPost();
  r.origin = "https://evil.example";
  ExpectRefused(r, "bad_origin");
  r.origin = "http://127.0.0.1:9999";  // another port: another origin
  ExpectRefused(r, "bad_origin");
  r.origin = "null";  // a sandboxed frame or a file:// page
  ExpectRefused(r, "bad_origin");
}

TEST_F(UiGuardTest, PostWithNeitherOriginNorRefererIsRefused) {
  UiRequest r = AddPost();
  r.origin.clear();
  ExpectRefused(r, "bad_origin");
}

TEST_F(UiGuardTest, PostWithSameOriginRefererButNoOriginIsAccepted) {
  UiRequest r = AddPost();
  r.origin.clear();
  r.referer = "http://localhost:" + std::to_string(kUiPort) + "/row/new";
  EXPECT_EQ(app_->Handle(r).status, 303);
  r.referer = "http://127.0.0.1:" + std::to_string(kUiPort) + ".evil.example/";
  ExpectRefused(r, "bad_origin");
}

TEST_F(UiGuardTest, RequestsWithoutTheSessionCookieAreRefused) {
  for (const char* target : {"/", "/api/status", "/export.csv", "/row/new"}) {
    UiRequest r = Request("GET", target);
    r.cookie.clear();
    ExpectRefused(r, "no_session");
  }
  UiRequest wrong = AddPost();
  wrong.cookie = "gk_station_" + std::to_string(kUiPort) + "=" + std::string(64, 'b');
  ExpectRefused(wrong, "no_session");
  UiRequest other_port = Request("GET", "/");
  other_port.cookie = "gk_station_9999=" + kSessionKey;
  ExpectRefused(other_port, "no_session");
}

TEST_F(UiGuardTest, LoginTradesTheLaunchKeyForAStrictHttpOnlyCookie) {
  UiRequest r = Request("GET", "/login?key=" + kSessionKey);
  r.cookie.clear();
  UiResponse res = app_->Handle(r);
  EXPECT_EQ(res.status, 303);
  EXPECT_EQ(HeaderOf(res, "Location"), "/");
  EXPECT_EQ(HeaderOf(res, "Set-Cookie"), "gk_station_" + std::to_string(kUiPort) + "=" +
                                             kSessionKey + "; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_EQ(app_->LaunchUrl(),
            "http://127.0.0.1:" + std::to_string(kUiPort) + "/login?key=" + kSessionKey);
}

// As `gongkai-station ui` runs it: a one-time launch key and a secret path
// that the session cookie is scoped to (docs/station-ui.md § 安全).
TEST_F(UiGuardTest, TheLaunchKeyWorksOnceAndThePagesLiveUnderTheSecretPath) {
  const std::string launch(64, 'c'), token(32, 'd');
  secrets_.launch_key = launch;
  secrets_.path_token = token;
  MakeApp();
  const std::string prefix = "/s/" + token;
  EXPECT_EQ(app_->LaunchUrl(), "http://127.0.0.1:" + std::to_string(kUiPort) + "/login?key=" + launch);
  UiRequest session_as_key = Request("GET", "/login?key=" + kSessionKey);
  session_as_key.cookie.clear();
  ExpectRefused(session_as_key, "bad_key");

  UiRequest login = Request("GET", "/login?key=" + launch);
  login.cookie.clear();
  UiResponse res = app_->Handle(login);
  EXPECT_EQ(res.status, 303);
  EXPECT_EQ(HeaderOf(res, "Location"), prefix + "/");
  EXPECT_EQ(HeaderOf(res, "Set-Cookie"), "gk_station_" + std::to_string(kUiPort) + "=" +
                                             kSessionKey + "; Path=" + prefix +
                                             "/; HttpOnly; SameSite=Strict");
  ExpectRefused(login, "key_spent");  // the second use, even a moment later

  UiResponse page = Get(prefix + "/");
  EXPECT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("<base href=\"" + prefix + "/\">"), std::string::npos);
  EXPECT_EQ(Get(prefix + "/api/status").status, 200);
  EXPECT_EQ(Get(prefix + "/assets/app.css").status, 200);
  EXPECT_EQ(Get(prefix).status, 303);
  for (const char* outside : {"/", "/api/status", "/row/new", "/s/", "/s/x/"}) {
    SCOPED_TRACE(outside);
    ExpectRefused(Request("GET", outside), "no_session");
  }
  UiRequest wrong_token = Request("GET", "/s/" + std::string(32, 'e') + "/");
  ExpectRefused(wrong_token, "no_session");
  UiRequest no_cookie = Request("GET", prefix + "/");
  no_cookie.cookie.clear();
  ExpectRefused(no_cookie, "no_session");
  // After a change the page sends the clerk back under the prefix.
  UiResponse sync = Post(prefix + "/sync", {});
  EXPECT_EQ(sync.status, 303);
  EXPECT_EQ(HeaderOf(sync, "Location").rfind(prefix + "/", 0), 0u) << HeaderOf(sync, "Location");
  app_->WaitForSync();
}

TEST_F(UiGuardTest, LoginWithWrongKeyIsRefused) {
  UiRequest r = Request("GET", "/login?key=" + std::string(64, 'b'));
  r.cookie.clear();
  ExpectRefused(r, "bad_key");
  r.target = "/login";
  ExpectRefused(r, "bad_key");
}

TEST_F(UiGuardTest, ForeignHostIsRefusedEvenWithTheCookie) {
  // DNS rebinding: evil.example resolves to 127.0.0.1, the browser sends
  // its own name as Host (and would send no cookie, but even with one).
  for (const std::string& host :
       std::vector<std::string>{"evil.example", "evil.example:" + std::to_string(kUiPort),
                                "127.0.0.1", "127.0.0.1:9999", "", "127.0.0.2:8600"}) {
    UiRequest r = Request("GET", "/");
    r.host = host;
    ExpectRefused(r, "bad_host");
  }
  UiRequest post = AddPost();
  post.host = "evil.example:" + std::to_string(kUiPort);
  ExpectRefused(post, "bad_host");
}

TEST_F(UiGuardTest, LocalhostHostIsAccepted) {
  UiRequest r = Request("GET", "/");
  r.host = "localhost:" + std::to_string(kUiPort);
  EXPECT_EQ(app_->Handle(r).status, 200);
}

TEST_F(UiGuardTest, NonLoopbackPeerIsRefused) {
  for (const char* peer : {"192.168.1.20", "10.0.0.5", "::ffff:192.168.1.20", "fe80::1"}) {
    UiRequest r = AddPost();
    r.remote = peer;
    ExpectRefused(r, "not_loopback");
  }
}

TEST_F(UiGuardTest, OtherMethodsAreRefused) {
  UiRequest r = Request("PUT", "/row/new");
  EXPECT_EQ(app_->Handle(r).status, 405);
}

TEST(UiGuard, LoopbackPeers) {
  EXPECT_TRUE(ui::IsLoopbackPeer("127.0.0.1"));
  EXPECT_TRUE(ui::IsLoopbackPeer("127.1.2.3"));
  EXPECT_TRUE(ui::IsLoopbackPeer("::1"));
  EXPECT_TRUE(ui::IsLoopbackPeer("::ffff:127.0.0.1"));
  EXPECT_FALSE(ui::IsLoopbackPeer("128.0.0.1"));
  EXPECT_FALSE(ui::IsLoopbackPeer("::ffff:10.0.0.1"));
  EXPECT_FALSE(ui::IsLoopbackPeer("::2"));
}

TEST(UiGuard, SecretsAreFreshRandomHex) {
  ui::UiSecrets a = ui::MakeSecrets(), b = ui::MakeSecrets();
  EXPECT_EQ(a.session_key.size(), 64u);
  EXPECT_EQ(a.csrf_token.size(), 64u);
  EXPECT_NE(a.session_key, a.csrf_token);
  EXPECT_NE(a.session_key, b.session_key);
  EXPECT_FALSE(ui::SecretEquals("", ""));
}

TEST(UiGuard, CookieValueFindsTheNamedCookie) {
  EXPECT_EQ(ui::CookieValue("a=1; gk_station_8600=xyz; b=2", "gk_station_8600"), "xyz");
  EXPECT_EQ(ui::CookieValue("gk_station_86001=xyz", "gk_station_8600"), std::nullopt);
  EXPECT_EQ(ui::CookieValue("", "gk_station_8600"), std::nullopt);
}

}  // namespace
}  // namespace gongkai::station::testing
