// Slowing down password guessing on the sign-in page. Failures are counted
// per key — "addr:<client address>" and "admin:<name>" — and from the
// `after`-th failure on, the key is locked for base·2^(failures−after)
// seconds (capped at `max`): 5 failures → 30 s, 6 → 60 s, 7 → 120 s, ...
// While either key of an attempt is locked the password is not even
// checked (429 "too_many_attempts" with Retry-After). A success clears the
// account's and the address's counts. Counts decay: a key with no failure
// for `decay` seconds (and not locked) starts again from zero. Memory: at
// most `max_keys` keys; the least recently failed unlocked ones are
// dropped first. hub/web/sign_in_guard.h decides which keys an attempt uses.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace gongkai::hub::web {

class SignInLimiter {
 public:
  SignInLimiter(int after, int64_t base_seconds, int64_t max_seconds, size_t max_keys = 10000,
                int64_t decay_seconds = 3600)
      : after_(after),
        base_(base_seconds),
        max_(max_seconds),
        max_keys_(max_keys),
        decay_(decay_seconds) {}

  // Seconds until `key` may try again; 0 if it may now.
  int64_t RetryAfter(const std::string& key, int64_t now);
  void Failure(const std::string& key, int64_t now);
  void Success(const std::string& key);

 private:
  struct Entry {
    int failures = 0;
    int64_t last_failure = 0;
    int64_t locked_until = 0;
  };
  std::mutex mu_;
  std::map<std::string, Entry> entries_;
  int after_;
  int64_t base_, max_;
  size_t max_keys_;
  int64_t decay_;
};

}  // namespace gongkai::hub::web
