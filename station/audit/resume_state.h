// The --state file of `gongkai-audit verify` (docs/audit.md, "--state"):
// what one auditor has verified of one hub's log, so the next run
// continues from there and checks that the hub's history only grew.
// Grammar of docs/formats/wire.md:
//
//   resume := archive{
//     string  magic = "gongkai-audit-resume"
//     u16     format = 1
//     string  hub_key          ; the verifier key the log was checked with
//     string  accepted         ; the last checkpoint fully verified (signed note; "" if none)
//     string  target           ; a signed checkpoint a run stopped short of ("" if none)
//     string  verifier         ; LogVerifier::SaveState() (docs/audit.md, "State file")
//     u64     n                ; = the verifier's size
//     fixed32 leaf_hash[n]     ; LeafHash of every verified entry, in order
//     fixed32 checksum         ; SHA-256 of every byte before it
//   }
//
// The leaf hashes let the auditor name the first entry where a later,
// forked or rewound history differs from the one it verified. The file is
// the auditor's own cache, written atomically (mode 0600); if in doubt,
// delete it and verify from entry 0 — but then the comparison with what
// was seen before is lost.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai::station {

inline constexpr std::string_view kResumeMagic = "gongkai-audit-resume";
inline constexpr uint16_t kResumeFormat = 1;

struct ResumeState {
  std::string hub_key;
  std::string accepted;
  std::string target;
  Bytes verifier;
  std::vector<Hash32> leaves;
};

Bytes EncodeResumeState(const ResumeState& s);
// Reasons: not_audit_state (wrong magic), unsupported_format, framing
// reasons, state_corrupt (checksum).
Result<ResumeState> DecodeResumeState(const Bytes& bytes);

// nullopt if the file does not exist.
Result<std::optional<ResumeState>> LoadResumeState(const std::string& path);
Status SaveResumeState(const std::string& path, const ResumeState& s);

}  // namespace gongkai::station
