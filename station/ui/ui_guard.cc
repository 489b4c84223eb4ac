#include "station/ui/ui_guard.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cstdlib>

#include "core/base/hex.h"

namespace gongkai::station::ui {
namespace {

std::string RandomHex() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) std::abort();  // no randomness: do not serve
  return HexEncode(bytes, sizeof bytes);
}

bool IsLoopbackV4(std::string_view a) { return a.rfind("127.", 0) == 0; }

}  // namespace

UiSecrets MakeSecrets() {
  return UiSecrets{RandomHex(), RandomHex(), RandomHex(), RandomHex().substr(0, 32)};
}

bool IsLoopbackPeer(std::string_view peer) {
  if (peer.empty()) return true;
  if (peer == "::1") return true;
  if (peer.rfind("::ffff:", 0) == 0) return IsLoopbackV4(peer.substr(7));
  return IsLoopbackV4(peer);
}

bool HostAllowed(std::string_view host, uint16_t port) {
  const std::string p = ":" + std::to_string(port);
  return host == "127.0.0.1" + p || host == "localhost" + p;
}

bool SameOrigin(const UiRequest& req, uint16_t port) {
  const std::string p = ":" + std::to_string(port);
  const std::string a = "http://127.0.0.1" + p, b = "http://localhost" + p;
  if (!req.origin.empty()) return req.origin == a || req.origin == b;
  if (req.referer.empty()) return false;
  return req.referer == a || req.referer == b || req.referer.rfind(a + "/", 0) == 0 ||
         req.referer.rfind(b + "/", 0) == 0;
}

std::string CookieName(uint16_t port) { return "gk_station_" + std::to_string(port); }

bool SecretEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && !a.empty() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace gongkai::station::ui
