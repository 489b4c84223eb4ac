// A small HTTPS client for talking to the town hub (docs/station-sync.md):
// Boost.Beast over OpenSSL, TLS 1.2 or newer, one kept-alive connection,
// a deadline on every step (resolve+connect, handshake, each request,
// shutdown), and certificate pinning: the hub's leaf certificate must have
// the SHA-256 fingerprint (of its DER encoding) the station was given.
// Names and certificate authorities are not consulted — the pin is the
// whole trust decision, so a self-signed hub certificate works and any
// other certificate, however well signed, is refused.
//
// Failures (Status reasons):
//   hub_unreachable   (Unavailable)   resolve/connect failed
//   hub_timeout       (Unavailable)   a step passed its deadline
//   tls_failed        (Unavailable)   the TLS handshake failed otherwise
//   cert_pin_mismatch (PermissionDenied) the certificate is not the pinned
//                     one; the message shows both fingerprints, in Chinese
//   hub_io            (Unavailable)   the connection broke mid-request
//
// Only this translation unit of the station includes Beast/Asio.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/base/status.h"

namespace gongkai::station {

struct HttpsEndpoint {
  std::string host;  // DNS name or IP literal (no brackets)
  uint16_t port = 443;
  std::string cert_sha256;  // 64 lowercase hex digits: the pin
};

// https://HOST[:PORT][/] → endpoint (pin left empty). Reason bad_hub_url.
Result<HttpsEndpoint> ParseHubUrl(const std::string& url);

struct HttpsTimeouts {
  std::chrono::milliseconds connect{10'000};
  std::chrono::milliseconds handshake{10'000};
  std::chrono::milliseconds request{60'000};  // writing it and reading the answer
  std::chrono::milliseconds shutdown{2'000};
};

struct HttpsResponse {
  int status = 0;
  std::string content_type;
  std::string body;
};

class HttpsClient {
 public:
  HttpsClient(HttpsEndpoint endpoint, HttpsTimeouts timeouts = {});
  ~HttpsClient();
  HttpsClient(const HttpsClient&) = delete;
  HttpsClient& operator=(const HttpsClient&) = delete;

  // Sends one request on the kept connection (connecting first if needed;
  // once more on a fresh connection if a kept one turns out closed).
  Result<HttpsResponse> Request(const std::string& method, const std::string& target,
                                const std::string& content_type, const std::string& body);
  // Closes the connection politely (TLS close_notify).
  void Close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gongkai::station
