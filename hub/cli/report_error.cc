#include <iostream>

#include "core/base/exit_code.h"
#include "core/base/reasons.h"
#include "hub/cli/commands.h"

namespace gongkai::hub {
namespace {

bool IsStoreDamaged(std::string_view r) { return r == reason::kDbCorrupt; }

// gongkai-hub check names the entry (docs/exit-codes.md).
constexpr ExitRule kHubExitRules[] = {{IsStoreDamaged, ExitCode::kDamaged}};

}  // namespace

int HubExitCode(const Status& s) { return ExitCodeFor(s, ExitDetail::kFailedOnly, kHubExitRules); }

int ReportError(const Status& s) {
  std::cerr << "错误: " << s.message() << " [" << s.reason() << "]\n";
  return HubExitCode(s);
}

}  // namespace gongkai::hub
