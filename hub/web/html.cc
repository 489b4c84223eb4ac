#include "hub/web/html.h"

#include "hub/web/assets.h"
#include "hub/web/csrf_token.h"

namespace gongkai::hub::web {

std::string CsrfInput(const std::string& token) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + Esc(token) + "\">";
}

std::string RenderPage(const PageFrame& f) {
  std::string nav;
  if (f.admin) {
    nav =
        "<nav><a href=\"/admin\">待审</a><a href=\"/admin/versions\">版本</a>"
        "<a href=\"/admin/stations\">站点</a><a href=\"/admin/compliance\">公开情况</a><a "
        "href=\"/admin/roster\">管理员名单</a>"
        "<a href=\"/admin/signins\">登录记录</a><a "
        "href=\"/\">公开目录</a>"
        "<form method=\"post\" action=\"/admin/logout\" class=\"inline\">" +
        CsrfInput(MaskCsrfToken(f.csrf)) + "<span class=\"who\">管理员 " + Esc(f.admin_name) +
        "</span><button type=\"submit\" class=\"link\">退出登录</button></form></nav>";
  } else {
    nav = "<nav><a href=\"/\">公开目录</a><a href=\"/admin\">管理员登录</a></nav>";
  }
  return "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>" +
         Esc(f.title) + " · 政务公开目录</title><link rel=\"stylesheet\" href=\"" +
         std::string(kStylePath) + "\"></head><body><header><h1>政务公开目录</h1>" + nav +
         "</header><main><h2>" + Esc(f.title) + "</h2>" + f.body +
         "</main><footer>集镇中心 gongkai-hub · "
         "全部历史记入可核验的签名日志</footer></body></html>\n";
}

}  // namespace gongkai::hub::web
