#include "core/record/decision.h"

#include "core/catalog/validate.h"
#include "core/codec/wire.h"

namespace gongkai {
namespace {
constexpr size_t kMaxNameBytes = 256;
constexpr size_t kMaxValueBytes = 64 * 1024;
}  // namespace

Bytes EncodeApproval(const Approval& a) {
  WireWriter w;
  w.U16(kDecisionFormat);
  w.U64(a.version);
  w.Fixed(a.parent_hash);
  w.U64(a.changesets.size());
  for (const auto& id : a.changesets) w.Fixed(id);
  w.U64(a.resolutions.size());
  for (const auto& r : a.resolutions) {
    w.Fixed(r.changeset);
    w.U32(r.op_index);
    w.U8(static_cast<uint8_t>(r.action));
    w.Str(r.value);
  }
  w.Fixed(a.result_hash);
  w.Str(a.admin);
  w.I64(a.decided_at);
  w.Str(a.note);
  return w.bytes();
}

Result<Approval> DecodeApproval(const Bytes& body) {
  WireReader r(body);
  Approval a;
  uint16_t format = 0;
  uint64_t n = 0;
  if (r.U16(&format) && format != kDecisionFormat) {
    return InvalidArgument("unsupported_format", "不支持的审批记录格式 " + std::to_string(format));
  }
  if (r.U64(&a.version) && r.Fixed(&a.parent_hash) && r.U64(&n)) {
    if (n > kMaxChangeSetsPerApproval || n * 32 > r.remaining()) {
      r.Fail(DataLoss("truncated", "审批记录中的变更集数量与数据长度不符"));
    }
    for (uint64_t i = 0; i < n && r.status().ok(); ++i) {
      Hash32 id{};
      if (r.Fixed(&id)) a.changesets.push_back(id);
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
        a.resolutions.push_back(std::move(res));
      }
    }
  }
  if (r.status().ok()) {
    r.Fixed(&a.result_hash) && r.Str(&a.admin, kMaxNameBytes, "admin") && r.I64(&a.decided_at) &&
        r.Str(&a.note, kMaxReasonChars * 4, "note");
  }
  GK_RETURN_IF_ERROR(r.Finish());
  if (a.version == 0) return InvalidArgument("bad_version", "审批产生的版本号从 1 开始");
  GK_RETURN_IF_ERROR(ValidateText(a.admin, 64, false, "admin"));
  GK_RETURN_IF_ERROR(ValidateText(a.note, kMaxReasonChars, true, "note"));
  return a;
}

Bytes EncodeRejection(const Rejection& rj) {
  WireWriter w;
  w.U16(kDecisionFormat);
  w.Fixed(rj.changeset);
  w.Str(rj.station);
  w.U64(rj.seq);
  w.Str(rj.reason);
  w.Str(rj.admin);
  w.I64(rj.decided_at);
  return w.bytes();
}

Result<Rejection> DecodeRejection(const Bytes& body) {
  WireReader r(body);
  Rejection rj;
  uint16_t format = 0;
  if (r.U16(&format) && format != kDecisionFormat) {
    return InvalidArgument("unsupported_format", "不支持的退回记录格式 " + std::to_string(format));
  }
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
