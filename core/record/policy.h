// The approval policy record: how many different active administrators
// must sign the same proposed result before it becomes a version
// (docs/formats/records.md § Policy, docs/decisions/0018-two-person-approval.md).
//
//   body := archive{ u16 format (=1), u8 approvals (1 or 2), string admin, i64 at }
//
// It travels in an Envelope of kind kPolicy whose signer is `admin`, signed
// by that administrator's key, and is in force from the next log entry on.
// Before any policy record a log needs one signature per version.
#pragma once

#include <cstdint>
#include <string>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai {

inline constexpr uint16_t kPolicyFormat = 1;
// One administrator, or two different ones (保密审查 then approval).
inline constexpr uint8_t kMaxApprovals = 2;

struct ApprovalPolicy {
  uint8_t approvals = 1;  // signatures of different administrators per version
  std::string admin;      // who signed (= envelope signer)
  int64_t at = 0;         // unix seconds, informational

  bool operator==(const ApprovalPolicy&) const = default;
};

Bytes EncodeApprovalPolicy(const ApprovalPolicy& p);
// Reasons: malformed, truncated, trailing_bytes, unsupported_format,
// too_long, bad_approvals (not 1 or 2), bad_admin_name.
Result<ApprovalPolicy> DecodeApprovalPolicy(const Bytes& body);
// The value checks DecodeApprovalPolicy applies (for records about to be made).
Status ValidateApprovalPolicy(const ApprovalPolicy& p);

}  // namespace gongkai
