#include "core/audit/decision_rules.h"

#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/audit/record_rules.h"
#include "core/base/hex.h"
#include "core/log/merkle.h"
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
  GK_RETURN_IF_ERROR(CheckApprovalReviews(st, env, a, /*logged=*/true));
  out.result = std::move(result).value();
  return out;
}

void ApplyApproval(AuditState& st, const Approval& approval, Catalog result) {
  st.reviews.clear();  // every review logged so far was for this version or an older one
  for (const Hash32& id : approval.changesets) st.pending.erase(id);
  st.catalog_version = approval.version;
  st.catalog_hash = approval.result_hash;  // ReplayApproval checked it
  st.catalog = std::move(result);
}

Result<Review> CheckReview(const AuditState& st, const Envelope& env) {
  GK_RETURN_IF_ERROR(VerifyAdminEnvelope(st, env));
  Result<Review> v = DecodeReview(env.body);
  if (!v.ok()) return v.status().WithContext("审查记录无法解析 (review body): ");
  GK_RETURN_IF_ERROR(CheckSigner(env, v->admin, "admin"));
  if (v->version != st.catalog_version + 1 || v->parent_hash != st.catalog_hash) {
    return DataLoss("review_stale", "审查记录审查的是基于第 " + std::to_string(v->version - 1) +
                                        " 版的提案，而最新批准的是第 " +
                                        std::to_string(st.catalog_version) +
                                        " 版 (review of a proposal not over the latest version)");
  }
  std::unordered_set<Hash32, Hash32Hasher> listed;
  for (const Hash32& id : v->changesets) {
    if (!listed.insert(id).second) {
      return DataLoss("listed_twice",
                      "审查中变更集 " + HexEncode(id) + " 出现了两次 (change set listed twice)");
    }
    GK_RETURN_IF_ERROR(FindUndecided(st, id).status());
  }
  return v;
}

void ApplyReview(AuditState& st, uint64_t index, const Bytes& leaf) {
  st.reviews[LeafHash(leaf)] = index;
}

Status CheckApprovalReviews(const AuditState& st, const Envelope& env, const Approval& a,
                            bool logged) {
  std::set<std::string> signers = {env.signer};
  for (size_t i = 0; i < a.reviews.size(); ++i) {
    const std::string which = "审批所附的第 " + std::to_string(i + 1) + " 份审查记录";
    Result<Envelope> rev = DecodeEnvelope(a.reviews[i]);
    if (!rev.ok() || rev->kind != EnvelopeKind::kReview) {
      return DataLoss("bad_review", which +
                                        "不是审查记录 (the approval carries something other "
                                        "than a review)");
    }
    Status s = VerifyAdminEnvelope(st, *rev);
    if (!s.ok()) return s.WithContext(which + ": ");
    Result<Review> v = DecodeReview(rev->body);
    if (!v.ok()) return v.status().WithContext(which + "无法解析: ");
    GK_RETURN_IF_ERROR(CheckSigner(*rev, v->admin, "admin"));
    if (!signers.insert(rev->signer).second) {
      return PermissionDenied(
          "review_twice", which + "的签名者 " + rev->signer +
                              " 已经签过这一版：同一位管理员签两次只算一次 (the same administrator "
                              "signed twice)");
    }
    if (!SameProposal(*v, a)) {
      return DataLoss("review_mismatch",
                      which +
                          "审查的提案与审批的不同（版本、上一版哈希、变更集、冲突处理或结果"
                          "哈希不一致）(the review is of another proposal)");
    }
    if (logged && !st.reviews.count(LeafHash(a.reviews[i]))) {
      return DataLoss("review_not_logged",
                      which +
                          "不在上一次审批之后的日志中 (the review was not logged since the "
                          "latest approval)");
    }
  }
  if (signers.size() < st.approvals_required) {
    return PermissionDenied("review_missing",
                            "审批规则（第 " + std::to_string(st.policy_index) + " 条记录）要求 " +
                                std::to_string(static_cast<int>(st.approvals_required)) +
                                " 位不同的在任管理员签名，这一版只有 " +
                                std::to_string(signers.size()) +
                                " 位 (the approval lacks the reviews the policy requires)");
  }
  return Status::Ok();
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
