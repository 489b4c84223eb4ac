// The only translation unit of the station that includes Boost.Beast/Asio.
#include "station/sync/https_client.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>

#include "core/base/hex.h"
#include "core/crypto/sha256.h"

namespace gongkai::station {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

constexpr uint64_t kMaxResponseBytes = 256ull << 20;

bool IsIpLiteral(const std::string& host) {
  beast::error_code ec;
  net::ip::make_address(host, ec);
  return !ec;
}

}  // namespace

Result<HttpsEndpoint> ParseHubUrl(const std::string& url) {
  auto bad = [&] {
    return InvalidArgument(
        "bad_hub_url", "镇服务器地址应为 https://主机:端口，例如 https://192.168.1.10:8443: " + url,
        "hub");
  };
  const std::string scheme = "https://";
  if (url.compare(0, scheme.size(), scheme) != 0) return bad();
  std::string rest = url.substr(scheme.size());
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  if (rest.empty() || rest.find('/') != std::string::npos) return bad();
  HttpsEndpoint ep;
  std::string port;
  if (rest.front() == '[') {
    size_t close = rest.find(']');
    if (close == std::string::npos) return bad();
    ep.host = rest.substr(1, close - 1);
    if (close + 1 < rest.size()) {
      if (rest[close + 1] != ':') return bad();
      port = rest.substr(close + 2);
    }
  } else {
    size_t colon = rest.rfind(':');
    ep.host = rest.substr(0, colon);
    if (colon != std::string::npos) port = rest.substr(colon + 1);
  }
  if (ep.host.empty()) return bad();
  if (!port.empty()) {
    unsigned long n = 0;
    for (char c : port) {
      if (c < '0' || c > '9' || port.size() > 5) return bad();
      n = n * 10 + static_cast<unsigned long>(c - '0');
    }
    if (n == 0 || n > 65535) return bad();
    ep.port = static_cast<uint16_t>(n);
  }
  return ep;
}

struct HttpsClient::Impl {
  HttpsEndpoint ep;
  HttpsTimeouts timeouts;
  net::io_context ioc;
  ssl::context ctx{ssl::context::tls_client};
  std::optional<beast::ssl_stream<beast::tcp_stream>> stream;
  beast::flat_buffer buffer;
  bool pin_mismatch = false;
  std::string seen_fingerprint;

  Impl(HttpsEndpoint e, HttpsTimeouts t) : ep(std::move(e)), timeouts(t) {
    ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                    ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
    // Every certificate goes through PinCheck; no CA store is loaded.
    ctx.set_verify_mode(ssl::verify_peer);
  }

  std::string Where() const { return ep.host + ":" + std::to_string(ep.port); }

  // Runs the io_context until the started operation completes.
  void RunToCompletion() {
    ioc.restart();
    ioc.run();
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
    if (seen_fingerprint != ep.cert_sha256) {
      pin_mismatch = true;
      return false;
    }
    return true;
  }

  Status Connect() {
    stream.reset();
    buffer.clear();
    pin_mismatch = false;

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
    if (!IsIpLiteral(ep.host)) SSL_set_tlsext_host_name(stream->native_handle(), ep.host.c_str());
    stream->set_verify_callback(
        [this](bool preverified, ssl::verify_context& v) { return PinCheck(preverified, v); });

    beast::tcp_stream& tcp_layer = beast::get_lowest_layer(*stream);
    tcp_layer.expires_after(timeouts.connect);
    tcp_layer.async_connect(results, [&](beast::error_code e, const tcp::endpoint&) { ec = e; });
    RunToCompletion();
    if (ec == beast::error::timeout) {
      return Unavailable("hub_timeout", "连接镇服务器 " + Where() + " 超时，请检查网络");
    }
    if (ec) {
      return Unavailable("hub_unreachable", "无法连接镇服务器 " + Where() +
                                                "（服务器没有运行，或网络不通）: " + ec.message());
    }

    tcp_layer.expires_after(timeouts.handshake);
    stream->async_handshake(ssl::stream_base::client, [&](beast::error_code e) { ec = e; });
    RunToCompletion();
    if (pin_mismatch) {
      stream.reset();
      return PermissionDenied(
          "cert_pin_mismatch",
          "镇服务器的证书指纹与本站设置的不一致，已拒绝连接——可能连到了假冒的服务器，没有发送任何数"
          "据。"
          "本站设置的指纹: " +
              ep.cert_sha256 + "，服务器出示的指纹: " +
              (seen_fingerprint.empty() ? std::string("（无法读取）") : seen_fingerprint) +
              "。请向镇里的管理员核对证书指纹（gongkai-hub info），确认无误后用 "
              "gongkai-station config --hub-cert-sha256 重新设置。");
    }
    if (ec == beast::error::timeout) {
      stream.reset();
      return Unavailable("hub_timeout", "与镇服务器 " + Where() + " 建立加密连接超时");
    }
    if (ec) {
      stream.reset();
      return Unavailable("tls_failed",
                         "无法与镇服务器 " + Where() +
                             " 建立加密连接（地址对吗？是 https 端口吗？）: " + ec.message());
    }
    return Status::Ok();
  }

  // One exchange on the current connection. *broken tells whether the
  // failure could be a kept connection the server had closed.
  Result<HttpsResponse> Exchange(http::request<http::string_body>& req, bool* broken) {
    beast::error_code ec;
    beast::tcp_stream& tcp_layer = beast::get_lowest_layer(*stream);
    tcp_layer.expires_after(timeouts.request);
    http::async_write(*stream, req, [&](beast::error_code e, std::size_t) { ec = e; });
    RunToCompletion();
    http::response_parser<http::string_body> parser;
    parser.body_limit(kMaxResponseBytes);
    if (!ec) {
      http::async_read(*stream, buffer, parser, [&](beast::error_code e, std::size_t) { ec = e; });
      RunToCompletion();
    }
    if (ec == beast::error::timeout) {
      stream.reset();
      return Unavailable("hub_timeout", "镇服务器 " + Where() + " 没有及时回应");
    }
    if (ec) {
      *broken = !parser.got_some();
      stream.reset();
      return Unavailable("hub_io", "与镇服务器 " + Where() + " 的连接中断: " + ec.message());
    }
    http::response<http::string_body> res = parser.release();
    HttpsResponse out;
    out.status = static_cast<int>(res.result_int());
    out.content_type = std::string(res[http::field::content_type]);
    out.body = std::move(res.body());
    if (!res.keep_alive()) Shutdown();
    return out;
  }

  void Shutdown() {
    if (!stream) return;
    beast::get_lowest_layer(*stream).expires_after(timeouts.shutdown);
    stream->async_shutdown([](beast::error_code) {});
    RunToCompletion();
    stream.reset();
  }
};

HttpsClient::HttpsClient(HttpsEndpoint endpoint, HttpsTimeouts timeouts)
    : impl_(std::make_unique<Impl>(std::move(endpoint), timeouts)) {}

HttpsClient::~HttpsClient() {
  try {
    Close();
  } catch (...) {  // a destructor must not throw; the socket closes anyway
  }
}

void HttpsClient::Close() {
  if (impl_) impl_->Shutdown();
}

Result<HttpsResponse> HttpsClient::Request(const std::string& method, const std::string& target,
                                           const std::string& content_type,
                                           const std::string& body) {
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, impl_->ep.host + ":" + std::to_string(impl_->ep.port));
  req.set(http::field::user_agent, "gongkai-station/" GONGKAI_VERSION);
  if (!content_type.empty()) req.set(http::field::content_type, content_type);
  req.keep_alive(true);
  req.body() = body;
  req.prepare_payload();

  for (int attempt = 0;; ++attempt) {
    bool reused = impl_->stream.has_value();
    if (!reused) GK_RETURN_IF_ERROR(impl_->Connect());
    bool broken = false;
    Result<HttpsResponse> r = impl_->Exchange(req, &broken);
    // A kept connection the server closed while idle: once more, afresh.
    if (!r.ok() && reused && broken && attempt == 0) continue;
    return r;
  }
}

}  // namespace gongkai::station
