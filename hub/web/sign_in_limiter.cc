#include "hub/web/sign_in_limiter.h"

#include <algorithm>

namespace gongkai::hub::web {

int64_t SignInLimiter::RetryAfter(const std::string& key, int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.locked_until <= now) return 0;
  // (decay is applied on the next failure; a locked key waits its lock out)
  return it->second.locked_until - now;
}

void SignInLimiter::Failure(const std::string& key, int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  if (entries_.size() >= max_keys_ && !entries_.count(key)) {
    auto victim = entries_.end();
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->second.locked_until > now) continue;
      if (victim == entries_.end() || it->second.last_failure < victim->second.last_failure) {
        victim = it;
      }
    }
    if (victim == entries_.end()) return;  // every key locked: nothing to learn from this one
    entries_.erase(victim);
  }
  Entry& e = entries_[key];
  if (e.locked_until <= now && now - e.last_failure >= decay_) e = Entry{};
  e.failures++;
  e.last_failure = now;
  if (e.failures >= after_) {
    int shift = std::min(e.failures - after_, 20);
    int64_t lock = std::min(max_, base_ << shift);
    e.locked_until = now + lock;
  }
}

void SignInLimiter::Success(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.erase(key);
}

}  // namespace gongkai::hub::web
