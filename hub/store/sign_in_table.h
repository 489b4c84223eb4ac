// The sign_ins table (migration 9): the trail of sign-in attempts on the
// administrator's pages (hub/web/sign_in.cc), shown on /admin/signins and
// kept across restarts. One row per attempt, written before the attempt is
// answered: time, the administrator name as typed (at most 64 bytes), the
// client address, whether the browser had signed in as that name before,
// the outcome ("signed_in", "wrong_password", "too_many_attempts", or the
// roster's refusal of a right password: "admin_revoked",
// "admin_key_mismatch") and the seconds the attempt's keys are locked for
// after it (0: none; a wrong password that starts or lengthens a lock
// shows it here).
//
// Bounded: at most kMaxSignIns rows; each insert drops what is older, so a
// flood of attempts cannot fill the disk.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

inline constexpr int64_t kMaxSignIns = 10000;

// The outcomes the sign-in writes itself; a right password the roster
// refuses is stored as the refusal's reason (hub/admin/reasons.h).
namespace sign_in_outcome {
inline constexpr std::string_view kSignedIn = "signed_in";
inline constexpr std::string_view kWrongPassword = "wrong_password";
inline constexpr std::string_view kTooManyAttempts = "too_many_attempts";
}  // namespace sign_in_outcome

struct SignInRecord {
  int64_t id = 0;  // assigned by AppendSignIn, ascending
  int64_t at = 0;  // Unix seconds
  std::string admin;
  std::string address;
  bool known_device = false;
  std::string outcome;
  int64_t locked_seconds = 0;
};

Status AppendSignIn(HubDb& db, const SignInRecord& r);
// Newest first: at most `limit` records with id < before (before 0: from
// the newest).
Result<std::vector<SignInRecord>> ListSignIns(HubDb& db, int64_t before, size_t limit);
Result<int64_t> CountSignIns(HubDb& db);

}  // namespace gongkai::hub
