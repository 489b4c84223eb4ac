#include "hub/server/request_rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace gongkai::hub {

RequestRateLimiter::RequestRateLimiter(double per_second, double burst, size_t max_addresses)
    : per_second_(per_second), burst_(std::max(1.0, burst)), max_addresses_(max_addresses) {}

double RequestRateLimiter::Refilled(const Bucket& b, int64_t now_ms) const {
  double elapsed = static_cast<double>(std::max<int64_t>(0, now_ms - b.at_ms)) / 1000.0;
  return std::min(burst_, b.tokens + elapsed * per_second_);
}

int64_t RequestRateLimiter::Take(const std::string& address, int64_t now_ms) {
  if (per_second_ <= 0) return 0;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(address);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_addresses_) {
      std::erase_if(buckets_,
                    [&](const auto& kv) { return Refilled(kv.second, now_ms) >= burst_; });
      if (buckets_.size() >= max_addresses_) return 0;
    }
    it = buckets_.emplace(address, Bucket{burst_, now_ms}).first;
  }
  Bucket& b = it->second;
  b.tokens = Refilled(b, now_ms);
  b.at_ms = std::max(b.at_ms, now_ms);
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil((1.0 - b.tokens) / per_second_)));
}

size_t RequestRateLimiter::tracked() {
  std::lock_guard<std::mutex> lock(mu_);
  return buckets_.size();
}

}  // namespace gongkai::hub
