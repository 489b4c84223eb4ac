// A tiny blocking TLS/HTTP server on 127.0.0.1 for the station's HTTPS
// client tests: a fresh self-signed P-256 certificate (its SHA-256
// fingerprint is the pin), TLS session tickets on (one per handshake, as
// the hub), and a handler that sees each request and returns the raw
// answer — or nothing, to stall (the connection is then held open, silent,
// until the client gives up and closes it). Connections are served one at
// a time on one thread.
#pragma once

#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/base/hex.h"
#include "core/crypto/sha256.h"

namespace gongkai::station::testing {

struct SeenRequest {
  std::string head;  // request line and headers
  std::string body;  // as sent (possibly deflated)
  bool HasHeader(const std::string& line) const {
    return head.find("\r\n" + line + "\r\n") != std::string::npos;
  }
};

inline std::string HttpAnswer(int status, const std::string& body,
                              const std::string& extra_headers = "") {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: text/plain\r\n" +
         "Content-Length: " + std::to_string(body.size()) + "\r\n" + extra_headers + "\r\n" + body;
}

class TlsTestServer {
 public:
  using Handler = std::function<std::optional<std::string>(const SeenRequest&)>;

  explicit TlsTestServer(Handler handler) : handler_(std::move(handler)) {
    // A client that stops reading (e.g. an answer over its limit) closes
    // the connection while the server still writes: a real server ignores
    // SIGPIPE, and so must the test process.
    signal(SIGPIPE, SIG_IGN);
    MakeCertificate();
    ctx_ = SSL_CTX_new(TLS_server_method());
    SSL_CTX_set_min_proto_version(ctx_, TLS1_2_VERSION);
    SSL_CTX_use_certificate(ctx_, cert_);
    SSL_CTX_use_PrivateKey(ctx_, key_);
    SSL_CTX_set_num_tickets(ctx_, 1);
    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    listen(listen_fd_, 16);
    socklen_t len = sizeof addr;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }

  ~TlsTestServer() {
    stop_ = true;
    thread_.join();
    close(listen_fd_);
    SSL_CTX_free(ctx_);
    X509_free(cert_);
    EVP_PKEY_free(key_);
  }

  // As the hub does (hub/server/server.cc): no new ticket on a resumed
  // TLS 1.3 connection (before the first connection).
  void NoTicketOnResumption() {
    SSL_CTX_set_info_callback(ctx_, [](const SSL* ssl, int where, int) {
      if ((where & SSL_CB_ACCEPT_LOOP) && SSL_get_state(ssl) == TLS_ST_SR_FINISHED &&
          SSL_session_reused(ssl) && SSL_version(ssl) == TLS1_3_VERSION) {
        SSL_set_num_tickets(const_cast<SSL*>(ssl), 0);
      }
    });
  }

  // Limits the TLS version (before the first connection).
  void MaxVersion(int version) { SSL_CTX_set_max_proto_version(ctx_, version); }

  uint16_t port() const { return port_; }
  const std::string& fingerprint() const { return fingerprint_; }
  int connections() const { return connections_; }
  int resumed() const { return resumed_; }

 private:
  void MakeCertificate() {
    key_ = EVP_EC_gen("P-256");
    cert_ = X509_new();
    X509_set_version(cert_, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert_), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert_), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert_), 3600);
    X509_set_pubkey(cert_, key_);
    X509_NAME* name = X509_get_subject_name(cert_);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("test hub"), -1, -1, 0);
    X509_set_issuer_name(cert_, name);
    X509_sign(cert_, key_, EVP_sha256());
    unsigned char* der = nullptr;
    int len = i2d_X509(cert_, &der);
    fingerprint_ = HexEncode(Sha256(der, static_cast<size_t>(len)));
    OPENSSL_free(der);
  }

  bool WaitReadable(int fd) {
    while (!stop_) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 20) > 0) return true;
    }
    return false;
  }

  void Serve() {
    while (WaitReadable(listen_fd_)) {
      int fd = accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      SSL* ssl = SSL_new(ctx_);
      SSL_set_fd(ssl, fd);
      if (SSL_accept(ssl) == 1) {
        ++connections_;
        if (SSL_session_reused(ssl)) ++resumed_;
        ServeConnection(ssl, fd);
      }
      SSL_free(ssl);
      close(fd);
    }
  }

  // Reads one request; false when the client closed.
  bool ReadRequest(SSL* ssl, int fd, std::string& pending, SeenRequest& req) {
    char buf[16384];
    size_t end;
    while ((end = pending.find("\r\n\r\n")) == std::string::npos) {
      if (SSL_pending(ssl) == 0 && !WaitReadable(fd)) return false;
      int n = SSL_read(ssl, buf, sizeof buf);
      if (n <= 0) return false;
      pending.append(buf, static_cast<size_t>(n));
    }
    req.head = pending.substr(0, end + 2);
    pending.erase(0, end + 4);
    size_t length = 0;
    size_t at = req.head.find("Content-Length: ");
    if (at != std::string::npos) length = std::stoul(req.head.substr(at + 16));
    while (pending.size() < length) {
      if (SSL_pending(ssl) == 0 && !WaitReadable(fd)) return false;
      int n = SSL_read(ssl, buf, sizeof buf);
      if (n <= 0) return false;
      pending.append(buf, static_cast<size_t>(n));
    }
    req.body = pending.substr(0, length);
    pending.erase(0, length);
    return true;
  }

  void ServeConnection(SSL* ssl, int fd) {
    std::string pending;
    SeenRequest req;
    while (ReadRequest(ssl, fd, pending, req)) {
      std::optional<std::string> answer = handler_(req);
      if (!answer) {
        // Stall: say nothing until the client hangs up.
        char c;
        while (WaitReadable(fd) && SSL_read(ssl, &c, 1) > 0) {
        }
        return;
      }
      if (SSL_write(ssl, answer->data(), static_cast<int>(answer->size())) <= 0) return;
    }
  }

  Handler handler_;
  SSL_CTX* ctx_ = nullptr;
  EVP_PKEY* key_ = nullptr;
  X509* cert_ = nullptr;
  std::string fingerprint_;
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0}, resumed_{0};
  std::thread thread_;
};

}  // namespace gongkai::station::testing
