// Pushing the outbox to the hub (docs/station-sync.md): the sealed and sent
// change sets, in seq order, in batches (docs/formats/http-changesets.md),
// each batch marked "sent" once the hub answered, and its receipts recorded
// in one transaction:
//
//   accepted / duplicate  → the outbox entry becomes accepted (log index)
//   rejected              → rejected, with the hub's code and message; the
//                           push stops there (later change sets of this
//                           station would only be refused for the gap)
//
// Sending is idempotent at the hub, so an entry marked sent whose answer was
// lost is simply sent again next time and comes back "duplicate": nothing
// is duplicated or lost. Transient failures (network, timeouts, HTTP 503)
// are retried with exponential backoff and jitter; a 413 halves the batch.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "station/store/station_store.h"
#include "station/sync/https_client.h"

namespace gongkai::station {

struct PushOptions {
  size_t max_changesets_per_request = 100;
  size_t max_request_bytes = 4u << 20;
  int retries = 4;                          // after the first attempt
  std::chrono::milliseconds backoff{1000};  // doubled each retry, plus jitter
};

struct PushedChangeSet {
  uint64_t seq = 0;
  Hash32 id{};
  std::string status;  // accepted | duplicate | rejected
  std::optional<uint64_t> log_index;
  std::string code, message;  // rejected
};

struct PushReport {
  std::vector<PushedChangeSet> results;
  bool stopped_at_rejection = false;
};

// Posts one request body to POST /v1/changesets.
using PostFn = std::function<Result<HttpsResponse>(const std::string& body)>;

Result<PushReport> PushOutbox(StationStore& store, const PostFn& post, const PushOptions& opts,
                              int64_t now);

}  // namespace gongkai::station
