#include "hub/web/web_app.h"

#include <cctype>
#include <ctime>

#include "hub/admin/password_kdf.h"
#include "hub/web/assets.h"
#include "hub/web/csrf_token.h"
#include "hub/web/form.h"
#include "hub/web/web_response.h"

namespace gongkai::hub::web {
namespace {

constexpr std::string_view kRowsPrefix = "/rows/";
constexpr std::string_view kFormType = "application/x-www-form-urlencoded";

bool IsFormType(std::string_view content_type) {
  std::string_view t = content_type.substr(0, content_type.find(';'));
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  if (t.size() != kFormType.size()) return false;
  for (size_t i = 0; i < t.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(t[i])) != kFormType[i]) return false;
  }
  return true;
}

HttpResponse MethodNotAllowed(const std::string& allow) {
  HttpResponse r = ErrorPage(405, "method_not_allowed", "这个地址只支持 " + allow + " 请求");
  r.headers.emplace_back("Allow", allow);
  return r;
}

}  // namespace

Result<std::unique_ptr<WebApp>> WebApp::Create(const std::string& hub_dir,
                                               std::function<std::string()> checkpoint,
                                               WebOptions opts) {
  HubPaths paths{hub_dir};
  GK_ASSIGN_OR_RETURN(HubDb db, HubDb::Open(paths.db()));
  return std::unique_ptr<WebApp>(
      new WebApp(std::move(paths), std::move(db), std::move(checkpoint), std::move(opts)));
}

WebApp::WebApp(HubPaths paths, HubDb db, std::function<std::string()> checkpoint, WebOptions opts)
    : paths_(std::move(paths)),
      db_(std::move(db)),
      checkpoint_(std::move(checkpoint)),
      opts_(std::move(opts)),
      sessions_(opts_.session_idle_seconds, opts_.session_max_seconds, opts_.max_sessions),
      guard_(opts_) {}

int64_t WebApp::Now() const {
  return opts_.now ? opts_.now() : static_cast<int64_t>(std::time(nullptr));
}

bool WebApp::Serves(std::string_view path) {
  return path == "/" || path == kStylePath || path == "/catalog.xlsx" || path == "/catalog.csv" ||
         path == "/admin" || path.starts_with("/admin/") ||
         (path.starts_with(kRowsPrefix) && path.size() > kRowsPrefix.size());
}

HttpResponse WebApp::Handle(const HttpRequest& req) {
  std::string_view target = req.target;
  std::string_view path = target.substr(0, target.find('?'));
  std::string_view query = target.size() > path.size() ? target.substr(path.size() + 1) : "";
  if (path == kStylePath) {
    if (req.method != "GET") return MethodNotAllowed("GET");
    HttpResponse r;
    r.content_type = "text/css; charset=utf-8";
    r.body = std::string(kStyleSheet);
    AddSecurityHeaders(r);
    return r;
  }
  if (path == "/") {
    if (req.method != "GET") return MethodNotAllowed("GET");
    return CatalogPage(req.host, query);
  }
  if (path == "/catalog.xlsx" || path == "/catalog.csv") {
    if (req.method != "GET") return MethodNotAllowed("GET");
    return CatalogDownload(path == "/catalog.xlsx");
  }
  if (path.starts_with(kRowsPrefix)) {
    if (req.method != "GET") return MethodNotAllowed("GET");
    return RowPage(UrlDecode(path.substr(kRowsPrefix.size())));
  }
  return HandleAdmin(req, path, query);
}

HttpResponse WebApp::HandleAdmin(const HttpRequest& req, std::string_view path,
                                 std::string_view query) {
  if (path == "/admin/login") {
    if (req.method == "GET") return SignInForm(200, "", "");
    if (req.method == "POST") return SignIn(req);
    return MethodNotAllowed("GET, POST");
  }
  const bool post = req.method == "POST";
  if (!post && req.method != "GET") return MethodNotAllowed("GET, POST");

  std::optional<std::string> id = CookieValue(req.cookie, kSessionCookie);
  std::optional<Session> session;
  if (id) session = sessions_.Touch(*id, Now());
  if (!session) {
    if (!post) return Redirect("/admin/login", "not_signed_in");
    return ErrorPage(401, "not_signed_in", "请先登录（登录已过期或没有登录），什么也没有改");
  }

  if (!post) {
    if (path == "/admin") return QueuePage(*session, query);
    if (path == "/admin/versions") return VersionsPage(*session);
    if (path == "/admin/signins") return SignInsPage(*session, query);
    if (path.starts_with("/admin/changesets/")) {
      return ChangeSetPage(*session, path.substr(std::string_view("/admin/changesets/").size()),
                           query);
    }
    if (path == "/admin/stations") return StationsPage(*session, std::string(query));
    if (path == "/admin/roster") return RosterPage(*session, query);
    if (path == "/admin/compliance") return CompliancePage(*session, query);
    if (path == "/admin/compliance.csv" || path == "/admin/compliance.xlsx") {
      return ComplianceDownload(query, path.ends_with(".xlsx"));
    }
    return ErrorPage(404, "not_found", "没有这个页面");
  }

  if (!IsFormType(req.content_type)) {
    return ErrorPage(415, "unsupported_media_type", "表单格式不对，什么也没有改");
  }
  Form form = ParseForm(req.body);
  auto csrf = form.find("csrf");
  if (csrf == form.end() || !CsrfTokenMatches(csrf->second, session->csrf)) {
    return ErrorPage(403, "bad_csrf_token",
                     "表单已失效（缺少或不匹配的安全码），什么也没有改；请刷新页面再试");
  }
  if (path == "/admin/logout") {
    sessions_.Remove(*id);
    HttpResponse r = Redirect("/");
    r.headers.emplace_back("Set-Cookie", CookieHeader(kSessionCookie, "", 0));
    return r;
  }
  if (path == "/admin/resolve") return Resolve(*session, form);
  if (path == "/admin/approve") return Approve(*session, form);
  if (path == "/admin/reject") return Reject(*session, form);
  if (path == "/admin/stations/enroll") return EnrollFromAttempt(*session, form);
  if (path.starts_with("/admin/roster/")) return HandleRosterPost(req, *id, *session, path, form);
  return ErrorPage(404, "not_found", "没有这个操作");
}

}  // namespace gongkai::hub::web
