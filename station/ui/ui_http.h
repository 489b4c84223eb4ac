// Plain HTTP request and response values of the clerk's page
// (docs/station-ui.md), so that the page is a function from one to the
// other (ui_app.h) that tests call with no socket; only ui_server.cc knows
// Boost.Beast.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace gongkai::station::ui {

struct UiRequest {
  std::string method;       // "GET", "POST"
  std::string target;       // path and query, e.g. "/?area=扶贫"
  std::string host;         // the Host header, as sent
  std::string origin;       // the Origin header, empty when absent
  std::string referer;      // the Referer header, empty when absent
  std::string cookie;       // the Cookie header, empty when absent
  std::string csrf_header;  // the X-CSRF-Token header, empty when absent
  std::string content_type;
  std::string body;
  std::string peer;  // the peer's IP address ("127.0.0.1"); empty in tests = loopback
};

struct UiResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
};

}  // namespace gongkai::station::ui
