// The security headers every HTML page carries, set in one place for the
// hub's pages (hub/web/web_response.cc, docs/hub-web.md § Security headers)
// and the clerk's page (station/ui/ui_app.cc, docs/station-ui.md). Each
// program has its own policy; both policies are here, side by side.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongkai {

struct PageSecurityPolicy {
  std::string_view content_security_policy;
  std::string_view referrer_policy;
  bool cross_origin_opener_same_origin;  // Cross-Origin-Opener-Policy: same-origin
};

// The hub's pages: served over HTTPS to administrators and the public.
inline constexpr PageSecurityPolicy kHubPagePolicy{
    "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "no-referrer", true};
// The clerk's page on 127.0.0.1: its CSRF check reads the Referer of its own
// origin, so the Referer is sent to the same origin only.
inline constexpr PageSecurityPolicy kStationPagePolicy{
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'self'; frame-ancestors 'none'",
    "same-origin", false};

// Appends Content-Security-Policy, X-Frame-Options DENY, Referrer-Policy,
// X-Content-Type-Options nosniff, Cross-Origin-Opener-Policy (if the policy
// says so) and Cache-Control no-store.
void AddSecurityHeaders(std::vector<std::pair<std::string, std::string>>& headers,
                        const PageSecurityPolicy& policy);

}  // namespace gongkai
