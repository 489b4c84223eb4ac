// Administrator decisions: approvals and rejections (docs/formats/decisions.md).
//
//   approval  := archive{ u16 format (=1), u64 version, fixed32 parent_hash,
//                         u64 n, fixed32 changeset_id[n],
//                         u64 m, resolution[m],
//                         fixed32 result_hash, string admin, i64 decided_at,
//                         string note
//                         [format 2 only: u64 k, string review[k]] }
//   review    := archive{ u16 format (=1), u64 version, fixed32 parent_hash,
//                         u64 n, fixed32 changeset_id[n],
//                         u64 m, resolution[m],
//                         fixed32 result_hash, string admin, i64 reviewed_at }
//   resolution := fixed32 changeset_id, u32 op_index, u8 action, string value
//   rejection := archive{ u16 format (=1), fixed32 changeset_id, string station,
//                         u64 seq, string reason, string admin, i64 decided_at }
//
// Both travel in envelopes signed by the administrator (kinds kApproval,
// kRejection). An approval is checked by replaying it: Merge(parent catalog,
// the included change sets in the listed order, the resolutions) must give
// result_hash, and parent_hash must be the hash of the catalog at
// version − 1.
//
// A review (kind kReview) is the first signature of a two-person approval
// (docs/decisions/0018-two-person-approval.md): an administrator signs a
// proposed result — the same fields as an approval, without the note. The
// approval that completes the pair carries the encoded review envelopes
// (format 2), so the rule can be checked from the approval entry alone.
// An approval without reviews is written as format 1, byte for byte as
// before.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/merge/merge.h"

namespace gongkai {

inline constexpr uint16_t kDecisionFormat = 1;
inline constexpr uint16_t kApprovalWithReviewsFormat = 2;
inline constexpr size_t kMaxReviewsPerApproval = 8;
inline constexpr size_t kMaxChangeSetsPerApproval = 100000;
inline constexpr size_t kMaxReasonChars = 1000;

struct Approval {
  uint64_t version = 0;  // the new catalog version (parent is version - 1)
  Hash32 parent_hash{};
  std::vector<Hash32> changesets;  // included, in the order they were merged
  std::vector<Resolution> resolutions;
  Hash32 result_hash{};
  std::string admin;
  int64_t decided_at = 0;
  std::string note;
  // Encoded review envelopes (EncodeEnvelope, kind kReview) of the other
  // administrators who signed the same proposal; empty under policy 1.
  std::vector<Bytes> reviews;

  bool operator==(const Approval&) const = default;
};

struct Review {
  uint64_t version = 0;  // the proposed version (parent is version - 1)
  Hash32 parent_hash{};
  std::vector<Hash32> changesets;  // in merge order
  std::vector<Resolution> resolutions;
  Hash32 result_hash{};
  std::string admin;  // the reviewer (= envelope signer)
  int64_t reviewed_at = 0;

  bool operator==(const Review&) const = default;
};

// The review of the proposal `a` makes, signed by `admin`.
Review ReviewOf(const Approval& a, std::string admin, int64_t reviewed_at);
// Same version, parent hash, change sets (in order), resolutions and result
// hash: the "same proposed result" two administrators must both sign.
bool SameProposal(const Review& r, const Approval& a);

struct Rejection {
  Hash32 changeset{};
  std::string station;
  uint64_t seq = 0;
  std::string reason;  // shown to the village clerk
  std::string admin;
  int64_t decided_at = 0;

  bool operator==(const Rejection&) const = default;
};

Bytes EncodeApproval(const Approval& a);
// Reasons: framing reasons of wire.md, unsupported_format, bad_version,
// bad_resolution (unknown action), and text reasons for admin/note/value.
Result<Approval> DecodeApproval(const Bytes& body);

Bytes EncodeReview(const Review& r);
// Reasons: framing reasons, unsupported_format, bad_version, bad_resolution,
// bad_admin_name.
Result<Review> DecodeReview(const Bytes& body);

Bytes EncodeRejection(const Rejection& r);
// Reasons: framing reasons, unsupported_format, bad_station_id, bad_seq,
// empty_reason, text reasons.
Result<Rejection> DecodeRejection(const Bytes& body);
// The reason's rules (DecodeRejection's): empty_reason, text reasons. The
// hub's reject confirmation page checks a reason with it before signing.
Status ValidateRejectionReason(std::string_view reason);

}  // namespace gongkai
