// One retry policy for every request of a sync (docs/station-sync.md
// § Retries): the push POSTs, the catalog GETs and the log proof GETs.
//
//  - transient, retried: failures of the connection (code Unavailable:
//    hub_unreachable, hub_timeout, tls_failed, hub_io) and the HTTP
//    statuses 429, 502, 503 and 504;
//  - final, returned at once: everything else — an answer of any other
//    status (a 4xx refusal is the hub's decision and would only be refused
//    again), a pinned-certificate mismatch, a corrupt answer;
//  - the wait before retry n (n = 0 for the first retry) is "full jitter":
//    uniform in [0, min(cap, base·2^n)] — spreading the stations of a town
//    that all lost the hub at the same moment; a Retry-After the hub sent
//    (whole seconds) is honoured instead, up to the cap;
//  - it gives up after max_attempts attempts, or when the next wait would
//    end past max_total since the first attempt, or when `stop` says so
//    (a --watch station asked to end), returning the last result.
//
// The wrappers turn a PostFn/GetFn into one that retries, so code that
// takes those function objects (push_outbox.h, pull_catalog.h) gets
// retries without knowing about them.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>

#include "core/base/status.h"
#include "station/sync/hub_transport.h"
#include "station/sync/pull_catalog.h"
#include "station/sync/push_outbox.h"

namespace gongkai::station {

struct RetryPolicy {
  int max_attempts = 8;                       // including the first
  std::chrono::milliseconds base{1'000};      // the first retry waits up to this
  std::chrono::milliseconds cap{60'000};      // no wait is longer than this
  std::chrono::milliseconds max_total{300'000};  // a request gives up after this
};

// No retries at all (sync --no-retry).
RetryPolicy NoRetries();

// Full-jitter backoff: uniform in [0, min(cap, base·2^attempt)] (attempt ≥ 0,
// the number of retries already made). Pure given the generator.
std::chrono::milliseconds BackoffDelay(int attempt, std::chrono::milliseconds base,
                                       std::chrono::milliseconds cap, std::mt19937_64& rng);

// Whether a result is worth another attempt (see above).
bool IsTransient(const Result<HttpsResponse>& r);

// The Retry-After of an answer in whole seconds (the HTTP-date form is not
// used by the hub and is ignored), if any.
std::optional<std::chrono::milliseconds> RetryAfter(const HttpsResponse& r);

// How the retrier waits and tells time; tests replace both.
struct RetryClock {
  // Waits (about) d; returns false if the wait was cut short because the
  // caller asked to stop — then no further attempt is made.
  std::function<bool(std::chrono::milliseconds d)> sleep;
  std::function<std::chrono::steady_clock::time_point()> now;
  uint64_t seed = 0;  // 0: from std::random_device
  // Told before each wait: the attempt that failed (1 = the first), what it
  // got and how long the wait will be — so a person watching sees progress.
  std::function<void(int attempt, const Result<HttpsResponse>& got, std::chrono::milliseconds wait)>
      on_retry;
};

// Real time; `stop` (may be empty) is polled while waiting.
RetryClock RealRetryClock(std::function<bool()> stop = {});

// Calls `attempt` until it gives a final result or the policy gives up.
// `retries` (optional) counts the retries made.
Result<HttpsResponse> WithRetries(const std::function<Result<HttpsResponse>()>& attempt,
                                  const RetryPolicy& policy, const RetryClock& clock,
                                  int* retries = nullptr);

PostFn RetryingPost(PostFn post, RetryPolicy policy, RetryClock clock);
GetFn RetryingGet(GetFn get, RetryPolicy policy, RetryClock clock);

}  // namespace gongkai::station
