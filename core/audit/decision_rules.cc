#include "core/audit/decision_rules.h"

#include <unordered_set>
#include <vector>

#include "core/audit/record_rules.h"
#include "core/base/hex.h"
#include "core/merge/replay.h"

namespace gongkai {
namespace {

// A decision may only name a change set that is in the log (before it) and
// still undecided.
Result<const PendingChangeSet*> FindUndecided(const AuditState& st, const Hash32& id) {
  auto p = st.pending.find(id);
  if (p != st.pending.end()) return &p->second;
  auto seen = st.changesets.find(id);
  if (seen == st.changesets.end()) {
    return DataLoss("unknown_changeset",
                    "变更集 " + HexEncode(id) + " 不在此前的日志中 (change set not logged before)");
  }
  return DataLoss("already_decided",
                  "变更集 " + HexEncode(id) + " (第 " + std::to_string(seen->second) +
                      " 条记录) 此前已经批准或退回过 (change set already decided)");
}

}  // namespace

Result<CheckedApproval> CheckApproval(const AuditState& st, const Envelope& env) {
  GK_RETURN_IF_ERROR(VerifyAdminEnvelope(st, env));
  CheckedApproval out;
  {
    Result<Approval> a = DecodeApproval(env.body);
    if (!a.ok()) return a.status().WithContext("审批记录无法解析 (approval body): ");
    out.approval = std::move(a).value();
  }
  const Approval& a = out.approval;
  GK_RETURN_IF_ERROR(CheckSigner(env, a.admin, "admin"));
  if (a.version != st.catalog_version + 1) {
    return DataLoss("version_gap", "审批的版本号应为 " + std::to_string(st.catalog_version + 1) +
                                       "，实为 " + std::to_string(a.version) +
                                       " (approval version is not previous + 1)");
  }
  std::vector<IdentifiedChangeSet> included;
  included.reserve(a.changesets.size());
  std::unordered_set<Hash32, Hash32Hasher> listed;
  for (const Hash32& id : a.changesets) {
    if (!listed.insert(id).second) {
      return DataLoss("listed_twice",
                      "审批中变更集 " + HexEncode(id) + " 出现了两次 (change set listed twice)");
    }
    GK_ASSIGN_OR_RETURN(const PendingChangeSet* p, FindUndecided(st, id));
    included.push_back(p->ics);
  }
  Result<Catalog> result = ReplayApproval(st.catalog, a, included);
  if (!result.ok()) {
    return result.status().WithContext("重算第 " + std::to_string(a.version) +
                                       " 版失败 (approval replay): ");
  }
  out.result = std::move(result).value();
  return out;
}

void ApplyApproval(AuditState& st, const Approval& approval, Catalog result) {
  for (const Hash32& id : approval.changesets) st.pending.erase(id);
  st.catalog_version = approval.version;
  st.catalog_hash = approval.result_hash;  // ReplayApproval checked it
  st.catalog = std::move(result);
}

Result<Rejection> CheckRejection(const AuditState& st, const Envelope& env) {
  GK_RETURN_IF_ERROR(VerifyAdminEnvelope(st, env));
  Result<Rejection> r = DecodeRejection(env.body);
  if (!r.ok()) return r.status().WithContext("退回记录无法解析 (rejection body): ");
  GK_RETURN_IF_ERROR(CheckSigner(env, r->admin, "admin"));
  GK_ASSIGN_OR_RETURN(const PendingChangeSet* p, FindUndecided(st, r->changeset));
  if (p->ics.cs.station != r->station || p->ics.cs.seq != r->seq) {
    return DataLoss("rejection_mismatch",
                    "退回记录写的是站点 " + r->station + " 第 " + std::to_string(r->seq) +
                        " 号，但该变更集是站点 " + p->ics.cs.station + " 第 " +
                        std::to_string(p->ics.cs.seq) + " 号 (station/seq do not match)");
  }
  return r;
}

ChangeSet ApplyRejection(AuditState& st, const Rejection& r) {
  auto it = st.pending.find(r.changeset);
  ChangeSet cs = std::move(it->second.ics.cs);
  st.pending.erase(it);
  return cs;
}

}  // namespace gongkai
