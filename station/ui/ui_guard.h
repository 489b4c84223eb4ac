// Who may use the clerk's page (docs/station-ui.md § 安全 / Security).
//
// The page changes the station's catalog, so only the clerk sitting at this
// computer may use it — not another computer on the village network, not a
// web site open in the clerk's browser, not another program on the machine
// that does not know the launch secret:
//
//  1. the server binds 127.0.0.1 only (ui_server.cc) and refuses a peer that
//     is not a loopback address (IsLoopbackPeer);
//  2. the Host header must be exactly 127.0.0.1:PORT or localhost:PORT
//     (HostAllowed): a DNS-rebinding page, whose own name resolves to
//     127.0.0.1, sends its own name and is refused;
//  3. each launch makes four random secrets (MakeSecrets, from OpenSSL's
//     RAND_bytes, hex): the launch key, in the URL the command prints
//     (/login?key=…) and good for ONE use; the session key, which the page
//     gives the browser in exchange as an HttpOnly, SameSite=Strict cookie —
//     never printed, never the launch key; the path token: every page lives
//     under /s/TOKEN/ and the cookie's Path is exactly that, so a browser
//     never sends it to another program listening on another port of
//     127.0.0.1 (cookies are shared by every port of a host; their path is
//     not) — such a program would have to know the token; and the CSRF
//     token. Every page but /login and the static assets needs the path and
//     the cookie;
//  4. every POST also needs the CSRF token (a hidden form field "csrf" or
//     the X-CSRF-Token header) and an Origin — or, when a browser sends no
//     Origin, a Referer — of http://127.0.0.1:PORT or http://localhost:PORT
//     (SameOrigin). Secrets are compared in constant time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "station/ui/ui_http.h"
#include "web/form_data.h"

namespace gongkai::station::ui {

struct UiSecrets {
  std::string session_key;  // 64 hex digits: the cookie's value
  std::string csrf_token;   // 64 hex digits, in every form of the page
  std::string launch_key;   // 64 hex digits, in the printed URL, spent on first use
  std::string path_token;   // 32 hex digits: pages under /s/TOKEN/ (empty: at /, tests)
};

UiSecrets MakeSecrets();

// 127.0.0.0/8, ::1 and ::ffff:127.x.x.x; "" (a test without a socket) too.
bool IsLoopbackPeer(std::string_view peer);
bool HostAllowed(std::string_view host, uint16_t port);
// Origin when sent, else Referer; false when neither is sent.
bool SameOrigin(const UiRequest& req, uint16_t port);

// "gk_station_8088": cookies are shared by every port of a host, so each
// page (one per port) has its own name.
std::string CookieName(uint16_t port);
// The shared cookie reader (web/form_data.h).
using ::gongkai::CookieValue;

bool SecretEquals(std::string_view a, std::string_view b);

}  // namespace gongkai::station::ui
