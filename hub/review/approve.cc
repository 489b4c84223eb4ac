#include "hub/review/approve.h"

#include <set>

#include "core/base/hex.h"
#include "core/catalog/validate.h"
#include "core/merge/replay.h"
#include "core/record/decision.h"
#include "core/record/envelope.h"
#include "hub/admin/admin_roster.h"
#include "hub/admin/approval_policy.h"
#include "hub/review/approval_reviews.h"
#include "hub/review/changeset_ref.h"
#include "hub/review/proposed_head.h"
#include "hub/review/review_store.h"
#include "hub/store/log_table.h"
#include "hub/store/meta_table.h"

namespace gongkai::hub {
namespace {

Status StaleReview(const std::string& what) {
  return FailedPrecondition("stale_review",
                            "待审内容在您查看之后变了（" + what +
                                "），什么也没有批准；请重新查看 (gongkai-hub pending 或刷新网页) "
                                "后再批准 (stale review)");
}

ApproveOutcome Describe(const PreparedApproval& p) {
  ApproveOutcome out;
  out.version = p.approval.version;
  out.hash = p.approval.result_hash;
  out.parent_hash = p.approval.parent_hash;
  out.included = p.approval.changesets;
  for (const IdentifiedChangeSet& ics : p.included) {
    out.details.push_back(ApprovedChangeSet{ics.id, ics.cs.station, ics.cs.seq, ics.cs.ops.size()});
  }
  out.resolutions = p.approval.resolutions.size();
  out.rows = p.result.size();
  return out;
}

}  // namespace

Result<PreparedApproval> PrepareApproval(HubDb& db, const AdminSigner& admin,
                                         const std::vector<Hash32>& chosen, const std::string& note,
                                         int64_t now, const std::optional<Hash32>& expect_hash) {
  GK_ASSIGN_OR_RETURN(ApprovedHead head, LatestVersion(db));
  GK_ASSIGN_OR_RETURN(Catalog approved, LoadApprovedRows(db));
  if (approved.Hash() != head.hash) {
    return DataLoss("db_corrupt", "已批准目录与第 " + std::to_string(head.version) +
                                      " 版记录的哈希不符 (approved rows damaged)");
  }
  std::vector<IdentifiedChangeSet> included;
  for (const Hash32& id : chosen) {
    GK_ASSIGN_OR_RETURN(std::optional<LoggedChangeSet> cs, FindLoggedChangeSet(db, id));
    GK_ASSIGN_OR_RETURN(std::optional<Decision> decided, FindDecision(db, id));
    if (!cs || decided) {
      return FailedPrecondition("already_decided", "变更集已经批准或退回过了 (already decided)");
    }
    included.push_back(cs->ics);
  }
  GK_ASSIGN_OR_RETURN(std::vector<StoredResolution> stored, ListResolutions(db));
  std::vector<Resolution> usable = UsableResolutions(approved, included, stored);
  GK_ASSIGN_OR_RETURN(MergeResult merged, Merge(approved, included, usable));
  if (!merged.unresolved.empty()) {
    std::string ids;
    for (size_t i = 0; i < merged.unresolved.size() && i < 10; ++i) {
      ids += (i ? "、" : "") + merged.unresolved[i].conflict_id;
    }
    return FailedPrecondition(
        "unresolved_conflict",
        "还有 " + std::to_string(merged.unresolved.size()) + " 个冲突没有解决（" + ids +
            "），不能批准；先用 gongkai-hub resolve 逐个处理，或只批准其他变更集");
  }
  // The merge of set fields can leave a row invalid (two villages each
  // removing the other's last 渠道 empties a required set): no version
  // may hold a row that stations would refuse.
  for (const auto& [id, row] : merged.catalog.rows()) {
    const Row* old = approved.Find(id);
    if (old && *old == row) continue;
    Status valid = ValidateRow(row);
    if (!valid.ok()) {
      return FailedPrecondition(
          "invalid_result",
          "合并后的条目 " + id.substr(0, 8) + " 不合格: " + valid.message() + " [" +
              valid.reason() +
              "]；这通常是几个村同时修改多选栏目造成的。请退回其中一个变更集 (gongkai-hub reject)，"
              "或只批准其他变更集");
    }
  }
  if (expect_hash && merged.catalog.Hash() != *expect_hash) {
    return StaleReview("您看到的结果哈希是 " + HexEncode(*expect_hash).substr(0, 16) +
                       "…，现在是 " + HexEncode(merged.catalog.Hash()).substr(0, 16) + "…");
  }
  Approval a;
  a.version = head.version + 1;
  a.parent_hash = head.hash;
  a.changesets = chosen;
  a.resolutions = merged.used;
  a.result_hash = merged.catalog.Hash();
  a.admin = admin.name;
  a.decided_at = now;
  a.note = note;
  Bytes body = EncodeApproval(a);
  if (Result<Approval> back = DecodeApproval(body); !back.ok()) {
    return Status(back.status().code(), "bad_note",
                  "批准说明无效: " + back.status().message() + " [" + back.status().reason() + "]",
                  "note");
  }
  // The same check every station and auditor will make.
  GK_ASSIGN_OR_RETURN(Catalog replayed, ReplayApproval(approved, a, included));
  return PreparedApproval{std::move(a), std::move(approved), std::move(replayed),
                          std::move(included)};
}

Result<ApproveOutcome> CommitApproval(HubDb& db, const AdminSigner& admin,
                                      const PreparedApproval& prepared, int64_t now) {
  const Approval& a = prepared.approval;
  const std::vector<Hash32>& chosen = a.changesets;
  Envelope env = SignEnvelope(EnvelopeKind::kApproval, admin.name, EncodeApproval(a), admin.key);
  GK_ASSIGN_OR_RETURN(uint64_t index,
                      AppendLogEntry(db, EnvelopeKind::kApproval, EncodeEnvelope(env), now));
  GK_RETURN_IF_ERROR(InsertVersion(db, VersionRecord{a.version, a.result_hash, a.parent_hash, index,
                                                     admin.name, now, a.note, chosen.size()}));
  GK_RETURN_IF_ERROR(StoreApprovedRows(db, prepared.approved, prepared.result));
  for (const Hash32& id : chosen) {
    GK_RETURN_IF_ERROR(InsertDecision(db, Decision{id, true, a.version, "", index}));
    GK_RETURN_IF_ERROR(DeleteResolutionsOf(db, id));
  }
  GK_ASSIGN_OR_RETURN(HubMeta meta, ReadMeta(db));
  meta.catalog_version = a.version;
  GK_RETURN_IF_ERROR(WriteMeta(db, meta));
  ApproveOutcome out = Describe(prepared);
  out.log_index = index;
  for (const Bytes& r : a.reviews) {
    if (Result<Envelope> e = DecodeEnvelope(r); e.ok()) out.reviewers.push_back(e->signer);
  }
  return out;
}

Result<ApproveOutcome> ApproveInTransaction(HubDb& db, const AdminSigner& admin,
                                            const std::vector<Hash32>& chosen,
                                            const std::string& note, int64_t now,
                                            const std::optional<Hash32>& expect_hash) {
  GK_ASSIGN_OR_RETURN(PreparedApproval prepared,
                      PrepareApproval(db, admin, chosen, note, now, expect_hash));
  GK_ASSIGN_OR_RETURN(PolicyInForce policy, ReadApprovalPolicy(db));
  if (policy.approvals <= 1) return CommitApproval(db, admin, prepared, now);

  // Policy 2: the reviews of this very proposal by other administrators
  // still active count; one's own review counts once, as the approval.
  Approval& a = prepared.approval;
  GK_ASSIGN_OR_RETURN(std::vector<LoggedReview> logged,
                      ReviewsForVersion(db, a.version, a.parent_hash));
  std::set<std::string> signers = {admin.name};
  std::optional<uint64_t> own;
  for (const LoggedReview& r : logged) {
    if (!r.counts || !SameProposal(r.review, a)) continue;
    if (r.review.admin == admin.name) {
      own = r.log_index;
    } else if (signers.size() < policy.approvals && signers.insert(r.review.admin).second) {
      a.reviews.push_back(r.entry);
    }
  }
  if (signers.size() >= policy.approvals) return CommitApproval(db, admin, prepared, now);
  if (own) {
    return FailedPrecondition(
        "already_reviewed",
        "您已在日志第 " + std::to_string(*own) +
            " 条审查过这一提案；同一位管理员签两次只算一次，没有生成新版本。审批规则（日志第 " +
            std::to_string(policy.log_index) + " 条）要求另一位在任管理员批准 (already reviewed)");
  }
  Review v = ReviewOf(a, admin.name, now);
  Envelope env = SignEnvelope(EnvelopeKind::kReview, admin.name, EncodeReview(v), admin.key);
  GK_ASSIGN_OR_RETURN(uint64_t index,
                      AppendLogEntry(db, EnvelopeKind::kReview, EncodeEnvelope(env), now));
  ApproveOutcome out = Describe(prepared);
  out.log_index = index;
  out.reviewed = true;
  return out;
}

Result<ApproveOutcome> Approve(HubDb& db, const AdminSigner& admin, const ApproveRequest& req) {
  Transaction tx(db.db());
  GK_RETURN_IF_ERROR(tx.status());
  GK_RETURN_IF_ERROR(RequireActiveAdmin(db, admin));
  GK_ASSIGN_OR_RETURN(std::vector<LoggedChangeSet> undecided, ListUndecided(db));
  if (req.expect_pending) {
    std::set<Hash32> seen(req.expect_pending->begin(), req.expect_pending->end());
    std::set<Hash32> now;
    for (const LoggedChangeSet& l : undecided) now.insert(l.meta.id);
    if (seen != now || seen.size() != req.expect_pending->size()) {
      return StaleReview("页面显示时待审 " + std::to_string(req.expect_pending->size()) +
                         " 个变更集，现在待审 " + std::to_string(now.size()) +
                         " 个，或者不是同一批");
    }
  }
  std::vector<Hash32> chosen;
  if (req.all) {
    for (const LoggedChangeSet& l : undecided) chosen.push_back(l.meta.id);
  } else {
    // Named ones, merged in arrival order whatever order they were typed in.
    std::set<uint64_t> picked;
    for (const std::string& ref : req.changesets) {
      GK_ASSIGN_OR_RETURN(const LoggedChangeSet* l, FindChangeSetRef(db, undecided, ref));
      if (!picked.insert(l->meta.log_index).second) {
        return InvalidArgument("listed_twice", "变更集 " + ref + " 写了两次");
      }
    }
    for (const LoggedChangeSet& l : undecided) {
      if (picked.count(l.meta.log_index)) chosen.push_back(l.meta.id);
    }
  }
  if (chosen.empty()) {
    return FailedPrecondition("nothing_to_approve",
                              req.all ? "没有待审的变更集，无需批准"
                                      : "请指明要批准的变更集，或用 --all 批准全部待审变更集");
  }
  if (req.expect_ids) {
    std::set<Hash32> seen(req.expect_ids->begin(), req.expect_ids->end());
    std::set<Hash32> now(chosen.begin(), chosen.end());
    if (seen != now || seen.size() != req.expect_ids->size()) {
      return StaleReview("您看到 " + std::to_string(req.expect_ids->size()) +
                         " 个待审变更集，现在要批准的是 " + std::to_string(chosen.size()) +
                         " 个，或者不是同一批");
    }
  }
  GK_ASSIGN_OR_RETURN(ApproveOutcome out,
                      ApproveInTransaction(db, admin, chosen, req.note, req.now, req.expect_hash));
  GK_RETURN_IF_ERROR(tx.Commit());
  return out;
}

}  // namespace gongkai::hub
