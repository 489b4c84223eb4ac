#include "hub/review/resolve.h"

#include <algorithm>

#include "core/base/hex.h"
#include "core/catalog/set_value.h"
#include "core/catalog/validate.h"
#include "hub/review/proposed_head.h"
#include "hub/review/review_store.h"

namespace gongkai::hub {
namespace {

Status BadResolution(const Conflict& c, const std::string& why, const std::string& field = {}) {
  return InvalidArgument("bad_resolution", "冲突 " + c.conflict_id + ": " + why, field);
}

// Does `ref` name change set `id` (hex prefix of ≥ 4 digits, or STATION/SEQ)?
bool Names(const std::string& ref, const Hash32& id, const ProposedHead& head) {
  std::string hex = HexEncode(id);
  if (ref.size() >= 4 && ref.size() <= 64 && hex.compare(0, ref.size(), ref) == 0) return true;
  for (const LoggedChangeSet& l : head.undecided) {
    if (l.meta.id == id && ref == l.meta.station + "/" + std::to_string(l.meta.seq)) return true;
  }
  return false;
}

Result<Resolution> Choose(const ResolveRequest& req, const Conflict& c, const ProposedHead& head) {
  Resolution r;
  r.changeset = c.changeset;
  r.op_index = c.op_index;
  switch (req.kind) {
    case ResolveKind::kKeep:
      r.action = ResolutionAction::kKeep;
      return r;
    case ResolveKind::kTake: {
      bool incoming = Names(req.text, c.changeset, head);
      bool proposed = c.proposed_by == Hash32{} ? (req.text == "approved" || req.text == "已批准")
                                                : Names(req.text, c.proposed_by, head);
      if (incoming && proposed) {
        return InvalidArgument("not_a_side",
                               "--take " + req.text + " 同时符合冲突的两方；请多写几位编号");
      }
      if (!incoming && !proposed) {
        return InvalidArgument(
            "not_a_side", "--take " + req.text + " 不是冲突 " + c.conflict_id +
                              " 的任何一方；应为 " + HexEncode(c.changeset).substr(0, 8) + " 或 " +
                              (c.proposed_by == Hash32{} ? std::string("approved")
                                                         : HexEncode(c.proposed_by).substr(0, 8)));
      }
      if (proposed) {
        r.action = ResolutionAction::kKeep;
        return r;
      }
      if (c.kind == ConflictKind::kSetRetired || c.kind == ConflictKind::kMissingRow) {
        return BadResolution(
            c, std::string("这种冲突（") + ConflictKindName(c.kind) + "）只能保留现状 (--keep)");
      }
      if (c.kind == ConflictKind::kEmptiedRequired) {
        return BadResolution(c,
                             std::string("这种冲突（") + ConflictKindName(c.kind) +
                                 "）不能采用本变更集（那会清空必填栏目）；请用 --value 或 --keep");
      }
      r.action = ResolutionAction::kIncoming;
      return r;
    }
    case ResolveKind::kValue: {
      if ((c.kind != ConflictKind::kField && c.kind != ConflictKind::kEmptiedRequired) ||
          !c.field) {
        return BadResolution(c, std::string("这种冲突（") + ConflictKindName(c.kind) +
                                    "）不能给出取值；请用 --take 或 --keep");
      }
      const FieldSpec& spec = Spec(*c.field);
      std::string value = req.text;
      // A required value is never blank: not empty, not only spaces.
      if ((spec.required || c.kind == ConflictKind::kEmptiedRequired) && IsBlankText(value)) {
        return InvalidArgument("empty_required",
                               "冲突 " + c.conflict_id + ": " + spec.label +
                                   " 是必填栏目，取值不能为空或只有空格；什么也没有改",
                               spec.key);
      }
      if (spec.is_set) {
        Result<std::string> canon = CanonicalSetValue(*c.field, value);
        if (!canon.ok()) {
          return BadResolution(c, canon.status().message() + " [" + canon.status().reason() + "]",
                               spec.key);
        }
        value = *canon;
      }
      Status s = ValidateFieldValue(*c.field, value);
      if (s.ok() && (spec.required || c.kind == ConflictKind::kEmptiedRequired) && value.empty()) {
        return InvalidArgument(
            "empty_required",
            "冲突 " + c.conflict_id + ": " + spec.label + " 不能为空；什么也没有改", spec.key);
      }
      if (!s.ok()) return BadResolution(c, s.message() + " [" + s.reason() + "]", spec.key);
      GK_RETURN_IF_ERROR(Status(CheckVisibleText(value, spec.label, spec.key))
                             .WithContext("冲突 " + c.conflict_id + ": "));
      r.action = ResolutionAction::kValue;
      r.value = std::move(value);
      return r;
    }
  }
  return Internal("bad_kind", "unknown resolve kind");
}

}  // namespace

Result<ResolveOutcome> Resolve(HubDb& db, const ResolveRequest& req) {
  std::string id = req.conflict_id.starts_with("c-") ? req.conflict_id : "c-" + req.conflict_id;
  Transaction tx(db.db());
  GK_RETURN_IF_ERROR(tx.status());
  GK_ASSIGN_OR_RETURN(ProposedHead head, BuildProposedHead(db));
  const Conflict* found = nullptr;
  for (const ConflictView& v : head.conflicts) {
    if (v.conflict.conflict_id == id) found = &v.conflict;
  }
  if (!found) {
    return NotFound("unknown_conflict",
                    "待审目录中没有冲突 " + id + "；用 gongkai-hub pending 查看当前的冲突");
  }
  GK_ASSIGN_OR_RETURN(Resolution r, Choose(req, *found, head));
  GK_RETURN_IF_ERROR(PutResolution(db, StoredResolution{r, req.admin, req.now}));
  // The choice must fit the conflict as the merge sees it.
  std::vector<IdentifiedChangeSet> in_order = Identified(head.undecided);
  GK_ASSIGN_OR_RETURN(std::vector<StoredResolution> stored, ListResolutions(db));
  std::vector<Resolution> usable = UsableResolutions(head.approved_catalog, in_order, stored);
  if (std::find(usable.begin(), usable.end(), r) == usable.end()) {
    return BadResolution(*found, "这个处理方式与冲突不符 (does not fit)");
  }
  GK_RETURN_IF_ERROR(tx.Commit());
  return ResolveOutcome{*found, r};
}

}  // namespace gongkai::hub
