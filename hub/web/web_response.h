// Responses of the web pages: HTML with the security headers every page
// carries, error pages that name a stable code (the X-Gongkai-Error header
// and HttpResponse::error_code, as JSON errors do for the API), redirects
// and cookies (docs/hub-web.md § Security headers).
#pragma once

#include <string>

#include "web/http_message.h"

namespace gongkai::hub::web {

inline constexpr const char* kSessionCookie = "__Host-gk_session";
inline constexpr const char* kLoginCookie = "__Host-gk_login";
inline constexpr const char* kDeviceCookie = "__Host-gk_device";  // hub/web/sign_in_guard.h

// The shared security headers (web/security_headers.h) with the hub's
// policy: Content-Security-Policy "default-src 'self'; frame-ancestors
// 'none'; form-action 'self'; base-uri 'none'", X-Frame-Options DENY,
// Referrer-Policy no-referrer, X-Content-Type-Options nosniff,
// Cross-Origin-Opener-Policy same-origin, Cache-Control no-store.
void AddSecurityHeaders(HttpResponse& r);

HttpResponse HtmlResponse(int status, std::string html);
// `code` also goes into the page (class "code") so a clerk can quote it.
HttpResponse ErrorPage(int status, const std::string& code, const std::string& message);
// 303 See Other to a local path.
HttpResponse Redirect(const std::string& location, const std::string& code = "");
// "NAME=VALUE; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=N"
std::string CookieHeader(const std::string& name, const std::string& value, int64_t max_age);

}  // namespace gongkai::hub::web
