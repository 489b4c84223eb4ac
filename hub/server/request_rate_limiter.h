// The request rate per client address (docs/http-api.md § Limits): a
// token bucket per IP address, so one client cannot take every request the
// hub can serve. Each address starts with `burst` tokens and gets
// `per_second` back every second, never more than `burst`; a request takes
// one. A request that finds no token is answered 429 "too_many_requests"
// with Retry-After: the whole seconds until a token is back — the request
// is not handled and nothing of it is stored.
//
// Pure logic: the caller passes the time (milliseconds on a steady clock).
// Memory: a bucket that has filled up again is the same as no bucket, so
// when `max_addresses` are tracked the full ones are dropped; if none is
// full, a new address is let through untracked (a flood from that many
// addresses is beyond what a per-address limit can answer).
// per_second == 0 turns the limit off.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace gongkai::hub {

class RequestRateLimiter {
 public:
  RequestRateLimiter(double per_second, double burst, size_t max_addresses = 100000);

  // 0: the request may go on (a token was taken). Otherwise the seconds
  // (at least 1) until `address` has a token again; nothing was taken.
  int64_t Take(const std::string& address, int64_t now_ms);

  size_t tracked();

 private:
  struct Bucket {
    double tokens = 0;
    int64_t at_ms = 0;
  };
  double Refilled(const Bucket& b, int64_t now_ms) const;

  const double per_second_;
  const double burst_;
  const size_t max_addresses_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace gongkai::hub
