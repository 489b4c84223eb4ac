// The page's sync button: the same steps as `gongkai-station sync`
// (station/sync/sync_command.cc) — seal the pending edits, push the outbox
// (push_outbox.h), pull the approved catalog and the town's decisions
// (pull_catalog.h), record the sync — run in-process on a background thread
// so the page stays responsive and shows live status (GET /api/status).
//
// RunSyncOnce is one call to the round the command runs
// (station/sync/sync_round.h), with its retries bounded to 4 attempts
// within 60 s: the clerk is watching. Tests give the runner a function of
// their own (no hub needed).
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/base/status.h"

namespace gongkai::station::ui {

struct SyncSummary {
  size_t sealed = 0;    // change sets sealed by this sync
  size_t sent = 0;      // change sets the hub answered for
  size_t accepted = 0;  // accepted or duplicate
  size_t rejected = 0;  // refused by the hub on upload
  uint64_t from_version = 0, to_version = 0;
  size_t rejected_by_town = 0;  // this station's change sets the administrator rejected
  size_t held = 0;              // rows whose edits the hub refused, waiting for the clerk
  // Ok when everything was delivered; otherwise why not (sync_round.h):
  // the page shows it as a failure with its message, never as 同步完成.
  Status outcome;
};

// One Chinese sentence for the clerk (e.g. "同步完成：已上传 1 个变更集，…").
std::string DescribeSync(const SyncSummary& s);

using SyncFn = std::function<Result<SyncSummary>(const std::string& dir, int64_t now)>;

// Seal, push, pull and record, against the hub the station is configured for.
Result<SyncSummary> RunSyncOnce(const std::string& dir, int64_t now);

struct SyncState {
  bool running = false;
  bool ever_ran = false;
  bool ok = false;
  std::string message;  // Chinese, for the page
  std::string reason;   // the Status reason on failure
  int64_t started_at = 0, finished_at = 0;
};

// At most one sync at a time; Start while one runs does nothing.
class SyncRunner {
 public:
  SyncRunner(std::string dir, SyncFn fn) : dir_(std::move(dir)), fn_(std::move(fn)) {}
  ~SyncRunner() { Wait(); }
  SyncRunner(const SyncRunner&) = delete;
  SyncRunner& operator=(const SyncRunner&) = delete;

  // False if a sync is already running.
  bool Start(int64_t now);
  SyncState State() const;
  // Waits for the running sync, if any (tests; shutdown).
  void Wait();

 private:
  std::string dir_;
  SyncFn fn_;
  mutable std::mutex mu_;
  SyncState state_;
  std::thread thread_;
};

}  // namespace gongkai::station::ui
