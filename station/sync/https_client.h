// A small HTTPS client for talking to the town hub (docs/station-sync.md):
// Boost.Beast over OpenSSL, TLS 1.2 or newer, one kept-alive connection,
// and certificate pinning: the hub's leaf certificate must have the
// SHA-256 fingerprint (of its DER encoding) the station was given. Names
// and certificate authorities are not consulted — the pin is the whole
// trust decision, so a self-signed hub certificate works and any other
// certificate, however well signed, is refused.
//
// Deadlines (HttpsTimeouts): resolve+connect, TLS handshake, and for each
// request both an idle deadline (no byte written or read for `idle`) and a
// total one (`request`); TLS shutdown. A hub that accepts the connection
// and then sends nothing fails with hub_timeout and the connection is
// dropped, so the next attempt starts on a fresh one.
//
// Small wire (docs/station-sync.md § Transport):
//  - compression: every GET says `Accept-Encoding: deflate` (a POST's
//    answer is a few receipts); request
//    bodies of at least compress_min_bytes are sent with
//    `Content-Encoding: deflate` (core/codec/deflate.h) when that makes them
//    smaller; deflated answers are inflated, never beyond max_answer_bytes;
//  - TLS session resumption: the session of the last connection (a TLS 1.3
//    ticket, or a TLS 1.2 session) is offered on the next connect, so a
//    reconnect costs an abbreviated handshake. With session_file set, it is
//    also kept on disk (mode 0600, written atomically) for the next process;
//    a missing, damaged, expired or foreign (other hub, other pin) file is
//    ignored silently. A resumed session needs the secret only the pinned
//    hub holds, so resumption does not weaken the pin.
//
// Failures (Status reasons):
//   hub_unreachable   (Unavailable)   resolve/connect failed
//   hub_timeout       (Unavailable)   a step passed its deadline
//   tls_failed        (Unavailable)   the TLS handshake failed otherwise
//   cert_pin_mismatch (PermissionDenied) the certificate is neither the pinned
//                     one nor an announced one; the message shows both
//                     fingerprints, in Chinese
//   cert_expired      (PermissionDenied) the (pinned or announced)
//                     certificate's notAfter has passed by this clock
//   hub_io            (Unavailable)   the connection broke mid-request
//   answer_too_large  (ResourceExhausted) the answer exceeds max_answer_bytes
//   bad_compressed_body (DataLoss)    a deflated answer does not inflate
//
// Of the sync client only https_client.cc includes Beast/Asio (the clerk's
// page server, station/ui/ui_server.cc, is the station's other one).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/status.h"
#include "station/sync/hub_transport.h"

namespace gongkai::station {

struct HttpsEndpoint {
  std::string host;  // DNS name or IP literal (no brackets)
  uint16_t port = 443;
  std::string cert_sha256;  // 64 lowercase hex digits: the pin
  // Certificates the hub's log key announced (station/store/hub_certificates.h):
  // accepted too; FollowedAnnouncement() then tells which one, for the pin
  // to move (docs/decisions/0019-certificate-announcements.md).
  std::vector<std::string> announced_sha256 = {};
  // What a cert_pin_mismatch's one line says to do next, and whether it
  // counts the announcements: the station's by default; gongkai-audit and
  // the hub's witness sender follow none and name their own flag.
  std::string pin_advice =
      "镇服务器可能换了证书：请向镇里的管理员核对证书指纹（gongkai-hub info，或镇服务器首页），"
      "确认无误后用 gongkai-station config --hub-cert-sha256 重新设置。";
  bool follows_announcements = true;
};

// https://HOST[:PORT][/] → endpoint (pin left empty). Reason bad_hub_url.
Result<HttpsEndpoint> ParseHubUrl(const std::string& url);

struct HttpsTimeouts {
  std::chrono::milliseconds connect{10'000};
  std::chrono::milliseconds handshake{10'000};
  std::chrono::milliseconds idle{30'000};      // no byte moved during a request
  std::chrono::milliseconds request{300'000};  // writing it and reading the answer
  std::chrono::milliseconds shutdown{2'000};
};

struct HttpsOptions {
  size_t max_answer_bytes = 64u << 20;  // on the wire and after inflating
  // Deflate request bodies this large: one change set (about 260 bytes) is
  // some 70 bytes smaller deflated, more than its Content-Encoding header.
  size_t compress_min_bytes = 200;
  bool compression = true;              // false: no Accept-Encoding, no deflate
  std::string session_file;             // "" keeps the TLS session in memory only
};

class HttpsClient : public HubTransport {
 public:
  HttpsClient(HttpsEndpoint endpoint, HttpsTimeouts timeouts = {}, HttpsOptions options = {});
  ~HttpsClient() override;
  HttpsClient(const HttpsClient&) = delete;
  HttpsClient& operator=(const HttpsClient&) = delete;

  // Sends one request on the kept connection (connecting first if needed;
  // once more on a fresh connection if a kept one turns out closed).
  // `extra_headers` are added as given (names and values must be plain ASCII).
  // A GET names Accept-Encoding: deflate (with compression on) unless
  // `implied_deflate`: a request whose answer the hub deflates unasked
  // (catalog answer format 3, docs/decisions/0034-lean-answer.md) — which
  // names Accept-Encoding: identity when compression is off.
  Result<HttpsResponse> Request(const std::string& method, const std::string& target,
                                const std::string& content_type, const std::string& body,
                                const HttpHeaders& extra_headers = {},
                                bool implied_deflate = false) override;
  // Closes the connection politely (TLS close_notify).
  void Close();

  const HttpsEndpoint& endpoint() const;
  // The fingerprint of an announced certificate (not the pin) that a
  // handshake of this client accepted, if any.
  std::optional<std::string> FollowedAnnouncement() const override;
  HttpsStats Stats() const override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gongkai::station
