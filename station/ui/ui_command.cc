#include "station/ui/ui_command.h"

#include <spawn.h>
#include <sys/wait.h>

#include <charconv>
#include <cstdio>

#include "core/store/atomic_file.h"
#include "station/commands/common.h"
#include "station/ui/ui_app.h"
#include "station/ui/ui_server.h"

extern char** environ;

namespace gongkai::station {
namespace {

constexpr uint16_t kDefaultPort = 8600;

Result<uint16_t> ParsePort(const std::optional<std::string>& text) {
  if (!text) return kDefaultPort;
  unsigned v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size() || v > 65535) {
    return InvalidArgument("bad_port",
                           "--port 应为 0 到 65535 之间的数（0 表示自动选择）: " + *text, "port");
  }
  return static_cast<uint16_t>(v);
}

// The page `ui --open` hands to the browser: a file readable by this user
// only (0600, in the station's directory) that forwards to the launch URL,
// so the launch key never appears on a command line, where `ps` shows it to
// every user of the computer (docs/station-ui.md § 安全). Removed when the
// page stops.
std::string OpenFilePath(const std::string& dir) { return dir + "/ui-open.html"; }

std::string OpenFileHtml(const std::string& url) {
  return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
         "<meta name=\"referrer\" content=\"no-referrer\">"
         "<meta http-equiv=\"refresh\" content=\"0;url=" +
         url + "\"><title>村站页面</title></head><body><p><a href=\"" + url +
         "\">打开村站页面 (open the station page)</a></p></body></html>\n";
}

// Opens `target` (a file path, never a URL with the key) in the desktop's
// browser (xdg-open); a warning if it cannot.
void OpenBrowser(const std::string& target, std::ostream& err) {
  const char* argv[] = {"xdg-open", target.c_str(), nullptr};
  pid_t pid = -1;
  if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, const_cast<char* const*>(argv), environ) !=
      0) {
    err << "提示: 无法自动打开浏览器 (xdg-open)，请手动打开上面的链接。\n";
  }
  // Not waited for: xdg-open returns quickly; the zombie is reaped at exit.
}

Status RunUi(CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(uint16_t port, ParsePort(ctx.args.Get("port")));
  GK_ASSIGN_OR_RETURN(std::string dir, ctx.Dir());
  {
    GK_ASSIGN_OR_RETURN(StationStore store, StationStore::Open(dir));  // initialized and sound
  }
  GK_ASSIGN_OR_RETURN(std::unique_ptr<ui::UiServer> server, ui::UiServer::Listen(port));
  ui::UiOptions opts;
  opts.dir = dir;
  opts.port = server->port();
  opts.secrets = ui::MakeSecrets();
  ui::UiApp app(std::move(opts));
  const std::string url = app.LaunchUrl();
  if (auto file = ctx.args.Get("url-file")) {
    GK_RETURN_IF_ERROR(WriteFileAtomic(*file, url + "\n", 0600));
  }
  ctx.out << "村站页面已启动 (the station page is running):\n"
          << "  " << url << "\n"
          << "请在本机浏览器中打开上面的链接（链接带有本次启动的密钥，不要发给别人）。\n"
          << "只能在本机打开；按 Ctrl+C 停止。\n"
          << "Open the link above in a browser on this computer; Ctrl+C stops the page.\n";
  ctx.out.flush();
  const bool open = ctx.args.Has("open");
  if (open) {
    Status written = WriteFileAtomic(OpenFilePath(dir), OpenFileHtml(url), 0600);
    if (written.ok()) {
      OpenBrowser(OpenFilePath(dir), ctx.err);
    } else {
      ctx.err << "提示: 无法自动打开浏览器（" << written.message()
              << "），请手动打开上面的链接。\n";
    }
  }
  server->Run([&app](const ui::UiRequest& req) { return app.Handle(req); });
  app.WaitForSync();
  if (open) std::remove(OpenFilePath(dir).c_str());
  ctx.out << "村站页面已停止 (stopped)。\n";
  return Status::Ok();
}

}  // namespace

CommandSpec UiCommand() {
  return {.name = "ui",
          .flags = {DirFlag(),
                    {"port", true, false, "端口", "监听的端口，默认 8600；0 表示自动选择 (port)"},
                    {"open", false, false, "", "启动后用浏览器打开页面 (open the browser)"},
                    {"url-file", true, false, "文件",
                     "把页面链接写入文件（权限 0600），供脚本使用 (write the URL to a file)"}},
          .run = RunUi};
}

}  // namespace gongkai::station
