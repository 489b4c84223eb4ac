// The hub's HTTPS server (docs/hub.md), after Boost.Beast's
// example/http/server/async-ssl and example/advanced/server-flex:
//
//  - one listener; one session object per connection (shared_ptr,
//    do_x/on_x pairs, every on_x starts with its error check), each on its
//    own strand; `threads` threads run the io_context;
//  - the first bytes decide: a TLS ClientHello goes on to the TLS session,
//    anything else (plain HTTP to the TLS port) gets a plain-text HTTP 400
//    with a JSON error "tls_required" and the connection is closed;
//  - TLS 1.2 or newer only (1.3 is preferred by OpenSSL's negotiation);
//  - a deadline before every operation: handshake (including the detection
//    of TLS), reading a whole request, writing a response, TLS shutdown —
//    a client that trickles one byte per second is dropped when the read
//    deadline passes;
//  - limits: header bytes (431), body bytes (413), open connections in
//    all and per client address (a connection over either cap is accepted
//    and closed at once), requests per second per client address (429
//    "too_many_requests" with Retry-After, the request not handled);
//  - requests on a connection are served one at a time (no pipelining
//    queue); "Expect: 100-continue" is honoured;
//  - one log line per request on stderr: time, peer, method, path, status,
//    bytes, milliseconds and error code — never bodies or keys;
//  - SIGINT/SIGTERM: stop accepting, close idle connections, let requests
//    in flight finish (their change sets are committed and answered), then
//    return; a second signal or drain_timeout stops at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "core/base/status.h"
#include "hub/api/hub_api.h"

namespace gongkai::hub {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8443;  // 0: any free port (reported through on_listening)
  int threads = 2;
  std::string cert_file;  // PEM chain, leaf first
  std::string key_file;   // PEM private key
  size_t max_header_bytes = 8 * 1024;
  size_t max_body_bytes = 8 * 1024 * 1024;
  size_t max_connections = 512;
  // Open connections from one client address (IP); more are closed at once
  // like those over max_connections. Behind a proxy on the same machine
  // every client has the proxy's address: raise it to max_connections.
  size_t max_connections_per_address = 64;
  // Requests from one client address (hub/server/request_rate_limiter.h):
  // `request_burst_per_address` at once, then on average
  // `requests_per_second_per_address` a second; more are answered 429
  // "too_many_requests" with Retry-After. 0 requests a second: no limit.
  size_t requests_per_second_per_address = 100;
  size_t request_burst_per_address = 1000;
  std::chrono::milliseconds handshake_timeout{10'000};
  std::chrono::milliseconds read_timeout{30'000};
  std::chrono::milliseconds write_timeout{30'000};
  std::chrono::milliseconds shutdown_timeout{5'000};
  std::chrono::milliseconds drain_timeout{30'000};
};

// A request → response function; `send` may be called later, from any
// thread (it hands the response back to the connection's strand).
using RequestHandler =
    std::function<void(const HttpRequest& req, std::function<void(HttpResponse)> send)>;

// Serves `handle` (the witness, witness/witness_service.h) like the hub.
Status RunServer(const ServerOptions& opts, const RequestHandler& handle,
                 const std::function<void(uint16_t port)>& on_listening,
                 const std::function<void()>& on_stopped);

// Serves until SIGINT or SIGTERM, then drains and returns Ok. Reasons:
// bad_listen_address, listen_failed (Unavailable), tls_config.
// on_listening runs once with the bound port, before the first accept;
// on_stopped runs after the I/O threads have stopped and before the
// io_context is destroyed (stop the ingest queue there).
Status RunServer(const ServerOptions& opts, HubApi& api,
                 const std::function<void(uint16_t port)>& on_listening,
                 const std::function<void()>& on_stopped);

}  // namespace gongkai::hub
