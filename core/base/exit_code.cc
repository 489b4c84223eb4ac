#include "core/base/exit_code.h"

namespace gongkai {

bool IsUsageError(const Status& s) {
  static constexpr std::string_view kUsageReasons[] = {
      reason::kUsage,           reason::kUnknownCommand, reason::kUnknownFlag,
      reason::kMissingFlag,     reason::kMissingValue,   reason::kRepeatedFlag,
      reason::kUnexpectedValue, reason::kWrongArguments, reason::kMissingDir,
      reason::kBadNumber,       reason::kBadConfig,      reason::kConfigMismatch,
  };
  if (s.ok()) return false;
  for (std::string_view r : kUsageReasons) {
    if (s.reason() == r) return true;
  }
  return false;
}

ExitCode ExitCodeForCode(Code code) {
  switch (code) {
    case Code::kOk:
      return ExitCode::kOk;
    case Code::kInvalidArgument:
    case Code::kResourceExhausted:
      return ExitCode::kBadInput;
    case Code::kNotFound:
      return ExitCode::kNotFound;
    case Code::kAlreadyExists:
    case Code::kFailedPrecondition:
    case Code::kPermissionDenied:
    case Code::kUnauthenticated:
      return ExitCode::kRefused;
    case Code::kUnavailable:
    case Code::kAborted:
      return ExitCode::kTryLater;
    case Code::kDataLoss:
      return ExitCode::kDamaged;
    case Code::kInternal:
      break;
  }
  return ExitCode::kFailed;
}

int ExitCodeFor(const Status& s, ExitDetail detail, std::span<const ExitRule> rules) {
  if (s.ok()) return static_cast<int>(ExitCode::kOk);
  if (IsUsageError(s)) return static_cast<int>(ExitCode::kUsage);
  for (const ExitRule& rule : rules) {
    if (rule.applies(s.reason())) return static_cast<int>(rule.exit);
  }
  if (detail == ExitDetail::kFailedOnly) return static_cast<int>(ExitCode::kFailed);
  return static_cast<int>(ExitCodeForCode(s.code()));
}

}  // namespace gongkai
