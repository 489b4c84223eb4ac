// The auditor's state file: an AuditState written so that verification can
// resume where it stopped without downloading the log again (docs/audit.md,
// "State file"). Grammar of docs/formats/wire.md:
//
//   state := archive{
//     string  magic = "gongkai-audit-state"
//     u16     format = 3   ; 1 (no roster fields) and 2 (no policy) are still read
//     u64     size                     ; entries verified
//     u64     k = popcount(size)
//     fixed32 range[k]                 ; CompactRange hashes, leftmost first
//     string  origin, fixed32 log_key  ; from the genesis ("" and zeros if size = 0)
//     u64 n, admin[n]       admin   := string name, fixed32 key, u64 index,
//                                      bool revoked, u64 revoked_index       (by name)
//     u64 n, admin_key[n]   admin_key := fixed32 key, string name           (by key)
//     u8      approvals                ; policy in force: 1 or 2   (format 3 only)
//     u64     policy_index             ; entry that set it, 0: none (format 3 only)
//     u64 n, review[n]      review := fixed32 leaf_hash, u64 index (by index, format 3 only)
//     u64 n, station[n]     station := string id, string unit, fixed32 key,
//                                      u64 enrolled_index, bool revoked,
//                                      u64 revoked_index, u64 last_seq,
//                                      fixed32 last_id                      (by id)
//     u64 n, row_unit[n]    row_unit := string row_id, string unit          (by row id)
//     u64 n, changeset[n]   changeset := fixed32 id, u64 index             (by index)
//     u64 n, pending[n]     pending := u64 index, string body              (by index)
//     u64     catalog_version
//     fixed32 catalog_hash
//     u64 n, row[n]                    ; catalog.md row encoding            (by id)
//     fixed32 checksum                 ; SHA-256 of every byte before it
//   }
//
// Sorting is by byte order of the key, so equal states give equal bytes.
// `body` is the change set body (changeset.md); its id is recomputed.
#pragma once

#include <string_view>

#include "core/audit/audit_state.h"
#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai {

inline constexpr std::string_view kAuditStateMagic = "gongkai-audit-state";
// 1: before roster records, 2: before policy and review records (both still read)
inline constexpr uint16_t kAuditStateFormat = 3;

Bytes EncodeAuditState(const AuditState& st);
// Reasons: not_audit_state (wrong magic, kInvalidArgument),
// unsupported_format, the framing reasons of wire.md, and state_corrupt
// (kDataLoss) when the checksum or an invariant of audit_state.h fails.
Result<AuditState> DecodeAuditState(const Bytes& bytes);

}  // namespace gongkai
