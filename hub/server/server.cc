// The only translation unit of the hub that includes Boost.Beast/Asio.
#include "hub/server/server.h"

#include <openssl/ssl.h>
#include <sys/resource.h>

#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <ctime>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/text/time_text.h"
#include "hub/api/api_json.h"
#include "hub/api/content_coding.h"
#include "hub/server/request_rate_limiter.h"

namespace gongkai::hub {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;

// A response body of shared pieces (HttpResponse::body_parts), written one
// after another straight from the shared strings: a cached snapshot sent
// to many stations at once is never copied per connection.
struct SharedPartsBody {
  using value_type = std::vector<std::shared_ptr<const std::string>>;

  static std::uint64_t size(const value_type& parts) {
    std::uint64_t n = 0;
    for (const auto& p : parts) n += p->size();
    return n;
  }

  class writer {
   public:
    using const_buffers_type = net::const_buffer;

    template <bool isRequest, class Fields>
    writer(const http::header<isRequest, Fields>&, const value_type& parts) : parts_(parts) {}

    void init(beast::error_code& ec) { ec = {}; }

    boost::optional<std::pair<const_buffers_type, bool>> get(beast::error_code& ec) {
      ec = {};
      while (next_ < parts_.size() && parts_[next_]->empty()) ++next_;
      if (next_ == parts_.size()) return boost::none;
      const std::string& part = *parts_[next_++];
      return std::make_pair(net::const_buffer(part.data(), part.size()), next_ < parts_.size());
    }

   private:
    const value_type& parts_;
    size_t next_ = 0;
  };
};
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

// ---------------------------------------------------------------------------
// Logging: one line per request or connection event, on stderr.

void LogLine(const std::string& line) {
  static std::mutex mu;
  std::string stamp = UtcTimeText(static_cast<int64_t>(std::time(nullptr)));
  std::lock_guard<std::mutex> lock(mu);
  std::cerr << stamp << ' ' << line << '\n';
}

// The client's IP address alone (the key of the per-address cap).
std::string AddressOf(const tcp::socket& s) {
  beast::error_code ec;
  tcp::endpoint ep = s.remote_endpoint(ec);
  return ec ? std::string("-") : ep.address().to_string();
}

std::string PeerOf(const tcp::socket& s) {
  beast::error_code ec;
  tcp::endpoint ep = s.remote_endpoint(ec);
  if (ec) return "-";
  return ep.address().to_string() + ":" + std::to_string(ep.port());
}

// ---------------------------------------------------------------------------
// State shared by the listener and every session.

class ServerState {
 public:
  ServerState(const ServerOptions& opts, const RequestHandler& handle, ssl::context& ctx)
      : opts(opts),
        handle(handle),
        ctx(ctx),
        rate(static_cast<double>(opts.requests_per_second_per_address),
             static_cast<double>(opts.request_burst_per_address)) {}

  const ServerOptions& opts;
  const RequestHandler& handle;
  ssl::context& ctx;
  RequestRateLimiter rate;
  std::atomic<size_t> connections{0};
  std::atomic<bool> draining{false};

  // Open connections per client address (the listener's cap per address).
  size_t AddressCount(const std::string& address) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = per_address_.find(address);
    return it == per_address_.end() ? 0 : it->second;
  }
  void AddAddress(const std::string& address) {
    std::lock_guard<std::mutex> lock(mu_);
    ++per_address_[address];
  }
  void RemoveAddress(const std::string& address) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = per_address_.find(address);
    if (it != per_address_.end() && --it->second == 0) per_address_.erase(it);
  }

  // Drain callbacks of the open connections, by slot id.
  uint64_t Register() {
    std::lock_guard<std::mutex> lock(mu_);
    uint64_t id = next_id_++;
    drains_[id] = nullptr;
    return id;
  }
  void SetDrain(uint64_t id, std::function<void()> fn) {
    std::lock_guard<std::mutex> lock(mu_);
    drains_[id] = std::move(fn);
  }
  void Unregister(uint64_t id) {
    std::lock_guard<std::mutex> lock(mu_);
    drains_.erase(id);
  }
  void DrainAll() {
    std::vector<std::function<void()>> fns;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (auto& [id, fn] : drains_) {
        if (fn) fns.push_back(fn);
      }
    }
    for (auto& fn : fns) fn();
  }

 private:
  std::mutex mu_;
  uint64_t next_id_ = 1;
  std::unordered_map<uint64_t, std::function<void()>> drains_;
  std::unordered_map<std::string, size_t> per_address_;
};

// Counts one open connection toward the cap for as long as it lives; moved
// from the detecting session to the one that serves the connection.
class ConnectionSlot {
 public:
  ConnectionSlot(ServerState& st, std::string address)
      : st_(st), id_(st.Register()), address_(std::move(address)) {
    ++st_.connections;
    st_.AddAddress(address_);
  }
  ~ConnectionSlot() {
    st_.Unregister(id_);
    st_.RemoveAddress(address_);
    --st_.connections;
  }
  ConnectionSlot(const ConnectionSlot&) = delete;
  ConnectionSlot& operator=(const ConnectionSlot&) = delete;

  // fn runs on a signal thread: it must post to the session's strand.
  void SetDrain(std::function<void()> fn) { st_.SetDrain(id_, std::move(fn)); }

 private:
  ServerState& st_;
  uint64_t id_;
  std::string address_;
};

// ---------------------------------------------------------------------------
// A TLS connection: handshake, then request → response until close.

class SslSession : public std::enable_shared_from_this<SslSession> {
 public:
  SslSession(beast::tcp_stream&& stream, beast::flat_buffer&& buffer,
             std::unique_ptr<ConnectionSlot> slot, ServerState& st, std::string peer)
      : stream_(std::move(stream), st.ctx),
        buffer_(std::move(buffer)),
        slot_(std::move(slot)),
        st_(st),
        peer_(std::move(peer)),
        address_(AddressOf(beast::get_lowest_layer(stream_).socket())) {}

  void Run() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&SslSession::OnRun, shared_from_this()));
  }

 private:
  void OnRun() {
    std::weak_ptr<SslSession> weak = shared_from_this();
    auto ex = stream_.get_executor();
    slot_->SetDrain([weak, ex] {
      net::post(ex, [weak] {
        if (auto self = weak.lock()) self->Drain();
      });
    });
    if (st_.draining) return;
    beast::get_lowest_layer(stream_).expires_after(st_.opts.handshake_timeout);
    stream_.async_handshake(
        ssl::stream_base::server, buffer_.data(),
        beast::bind_front_handler(&SslSession::OnHandshake, shared_from_this()));
  }

  void OnHandshake(beast::error_code ec, std::size_t bytes_used) {
    if (ec) return LogLine(peer_ + " - tls handshake failed: " + ec.message());
    buffer_.consume(bytes_used);
    DoReadHeader();
  }

  void DoReadHeader() {
    // Draining: an idle connection is simply closed (the socket closes with
    // the session), without waiting for the client's close_notify.
    if (st_.draining) return;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(st_.opts.max_header_bytes));
    parser_->body_limit(static_cast<std::uint64_t>(st_.opts.max_body_bytes));
    // One deadline for the whole request, header and body: a client that
    // trickles bytes cannot hold the connection past it.
    beast::get_lowest_layer(stream_).expires_after(st_.opts.read_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        beast::bind_front_handler(&SslSession::OnReadHeader, shared_from_this()));
  }

  void OnReadHeader(beast::error_code ec, std::size_t) {
    if (ec) return OnReadError(ec);
    started_ = Clock::now();
    if (beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
      continue_ = std::make_shared<http::response<http::empty_body>>(http::status::continue_,
                                                                     parser_->get().version());
      return http::async_write(
          stream_, *continue_,
          beast::bind_front_handler(&SslSession::OnContinue, shared_from_this()));
    }
    DoReadBody();
  }

  void OnContinue(beast::error_code ec, std::size_t) {
    continue_.reset();
    if (ec) return LogLine(peer_ + " - write 100-continue failed: " + ec.message());
    DoReadBody();
  }

  void DoReadBody() {
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&SslSession::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec) return OnReadError(ec);
    http::request<http::string_body> req = parser_->release();
    parser_.reset();
    busy_ = true;
    version_ = req.version();
    keep_alive_ = req.keep_alive();
    HttpRequest hreq;
    hreq.method = std::string(req.method_string());
    hreq.target = std::string(req.target());
    hreq.content_type = std::string(req[http::field::content_type]);
    hreq.body = std::move(req.body());
    hreq.remote = peer_;
    hreq.cookie = std::string(req[http::field::cookie]);
    hreq.host = std::string(req[http::field::host]);
    hreq.content_encoding = std::string(req[http::field::content_encoding]);
    hreq.accept_encoding = std::string(req[http::field::accept_encoding]);
    hreq.station_key = std::string(req["Gongkai-Station-Key"]);
    hreq.station_unit = std::string(req["Gongkai-Station-Unit"]);
    for (const auto& field : req) {
      std::string_view name = field.name_string();
      if (name.size() > 8 && beast::iequals(name.substr(0, 8), "Gongkai-")) {
        hreq.gongkai_headers.emplace_back(std::string(name), std::string(field.value()));
      }
    }
    hreq.if_none_match = std::string(req[http::field::if_none_match]);
    method_ = hreq.method;
    path_ = hreq.target.substr(0, hreq.target.find('?'));
    accept_encoding_ = hreq.accept_encoding;
    // One address may not take every request (request_rate_limiter.h).
    auto now_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch())
            .count();
    if (int64_t wait = st_.rate.Take(address_, now_ms); wait > 0) {
      HttpResponse r = JsonError(429, "too_many_requests",
                                 "来自这个地址的请求太多，请 " + std::to_string(wait) +
                                     " 秒后再试 (too many requests from this address)");
      r.headers.emplace_back("Retry-After", std::to_string(wait));
      return DoWrite(std::move(r));
    }
    // A deflated body is inflated here, within the same body limit, so the
    // API only ever sees plain bytes (hub/api/content_coding.h).
    if (std::optional<HttpResponse> refused = DecodeRequestBody(hreq, st_.opts.max_body_bytes)) {
      return DoWrite(std::move(*refused));
    }
    // The tracked executor keeps the io_context running while the request is
    // with the API (possibly waiting for the ingest committer).
    auto work = net::prefer(stream_.get_executor(), net::execution::outstanding_work.tracked);
    try {
      st_.handle(std::move(hreq), [self = shared_from_this(), work](HttpResponse r) {
        net::post(work, [self, r = std::move(r)]() mutable { self->DoWrite(std::move(r)); });
      });
    } catch (const std::exception& e) {
      LogLine(peer_ + " - handler failed: " + e.what());
      keep_alive_ = false;
      DoWrite(JsonError(500, "internal", "集镇中心内部错误，请联系管理员"));
    }
  }

  // A request that could not be read: answer if HTTP still allows it.
  void OnReadError(beast::error_code ec) {
    if (ec == http::error::end_of_stream) return DoClose();
    if (ec == beast::error::timeout) return LogLine(peer_ + " - read timeout, connection dropped");
    if (ec == net::error::operation_aborted || ec == ssl::error::stream_truncated) return;
    if (!started_set()) started_ = Clock::now();
    keep_alive_ = false;
    accept_encoding_.clear();
    version_ = 11;
    method_ = "-";
    path_ = "-";
    if (ec == http::error::body_limit) {
      busy_ = true;
      return DoWrite(JsonError(
          413, "body_too_large",
          "请求体超过上限 " + std::to_string(st_.opts.max_body_bytes) + " 字节；请分几次提交"));
    }
    if (ec == http::error::header_limit) {
      busy_ = true;
      return DoWrite(JsonError(431, "header_too_large", "请求头太大"));
    }
    if (ec.category() == http::make_error_code(http::error::bad_target).category() &&
        ec != http::error::partial_message) {
      busy_ = true;
      return DoWrite(JsonError(400, "bad_http", "不是有效的 HTTP 请求: " + ec.message()));
    }
    LogLine(peer_ + " - read failed: " + ec.message());
  }

  bool started_set() const { return started_ != Clock::time_point(); }

  // The headers every answer carries, then r's own.
  // A 304 (the catalog's "nothing new", hub/review/catalog_feed.h) is
  // the status line alone (and "Connection: close" when closing): it has
  // no body to describe, and its few bytes are the point of it. An answer
  // only a station asks for (HttpResponse::station_only: the binary
  // catalog answer, compact receipts) carries what it reads (type, coding,
  // length) and none of the headers meant for browsers and caches
  // (docs/decisions/0023-smaller-sync-wire.md).
  template <typename Response>
  void SetHeaders(Response& res, const HttpResponse& r) {
    if (r.status == 304) {
      // No Content-Length either: a 304 never has a body (RFC 9110 § 15.4.5),
      // and the header would describe the representation, not this answer.
      res.keep_alive(keep_alive_ && !st_.draining);
      res.prepare_payload();
      res.erase(http::field::content_length);
      return;
    }
    // The handler says so (HttpResponse::station_only); a bare answer (no
    // content type, decision 0033) is one of them, but the lack of a
    // Content-Type alone takes no header away.
    const bool lean = r.station_only;
    if (!lean) {
      res.set(http::field::server, "gongkai-hub/" GONGKAI_VERSION);
      res.set(http::field::cache_control, "no-store");
      res.set("X-Content-Type-Options", "nosniff");
    }
    if (!r.content_type.empty()) res.set(http::field::content_type, r.content_type);
    for (const auto& [name, value] : r.headers) {
      if (lean && beast::iequals(name, "Vary")) continue;
      // Several cookies are several Set-Cookie lines; any other header
      // replaces the default above.
      if (beast::iequals(name, "Set-Cookie")) {
        res.insert(name, value);
      } else {
        res.set(name, value);
      }
    }
    res.keep_alive(keep_alive_ && !st_.draining);
    res.prepare_payload();
  }

  void DoWrite(HttpResponse r) {
    EncodeResponseBody(r, accept_encoding_);
    uint64_t size = 0;
    bool keep_alive = false;
    if (!r.body_file.empty()) {
      // A file streamed from disk (an attachment): Beast reads it in
      // pieces as the socket takes them.
      http::file_body::value_type file;
      beast::error_code fec;
      file.open(r.body_file.c_str(), beast::file_mode::scan, fec);
      if (fec) {
        r = JsonError(503, "io_error", "无法读取附件文件，请稍后再试");
        return DoWrite(std::move(r));
      }
      file_res_ = std::make_shared<http::response<http::file_body>>(
          static_cast<http::status>(r.status), version_);
      file_res_->body() = std::move(file);
      SetHeaders(*file_res_, r);
      size = file_res_->body().size();
      keep_alive = file_res_->keep_alive();
    } else if (!r.body_parts.empty()) {
      parts_res_ = std::make_shared<http::response<SharedPartsBody>>(
          static_cast<http::status>(r.status), version_);
      parts_res_->body() = std::move(r.body_parts);
      SetHeaders(*parts_res_, r);
      size = SharedPartsBody::size(parts_res_->body());
      keep_alive = parts_res_->keep_alive();
    } else {
      res_ = std::make_shared<http::response<http::string_body>>(
          static_cast<http::status>(r.status), version_);
      res_->body() = std::move(r.body);
      SetHeaders(*res_, r);
      size = res_->body().size();
      keep_alive = res_->keep_alive();
    }
    auto ms = std::chrono::duration<double, std::milli>(Clock::now() - started_).count();
    char dur[32];
    std::snprintf(dur, sizeof dur, "%.1fms", ms);
    LogLine(peer_ + " " + method_ + " " + path_ + " " + std::to_string(r.status) + " " +
            std::to_string(size) + "B " + dur +
            (r.error_code.empty() ? "" : " " + r.error_code));
    beast::get_lowest_layer(stream_).expires_after(st_.opts.write_timeout);
    auto done = beast::bind_front_handler(&SslSession::OnWrite, shared_from_this(), keep_alive);
    if (file_res_) {
      http::async_write(stream_, *file_res_, std::move(done));
    } else if (parts_res_) {
      http::async_write(stream_, *parts_res_, std::move(done));
    } else {
      http::async_write(stream_, *res_, std::move(done));
    }
  }

  void OnWrite(bool keep_alive, beast::error_code ec, std::size_t) {
    busy_ = false;
    res_.reset();
    parts_res_.reset();
    file_res_.reset();
    started_ = Clock::time_point();
    if (ec) return LogLine(peer_ + " - write failed: " + ec.message());
    if (!keep_alive) return DoClose();
    DoReadHeader();
  }

  void DoClose() {
    beast::get_lowest_layer(stream_).expires_after(st_.opts.shutdown_timeout);
    stream_.async_shutdown(beast::bind_front_handler(&SslSession::OnShutdown, shared_from_this()));
  }

  void OnShutdown(beast::error_code) {
    // Done either way: the socket closes when the session is destroyed.
  }

  // On the strand. An idle connection (handshake, or waiting for a request
  // with no byte of it received) is closed now; a request that has started
  // arriving or is being handled is finished and answered, and the
  // connection is closed after the response (keep_alive off).
  void Drain() {
    bool request_started = busy_ || (parser_ && parser_->got_some());
    if (!request_started) beast::get_lowest_layer(stream_).cancel();
  }

  beast::ssl_stream<beast::tcp_stream> stream_;
  beast::flat_buffer buffer_;
  std::unique_ptr<ConnectionSlot> slot_;
  ServerState& st_;
  std::string peer_;
  std::string address_;  // the client's IP address: its request rate
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<http::response<http::empty_body>> continue_;
  std::shared_ptr<http::response<http::string_body>> res_;
  std::shared_ptr<http::response<SharedPartsBody>> parts_res_;  // instead of res_
  std::shared_ptr<http::response<http::file_body>> file_res_;   // instead of res_
  bool busy_ = false;
  bool keep_alive_ = false;
  std::string accept_encoding_;  // of the request being answered
  unsigned version_ = 11;
  std::string method_;
  std::string path_;
  Clock::time_point started_;
};

// ---------------------------------------------------------------------------
// Plain HTTP sent to the TLS port: a clear answer instead of a hang.

class PlainRefusal : public std::enable_shared_from_this<PlainRefusal> {
 public:
  PlainRefusal(beast::tcp_stream&& stream, std::unique_ptr<ConnectionSlot> slot, ServerState& st,
               std::string peer)
      : stream_(std::move(stream)), slot_(std::move(slot)), st_(st), peer_(std::move(peer)) {}

  void Run() {
    HttpResponse r = JsonError(400, "tls_required",
                               "这是 HTTPS 端口：请使用 https:// 地址连接集镇中心 "
                               "(plain HTTP sent to the TLS port)");
    reply_ = "HTTP/1.1 400 Bad Request\r\nServer: gongkai-hub/" GONGKAI_VERSION
             "\r\nContent-Type: " +
             r.content_type + "\r\nContent-Length: " + std::to_string(r.body.size()) +
             "\r\nConnection: close\r\n\r\n" + r.body;
    LogLine(peer_ + " - - 400 " + std::to_string(r.body.size()) + "B plain HTTP tls_required");
    stream_.expires_after(st_.opts.write_timeout);
    net::async_write(stream_, net::buffer(reply_),
                     beast::bind_front_handler(&PlainRefusal::OnWrite, shared_from_this()));
  }

 private:
  void OnWrite(beast::error_code ec, std::size_t) {
    if (ec) return;
    // Half-close, then drain what the client still sends for a moment, so
    // that unread input does not turn our close into a reset that could
    // destroy the answer before the client reads it.
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    DoDrain();
  }

  void DoDrain() {
    stream_.expires_after(std::chrono::seconds(2));
    stream_.async_read_some(net::buffer(sink_),
                            beast::bind_front_handler(&PlainRefusal::OnDrain, shared_from_this()));
  }

  void OnDrain(beast::error_code ec, std::size_t) {
    if (ec) return;  // EOF, timeout or error: close
    DoDrain();
  }

  beast::tcp_stream stream_;
  std::unique_ptr<ConnectionSlot> slot_;
  ServerState& st_;
  std::string peer_;
  std::string reply_;
  char sink_[4096];
};

// ---------------------------------------------------------------------------
// Reads the first bytes of a connection to tell TLS from plain HTTP.

class DetectSession : public std::enable_shared_from_this<DetectSession> {
 public:
  DetectSession(tcp::socket&& socket, ServerState& st)
      : peer_(PeerOf(socket)),
        stream_(std::move(socket)),
        slot_(std::make_unique<ConnectionSlot>(st, AddressOf(stream_.socket()))),
        st_(st) {}

  void Run() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&DetectSession::OnRun, shared_from_this()));
  }

 private:
  void OnRun() {
    std::weak_ptr<DetectSession> weak = shared_from_this();
    auto ex = stream_.get_executor();
    slot_->SetDrain([weak, ex] {
      net::post(ex, [weak] {
        if (auto self = weak.lock()) self->stream_.cancel();
      });
    });
    if (st_.draining) return;
    stream_.expires_after(st_.opts.handshake_timeout);
    beast::async_detect_ssl(
        stream_, buffer_, beast::bind_front_handler(&DetectSession::OnDetect, shared_from_this()));
  }

  void OnDetect(beast::error_code ec, bool is_tls) {
    if (ec == beast::error::timeout)
      return LogLine(peer_ + " - handshake timeout, connection dropped");
    if (ec) return;  // closed by the client, or draining
    if (is_tls) {
      std::make_shared<SslSession>(std::move(stream_), std::move(buffer_), std::move(slot_), st_,
                                   peer_)
          ->Run();
    } else {
      std::make_shared<PlainRefusal>(std::move(stream_), std::move(slot_), st_, peer_)->Run();
    }
  }

  std::string peer_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::unique_ptr<ConnectionSlot> slot_;
  ServerState& st_;
};

// ---------------------------------------------------------------------------
// Accepts connections while the cap allows.

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, ServerState& st)
      : ioc_(ioc), strand_(net::make_strand(ioc)), acceptor_(strand_), retry_(strand_), st_(st) {}

  Status Open(const tcp::endpoint& ep) {
    beast::error_code ec;
    acceptor_.open(ep.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(ep, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      return Unavailable("listen_failed", "无法在 " + ep.address().to_string() + ":" +
                                              std::to_string(ep.port()) +
                                              " 上监听: " + ec.message());
    }
    return Status::Ok();
  }
  uint16_t port() const {
    beast::error_code ec;
    return acceptor_.local_endpoint(ec).port();
  }

  void Run() { DoAccept(); }
  void Close() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ec;
      self->acceptor_.close(ec);
      self->retry_.cancel();
    });
  }

 private:
  void DoAccept() {
    acceptor_.async_accept(net::make_strand(ioc_),
                           beast::bind_front_handler(&Listener::OnAccept, shared_from_this()));
  }

  void OnAccept(beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
      LogLine("- - accept failed: " + ec.message());
      // Out of file descriptors or similar: back off briefly, keep serving.
      retry_.expires_after(std::chrono::milliseconds(100));
      retry_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
        if (!wait_ec && self->acceptor_.is_open()) self->DoAccept();
      });
      return;
    }
    if (st_.connections.load() >= st_.opts.max_connections) {
      LogLine(PeerOf(socket) + " - refused: " + std::to_string(st_.opts.max_connections) +
              " connections open");
      beast::error_code ignored;
      socket.close(ignored);
    } else if (st_.AddressCount(AddressOf(socket)) >= st_.opts.max_connections_per_address) {
      // No TLS handshake for it either: the handshake is what the cap spares.
      LogLine(PeerOf(socket) +
              " - refused: " + std::to_string(st_.opts.max_connections_per_address) +
              " connections open from this address");
      beast::error_code ignored;
      socket.close(ignored);
    } else {
      std::make_shared<DetectSession>(std::move(socket), st_)->Run();
    }
    if (acceptor_.is_open()) DoAccept();
  }

  net::io_context& ioc_;
  net::strand<net::io_context::executor_type> strand_;  // acceptor_ and retry_
  tcp::acceptor acceptor_;
  net::steady_timer retry_;
  ServerState& st_;
};

// A resumed TLS 1.3 connection gets no new ticket: the client keeps the
// one it resumed with (valid for the session timeout), which saves a
// NewSessionTicket message (~250 bytes) on every reconnect. Called at each
// step of the server handshake; TLS_ST_SR_FINISHED comes just before the
// tickets would be written.
void SkipTicketOnResumption(const SSL* ssl, int where, int /*ret*/) {
  if ((where & SSL_CB_ACCEPT_LOOP) && SSL_get_state(ssl) == TLS_ST_SR_FINISHED &&
      SSL_session_reused(ssl) && SSL_version(ssl) == TLS1_3_VERSION) {
    SSL_set_num_tickets(const_cast<SSL*>(ssl), 0);
  }
}

Status ConfigureTls(ssl::context& ctx, const ServerOptions& opts) {
  beast::error_code ec;
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                      ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1,
                  ec);
  SSL_CTX* native = ctx.native_handle();
  if (!ec && (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1 ||
              SSL_CTX_set_cipher_list(native, "ECDHE+AESGCM:ECDHE+CHACHA20") != 1)) {
    return Status(Code::kInternal, "tls_config", "无法设置 TLS 参数");
  }
  SSL_CTX_set_options(
      native, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_COMPRESSION);
  // Session resumption, so that a station reconnecting over a poor link
  // pays an abbreviated handshake (docs/http-api.md): TLS 1.3 tickets (one
  // per full handshake instead of OpenSSL's two, none on a resumed one, to
  // save bytes; resumption still runs an ECDHE exchange, so forward
  // secrecy is kept) and TLS 1.2
  // tickets and session ids (the server cache). Ticket keys live in
  // memory: after a restart stations fall back to a full handshake once.
  // The TLS 1.3 tickets are stateful (SSL_OP_NO_TICKET in TLS 1.3): the
  // session stays in this server's cache and the ticket is its 32-byte id,
  // not the whole session encrypted (about 200 bytes), which every resumed
  // ClientHello would carry again (docs/decisions/0023-smaller-sync-wire.md).
  // TLS 1.2 then resumes by session id alone.
  SSL_CTX_set_options(native, SSL_OP_NO_TICKET);
  SSL_CTX_set_num_tickets(native, 1);
  SSL_CTX_set_info_callback(native, &SkipTicketOnResumption);
  SSL_CTX_set_session_cache_mode(native, SSL_SESS_CACHE_SERVER);
  static const unsigned char kSessionContext[] = "gongkai-hub";
  SSL_CTX_set_session_id_context(native, kSessionContext, sizeof kSessionContext - 1);
  SSL_CTX_set_timeout(native, 24 * 3600);
  if (!ec) ctx.use_certificate_chain_file(opts.cert_file, ec);
  if (ec) {
    return FailedPrecondition("tls_config",
                              "无法读取 TLS 证书 " + opts.cert_file + ": " + ec.message());
  }
  ctx.use_private_key_file(opts.key_file, ssl::context::pem, ec);
  if (ec) {
    return FailedPrecondition("tls_config",
                              "无法读取 TLS 私钥 " + opts.key_file + ": " + ec.message());
  }
  return Status::Ok();
}

// Lets the process hold as many sockets as the hard limit allows.
void RaiseFileLimit() {
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
}

}  // namespace

Status RunServer(const ServerOptions& opts, HubApi& api,
                 const std::function<void(uint16_t port)>& on_listening,
                 const std::function<void()>& on_stopped) {
  const RequestHandler handle = [&api](const HttpRequest& req, HubApi::Send send) {
    api.Handle(req, std::move(send));
  };
  return RunServer(opts, handle, on_listening, on_stopped);
}

Status RunServer(const ServerOptions& opts, const RequestHandler& handle,
                 const std::function<void(uint16_t port)>& on_listening,
                 const std::function<void()>& on_stopped) {
  beast::error_code ec;
  net::ip::address address = net::ip::make_address(opts.host, ec);
  if (ec) {
    return InvalidArgument("bad_listen_address", "监听地址无效: " + opts.host, "listen");
  }
  ssl::context ctx(ssl::context::tls_server);
  GK_RETURN_IF_ERROR(ConfigureTls(ctx, opts));
  RaiseFileLimit();

  int threads = std::max(1, opts.threads);
  // Declared before the io_context: handlers still queued when it is
  // destroyed hold sessions that refer to it.
  ServerState st(opts, handle, ctx);
  net::io_context ioc(threads);
  auto listener = std::make_shared<Listener>(ioc, st);
  GK_RETURN_IF_ERROR(listener->Open(tcp::endpoint(address, opts.port)));

  // Shutdown: the first signal starts draining; a poller ends the run when
  // every connection has closed, or forces it after drain_timeout; a second
  // signal forces it at once.
  net::signal_set signals(ioc, SIGINT, SIGTERM);
  net::steady_timer poll(ioc);
  Clock::time_point drain_deadline;
  std::function<void()> wait_poll;
  wait_poll = [&] {
    poll.expires_after(std::chrono::milliseconds(20));
    poll.async_wait([&](beast::error_code pec) {
      if (pec) return;
      if (st.connections.load() == 0) {
        LogLine("- - drained, stopping");
        signals.cancel();
        return;
      }
      if (Clock::now() >= drain_deadline) {
        LogLine("- - drain timeout, stopping with " + std::to_string(st.connections.load()) +
                " connections open");
        ioc.stop();
        return;
      }
      wait_poll();
    });
  };
  std::function<void(beast::error_code, int)> on_signal = [&](beast::error_code sec, int sig) {
    if (sec) return;
    if (st.draining.exchange(true)) {
      LogLine("- - second signal, stopping now");
      ioc.stop();
      return;
    }
    LogLine("- - signal " + std::to_string(sig) + ": finishing requests in flight");
    listener->Close();
    st.DrainAll();
    drain_deadline = Clock::now() + opts.drain_timeout;
    wait_poll();
    signals.async_wait(on_signal);
  };
  signals.async_wait(on_signal);

  on_listening(listener->port());
  listener->Run();

  std::vector<std::thread> pool;
  // An exception escaping a handler is logged and the thread goes on
  // serving: one bad request must not take the hub down.
  auto run = [&ioc] {
    for (;;) {
      try {
        ioc.run();
        return;
      } catch (const std::exception& e) {
        LogLine(std::string("- - unexpected exception: ") + e.what());
      }
    }
  };
  for (int i = 1; i < threads; ++i) pool.emplace_back(run);
  run();
  for (std::thread& t : pool) t.join();
  // Still inside the io_context's lifetime: work that finishes now (the
  // ingest committer) may post to it harmlessly.
  on_stopped();
  return Status::Ok();
}

}  // namespace gongkai::hub
