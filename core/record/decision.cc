#include "core/record/decision.h"

#include "core/catalog/validate.h"
#include "core/codec/wire.h"
#include "core/record/envelope.h"
#include "core/record/genesis.h"

namespace gongkai {
namespace {
constexpr size_t kMaxNameBytes = 256;
constexpr size_t kMaxValueBytes = 64 * 1024;

// version, parent hash, change sets, resolutions, result hash: the part an
// approval and a review share.
void WriteProposal(WireWriter& w, uint64_t version, const Hash32& parent,
                   const std::vector<Hash32>& changesets,
                   const std::vector<Resolution>& resolutions, const Hash32& result) {
  w.Put(version, parent, changesets);
  w.U64(resolutions.size());
  for (const auto& r : resolutions) {
    w.Put(r.changeset, r.op_index);
    w.U8(static_cast<uint8_t>(r.action));
    w.Str(r.value);
  }
  w.Fixed(result);
}

void ReadProposal(WireReader& r, uint64_t* version, Hash32* parent, std::vector<Hash32>* changesets,
                  std::vector<Resolution>* resolutions, Hash32* result) {
  uint64_t n = 0;
  if (r.U64(version) && r.Fixed(parent) && r.U64(&n)) {
    if (n > kMaxChangeSetsPerApproval || n * 32 > r.remaining()) {
      r.Fail(DataLoss("truncated", "审批记录中的变更集数量与数据长度不符"));
    }
    for (uint64_t i = 0; i < n && r.status().ok(); ++i) {
      Hash32 id{};
      if (r.Fixed(&id)) changesets->push_back(id);
    }
  }
  if (r.status().ok() && r.U64(&n)) {
    if (n > kMaxChangeSetsPerApproval * 10 || n * 37 > r.remaining()) {
      r.Fail(DataLoss("truncated", "审批记录中的冲突处理数量与数据长度不符"));
    }
    for (uint64_t i = 0; i < n && r.status().ok(); ++i) {
      Resolution res;
      uint8_t action = 0;
      if (r.Fixed(&res.changeset) && r.U32(&res.op_index) && r.U8(&action) &&
          r.Str(&res.value, kMaxValueBytes, "value")) {
        if (action < 1 || action > 3) {
          r.Fail(InvalidArgument("bad_resolution", "未知的冲突处理方式 " + std::to_string(action)));
        } else if (action != 1 && !res.value.empty()) {
          // One encoding: only a "value" resolution carries a value.
          r.Fail(InvalidArgument("bad_resolution", "只有“改为新值”的冲突处理带有值"));
        }
        res.action = static_cast<ResolutionAction>(action);
        resolutions->push_back(std::move(res));
      }
    }
  }
  if (r.status().ok()) r.Fixed(result);
}

}  // namespace

Bytes EncodeApproval(const Approval& a) {
  WireWriter w;
  w.U16(a.reviews.empty() ? kDecisionFormat : kApprovalWithReviewsFormat);
  WriteProposal(w, a.version, a.parent_hash, a.changesets, a.resolutions, a.result_hash);
  w.Put(a.admin, a.decided_at, a.note);
  if (!a.reviews.empty()) {
    w.Put(a.reviews);
  }
  return w.bytes();
}

Result<Approval> DecodeApproval(const Bytes& body) {
  WireReader r(body);
  Approval a;
  uint16_t format = 0;
  GK_RETURN_IF_ERROR(
      r.Format({kDecisionFormat, kApprovalWithReviewsFormat}, "不支持的审批记录格式 ", &format));
  ReadProposal(r, &a.version, &a.parent_hash, &a.changesets, &a.resolutions, &a.result_hash);
  if (r.status().ok()) {
    r.Str(&a.admin, kMaxNameBytes, "admin") && r.I64(&a.decided_at) &&
        r.Str(&a.note, kMaxReasonChars * 4, "note");
  }
  if (r.status().ok() && format == kApprovalWithReviewsFormat) {
    uint64_t k = 0;
    if (r.U64(&k) && (k == 0 || k > kMaxReviewsPerApproval)) {
      // Format 2 always carries a review; none is written as format 1.
      r.Fail(InvalidArgument("bad_reviews", "审批记录所附的审查记录个数应为 1 到 " +
                                                std::to_string(kMaxReviewsPerApproval) + "，实为 " +
                                                std::to_string(k)));
    }
    for (uint64_t i = 0; i < k && r.status().ok(); ++i) {
      Bytes review;
      if (r.Blob(&review, kMaxEnvelopeBody + 4096, "review"))
        a.reviews.push_back(std::move(review));
    }
  }
  GK_RETURN_IF_ERROR(r.Finish());
  if (a.version == 0) return InvalidArgument("bad_version", "审批产生的版本号从 1 开始");
  GK_RETURN_IF_ERROR(ValidateText(a.admin, 64, false, "admin"));
  GK_RETURN_IF_ERROR(ValidateText(a.note, kMaxReasonChars, true, "note"));
  return a;
}

Review ReviewOf(const Approval& a, std::string admin, int64_t reviewed_at) {
  return Review{a.version,     a.parent_hash,    a.changesets, a.resolutions,
                a.result_hash, std::move(admin), reviewed_at};
}

bool SameProposal(const Review& r, const Approval& a) {
  return r.version == a.version && r.parent_hash == a.parent_hash && r.changesets == a.changesets &&
         r.resolutions == a.resolutions && r.result_hash == a.result_hash;
}

Bytes EncodeReview(const Review& v) {
  WireWriter w;
  w.U16(kDecisionFormat);
  WriteProposal(w, v.version, v.parent_hash, v.changesets, v.resolutions, v.result_hash);
  w.Put(v.admin, v.reviewed_at);
  return w.bytes();
}

Result<Review> DecodeReview(const Bytes& body) {
  WireReader r(body);
  Review v;
  GK_RETURN_IF_ERROR(r.Format({kDecisionFormat}, "不支持的审查记录格式 "));
  ReadProposal(r, &v.version, &v.parent_hash, &v.changesets, &v.resolutions, &v.result_hash);
  if (r.status().ok()) r.Str(&v.admin, kMaxAdminNameLen, "admin") && r.I64(&v.reviewed_at);
  GK_RETURN_IF_ERROR(r.Finish());
  if (v.version == 0) return InvalidArgument("bad_version", "审查的版本号从 1 开始");
  GK_RETURN_IF_ERROR(ValidateAdminName(v.admin));
  return v;
}

Bytes EncodeRejection(const Rejection& rj) {
  return WireBytes(kDecisionFormat, rj.changeset, rj.station, rj.seq, rj.reason, rj.admin,
                   rj.decided_at);
}

Result<Rejection> DecodeRejection(const Bytes& body) {
  WireReader r(body);
  Rejection rj;
  GK_RETURN_IF_ERROR(r.Format({kDecisionFormat}, "不支持的退回记录格式 "));
  r.Fixed(&rj.changeset) && r.Str(&rj.station, kMaxStationIdLen, "station") && r.U64(&rj.seq) &&
      r.Str(&rj.reason, kMaxReasonChars * 4, "reason") && r.Str(&rj.admin, kMaxNameBytes, "admin") &&
      r.I64(&rj.decided_at);
  GK_RETURN_IF_ERROR(r.Finish());
  GK_RETURN_IF_ERROR(ValidateStationId(rj.station));
  if (rj.seq == 0) return InvalidArgument("bad_seq", "变更集序号从 1 开始", "seq");
  GK_RETURN_IF_ERROR(ValidateRejectionReason(rj.reason));
  GK_RETURN_IF_ERROR(ValidateText(rj.admin, 64, false, "admin"));
  return rj;
}

Status ValidateRejectionReason(std::string_view reason) {
  if (reason.empty()) return InvalidArgument("empty_reason", "退回必须写明理由", "reason");
  return ValidateText(reason, kMaxReasonChars, true, "reason");
}

}  // namespace gongkai
