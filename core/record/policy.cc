#include "core/record/policy.h"

#include "core/codec/wire.h"
#include "core/record/genesis.h"

namespace gongkai {

Status ValidateApprovalPolicy(const ApprovalPolicy& p) {
  if (p.approvals < 1 || p.approvals > kMaxApprovals) {
    return InvalidArgument("bad_approvals",
                           "每个版本需要的管理员签名数只能是 1 或 2，实为 " +
                               std::to_string(static_cast<int>(p.approvals)) +
                               " (approvals must be 1 or 2)",
                           "approvals");
  }
  return ValidateAdminName(p.admin);
}

Bytes EncodeApprovalPolicy(const ApprovalPolicy& p) {
  return WireBytes(kPolicyFormat, p.approvals, p.admin, p.at);
}

Result<ApprovalPolicy> DecodeApprovalPolicy(const Bytes& body) {
  return DecodeRecord<ApprovalPolicy>(
      body, kPolicyFormat, "不支持的审批规则记录格式版本 ",
      [](WireReader& r, ApprovalPolicy& p) {
        r.U8(&p.approvals) && r.Str(&p.admin, kMaxAdminNameLen, "admin") && r.I64(&p.at);
      },
      ValidateApprovalPolicy);
}

}  // namespace gongkai
