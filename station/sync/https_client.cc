// The only translation unit of the station that includes Boost.Beast/Asio.
#include "station/sync/https_client.h"

#include <openssl/bio.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <ctime>
#include <optional>
#include <sstream>

#include "core/base/base64.h"
#include "core/base/hex.h"
#include "core/base/https_url.h"
#include "core/base/reasons.h"
#include "core/codec/deflate.h"
#include "core/crypto/sha256.h"
#include "core/store/atomic_file.h"
#include "core/text/time_text.h"

namespace gongkai::station {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

using Clock = std::chrono::steady_clock;

constexpr const char* kSessionMagic = "gongkai-tls-session 1";
constexpr size_t kMaxSessionFile = 64 * 1024;

struct SessionFree {
  void operator()(SSL_SESSION* s) const { SSL_SESSION_free(s); }
};
using SessionPtr = std::unique_ptr<SSL_SESSION, SessionFree>;

// The SSL_CTX ex_data slot that leads the new-session callback back to
// its client (Asio keeps its own data in the context's app data).
int ClientIndex() {
  static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

bool IsIpLiteral(const std::string& host) {
  beast::error_code ec;
  net::ip::make_address(host, ec);
  return !ec;
}

}  // namespace

Result<HttpsEndpoint> ParseHubUrl(const std::string& url) {
  std::optional<HttpsUrl> parsed = ParseHttpsUrl(url);
  if (!parsed) {
    return InvalidArgument(
        "bad_hub_url", "镇服务器地址应为 https://主机:端口，例如 https://192.168.1.10:8443: " + url,
        "hub");
  }
  HttpsEndpoint ep;
  ep.host = std::move(parsed->host);
  ep.port = parsed->port;
  return ep;
}

struct HttpsClient::Impl {
  HttpsEndpoint ep;
  HttpsTimeouts timeouts;
  HttpsOptions options;
  net::io_context ioc;
  ssl::context ctx{ssl::context::tls_client};
  std::optional<beast::ssl_stream<beast::tcp_stream>> stream;
  beast::flat_buffer buffer;
  bool pin_mismatch = false;
  bool cert_expired = false;
  std::string seen_fingerprint;
  std::string seen_not_after;           // of an expired leaf, "YYYY-MM-DD HH:MM UTC"
  std::optional<std::string> followed;  // an announced certificate accepted
  Bytes session_der;  // i2d_SSL_SESSION of the session offered on the next connect
  bool session_dirty = false;
  bool request_compression = true;  // off once the hub said 415 to a deflated body
  HttpsStats stats;

  Impl(HttpsEndpoint e, HttpsTimeouts t, HttpsOptions o)
      : ep(std::move(e)), timeouts(t), options(std::move(o)) {
    ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                    ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    SSL_CTX* native = ctx.native_handle();
    SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
    // A small ClientHello (docs/decisions/0023-smaller-sync-wire.md): no
    // padding extension (SSL_OP_ALL's F5 workaround pads a hello of
    // 256–511 bytes up to 512), and only what the hub can choose — its own
    // cipher list (hub/server/server.cc), two groups, the signature schemes
    // of an ECDSA, Ed25519 or RSA certificate.
    SSL_CTX_clear_options(native, SSL_OP_TLSEXT_PADDING);
    SSL_CTX_set_cipher_list(native, "ECDHE+AESGCM:ECDHE+CHACHA20");
    SSL_CTX_set_ciphersuites(native, "TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256");
    SSL_CTX_set1_groups_list(native, "X25519:P-256");
    SSL_CTX_set1_sigalgs_list(native,
                              "ECDSA+SHA256:ECDSA+SHA384:ed25519:rsa_pss_rsae_sha256:"
                              "rsa_pss_rsae_sha384:RSA+SHA256");
    // Every certificate goes through PinCheck; no CA store is loaded.
    ctx.set_verify_mode(ssl::verify_peer);
    // Sessions (TLS 1.3 tickets arrive after the handshake) are handed to
    // OnNewSession; OpenSSL's own client cache is not used.
    SSL_CTX_set_ex_data(native, ClientIndex(), this);
    SSL_CTX_set_session_cache_mode(native,
                                   SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(native, &Impl::OnNewSession);
    LoadSession();
  }

  std::string Where() const { return ep.host + ":" + std::to_string(ep.port); }

  // Runs the io_context until the started operation completes.
  void RunToCompletion() {
    ioc.restart();
    ioc.run();
  }

  // ---- TLS sessions ----

  static int OnNewSession(SSL* ssl, SSL_SESSION* sess) {
    auto* self = static_cast<Impl*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), ClientIndex()));
    if (!self || !SSL_SESSION_is_resumable(sess)) return 0;
    int len = i2d_SSL_SESSION(sess, nullptr);
    if (len <= 0) return 0;
    Bytes der(static_cast<size_t>(len));
    unsigned char* p = der.data();
    if (i2d_SSL_SESSION(sess, &p) != len) return 0;
    self->session_der = std::move(der);
    self->session_dirty = true;
    return 0;  // OpenSSL keeps ownership of `sess`
  }

  // A fresh session object from the kept bytes for each connection, as if
  // read from the file. The hub sends no new ticket on a resumed
  // connection, so the same ticket is offered again and again, and OpenSSL
  // may mark a session object it has used as not resumable (it did in
  // tests/station/https_client_test.cc, KeepsResumingWhenTheHubSendsNoNewTicket).
  SessionPtr SessionToOffer() const {
    if (session_der.empty()) return nullptr;
    const unsigned char* p = session_der.data();
    SessionPtr s(d2i_SSL_SESSION(nullptr, &p, static_cast<long>(session_der.size())));
    if (!s || p != session_der.data() + session_der.size() || !SSL_SESSION_is_resumable(s.get())) {
      return nullptr;
    }
    if (SSL_SESSION_get_time(s.get()) + SSL_SESSION_get_timeout(s.get()) <
        static_cast<long>(std::time(nullptr))) {
      return nullptr;  // expired
    }
    return s;
  }

  std::string SessionKey() const { return Where() + " " + ep.cert_sha256; }

  // The session file of an earlier run, if it is for this hub and pin and
  // still usable; anything else is ignored.
  void LoadSession() {
    if (options.session_file.empty()) return;
    Result<std::string> text = ReadFile(options.session_file, kMaxSessionFile);
    if (!text.ok()) return;
    std::istringstream in(*text);
    std::string magic, key, b64;
    if (!std::getline(in, magic) || magic != kSessionMagic) return;
    if (!std::getline(in, key) || key != SessionKey()) return;
    if (!std::getline(in, b64)) return;
    std::optional<Bytes> der = Base64Decode(b64);
    if (!der || der->empty()) return;
    session_der = std::move(*der);
    if (!SessionToOffer()) session_der.clear();  // damaged or expired
  }

  // Best effort: a station directory that cannot be written to only costs
  // a full handshake next time.
  void SaveSessionIfChanged() {
    if (!session_dirty || session_der.empty() || options.session_file.empty()) return;
    session_dirty = false;
    std::string text = std::string(kSessionMagic) + "\n" + SessionKey() + "\n" +
                       Base64Encode(session_der) + "\n";
    (void)WriteFileAtomic(options.session_file, text, 0600);
  }

  // ---- the connection ----

  // Drops the connection, counting its bytes first.
  void DropStream() {
    if (!stream) return;
    SSL* ssl = stream->native_handle();
    if (BIO* bio = SSL_get_rbio(ssl)) stats.bytes_received += BIO_number_read(bio);
    if (BIO* bio = SSL_get_wbio(ssl)) stats.bytes_sent += BIO_number_written(bio);
    stream.reset();
  }

  HttpsStats CurrentStats() const {
    HttpsStats s = stats;
    if (stream) {
      SSL* ssl = const_cast<beast::ssl_stream<beast::tcp_stream>&>(*stream).native_handle();
      if (BIO* bio = SSL_get_rbio(ssl)) s.bytes_received += BIO_number_read(bio);
      if (BIO* bio = SSL_get_wbio(ssl)) s.bytes_sent += BIO_number_written(bio);
    }
    return s;
  }

  // The verify callback: the leaf (depth 0) must carry the pinned
  // fingerprint; the chain above it is not consulted.
  bool PinCheck(bool /*preverified*/, ssl::verify_context& vctx) {
    X509_STORE_CTX* sctx = vctx.native_handle();
    if (X509_STORE_CTX_get_error_depth(sctx) != 0) return true;
    X509* cert = X509_STORE_CTX_get_current_cert(sctx);
    unsigned char* der = nullptr;
    int len = cert ? i2d_X509(cert, &der) : -1;
    if (len <= 0) {
      pin_mismatch = true;
      return false;
    }
    seen_fingerprint = HexEncode(Sha256(der, static_cast<size_t>(len)));
    OPENSSL_free(der);
    bool announced = std::find(ep.announced_sha256.begin(), ep.announced_sha256.end(),
                               seen_fingerprint) != ep.announced_sha256.end();
    if (seen_fingerprint != ep.cert_sha256 && !announced) {
      pin_mismatch = true;
      return false;
    }
    // Pinned or announced, an expired certificate is refused (fail closed);
    // an unreadable date counts as expired.
    const ASN1_TIME* not_after = X509_get0_notAfter(cert);
    if (X509_cmp_current_time(not_after) <= 0) {
      struct tm tm {};
      seen_not_after = "?";
      if (not_after && ASN1_TIME_to_tm(not_after, &tm) == 1) {
        seen_not_after = UtcMinuteText(static_cast<int64_t>(timegm(&tm)));
      }
      cert_expired = true;
      return false;
    }
    if (seen_fingerprint != ep.cert_sha256) followed = seen_fingerprint;
    return true;
  }

  Status Connect() {
    DropStream();
    buffer.clear();
    pin_mismatch = false;
    cert_expired = false;

    tcp::resolver resolver(ioc);
    tcp::resolver::results_type results;
    beast::error_code ec = net::error::would_block;
    resolver.async_resolve(ep.host, std::to_string(ep.port),
                           [&](beast::error_code e, tcp::resolver::results_type r) {
                             ec = e;
                             results = std::move(r);
                           });
    ioc.restart();
    ioc.run_for(timeouts.connect);
    if (ec == net::error::would_block) {
      resolver.cancel();
      RunToCompletion();
      return Unavailable("hub_timeout", "查找镇服务器 " + ep.host + " 超时，请检查网络");
    }
    if (ec) {
      return Unavailable("hub_unreachable",
                         "找不到镇服务器 " + ep.host + "，请检查网络和服务器地址: " + ec.message());
    }

    stream.emplace(ioc, ctx);
    SSL* ssl = stream->native_handle();
    if (!IsIpLiteral(ep.host)) SSL_set_tlsext_host_name(ssl, ep.host.c_str());
    if (SessionPtr offer = SessionToOffer()) SSL_set_session(ssl, offer.get());  // takes a ref
    stream->set_verify_callback(
        [this](bool preverified, ssl::verify_context& v) { return PinCheck(preverified, v); });

    beast::tcp_stream& tcp_layer = beast::get_lowest_layer(*stream);
    tcp_layer.expires_after(timeouts.connect);
    tcp_layer.async_connect(results, [&](beast::error_code e, const tcp::endpoint&) { ec = e; });
    RunToCompletion();
    if (ec == beast::error::timeout) {
      DropStream();
      return Unavailable("hub_timeout", "连接镇服务器 " + Where() + " 超时，请检查网络");
    }
    if (ec) {
      DropStream();
      return Unavailable("hub_unreachable", "无法连接镇服务器 " + Where() +
                                                "（服务器没有运行，或网络不通）: " + ec.message());
    }

    tcp_layer.expires_after(timeouts.handshake);
    stream->async_handshake(ssl::stream_base::client, [&](beast::error_code e) { ec = e; });
    RunToCompletion();
    if (pin_mismatch) {
      DropStream();
      session_der.clear();
      return PermissionDenied(
          "cert_pin_mismatch",
          ep.host + ":" + std::to_string(ep.port) +
              " 出示的证书指纹与设置的不一致，已拒绝连接——可能连到了假冒的服务器，没有发送任何数据"
              "。"
              "设置的指纹: " +
              ep.cert_sha256 + "，对方出示的指纹: " +
              (seen_fingerprint.empty() ? std::string("（无法读取）") : seen_fingerprint) + "。" +
              (ep.follows_announcements
                   ? "镇服务器的日志里也没有公告过这张证书（本站已知的公告证书 " +
                         std::to_string(ep.announced_sha256.size()) + " 张）。"
                   : std::string()) +
              ep.pin_advice);
    }
    if (cert_expired) {
      DropStream();
      session_der.clear();
      return PermissionDenied(
          "cert_expired",
          "镇服务器的证书（指纹 " + seen_fingerprint + "）已于 " + seen_not_after +
              " 过期，已拒绝连接，没有发送任何数据。请镇管理员运行 gongkai-hub tls renew 更换证书"
              "（村站会从日志学到新证书）；若本机日期不对，请先校正电脑时间。");
    }
    if (ec == beast::error::timeout) {
      DropStream();
      return Unavailable("hub_timeout", "与镇服务器 " + Where() + " 建立加密连接超时");
    }
    if (ec) {
      DropStream();
      return Unavailable("tls_failed",
                         "无法与镇服务器 " + Where() +
                             " 建立加密连接（地址对吗？是 https 端口吗？）: " + ec.message());
    }
    stats.connections++;
    stats.last_resumed = SSL_session_reused(ssl) == 1;
    if (stats.last_resumed) stats.resumed_connections++;
    return Status::Ok();
  }

  // One exchange on the current connection. *broken tells whether the
  // failure could be a kept connection the server had closed.
  Result<HttpsResponse> Exchange(http::request<http::string_body>& req, bool* broken) {
    beast::error_code ec;
    beast::tcp_stream& tcp_layer = beast::get_lowest_layer(*stream);
    // Every read or write of the exchange must move within `idle`, and
    // the whole exchange must end within `request`.
    const Clock::time_point deadline = Clock::now() + timeouts.request;
    auto arm = [&] { tcp_layer.expires_at(std::min(Clock::now() + timeouts.idle, deadline)); };
    http::request_serializer<http::string_body> sr(req);
    while (!ec && !sr.is_done()) {
      arm();
      http::async_write_some(*stream, sr, [&](beast::error_code e, std::size_t) { ec = e; });
      RunToCompletion();
    }
    http::response_parser<http::string_body> parser;
    parser.body_limit(options.max_answer_bytes);
    while (!ec && !parser.is_done()) {
      arm();
      http::async_read_some(*stream, buffer, parser,
                            [&](beast::error_code e, std::size_t) { ec = e; });
      RunToCompletion();
    }
    if (ec == beast::error::timeout) {
      DropStream();
      return Unavailable("hub_timeout", "镇服务器 " + Where() + " 没有及时回应");
    }
    if (ec == http::error::body_limit) {
      DropStream();
      return ResourceExhausted("answer_too_large",
                               "镇服务器的回答超过上限 " +
                                   std::to_string(options.max_answer_bytes) + " 字节");
    }
    if (ec) {
      *broken = !parser.got_some();
      DropStream();
      return Unavailable("hub_io", "与镇服务器 " + Where() + " 的连接中断: " + ec.message());
    }
    http::response<http::string_body> res = parser.release();
    HttpsResponse out;
    out.status = static_cast<int>(res.result_int());
    out.content_type = std::string(res[http::field::content_type]);
    out.retry_after = std::string(res[http::field::retry_after]);
    std::string coding(res[http::field::content_encoding]);
    if (!res.keep_alive()) Shutdown();
    if (beast::iequals(coding, "deflate")) {
      Result<std::string> plain = Inflate(res.body(), options.max_answer_bytes);
      if (!plain.ok()) {
        if (plain.status().reason() == reason::kBodyTooLarge) {
          return ResourceExhausted("answer_too_large",
                                   "镇服务器的回答解压后超过上限 " +
                                       std::to_string(options.max_answer_bytes) + " 字节");
        }
        return DataLoss("bad_compressed_body", "镇服务器发来的压缩数据已损坏，无法解压");
      }
      out.body = std::move(plain).value();
    } else if (!coding.empty() && !beast::iequals(coding, "identity")) {
      return DataLoss("bad_compressed_body",
                      "镇服务器的回答用了本站不认识的压缩方式: " + coding);
    } else {
      out.body = std::move(res.body());
    }
    return out;
  }

  void Shutdown() {
    if (!stream) return;
    beast::get_lowest_layer(*stream).expires_after(timeouts.shutdown);
    stream->async_shutdown([](beast::error_code) {});
    RunToCompletion();
    DropStream();
  }

  Result<HttpsResponse> Send(http::request<http::string_body>& req) {
    for (int attempt = 0;; ++attempt) {
      bool reused = stream.has_value();
      if (!reused) GK_RETURN_IF_ERROR(Connect());
      bool broken = false;
      Result<HttpsResponse> r = Exchange(req, &broken);
      SaveSessionIfChanged();
      // A kept connection the server closed while idle: once more, afresh.
      if (!r.ok() && reused && broken && attempt == 0) continue;
      return r;
    }
  }
};

HttpsClient::HttpsClient(HttpsEndpoint endpoint, HttpsTimeouts timeouts, HttpsOptions options)
    : impl_(std::make_unique<Impl>(std::move(endpoint), timeouts, std::move(options))) {}

HttpsClient::~HttpsClient() {
  try {
    Close();
  } catch (...) {  // a destructor must not throw; the socket closes anyway
  }
}

void HttpsClient::Close() {
  if (!impl_) return;
  impl_->Shutdown();
  impl_->SaveSessionIfChanged();
}

const HttpsEndpoint& HttpsClient::endpoint() const { return impl_->ep; }

std::optional<std::string> HttpsClient::FollowedAnnouncement() const { return impl_->followed; }

HttpsStats HttpsClient::Stats() const { return impl_->CurrentStats(); }

Result<HttpsResponse> HttpsClient::Request(const std::string& method, const std::string& target,
                                           const std::string& content_type, const std::string& body,
                                           const HttpHeaders& extra_headers, bool implied_deflate) {
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  for (const auto& [name, value] : extra_headers) req.set(name, value);
  req.set(http::field::host, impl_->ep.host + ":" + std::to_string(impl_->ep.port));
  // No User-Agent: the hub reads none, and every request of a `--watch`
  // round would carry it (docs/decisions/0023-smaller-sync-wire.md).
  if (!content_type.empty()) req.set(http::field::content_type, content_type);
  const HttpsOptions& o = impl_->options;
  // Only a GET's answer is worth deflating (catalogs, attachments, proofs);
  // a POST is answered with receipts of a few dozen bytes, and 26 bytes of
  // Accept-Encoding on every push would cost more than they save
  // (docs/decisions/0033-compact-range-and-checkpoint.md).
  if (method == "GET" && o.compression != implied_deflate) {
    // Without compression, a request whose answer would come deflated
    // unasked says it takes none.
    req.set(http::field::accept_encoding, o.compression ? "deflate" : "identity");
  }
  req.keep_alive(true);
  bool deflated = false;
  if (o.compression && impl_->request_compression && body.size() >= o.compress_min_bytes) {
    std::string packed = Deflate(body);
    if (packed.size() < body.size()) {
      req.set(http::field::content_encoding, "deflate");
      req.body() = std::move(packed);
      deflated = true;
    }
  }
  if (!deflated) req.body() = body;
  req.prepare_payload();
  Result<HttpsResponse> r = impl_->Send(req);
  if (deflated && r.ok() && r->status == 415) {
    // A hub that does not take deflated bodies: plain from now on.
    impl_->request_compression = false;
    req.erase(http::field::content_encoding);
    req.body() = body;
    req.prepare_payload();
    r = impl_->Send(req);
  }
  return r;
}

}  // namespace gongkai::station
