#include "hub/server/listen_address.h"

namespace gongkai::hub {

// "127.0.0.1:8443", "[::1]:8443", "0.0.0.0:0".
Status ParseListen(const std::string& text, ServerOptions* opts) {
  auto bad = [&] {
    return InvalidArgument("bad_listen_address",
                           "--listen 应为 地址:端口，例如 127.0.0.1:8443: " + text, "listen");
  };
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return bad();
  std::string host = text.substr(0, colon);
  if (host.front() == '[') {
    if (host.back() != ']') return bad();
    host = host.substr(1, host.size() - 2);
  }
  std::string port = text.substr(colon + 1);
  bool ok = !port.empty() && port.size() <= 5;
  unsigned long n = 0;
  for (char c : port) {
    ok = ok && c >= '0' && c <= '9';
    n = n * 10 + static_cast<unsigned long>(c - '0');
  }
  if (!ok || n > 65535 || host.empty()) return bad();
  opts->host = host;
  opts->port = static_cast<uint16_t>(n);
  return Status::Ok();
}

}  // namespace gongkai::hub
