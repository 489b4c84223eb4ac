// The only translation unit of the clerk's page that includes Boost.Beast/Asio.
#include "station/ui/ui_server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <optional>
#include <thread>
#include <vector>

#include "station/ui/ui_guard.h"

namespace gongkai::station::ui {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr size_t kHeaderLimit = 16 * 1024;
constexpr size_t kBodyLimit = 65u << 20;
constexpr auto kReadTimeout = std::chrono::seconds(60);
constexpr auto kWriteTimeout = std::chrono::seconds(60);

std::string Header(const http::request<http::string_body>& req, http::field f) {
  auto it = req.find(f);
  return it == req.end() ? std::string() : std::string(it->value());
}

std::string Header(const http::request<http::string_body>& req, const char* name) {
  auto it = req.find(name);
  return it == req.end() ? std::string() : std::string(it->value());
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const UiServer::Handler& handler)
      : stream_(std::move(socket)), handler_(handler) {}

  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->DoRead(); });
  }

 private:
  void DoRead() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(kBodyLimit);
    stream_.expires_after(kReadTimeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec == http::error::end_of_stream) return Close();
    if (ec) {
      if (ec == http::error::body_limit || ec == http::error::header_limit) {
        return SendError(413, "请求太大 (request too large)");
      }
      return Close();
    }
    http::request<http::string_body> req = parser_->release();
    UiRequest r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    r.host = Header(req, http::field::host);
    r.origin = Header(req, "Origin");
    r.referer = Header(req, http::field::referer);
    r.cookie = Header(req, http::field::cookie);
    r.csrf_header = Header(req, "X-CSRF-Token");
    r.content_type = Header(req, http::field::content_type);
    r.body = std::move(req.body());
    beast::error_code pec;
    tcp::endpoint peer = stream_.socket().remote_endpoint(pec);
    r.remote = pec ? std::string("?") : peer.address().to_string();
    UiResponse out = handler_(r);
    auto res = std::make_shared<http::response<http::string_body>>();
    res->version(req.version());
    res->result(static_cast<unsigned>(out.status));
    res->set(http::field::server, "gongkai-station-ui");
    res->set(http::field::content_type, out.content_type);
    for (const auto& [name, value] : out.headers) res->insert(name, value);
    res->body() = std::move(out.body);
    res->keep_alive(req.keep_alive());
    res->prepare_payload();
    Write(res);
  }

  void SendError(unsigned status, const std::string& text) {
    auto res = std::make_shared<http::response<http::string_body>>();
    res->version(11);
    res->result(status);
    res->set(http::field::content_type, "text/plain; charset=utf-8");
    res->body() = text;
    res->keep_alive(false);
    res->prepare_payload();
    Write(res);
  }

  void Write(std::shared_ptr<http::response<http::string_body>> res) {
    stream_.expires_after(kWriteTimeout);
    http::async_write(stream_, *res,
                      [self = shared_from_this(), res](beast::error_code ec, size_t) {
                        if (ec || !res->keep_alive()) return self->Close();
                        self->DoRead();
                      });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  const UiServer::Handler& handler_;
};

}  // namespace

struct UiServer::Impl {
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  net::signal_set signals{ioc, SIGINT, SIGTERM};
  Handler handler;

  void Accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket s) {
      if (ec == net::error::operation_aborted) return;
      if (!ec) {
        beast::error_code pec;
        tcp::endpoint peer = s.remote_endpoint(pec);
        if (!pec && IsLoopbackPeer(peer.address().to_string())) {
          std::make_shared<Session>(std::move(s), handler)->Start();
        }  // else: dropped (the socket closes here)
      }
      Accept();
    });
  }
};

UiServer::UiServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
UiServer::~UiServer() = default;

Result<std::unique_ptr<UiServer>> UiServer::Listen(uint16_t port) {
  auto impl = std::make_unique<Impl>();
  beast::error_code ec;
  tcp::endpoint ep(net::ip::make_address_v4("127.0.0.1"), port);
  impl->acceptor.open(ep.protocol(), ec);
  if (!ec) impl->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(ep, ec);
  if (ec == net::error::address_in_use) {
    return Unavailable("port_in_use",
                       "端口 " + std::to_string(port) +
                           " 已被占用；请换一个端口 (--port)，或先关闭另一个页面程序");
  }
  if (!ec) impl->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Unavailable("listen_failed",
                       "无法在 127.0.0.1:" + std::to_string(port) + " 上开始服务: " + ec.message());
  }
  return std::unique_ptr<UiServer>(new UiServer(std::move(impl)));
}

uint16_t UiServer::port() const { return impl_->acceptor.local_endpoint().port(); }

void UiServer::Run(Handler handler, int threads) {
  impl_->handler = std::move(handler);
  impl_->signals.async_wait([this](beast::error_code, int) { Stop(); });
  impl_->Accept();
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (std::thread& t : pool) t.join();
}

void UiServer::Stop() {
  net::post(impl_->ioc, [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
    impl_->signals.cancel(ec);
    impl_->ioc.stop();
  });
}

}  // namespace gongkai::station::ui
