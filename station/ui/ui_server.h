// The HTTP server of the clerk's page: plain HTTP/1.1 on 127.0.0.1 only
// (never another address), Boost.Beast in this one translation unit.
// Each connection: a header limit of 16 KB, a body limit of 65 MB (an
// import of up to 64 MB), 60 s to read a request, keep-alive; each request
// goes to UiApp::Handle (ui_app.h) with the peer's address, and a peer that
// is not loopback is dropped at accept. SIGINT and SIGTERM stop the server.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "core/base/status.h"
#include "station/ui/ui_http.h"

namespace gongkai::station::ui {

class UiServer {
 public:
  using Handler = std::function<UiResponse(const UiRequest&)>;

  // Binds 127.0.0.1:port (0: the kernel picks one). Reasons: port_in_use,
  // listen_failed.
  static Result<std::unique_ptr<UiServer>> Listen(uint16_t port);
  ~UiServer();

  uint16_t port() const;
  // Serves until SIGINT/SIGTERM (or Stop()), on `threads` threads.
  void Run(Handler handler, int threads = 2);
  void Stop();

 private:
  struct Impl;
  explicit UiServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gongkai::station::ui
