// The sign-in form and POST /admin/login (docs/hub-web.md § Sign-in).
//
// The form carries a random token that is also set as the cookie
// __Host-gk_login (double submit): a sign-in posted from another site has
// no matching pair and is refused with 403 "bad_csrf_token". Then the
// limiter (hub/web/sign_in_limiter.h) is asked for both the client address
// and the account before any password is checked (429
// "too_many_attempts"); then the password unlocks the administrator's
// encrypted key (hub/admin/admin_password.h), which the new session keeps.
#include <algorithm>

#include "core/base/hex.h"
#include "hub/admin/admin_password.h"
#include "hub/admin/password_kdf.h"
#include "hub/web/form.h"
#include "hub/web/html.h"
#include "hub/web/web_app.h"
#include "hub/web/web_response.h"

namespace gongkai::hub::web {
namespace {

// "ip:port" → "ip" ("[::1]:443" and "::1:443" → the address part).
std::string AddressOf(const std::string& remote) {
  size_t colon = remote.rfind(':');
  std::string a = colon == std::string::npos ? remote : remote.substr(0, colon);
  if (a.size() >= 2 && a.front() == '[' && a.back() == ']') a = a.substr(1, a.size() - 2);
  return a;
}

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
  std::string admin = form["admin"];
  const std::string& password = form["password"];
  int64_t now = Now();
  std::string addr_key = "addr:" + AddressOf(req.remote);
  std::string admin_key = "admin:" + admin.substr(0, 64);
  int64_t wait = std::max(limiter_.RetryAfter(addr_key, now), limiter_.RetryAfter(admin_key, now));
  if (wait > 0) {
    HttpResponse r =
        SignInForm(429, "登录失败次数太多，请 " + WaitText(wait) + "后再试", "too_many_attempts");
    r.headers.emplace_back("Retry-After", std::to_string(wait));
    return r;
  }
  Result<AdminSigner> signer = [&] {
    std::lock_guard<std::mutex> lock(db_mu_);
    return UnlockAdminWithPassword(db_, paths_, admin, password);
  }();
  if (!signer.ok()) {
    const Status& s = signer.status();
    if (s.code() != Code::kUnauthenticated) {
      return SignInForm(500, "无法登录: " + s.message(), s.reason());
    }
    limiter_.Failure(addr_key, now);
    limiter_.Failure(admin_key, now);
    return SignInForm(401, "管理员名称或密码不对", "wrong_password");
  }
  limiter_.Success(addr_key);
  limiter_.Success(admin_key);
  std::string id = sessions_.Create(std::move(signer).value(), now);
  HttpResponse r = Redirect("/admin");
  r.headers.emplace_back("Set-Cookie", CookieHeader(kSessionCookie, id, opts_.session_max_seconds));
  return r;
}

}  // namespace gongkai::hub::web
