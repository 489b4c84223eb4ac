// Pushing the outbox to the hub (docs/station-sync.md): the sealed and sent
// change sets, in seq order, in batches (docs/formats/http-changesets.md),
// each batch marked "sent" once the hub answered, and its receipts recorded
// in one transaction before the next batch goes:
//
//   accepted / duplicate  → the outbox entry becomes accepted (log index)
//   rejected              → by the scope of its code (core/changeset/refusal.h):
//     kEdits    the change set is returned (StationStore::ReturnRefused:
//               its edits back to the clerk, the rows named held, the later
//               change sets re-sealed onto the last accepted one) and the
//               push goes on with the re-sealed ones;
//     kStation, kChain  the upload is refused as a whole: nothing is marked,
//               the refusal is kept for status (RecordStationRefusal) and
//               the push stops; PushReport::refused_whole says why, with
//               one line telling the clerk what to do.
//
// Sending is idempotent at the hub, so an entry marked sent whose answer was
// lost is simply sent again next time and comes back "duplicate": nothing
// is duplicated or lost. Each batch's receipts are committed before the next
// batch is sent, so an interruption loses at most the answer of one batch.
// PushOutbox does not retry by itself: the caller passes a PostFn that does
// (retry_policy.h, RetryingPost — sync_round.cc), so that push and pull
// share one policy. A 413 halves the batch.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/changeset/refusal.h"
#include "core/feed/api_paths.h"
#include "station/store/station_store.h"
#include "station/sync/hub_transport.h"

namespace gongkai::station {

struct PushOptions {
  size_t max_changesets_per_request = 100;
  size_t max_request_bytes = 4u << 20;
};

struct PushedChangeSet {
  uint64_t seq = 0;
  Hash32 id{};
  std::string status;  // accepted | duplicate | rejected
  std::optional<uint64_t> log_index;
  std::string code, message;  // rejected
};

// A change set refused for its edits and what became of it.
struct ReturnedReport {
  uint64_t seq = 0;
  std::string code, message;
  std::vector<std::string> held_rows;
  size_t returned_edits = 0;
  std::vector<uint64_t> resealed;
  size_t refused_postings = 0;  // posting records refused with it (records shows why)
};

struct PushReport {
  std::vector<PushedChangeSet> results;  // every receipt, in the order received
  std::vector<ReturnedReport> returned;  // refused for their edits
  // The hub refused this station's uploads as a whole: nothing was marked.
  std::optional<Status> refused_whole;
  // The last answer's verdict on the poll the post target named (&poll=…,
  // docs/decisions/0032-the-push-answers-the-poll.md); none from JSON or
  // from a hub older than the verdict.
  std::optional<bool> nothing_new;
  size_t Accepted() const;
};

// outside_unit for rows of the station's own unit: the hub enrolled it
// under another unit (a whole refusal, exit 9 like the other enrolment ones).
inline constexpr std::string_view kUnitNotEnrolled = refusal::kUnitNotEnrolled;

// The Status a whole refusal becomes (reason = the hub's code): one line
// telling the clerk what to do. `vkey` is the station's verifier key.
Status WholeRefusal(const std::string& code, const std::string& message, const std::string& vkey);

// What the station does with one refusal of an outbox entry that is still
// undecided (sealed or sent), whether it came in a receipt over HTTPS or in
// a USB catalog bundle: by the scope of its code, either the change set is
// returned (`returned`) or the refusal of the station as a whole is
// recorded (`whole`, the Status WholeRefusal makes). outside_unit on creates
// of the station's own unit is read as unit_not_enrolled.
struct RefusalTaken {
  std::optional<ReturnedReport> returned;
  std::optional<Status> whole;
};
Result<RefusalTaken> TakeRefusal(StationStore& store, const PrivateKey& key,
                                 const OutboxEntry& entry, const std::string& code,
                                 const std::string& message, const std::vector<size_t>& ops,
                                 int64_t now);

// What a station posts change sets to: the compact receipts when all are
// accepted (docs/formats/http-changesets.md § Compact answer). The sync
// round adds &poll=REST, REST its next poll (NextPollRest, pull_catalog.h).
inline const std::string kChangeSetsTarget = std::string(api_path::kChangeSets) + "?form=bin";
// The short push (docs/decisions/0033-compact-range-and-checkpoint.md):
// POST api_path::kShortPush[/REST] is the request above with &poll=REST, and needs no
// Content-Type; its compact answer comes without one either.
// Posts one request body: to the short push, or POST kChangeSetsTarget.
using PostFn = std::function<Result<HttpsResponse>(const std::string& body)>;

// Sends one request: target, Content-Type ("" for none), body.
using SendFn = std::function<Result<HttpsResponse>(
    const std::string& target, const std::string& content_type, const std::string& body)>;
// A PostFn for one sync round: the short push naming `poll` (the rest of
// the next poll, NextPollRest) and, once a hub older than it answers 404,
// the long form POST kChangeSetsTarget[&poll=REST] with Content-Type
// application/octet-stream for the rest of the round. `*target` (when
// given) is set to the target of each request sent.
PostFn ShortPushFirst(SendFn send, const std::optional<std::string>& poll,
                      std::string* target = nullptr);

Result<PushReport> PushOutbox(StationStore& store, const PrivateKey& key, const PostFn& post,
                              const PushOptions& opts, int64_t now);

}  // namespace gongkai::station
