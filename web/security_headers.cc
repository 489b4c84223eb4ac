#include "web/security_headers.h"

namespace gongkai {

void AddSecurityHeaders(std::vector<std::pair<std::string, std::string>>& headers,
                        const PageSecurityPolicy& policy) {
  headers.emplace_back("Content-Security-Policy", std::string(policy.content_security_policy));
  headers.emplace_back("X-Frame-Options", "DENY");
  headers.emplace_back("Referrer-Policy", std::string(policy.referrer_policy));
  headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (policy.cross_origin_opener_same_origin) {
    headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
  }
  headers.emplace_back("Cache-Control", "no-store");
}

}  // namespace gongkai
