#include "web/security_headers.h"

#include <gtest/gtest.h>

#include <map>

#include "hub/web/web_response.h"

namespace gongkai {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

std::map<std::string, std::string> AsMap(const Headers& h) { return {h.begin(), h.end()}; }

// The headers a policy sets, by name; `count` is how many were appended.
std::map<std::string, std::string> HeadersOf(const PageSecurityPolicy& policy, size_t* count) {
  Headers h;
  AddSecurityHeaders(h, policy);
  *count = h.size();
  return AsMap(h);
}

TEST(WebSecurityHeaders, HubPolicy) {
  size_t count = 0;
  auto m = HeadersOf(kHubPagePolicy, &count);
  EXPECT_EQ(count, 6u);
  EXPECT_EQ(m["Content-Security-Policy"],
            "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
  EXPECT_EQ(m["X-Frame-Options"], "DENY");
  EXPECT_EQ(m["Referrer-Policy"], "no-referrer");
  EXPECT_EQ(m["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(m["Cross-Origin-Opener-Policy"], "same-origin");
  EXPECT_EQ(m["Cache-Control"], "no-store");
}

TEST(WebSecurityHeaders, StationPolicyHasNoOpenerPolicyAndASameOriginReferrer) {
  size_t count = 0;
  auto m = HeadersOf(kStationPagePolicy, &count);
  EXPECT_EQ(count, 5u);
  EXPECT_EQ(m["Content-Security-Policy"],
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            "connect-src 'self'; form-action 'self'; base-uri 'self'; frame-ancestors 'none'");
  EXPECT_EQ(m["Referrer-Policy"], "same-origin");
  EXPECT_EQ(m.count("Cross-Origin-Opener-Policy"), 0u);
  EXPECT_EQ(m["X-Frame-Options"], "DENY");
  EXPECT_EQ(m["Cache-Control"], "no-store");
}

TEST(WebSecurityHeaders, EveryHubPageCarriesThem) {
  auto m = AsMap(hub::web::HtmlResponse(200, "<p>x</p>").headers);
  EXPECT_EQ(m["Referrer-Policy"], "no-referrer");
  EXPECT_EQ(m["Cross-Origin-Opener-Policy"], "same-origin");
  m = AsMap(hub::web::ErrorPage(404, "not_found", "没有").headers);
  EXPECT_EQ(m["X-Content-Type-Options"], "nosniff");
}

}  // namespace
}  // namespace gongkai
