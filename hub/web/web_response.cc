#include "hub/web/web_response.h"

#include "hub/web/html.h"
#include "web/security_headers.h"

namespace gongkai::hub::web {

void AddSecurityHeaders(HttpResponse& r) { gongkai::AddSecurityHeaders(r.headers, kHubPagePolicy); }

HttpResponse HtmlResponse(int status, std::string html) {
  HttpResponse r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(html);
  AddSecurityHeaders(r);
  return r;
}

HttpResponse ErrorPage(int status, const std::string& code, const std::string& message) {
  PageFrame f;
  f.title = "出错了";
  f.body = "<div class=\"msg err\"><p>" + Esc(message) + "</p><p class=\"code\">错误代码 " +
           Esc(code) +
           "</p></div><p><a href=\"/admin\">返回待审列表</a> · <a href=\"/\">公开目录</a></p>";
  HttpResponse r = HtmlResponse(status, RenderPage(f));
  r.error_code = code;
  r.headers.emplace_back("X-Gongkai-Error", code);
  return r;
}

HttpResponse Redirect(const std::string& location, const std::string& code) {
  HttpResponse r = HtmlResponse(
      303, "<!DOCTYPE html><meta charset=\"utf-8\"><a href=\"" + Esc(location) + "\">继续</a>\n");
  r.headers.emplace_back("Location", location);
  if (!code.empty()) {
    r.error_code = code;
    r.headers.emplace_back("X-Gongkai-Error", code);
  }
  return r;
}

std::string CookieHeader(const std::string& name, const std::string& value, int64_t max_age) {
  return name + "=" + value +
         "; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=" + std::to_string(max_age);
}

}  // namespace gongkai::hub::web
