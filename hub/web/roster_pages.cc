// The administrators page (docs/hub-web.md § Administrators): the roster
// as `gongkai-hub admin list` shows it, and the forms for add, revoke and
// re-key — the same hub/admin/admin_roster.h functions as `gongkai-hub
// admin add|revoke|rekey`, signed with the signed-in administrator's key
// after the administrator types their password again. These POSTs run on
// the sign-in thread (hub/api/hub_api.cc): each checks a password and
// seals a new key with scrypt.
#include "core/crypto/verifier_key.h"
#include "hub/admin/admin_password.h"
#include "hub/admin/admin_roster.h"
#include "hub/web/csrf_token.h"
#include "hub/web/flash.h"
#include "hub/web/form.h"
#include "hub/web/html.h"
#include "hub/web/web_app.h"
#include "hub/web/web_response.h"
#include "web/query_param.h"

namespace gongkai::hub::web {
namespace {

// The roster's flash line after a redirect (flash.h); another page's
// token, or none, shows nothing.
std::string DoneText(std::optional<Done> done) {
  if (done == Done::kAdminAdded) {
    return "已添加管理员（已签名并记入日志）。请把密码当面交给他/她。";
  }
  if (done == Done::kAdminRevoked) return "已撤销（已签名并记入日志）。";
  if (done == Done::kAdminRekeyed) {
    return "已为该管理员换了新密钥和新密码（撤销旧密钥、登记新密钥，已签名并记入日志）。"
           "请把新密码当面交给他/她。";
  }
  return "";
}

// "您的密码" — every roster form asks for it.
std::string MyPasswordField(const std::string& id) {
  return "<label for=\"" + id +
         "\">您的密码（确认是您本人）</label><input type=\"password\" id=\"" + id +
         "\" name=\"my_password\" autocomplete=\"current-password\" required>";
}

std::string NewPasswordFields(const std::string& prefix) {
  return "<label for=\"" + prefix +
         "-pw\">新密码（至少 8 个字符）</label><input type=\"password\" id=\"" + prefix +
         "-pw\" name=\"password\" autocomplete=\"new-password\" required>" + "<label for=\"" +
         prefix + "-pw2\">再输入一次新密码</label><input type=\"password\" id=\"" + prefix +
         "-pw2\" name=\"password_again\" autocomplete=\"new-password\" required>";
}

}  // namespace

HttpResponse WebApp::RosterPage(const Session& s, std::string_view query) {
  PageFrame f;
  f.title = "管理员名单";
  f.admin = true;
  f.admin_name = s.admin;
  f.csrf = s.csrf;
  Result<std::vector<AdminListing>> roster = [&] {
    std::lock_guard<std::mutex> lock(db_mu_);
    return ListAdminRoster(db_);
  }();
  if (!roster.ok()) {
    return ErrorPage(roster.status().code() == Code::kUnavailable ? 503 : 500,
                     roster.status().reason(), "读取数据库失败: " + roster.status().message());
  }
  if (std::string text = DoneText(ParseDone(query)); !text.empty()) {
    f.body += "<div class=\"msg ok\" role=\"status\">" + Esc(text) + "</div>";
  }
  size_t active = 0;
  for (const AdminListing& l : *roster) active += l.admin.active() ? 1 : 0;
  f.body +=
      "<p class=\"meta\">每次添加、撤销、重设都由您签名并记入日志，各村站点和核验者都会检查。"
      "被撤销的管理员不能再登录或签名；最后一位在任的管理员不能撤销。</p>"
      "<table class=\"rows roster\"><thead><tr><th>管理员</th><th>公钥</th><th>状态</th>"
      "<th>加入</th><th>撤销</th><th>操作</th></tr></thead><tbody>";
  const std::string token = CsrfInput(MaskCsrfToken(s.csrf));
  for (const AdminListing& l : *roster) {
    const std::string& name = l.admin.name;
    std::string added =
        "日志第 " + std::to_string(l.admin.log_index) + " 条，" +
        (l.added_by.empty() ? std::string("创世记录") : "由 " + l.added_by + " 签名");
    std::string revoked = l.admin.revoked_index
                              ? "日志第 " + std::to_string(*l.admin.revoked_index) + " 条，由 " +
                                    l.revoked_by.value_or("?") + " 签名"
                              : std::string("—");
    std::string actions;
    if (l.admin.active() && active <= 1) {
      actions = "<p class=\"meta\">唯一在任的管理员，不能撤销；请先添加另一位</p>";
    } else if (l.admin.active()) {
      bool self = name == s.admin;
      actions +=
          "<details><summary>撤销</summary><form method=\"post\" "
          "action=\"/admin/roster/revoke\" class=\"revoke\">" +
          token + "<input type=\"hidden\" name=\"name\" value=\"" + Esc(name) + "\">" +
          (self ? "<p class=\"msg err\"><label><input type=\"checkbox\" name=\"self\" "
                  "value=\"1\" required> 我确认撤销我自己：撤销后我不能再登录或签名</label></p>"
                : std::string()) +
          MyPasswordField("revoke-" + Esc(name)) +
          "<button type=\"submit\" class=\"secondary\">撤销 " + Esc(name) +
          "</button></form></details>";
    }
    if (l.admin.active() && name != s.admin) {
      actions +=
          "<details><summary>重设密码（忘记密码时）</summary><form method=\"post\" "
          "action=\"/admin/roster/rekey\" class=\"rekey\">" +
          token + "<input type=\"hidden\" name=\"name\" value=\"" + Esc(name) +
          "\"><p class=\"meta\">会撤销 " + Esc(name) + " 的旧密钥，换成用新密码保护的新密钥。</p>" +
          NewPasswordFields("rekey-" + Esc(name)) + MyPasswordField("rekey-my-" + Esc(name)) +
          "<button type=\"submit\">为 " + Esc(name) + " 重设</button></form></details>";
    }
    f.body += "<tr><td data-label=\"管理员\">" + Esc(name) + (name == s.admin ? "（您）" : "") +
              "</td><td data-label=\"公钥\" class=\"code\">" +
              Esc(MakeVerifierKey(name, l.admin.key).ToString()) + "</td><td data-label=\"状态\">" +
              (l.admin.active() ? "在任" : "已撤销") + "</td><td data-label=\"加入\">" +
              Esc(added) + "</td><td data-label=\"撤销\">" + Esc(revoked) +
              "</td><td data-label=\"操作\">" + actions + "</td></tr>";
  }
  f.body += "</tbody></table>";
  f.body +=
      "<section id=\"add\"><h3>添加管理员</h3><form method=\"post\" action=\"/admin/roster/add\" "
      "class=\"card add\">" +
      token +
      "<label for=\"add-name\">名字（字母、数字、- 或 _，例如 li-ming）</label><input "
      "type=\"text\" "
      "id=\"add-name\" name=\"name\" required maxlength=\"64\" autocomplete=\"off\">" +
      NewPasswordFields("add") + MyPasswordField("add-my") +
      "<button type=\"submit\">添加</button></form></section>";
  return HtmlResponse(200, RenderPage(f));
}

std::optional<HttpResponse> WebApp::ConfirmPassword(const HttpRequest& req, const Session& s,
                                                    const Form& form) {
  const std::string address = ClientAddress(req.remote);
  const std::string device = CookieValue(req.cookie, kDeviceCookie).value_or("");
  const int64_t now = Now();
  if (int64_t wait = guard_.RetryAfter(s.admin, address, device, now); wait > 0) {
    HttpResponse r =
        ErrorPage(429, "too_many_attempts",
                  "密码输错次数太多，请 " + std::to_string(wait) + " 秒后再试（什么也没有改）");
    r.headers.emplace_back("Retry-After", std::to_string(wait));
    return r;
  }
  Result<AdminSigner> me =
      UnlockAdminWithPassword(db_, paths_, s.admin, FormValue(form, "my_password"), &db_mu_);
  if (me.ok()) return std::nullopt;
  if (me.status().code() == Code::kUnauthenticated) {
    guard_.Failure(s.admin, address, device, now);
    return ErrorPage(401, "wrong_password", "您的密码不对（什么也没有改）");
  }
  return ActionError(me.status());
}

HttpResponse WebApp::HandleRosterPost(const HttpRequest& req, const std::string& session_id,
                                      const Session& s, std::string_view path, const Form& form) {
  const std::string name = FormValue(form, "name");
  if (name.empty()) return ErrorPage(400, "empty_required", "请填写管理员名字（什么也没有改）");
  const bool revoke = path == "/admin/roster/revoke";
  if (!revoke && path != "/admin/roster/add" && path != "/admin/roster/rekey") {
    return ErrorPage(404, "not_found", "没有这个操作");
  }
  if (revoke && name == s.admin && FormValue(form, "self") != "1") {
    return ErrorPage(400, "confirm_self_revoke",
                     "要撤销您自己，请勾选“我确认撤销我自己”（什么也没有改）");
  }
  NewAdminKey add;
  add.name = name;
  if (!revoke) {
    add.password = FormValue(form, "password");
    if (add.password != FormValue(form, "password_again")) {
      return ErrorPage(400, "password_mismatch", "两次输入的新密码不一样（什么也没有改）");
    }
  }
  if (std::optional<HttpResponse> refused = ConfirmPassword(req, s, form)) return *refused;
  Result<RosterOutcome> out = [&] {
    std::lock_guard<std::mutex> lock(db_mu_);
    if (revoke) return RevokeAdmin(db_, *s.signer, name, Now());
    if (path == "/admin/roster/add") return AddAdmin(db_, paths_, *s.signer, add, Now());
    return RekeyAdmin(db_, paths_, *s.signer, add, Now());
  }();
  if (!out.ok()) return ActionError(out.status());
  if (revoke && name == s.admin) {  // nothing left to do with this session
    sessions_.Remove(session_id);
    HttpResponse r = Redirect("/admin/login");
    r.headers.emplace_back("Set-Cookie", CookieHeader(kSessionCookie, "", 0));
    return r;
  }
  return Redirect(DoneUrl("/admin/roster", revoke                        ? Done::kAdminRevoked
                                           : path == "/admin/roster/add" ? Done::kAdminAdded
                                                                         : Done::kAdminRekeyed));
}

}  // namespace gongkai::hub::web
