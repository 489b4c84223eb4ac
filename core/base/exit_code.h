// One table of exit statuses for every program (docs/exit-codes.md).
//
// A failure's Status says what the caller should do next (core/base/status.h);
// the exit status says the same to a script: 0 done, 1 failed (a bug, or a
// program that does not tell failures apart), 2 wrong usage, 3 fix the
// input, 4 not found, 5 refused — a person acts, 6 try again later, 7 data
// damaged, and three outcomes of the station's sync (8, 9, 10). Scripts may
// rely on 0 = success, anything else = failure. gongkai-audit keeps its own
// 1 and 3 (station/audit/audit_cli.h; decision 0024).
//
// ExitCodeFor is the only place a Status becomes an exit status:
//   - a usage error (one of the reasons below, produced by the flag parsers of
//     every program) is 2;
//   - then the program's own rules (a reason with a meaning of its own, e.g.
//     the station's edits_held → 8), in order;
//   - then by Code (ExitDetail::kByCode), or 1 for every other failure
//     (ExitDetail::kFailedOnly — the hub and the witness).
#pragma once

#include <span>
#include <string_view>

#include "core/base/status.h"

namespace gongkai {

enum class ExitCode : int {
  kOk = 0,
  kFailed = 1,       // a bug, or a failure the program does not tell apart
  kUsage = 2,        // wrong usage: unknown command or flag, bad config file
  kBadInput = 3,     // the input is wrong: fix it and run again
  kNotFound = 4,     // the row, file or entry named does not exist
  kRefused = 5,      // refused: a person must act
  kTryLater = 6,     // transient: try again later
  kDamaged = 7,      // stored or received data is damaged (or a log alarm)
  kEditsHeld = 8,    // station sync: some edits refused, held for the clerk
  kNotEnrolled = 9,  // station sync: the hub does not know this station
  kHubDamaged = 10,  // station sync: the hub says its database is damaged
};

// Reasons of usage errors, shared by the flag parsers of every program.
namespace reason {
inline constexpr std::string_view kUsage = "usage";
inline constexpr std::string_view kUnknownCommand = "unknown_command";
inline constexpr std::string_view kUnknownFlag = "unknown_flag";
inline constexpr std::string_view kMissingFlag = "missing_flag";
inline constexpr std::string_view kMissingValue = "missing_value";
inline constexpr std::string_view kRepeatedFlag = "repeated_flag";
inline constexpr std::string_view kUnexpectedValue = "unexpected_value";
inline constexpr std::string_view kWrongArguments = "wrong_arguments";
inline constexpr std::string_view kMissingDir = "missing_dir";
inline constexpr std::string_view kBadNumber = "bad_number";
inline constexpr std::string_view kBadConfig = "bad_config";
inline constexpr std::string_view kConfigMismatch = "config_mismatch";
}  // namespace reason

// True for the reasons above: the command line or the config file is wrong.
bool IsUsageError(const Status& s);

// What a program's exit status tells apart beyond usage and its own rules.
enum class ExitDetail {
  kByCode,      // 3–7 by Code (gongkai-station)
  kFailedOnly,  // 1 for every other failure (gongkai-hub, gongkai-witness)
};

// A reason with a meaning of its own in one program.
struct ExitRule {
  bool (*applies)(std::string_view reason);
  ExitCode exit;
};

// The exit status for s (0 when ok). Never 0 for a failure.
int ExitCodeFor(const Status& s, ExitDetail detail, std::span<const ExitRule> rules = {});

// The table by Code alone (kByCode): kOk 0, kInvalidArgument and
// kResourceExhausted 3, kNotFound 4, kAlreadyExists, kFailedPrecondition,
// kPermissionDenied and kUnauthenticated 5, kUnavailable and kAborted 6,
// kDataLoss 7, kInternal 1.
ExitCode ExitCodeForCode(Code code);

}  // namespace gongkai
