#include "station/sync/retry_policy.h"

#include <algorithm>
#include <thread>

namespace gongkai::station {

using std::chrono::milliseconds;

RetryPolicy NoRetries() {
  RetryPolicy p;
  p.max_attempts = 1;
  return p;
}

milliseconds BackoffDelay(int attempt, milliseconds base, milliseconds cap, std::mt19937_64& rng) {
  if (base.count() <= 0 || cap.count() <= 0) return milliseconds(0);
  // base·2^attempt without overflow: stop doubling once past the cap.
  int64_t ceiling = base.count();
  for (int i = 0; i < attempt && ceiling < cap.count(); ++i) ceiling *= 2;
  ceiling = std::min(ceiling, static_cast<int64_t>(cap.count()));
  std::uniform_int_distribution<int64_t> pick(0, ceiling);
  return milliseconds(pick(rng));
}

bool IsTransient(const Result<HttpsResponse>& r) {
  if (!r.ok()) return r.status().code() == Code::kUnavailable;
  int s = r->status;
  return s == 429 || s == 502 || s == 503 || s == 504;
}

std::optional<milliseconds> RetryAfter(const HttpsResponse& r) {
  const std::string& v = r.retry_after;
  if (v.empty() || v.size() > 9) return std::nullopt;
  int64_t n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return milliseconds(n * 1000);
}

RetryClock RealRetryClock(std::function<bool()> stop) {
  RetryClock c;
  c.now = [] { return std::chrono::steady_clock::now(); };
  c.sleep = [stop = std::move(stop)](milliseconds d) {
    auto until = std::chrono::steady_clock::now() + d;
    while (std::chrono::steady_clock::now() < until) {
      if (stop && stop()) return false;
      auto left = std::chrono::duration_cast<milliseconds>(until - std::chrono::steady_clock::now());
      std::this_thread::sleep_for(std::min(left, milliseconds(100)));
    }
    return !(stop && stop());
  };
  return c;
}

Result<HttpsResponse> WithRetries(const std::function<Result<HttpsResponse>()>& attempt,
                                  const RetryPolicy& policy, const RetryClock& clock,
                                  int* retries) {
  std::mt19937_64 rng(clock.seed != 0 ? clock.seed : std::random_device{}());
  const auto start = clock.now();
  for (int n = 0;; ++n) {
    Result<HttpsResponse> r = attempt();
    if (!IsTransient(r) || n + 1 >= policy.max_attempts) return r;
    milliseconds wait = BackoffDelay(n, policy.base, policy.cap, rng);
    if (r.ok()) {
      if (std::optional<milliseconds> asked = RetryAfter(*r)) wait = std::min(*asked, policy.cap);
    }
    if (clock.now() + wait - start > policy.max_total) return r;
    if (clock.on_retry) clock.on_retry(n + 1, r, wait);
    if (!clock.sleep(wait)) return r;
    if (retries) ++*retries;
  }
}

PostFn RetryingPost(PostFn post, RetryPolicy policy, RetryClock clock) {
  return [post = std::move(post), policy, clock](const std::string& body) {
    return WithRetries([&] { return post(body); }, policy, clock);
  };
}

GetFn RetryingGet(GetFn get, RetryPolicy policy, RetryClock clock) {
  return [get = std::move(get), policy, clock](const std::string& target) {
    return WithRetries([&] { return get(target); }, policy, clock);
  };
}

}  // namespace gongkai::station
