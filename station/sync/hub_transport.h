// What a sync round needs of its connection to the hub: one request at a
// time, what went over the wire, and a certificate the hub's log key
// announced that a handshake accepted. HttpsClient (https_client.h) is the
// real one; tests/testing/in_process_town.h answers in process, so its
// stations run the same round (sync_round.h) as gongkai-station sync.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/status.h"

namespace gongkai::station {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpsResponse {
  int status = 0;
  std::string content_type;
  std::string body;              // inflated if the hub deflated it
  std::string retry_after = {};  // the Retry-After header, as sent
};

// What went over the TCP connections of one client, for tests and the wire
// benchmark: bytes are TLS records as written to and read from the socket
// (handshakes, headers, bodies, alerts) — not TCP/IP headers.
struct HttpsStats {
  uint64_t bytes_sent = 0;
  uint64_t bytes_received = 0;
  int connections = 0;          // TLS handshakes completed
  int resumed_connections = 0;  // of which abbreviated (session resumed)
  bool last_resumed = false;    // the latest handshake resumed a session
};

class HubTransport {
 public:
  virtual ~HubTransport() = default;
  // One request; `implied_deflate` as HttpsClient::Request says. A failure
  // to reach the hub is a Status; any HTTP answer is a response.
  virtual Result<HttpsResponse> Request(const std::string& method, const std::string& target,
                                        const std::string& content_type, const std::string& body,
                                        const HttpHeaders& extra_headers, bool implied_deflate) = 0;
  virtual HttpsStats Stats() const = 0;
  virtual std::optional<std::string> FollowedAnnouncement() const = 0;
};

}  // namespace gongkai::station
