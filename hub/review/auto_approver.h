// The optional auto-approve policy (off by default; docs/hub.md § Review):
// change sets from listed stations that merge cleanly — no conflict, every
// merged row valid — onto the latest approved version are approved without
// waiting for an administrator, signed with the administrator key given to
// `serve --admin` (or the only one). Change sets of other stations, and
// listed ones with a conflict, wait for a person as usual.
//
// One pass picks, in arrival order, each listed undecided change set that
// still merges cleanly together with those already picked, and approves
// them as one new version (approve.h, same transaction rules).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "core/base/status.h"
#include "hub/admin/admin_signer.h"
#include "hub/review/approve.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

// Nothing to approve → nullopt.
Result<std::optional<ApproveOutcome>> AutoApproveOnce(HubDb& db, const AdminSigner& admin,
                                                      const std::set<std::string>& stations,
                                                      int64_t now);

// Parses "a, b,c" into station ids (validated; reason bad_station_id).
Result<std::set<std::string>> ParseStationList(const std::string& text);

// A background thread running AutoApproveOnce every `interval` on its own
// connection; failures are logged to stderr and retried next time.
class AutoApprover {
 public:
  static Result<std::unique_ptr<AutoApprover>> Start(const std::string& db_path, AdminSigner admin,
                                                     std::set<std::string> stations,
                                                     std::chrono::milliseconds interval);
  ~AutoApprover();
  void Stop();

 private:
  AutoApprover(HubDb db, AdminSigner admin, std::set<std::string> stations,
               std::chrono::milliseconds interval);
  void Loop();

  HubDb db_;
  AdminSigner admin_;
  std::set<std::string> stations_;
  std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace gongkai::hub
