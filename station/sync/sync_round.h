// One sync round — seal, push, pull — used by `gongkai-station sync`, its
// `--watch` loop and the clerk's page (docs/station-sync.md).
//
//   1. seal the pending edits (held rows stay out: refused_changesets.h),
//      then send the attachments the hub lacks (upload_attachments.h);
//   2. push the outbox (push_outbox.h): change sets refused for their edits
//      come back to the clerk and the rest are re-sealed and sent; a refusal
//      of the station as a whole stops the push with nothing marked;
//   3. pull what the town decided (pull_catalog.h) — also after a whole
//      refusal, so a station not yet enrolled still gets the town's catalog;
//   4. record the time of the sync.
//
// Every request goes through one retry policy (retry_policy.h); each retry
// is told to `progress` first, so a person watching sees why it waits.
//
// The result says how complete the round is (RoundOutcome): everything
// delivered, or edits held for the clerk, or the station refused as a whole.
// A round that could not finish (network, a log alarm, a broken store) is an
// error Result instead.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "station/store/station_store.h"
#include "station/sync/https_client.h"
#include "station/sync/pull_catalog.h"
#include "station/sync/push_outbox.h"
#include "station/sync/retry_policy.h"
#include "station/sync/upload_attachments.h"

namespace gongkai::station {

struct SyncRoundOptions {
  std::string note;  // for the sealed edits
  RetryPolicy policy;
  std::function<bool()> stop;  // asked while waiting to retry (may be empty)
  // One line per retry, e.g. "第 2 次连接失败: 连不上镇服务器 [hub_unreachable]，8 秒后重试".
  std::function<void(const std::string& line)> progress;
};

struct SyncRoundResult {
  size_t sealed = 0;
  AttachmentUploadReport attachments;
  PushReport pushed;
  PullReport pulled;
  HttpsStats wire;                  // this round's bytes and connections
  std::vector<HeldRow> held;        // rows waiting for the clerk afterwards
  // The hub presented a certificate its log key announced: the pin now
  // names it (docs/decisions/0019-certificate-announcements.md).
  std::optional<std::string> pin_moved_to;
  // Ok: everything the clerk sealed was delivered. Otherwise why not, as a
  // status whose reason scripts can act on (exit codes: station/cli/exit_code.h):
  //   edits_held                      some rows' edits wait for the clerk
  //   unknown_station, station_revoked, bad_signature   not enrolled (with this key)
  //   seq_gap, prev_mismatch, equivocation, …           refused as a whole
  Status outcome;
};

inline constexpr const char* kEditsHeld = "edits_held";

// The hub this station syncs with: its URL and pinned certificate;
// FailedPrecondition "hub_not_configured" (what to run) when either is missing.
Result<HttpsEndpoint> ConfiguredHub(StationStore& store);

Result<SyncRoundResult> RunSyncRound(StationStore& store, HubTransport& client,
                                     const SyncRoundOptions& options, int64_t now);

// The Status for rows held by refusals, telling the clerk what to do.
Status HeldStatus(const std::vector<HeldRow>& held);

// A few words for a failure (the round line of --watch, a retry line).
std::string ShortReason(const Status& s);

}  // namespace gongkai::station
