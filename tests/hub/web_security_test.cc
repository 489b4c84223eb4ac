// The administrator pages refuse what they must (hub/web/web_app.h):
// every action without a session (401 not_signed_in) and without the
// CSRF token (403 bad_csrf_token) with nothing written; sign-in needs its
// form token, wrong passwords are rate-limited per address and per
// account (429 too_many_attempts); sessions expire (idle, absolute) and
// end at sign-out; cookies and security headers are as documented.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <future>
#include <thread>

#include "hub/web/csrf_token.h"
#include "tests/hub/web_fixture.h"

namespace gongkai::hub::testing {
namespace {

class WebSecurityTest : public WebFixture {
 protected:
  void SetUp() override {
    WebFixture::SetUp();
    if (HasFatalFailure()) return;
    ApproveFirstRow();
    conflict_ = MakeConflict();
    ASSERT_FALSE(conflict_.empty());
    Result<ProposedHead> head = BuildProposedHead(*db_);
    ASSERT_TRUE(head.ok());
    changeset_ = HexEncode(head->undecided[0].meta.id);
  }

  // Each state-changing form, complete except for the CSRF token.
  std::vector<std::pair<std::string, std::string>> Actions() const {
    return {{"/admin/resolve", "conflict=" + conflict_ + "&action=keep"},
            {"/admin/resolve", "conflict=" + conflict_ + "&action=value&value=0375-9"},
            {"/admin/approve", "note=ok"},
            {"/admin/reject", "changeset=" + changeset_ + "&reason=%E4%B8%8D%E5%AF%B9&confirmed=1"},
            {"/admin/roster/add",
             "name=li&password=li-mima-2024-long&password_again=li-mima-2024-"
             "long&my_password=" +
                 std::string(kPassword)},
            {"/admin/roster/revoke", "name=zhang&self=1&my_password=" + std::string(kPassword)},
            {"/admin/stations/enroll", "station=xinfeng-01&unit="},
            {"/admin/logout", ""}};
  }

  std::string conflict_;
  std::string changeset_;
};

TEST(CsrfTokenTest, AMaskedTokenMatchesOnlyItsSessionToken) {
  std::string token = HexEncode(Bytes(32, 0x3c));
  std::string other = HexEncode(Bytes(32, 0x3d));
  std::string m1 = web::MaskCsrfToken(token);
  std::string m2 = web::MaskCsrfToken(token);
  EXPECT_EQ(m1.size(), 128u);
  EXPECT_NE(m1, m2);
  EXPECT_TRUE(web::CsrfTokenMatches(m1, token));
  EXPECT_TRUE(web::CsrfTokenMatches(m2, token));
  EXPECT_FALSE(web::CsrfTokenMatches(m1, other));
  EXPECT_FALSE(web::CsrfTokenMatches(token, token));  // the bare token is not a form token
  EXPECT_FALSE(web::CsrfTokenMatches(std::string(128, 'z'), token));
}

TEST_F(WebSecurityTest, EveryActionWithoutASessionIsRefusedAndWritesNothing) {
  Hash32 before = WebStateDigest(db_path());
  for (const auto& [path, body] : Actions()) {
    for (const std::string& cookie :
         {std::string(), std::string("__Host-gk_session=") + std::string(64, 'a'),
          std::string("__Host-gk_session=short")}) {
      HttpResponse r = Request("POST", path, cookie, body + "&csrf=" + std::string(64, 'b'));
      EXPECT_EQ(r.status, 401) << path;
      EXPECT_EQ(r.error_code, "not_signed_in") << path;
      EXPECT_EQ(Header(r, "X-Gongkai-Error"), "not_signed_in");
    }
  }
  EXPECT_EQ(WebStateDigest(db_path()), before);
}

TEST_F(WebSecurityTest, EveryAdminPageWithoutASessionRedirectsToSignIn) {
  for (const char* path :
       {"/admin", "/admin/versions", "/admin/stations", "/admin/roster", "/admin/nothing"}) {
    HttpResponse r = GetPage(path);
    EXPECT_EQ(r.status, 303) << path;
    EXPECT_EQ(r.error_code, "not_signed_in") << path;
    EXPECT_EQ(Header(r, "Location"), "/admin/login");
    EXPECT_EQ(r.body.find("0375-2222222"), std::string::npos);
  }
}

TEST_F(WebSecurityTest, EveryActionWithoutTheCsrfTokenIsRefusedAndWritesNothing) {
  SignIn();
  Hash32 before = WebStateDigest(db_path());
  for (const auto& [path, body] : Actions()) {
    for (const std::string& token :
         {std::string(), std::string("&csrf="), "&csrf=" + std::string(64, '0'),
          "&csrf=" + csrf_.substr(0, 63)}) {
      HttpResponse r = PostForm(path, body + token);
      EXPECT_EQ(r.status, 403) << path << token;
      EXPECT_EQ(r.error_code, "bad_csrf_token") << path << token;
    }
  }
  EXPECT_EQ(WebStateDigest(db_path()), before);
  // The refused sign-out did not end the session.
  EXPECT_EQ(GetPage("/admin", cookie_).status, 200);
}

TEST_F(WebSecurityTest, TheTokenIsMaskedAnewInEveryPageAndEachCopyWorks) {
  SignIn();
  std::string first = csrf_;
  std::string second = CsrfIn(GetPage("/admin", cookie_).body);
  ASSERT_EQ(second.size(), 128u);
  EXPECT_NE(first, second);  // no repeated secret bytes for a compression oracle
  HttpResponse r =
      PostForm("/admin/resolve", "csrf=" + first + "&conflict=" + conflict_ + "&action=keep");
  EXPECT_EQ(r.status, 303) << r.error_code;
  r = PostForm("/admin/resolve", "csrf=" + second + "&conflict=" + conflict_ + "&action=keep");
  EXPECT_EQ(r.status, 303) << r.error_code;
}

TEST_F(WebSecurityTest, TheTokenOfAnotherSessionIsRefused) {
  SignIn();
  std::string other_csrf = csrf_;
  std::string mine = cookie_;
  SignIn();  // a second session, its own token
  ASSERT_NE(csrf_, other_csrf);
  Hash32 before = WebStateDigest(db_path());
  HttpResponse r = Request("POST", "/admin/approve", cookie_, "csrf=" + other_csrf);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error_code, "bad_csrf_token");
  EXPECT_EQ(WebStateDigest(db_path()), before);
  EXPECT_EQ(GetPage("/admin", mine).status, 200);
}

TEST_F(WebSecurityTest, SignInWithoutTheFormTokenIsRefused) {
  HttpResponse r =
      Request("POST", "/admin/login", "",
              std::string("admin=zhang&password=") + kPassword + "&csrf=" + std::string(64, 'c'));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error_code, "bad_csrf_token");
  EXPECT_EQ(Header(r, "Set-Cookie").find("__Host-gk_session"), std::string::npos);
}

// Issue 21 (2): failures on a name slow new browsers down by a flat 30 s
// that never grows — an outsider can no longer keep the name locked for an
// hour with one request an hour.
TEST_F(WebSecurityTest, WrongPasswordIsThrottledPerAccountWithAFlatWait) {
  for (int i = 0; i < 5; ++i) {
    HttpResponse r = TrySignIn("zhang", "wrong-password", "10.0.0." + std::to_string(i) + ":1");
    EXPECT_EQ(r.status, 401) << i;
    EXPECT_EQ(r.error_code, "wrong_password");
  }
  // Throttled: from a new browser even the right password waits 30 s.
  HttpResponse locked = TrySignIn("zhang", kPassword, "10.0.0.99:1");
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.error_code, "too_many_attempts");
  EXPECT_EQ(Header(locked, "Retry-After"), "30");
  EXPECT_NE(locked.body.find("登录失败次数太多"), std::string::npos);
  // More failures later do not make the wait grow.
  for (int i = 0; i < 10; ++i) {
    now_ += 31;
    EXPECT_EQ(TrySignIn("zhang", "wrong-password", "10.0.1." + std::to_string(i) + ":1").status,
              401);
    EXPECT_EQ(Header(TrySignIn("zhang", kPassword, "10.0.2.1:1"), "Retry-After"), "30");
  }
  now_ += 31;
  EXPECT_EQ(TrySignIn("zhang", kPassword, "10.0.0.99:1").status, 303);
}

// A browser that signed in before is never slowed by anybody else's
// failures — on its name, from its own address, or anywhere.
TEST_F(WebSecurityTest, KnownBrowserSignsInWhateverOthersTry) {
  HttpResponse first = TrySignIn("zhang", kPassword, "127.0.0.1:1");
  ASSERT_EQ(first.status, 303);
  std::string device = DeviceCookie(first);
  ASSERT_EQ(device.rfind("__Host-gk_device=", 0), 0u) << device;
  for (int i = 0; i < 60; ++i) {  // from its own address, half of them on its name
    EXPECT_NE(
        TrySignIn(i % 2 ? "zhang" : "admin" + std::to_string(i), "guess", "127.0.0.1:2").status,
        303);
  }
  EXPECT_EQ(TrySignIn("zhang", kPassword, "127.0.0.1:3").status, 429);  // a new browser waits
  HttpResponse known = TrySignInWith(device, "zhang", kPassword, "127.0.0.1:4");
  EXPECT_EQ(known.status, 303) << known.error_code;
  // The cookie speaks only for the name it signed in as.
  EXPECT_EQ(TrySignInWith(device, "li", "guess", "127.0.0.1:5").status, 429);
}

TEST_F(WebSecurityTest, FailureCountsDecayAfterAnHourWithoutFailures) {
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(TrySignIn("x" + std::to_string(i), "guess", "10.7.7.7:1").status, 401);
  }
  now_ += 3601;
  // The count starts again: four more failures do not lock the address.
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(TrySignIn("y" + std::to_string(i), "guess", "10.7.7.7:1").status, 401);
  }
  EXPECT_EQ(TrySignIn("zhang", kPassword, "10.7.7.7:1").status, 303);
}

// Issue 21 (2): the password check (scrypt) runs on the sign-in thread,
// not on the thread that received the request (a server I/O thread).
TEST_F(WebSecurityTest, PasswordIsCheckedOffTheRequestThread) {
  HttpResponse form = GetPage("/admin/login");
  HttpRequest req;
  req.method = "POST";
  req.target = "/admin/login";
  req.cookie = CookiePair(form);
  req.body = std::string("admin=zhang&password=") + kPassword + "&csrf=" + CsrfIn(form.body);
  req.remote = "10.0.0.7:40000";
  req.content_type = "application/x-www-form-urlencoded";
  std::promise<std::pair<int, std::thread::id>> answered;
  api_->Handle(req, [&answered](HttpResponse r) {
    answered.set_value({r.status, std::this_thread::get_id()});
  });
  auto [status, thread] = answered.get_future().get();
  EXPECT_EQ(status, 303);
  EXPECT_NE(thread, std::this_thread::get_id());
  // Pages other than the sign-in are answered on the calling thread.
  std::thread::id page_thread;
  HttpRequest get;
  get.method = "GET";
  get.target = "/";
  api_->Handle(get, [&page_thread](HttpResponse) { page_thread = std::this_thread::get_id(); });
  EXPECT_EQ(page_thread, std::this_thread::get_id());
}

TEST_F(WebSecurityTest, SignInTrailIsShownToTheAdministrator) {
  EXPECT_EQ(TrySignIn("zhang", "guess", "10.3.3.3:1").status, 401);
  SignIn();
  HttpResponse page = GetPage("/admin/signins", cookie_);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("10.3.3.3"), std::string::npos);
  EXPECT_NE(page.body.find("wrong_password"), std::string::npos);
  EXPECT_NE(page.body.find("signed_in"), std::string::npos);
  EXPECT_EQ(GetPage("/admin/signins").status, 303);  // not signed in: to the sign-in page
}

// Issue 21 (item 2): the trail is in the hub database: it survives a
// restart of the hub's web pages, is paged (?before=ID), and records the
// lock a wrong password started.
TEST_F(WebSecurityTest, SignInTrailSurvivesARestartAndIsPaged) {
  for (int i = 1; i <= 5; ++i) {
    EXPECT_EQ(TrySignIn("zhang", "guess", "10.4.4." + std::to_string(i) + ":1").status, 401);
  }
  EXPECT_EQ(TrySignIn("zhang", kPassword, "10.4.4.9:1").status, 429);  // the account waits
  EXPECT_EQ(CountRows(db_path(), "sign_ins"), 6);
  // A restart: a new web application over the same database file.
  StartApi([](ApiOptions& opts) { opts.web.signins_page_rows = 4; });
  ASSERT_FALSE(HasFatalFailure());
  now_ += 31;  // the flat per-account wait is over
  SignIn();    // the 7th attempt
  HttpResponse first = GetPage("/admin/signins", cookie_);
  ASSERT_EQ(first.status, 200);
  EXPECT_NE(first.body.find("共保存 7 次登录尝试"), std::string::npos);
  EXPECT_NE(first.body.find("signed_in"), std::string::npos);
  EXPECT_NE(first.body.find("10.4.4.9"), std::string::npos);
  EXPECT_NE(first.body.find("too_many_attempts"), std::string::npos);
  EXPECT_EQ(first.body.find("10.4.4.1<"), std::string::npos) << "the oldest is on page 2";
  // The 5th failure locked the account (a flat 30 s): shown on its line.
  EXPECT_NE(first.body.find("之后暂停 30 秒"), std::string::npos);
  PatternGroups m;
  ASSERT_TRUE(Pattern("href=\"/admin/signins\\?before=([0-9]+)\"").Search(first.body, &m));
  HttpResponse second = GetPage("/admin/signins?before=" + m[1], cookie_);
  ASSERT_EQ(second.status, 200);
  EXPECT_NE(second.body.find("10.4.4.1<"), std::string::npos);
  EXPECT_NE(second.body.find("10.4.4.3<"), std::string::npos);
  EXPECT_EQ(second.body.find("10.4.4.9"), std::string::npos);
  EXPECT_EQ(second.body.find("id=\"older-signins\""), std::string::npos) << "the last page";
  EXPECT_EQ(GetPage("/admin/signins?before=x", cookie_).error_code, "bad_query");
}

// A sign-in that cannot be written to the trail does not sign anyone in.
TEST_F(WebSecurityTest, SignInThatCannotBeRecordedIsRefused) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TRIGGER no_trail BEFORE INSERT ON sign_ins "
                         "BEGIN SELECT RAISE(ABORT, 'disk full'); END",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  HttpResponse r = TrySignIn("zhang", kPassword);
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(Header(r, "Retry-After"), "1");
  for (const auto& [name, value] : r.headers) {
    EXPECT_FALSE(name == "Set-Cookie" && value.rfind("__Host-gk_session=", 0) == 0) << value;
  }
  EXPECT_EQ(CountRows(db_path(), "sign_ins"), 0);
}

TEST_F(WebSecurityTest, WrongPasswordIsRateLimitedPerAddressWithGrowingLockout) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(
        TrySignIn("admin" + std::to_string(i), "wrong-password", "10.9.9.9:" + std::to_string(i))
            .status,
        401);
  }
  HttpResponse locked = TrySignIn("zhang", kPassword, "10.9.9.9:7");
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.error_code, "too_many_attempts");
  now_ += 31;
  // The sixth failure locks for twice as long.
  EXPECT_EQ(TrySignIn("someone", "wrong-password", "10.9.9.9:8").status, 401);
  HttpResponse again = TrySignIn("zhang", kPassword, "10.9.9.9:9");
  EXPECT_EQ(again.status, 429);
  EXPECT_EQ(Header(again, "Retry-After"), "60");
  // Another address is not affected.
  EXPECT_EQ(TrySignIn("zhang", kPassword, "10.1.1.1:9").status, 303);
}

TEST_F(WebSecurityTest, SessionCookieAttributes) {
  HttpResponse r = TrySignIn("zhang", kPassword);
  ASSERT_EQ(r.status, 303);
  std::string c = Header(r, "Set-Cookie");
  EXPECT_EQ(c.rfind("__Host-gk_session=", 0), 0u);
  std::string id = CookiePair(r).substr(std::string("__Host-gk_session=").size());
  EXPECT_EQ(id.size(), 64u);  // 256 random bits
  for (const char* attr : {"; HttpOnly", "; Secure", "; SameSite=Strict", "; Path=/"}) {
    EXPECT_NE(c.find(attr), std::string::npos) << attr;
  }
}

TEST_F(WebSecurityTest, SessionExpiresAfterIdleTime) {
  SignIn();
  now_ += 29 * 60;
  EXPECT_EQ(GetPage("/admin", cookie_).status, 200);
  now_ += 30 * 60 + 1;
  HttpResponse r = GetPage("/admin", cookie_);
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.error_code, "not_signed_in");
  Hash32 before = WebStateDigest(db_path());
  EXPECT_EQ(PostForm("/admin/approve", "csrf=" + csrf_).error_code, "not_signed_in");
  EXPECT_EQ(WebStateDigest(db_path()), before);
}

TEST_F(WebSecurityTest, SessionExpiresTwelveHoursAfterSignInEvenWhenUsed) {
  SignIn();
  for (int i = 0; i < 12 * 3; ++i) {
    now_ += 20 * 60;
    HttpResponse r = GetPage("/admin", cookie_);
    if (i < 12 * 3 - 1) {
      ASSERT_EQ(r.status, 200) << i;
    } else {
      EXPECT_EQ(r.status, 200);  // exactly 12 h
    }
  }
  now_ += 1;
  EXPECT_EQ(GetPage("/admin", cookie_).error_code, "not_signed_in");
}

TEST_F(WebSecurityTest, SignOutEndsTheSession) {
  SignIn();
  HttpResponse r = PostForm("/admin/logout", "csrf=" + csrf_);
  EXPECT_EQ(r.status, 303);
  EXPECT_NE(Header(r, "Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(GetPage("/admin", cookie_).error_code, "not_signed_in");
}

TEST_F(WebSecurityTest, SecurityHeadersOnEveryPage) {
  SignIn();
  for (const HttpResponse& r :
       {GetPage("/"), GetPage("/rows/" + RowId(10)), GetPage("/admin/login"),
        GetPage("/admin", cookie_), GetPage("/admin/versions", cookie_),
        GetPage("/admin/stations", cookie_), GetPage("/static/hub.css"), GetPage("/rows/nope")}) {
    EXPECT_NE(Header(r, "Content-Security-Policy").find("default-src 'self'"), std::string::npos);
    EXPECT_NE(Header(r, "Content-Security-Policy").find("frame-ancestors 'none'"),
              std::string::npos);
    EXPECT_EQ(Header(r, "X-Frame-Options"), "DENY");
    EXPECT_EQ(Header(r, "Referrer-Policy"), "no-referrer");
    EXPECT_EQ(Header(r, "X-Content-Type-Options"), "nosniff");
  }
}

TEST_F(WebSecurityTest, PagesReferenceNothingOutsideTheHub) {
  SignIn();
  for (const HttpResponse& r :
       {GetPage("/"), GetPage("/admin", cookie_), GetPage("/admin/login")}) {
    // No link, image, form or style leads elsewhere (the audit section
    // shows this hub's own address as text in a command to copy).
    for (const char* attr : {"href=\"http", "src=\"http", "action=\"http", "url(http"}) {
      EXPECT_EQ(r.body.find(attr), std::string::npos) << attr;
    }
    EXPECT_EQ(r.body.find("<script"), std::string::npos);
  }
}

TEST_F(WebSecurityTest, TheApiIsUnchanged) {
  HttpResponse r = GetPage("/v1/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(GetPage("/v2/nothing").error_code, "not_found");
}

}  // namespace
}  // namespace gongkai::hub::testing
