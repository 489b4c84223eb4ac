#include "station/ui/page_layout.h"

#include "station/ui/html.h"

namespace gongkai::station::ui {
namespace {

// `base` is the page's <base href>: every link of the pages is relative to
// it, so the clerk's pages live under the launch's secret path
// (docs/station-ui.md § 安全) without any page knowing it.
std::string Head(const std::string& title, const std::string& base = "/") {
  return "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<base href=\"" +
         Esc(base) + "\"><title>" +
         Esc(title) +
         " · 政务公开目录</title>"
         "<link rel=\"stylesheet\" href=\"assets/app.css\">"
         "<link rel=\"icon\" href=\"assets/icon.svg\" type=\"image/svg+xml\">";
}

std::string NavLink(const std::string& href, const std::string& text, bool active) {
  return "<a href=\"" + href + "\"" + (active ? " class=\"active\" aria-current=\"page\"" : "") +
         ">" + text + "</a>";
}

}  // namespace

std::string RenderPage(const PageFrame& f, const std::string& body_html) {
  return Head(f.title, f.base.empty() ? "/" : f.base) + "<meta name=\"csrf-token\" content=\"" +
         Esc(f.csrf) +
         "\"><script src=\"assets/app.js\" defer></script></head><body>"
         "<header class=\"top\"><div class=\"brand\">政务公开目录 <small>" +
         Esc(f.station) + "</small></div><nav>" + NavLink("./", "目录", f.nav == "catalog") +
         NavLink("due", "本期应公开", f.nav == "due") +
         NavLink("row/new", "新增条目", f.nav == "new") +
         NavLink("import", "导入表格", f.nav == "import") +
         NavLink("export.csv", "导出表格", false) + "</nav></header><main>" + body_html +
         "</main><footer>本页面只在本机打开（127.0.0.1），关闭命令行窗口后即停止。</footer>"
         "</body></html>\n";
}

std::string RenderMessagePage(const std::string& title, const std::string& message) {
  return Head(title) + "</head><body><main class=\"narrow\"><h1>" + Esc(title) + "</h1><p>" +
         Esc(message) + "</p></main></body></html>\n";
}

}  // namespace gongkai::station::ui
