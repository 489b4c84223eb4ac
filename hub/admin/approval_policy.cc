#include "hub/admin/approval_policy.h"

#include "core/record/envelope.h"
#include "core/record/policy.h"
#include "hub/admin/admin_roster.h"
#include "hub/store/log_table.h"

namespace gongkai::hub {

std::string PolicyText(uint8_t approvals, uint64_t log_index) {
  if (approvals <= 1) {
    return "审批规则: 每版由 1 位管理员签名批准" +
           (log_index ? "（日志第 " + std::to_string(log_index) + " 条）" : std::string());
  }
  return "审批规则: 每版需 " + std::to_string(approvals) +
         " 位不同的在任管理员签名——先由一位审查（保密审查），再由另一位批准（日志第 " +
         std::to_string(log_index) + " 条）";
}

Result<PolicyInForce> ReadApprovalPolicy(HubDb& db) {
  GK_ASSIGN_OR_RETURN(uint64_t size, LogSize(db));
  GK_ASSIGN_OR_RETURN(std::vector<LogEntry> entries,
                      ReadLogEntriesOfKind(db, EnvelopeKind::kPolicy, size));
  PolicyInForce out;
  if (entries.empty()) return out;
  const LogEntry& last = entries.back();
  Result<Envelope> env = DecodeEnvelope(last.entry);
  Result<ApprovalPolicy> p =
      env.ok() ? DecodeApprovalPolicy(env->body) : Result<ApprovalPolicy>(env.status());
  if (!p.ok()) {
    return DataLoss("db_corrupt", "日志第 " + std::to_string(last.index) +
                                      " 条审批规则记录无法解析: " + p.status().message());
  }
  out.approvals = p->approvals;
  out.log_index = last.index;
  out.admin = p->admin;
  return out;
}

Result<PolicyInForce> SetApprovalPolicy(HubDb& db, const AdminSigner& signer, int approvals,
                                        int64_t now) {
  if (approvals < 1 || approvals > kMaxApprovals) {
    return InvalidArgument("bad_approvals",
                           "--approvals 只能是 1（一位管理员批准）或 2（一位审查、另一位批准）",
                           "approvals");
  }
  Transaction tx(db.db());
  GK_RETURN_IF_ERROR(tx.status());
  GK_RETURN_IF_ERROR(RequireActiveAdmin(db, signer));
  GK_ASSIGN_OR_RETURN(PolicyInForce current, ReadApprovalPolicy(db));
  if (current.approvals == approvals) {
    return FailedPrecondition("policy_unchanged",
                              "审批规则已经是每版 " + std::to_string(approvals) +
                                  " 位管理员签名，什么也没有写入 (policy already in force)");
  }
  GK_ASSIGN_OR_RETURN(std::vector<std::string> active, ActiveAdminNames(db));
  if (static_cast<size_t>(approvals) > active.size()) {
    return FailedPrecondition("too_few_admins",
                              "在任管理员只有 " + std::to_string(active.size()) + " 位，不能要求 " +
                                  std::to_string(approvals) +
                                  " 位签名；请先用 gongkai-hub admin add 增加管理员");
  }
  ApprovalPolicy p{static_cast<uint8_t>(approvals), signer.name, now};
  GK_RETURN_IF_ERROR(ValidateApprovalPolicy(p));
  Envelope env =
      SignEnvelope(EnvelopeKind::kPolicy, signer.name, EncodeApprovalPolicy(p), signer.key);
  GK_ASSIGN_OR_RETURN(uint64_t index,
                      AppendLogEntry(db, EnvelopeKind::kPolicy, EncodeEnvelope(env), now));
  GK_RETURN_IF_ERROR(tx.Commit());
  return PolicyInForce{p.approvals, index, signer.name};
}

}  // namespace gongkai::hub
