// The sign-in form and POST /admin/login (docs/hub-web.md § Sign-in).
//
// The form carries a random token that is also set as the cookie
// __Host-gk_login (double submit): a sign-in posted from another site has
// no matching pair and is refused with 403 "bad_csrf_token". Then the
// guard (hub/web/sign_in_guard.h: the browser's device cookie, else the
// client address, the account and the global count) is asked before any
// password is checked (429 "too_many_attempts"); every attempt goes to the
// sign-in trail in the database (hub/store/sign_in_table.h); then the password unlocks the
// administrator's encrypted key (hub/admin/admin_password.h), which the new session keeps.
#include <algorithm>

#include "core/base/hex.h"
#include "core/base/http_status.h"
#include "hub/admin/admin_password.h"
#include "hub/admin/password_kdf.h"
#include "hub/store/sign_in_table.h"
#include "hub/web/form.h"
#include "hub/web/html.h"
#include "hub/web/web_app.h"
#include "hub/web/web_response.h"

namespace gongkai::hub::web {
namespace {

std::string WaitText(int64_t seconds) {
  if (seconds < 120) return std::to_string(seconds) + " 秒";
  return std::to_string((seconds + 59) / 60) + " 分钟";
}

}  // namespace

HttpResponse WebApp::SignInForm(int status, const std::string& error, const std::string& code) {
  std::string token = HexEncode(RandomBytes(32));
  PageFrame f;
  f.title = "管理员登录";
  if (!error.empty()) {
    f.body += "<div class=\"msg err\" role=\"alert\">" + Esc(error) + "<span class=\"code\"> (" +
              Esc(code) + ")</span></div>";
  }
  f.body +=
      "<form method=\"post\" action=\"/admin/login\" class=\"card\">" + CsrfInput(token) +
      "<p><label for=\"admin\">管理员</label><input type=\"text\" id=\"admin\" name=\"admin\" "
      "autocomplete=\"username\" required></p>"
      "<p><label for=\"password\">密码</label><input type=\"password\" id=\"password\" "
      "name=\"password\" autocomplete=\"current-password\" required></p>"
      "<p><button type=\"submit\">登录</button></p>"
      "<p class=\"meta\">密码由 <code>gongkai-hub admin passwd</code> 设置。连续输错 " +
      std::to_string(opts_.failures_before_lockout) + " 次后需要等待一段时间才能再试。</p></form>";
  HttpResponse r = HtmlResponse(status, RenderPage(f));
  r.headers.emplace_back("Set-Cookie", CookieHeader(kLoginCookie, token, 3600));
  if (!code.empty()) {
    r.error_code = code;
    r.headers.emplace_back("X-Gongkai-Error", code);
  }
  return r;
}

HttpResponse WebApp::SignIn(const HttpRequest& req) {
  Form form = ParseForm(req.body);
  std::optional<std::string> cookie = CookieValue(req.cookie, kLoginCookie);
  auto token = form.find("csrf");
  if (!cookie || cookie->size() != 64 || token == form.end() ||
      !ConstantTimeEqual(token->second, *cookie)) {
    return SignInForm(403, "登录表单已失效，请重新输入", "bad_csrf_token");
  }
  std::string admin = form["admin"].substr(0, 64);
  const std::string& password = form["password"];
  int64_t now = Now();
  std::string address = ClientAddress(req.remote);
  std::string device = CookieValue(req.cookie, kDeviceCookie).value_or("");
  bool known = guard_.KnownDevice(admin, device);
  // Every attempt goes to the trail before it is answered; an attempt that
  // cannot be recorded is refused (503, nobody signed in).
  auto record = [&](std::string_view outcome, int64_t locked) {
    std::lock_guard<std::mutex> lock(db_mu_);
    return AppendSignIn(db_,
                        SignInRecord{0, now, admin, address, known, std::string(outcome), locked});
  };
  auto unrecorded = [&](const Status& s) {
    HttpResponse r = SignInForm(503, "无法记录这次登录，请稍后再试: " + s.message(), s.reason());
    r.headers.emplace_back("Retry-After", "1");
    return r;
  };
  int64_t wait = guard_.RetryAfter(admin, address, device, now);
  if (wait > 0) {
    if (Status s = record(sign_in_outcome::kTooManyAttempts, wait); !s.ok()) return unrecorded(s);
    HttpResponse r =
        SignInForm(429, "登录失败次数太多，请 " + WaitText(wait) + "后再试", "too_many_attempts");
    r.headers.emplace_back("Retry-After", std::to_string(wait));
    return r;
  }
  // The scrypt runs outside the database lock (only the admins-table check
  // takes it), so the other pages do not wait for a sign-in.
  Result<AdminSigner> signer = UnlockAdminWithPassword(db_, paths_, admin, password, &db_mu_);
  if (!signer.ok()) {
    const Status& s = signer.status();
    if (s.code() != Code::kUnauthenticated) {
      // The right password of an administrator the roster refuses
      // (admin_revoked, admin_key_mismatch): a 403 in the trail; a file
      // or database failure: the table's status.
      int status = HttpStatusFor(s);
      if (status < 500) {
        if (Status r = record(s.reason(), 0); !r.ok()) return unrecorded(r);
      }
      return SignInForm(status, "无法登录: " + s.message(), s.reason());
    }
    guard_.Failure(admin, address, device, now);
    if (Status s =
            record(sign_in_outcome::kWrongPassword, guard_.RetryAfter(admin, address, device, now));
        !s.ok()) {
      return unrecorded(s);
    }
    return SignInForm(401, "管理员名称或密码不对", "wrong_password");
  }
  if (Status s = record(sign_in_outcome::kSignedIn, 0); !s.ok()) return unrecorded(s);
  std::string device_token = guard_.Success(admin, address, device);
  std::string id = sessions_.Create(std::move(signer).value(), now);
  HttpResponse r = Redirect("/admin");
  r.headers.emplace_back("Set-Cookie", CookieHeader(kSessionCookie, id, opts_.session_max_seconds));
  // Remembered for a year: this browser is then never slowed by others' failures.
  r.headers.emplace_back("Set-Cookie", CookieHeader(kDeviceCookie, device_token, 365 * 24 * 3600));
  return r;
}

}  // namespace gongkai::hub::web
