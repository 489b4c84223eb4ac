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
// is duplicated or lost. Each batch's receipts are committed before the next
// batch is sent, so an interruption loses at most the answer of one batch.
// PushOutbox does not retry by itself: the caller passes a PostFn that does
// (retry_policy.h, RetryingPost — sync_command.cc), so that push and pull
// share one policy. A 413 halves the batch.
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
  // Retries live in the PostFn (retry_policy.h). Kept so that callers
  // which set it to 0 still compile; PushOutbox ignores it.
  int retries = 0;
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
