#include "hub/review/proposed_head.h"

#include <algorithm>
#include <map>
#include <set>
#include <variant>

#include "core/base/hex.h"
#include "core/catalog/validate.h"

namespace gongkai::hub {
namespace {

using Key = std::pair<Hash32, uint32_t>;

bool Fits(const Conflict& c, const Resolution& r) {
  switch (r.action) {
    case ResolutionAction::kKeep:
      return true;
    case ResolutionAction::kValue:
      return c.kind == ConflictKind::kField || c.kind == ConflictKind::kEmptiedRequired;
    case ResolutionAction::kIncoming:
      return c.kind == ConflictKind::kField || c.kind == ConflictKind::kRetireEdited ||
             c.kind == ConflictKind::kCreateExists;
  }
  return false;
}

std::vector<Resolution> Plain(const std::vector<StoredResolution>& stored) {
  std::vector<Resolution> out;
  for (const StoredResolution& s : stored) out.push_back(s.resolution);
  return out;
}

}  // namespace

std::vector<IdentifiedChangeSet> Identified(const std::vector<LoggedChangeSet>& list) {
  std::vector<IdentifiedChangeSet> out;
  out.reserve(list.size());
  for (const LoggedChangeSet& l : list) out.push_back(l.ics);
  return out;
}

std::vector<Resolution> UsableResolutions(const Catalog& approved,
                                          std::span<const IdentifiedChangeSet> in_order,
                                          const std::vector<StoredResolution>& stored) {
  std::vector<Resolution> all = Plain(stored);
  if (all.empty() || Merge(approved, in_order, all).ok()) return all;
  // Keep only choices that fit a conflict of the plain merge.
  Result<MergeResult> plain = Merge(approved, in_order, {});
  if (!plain.ok()) return {};
  std::map<Key, const Conflict*> conflicts;
  for (const Conflict& c : plain->unresolved) conflicts[{c.changeset, c.op_index}] = &c;
  std::vector<Resolution> kept;
  for (const Resolution& r : all) {
    auto it = conflicts.find({r.changeset, r.op_index});
    if (it != conflicts.end() && Fits(*it->second, r)) kept.push_back(r);
  }
  if (Merge(approved, in_order, kept).ok()) return kept;
  return {};
}

namespace {

// The proposed head of head.undecided (already chosen) onto the approved catalog.
Result<ProposedHead> MergeUndecided(HubDb& db, ProposedHead head);

Result<ProposedHead> ReadHead(HubDb& db) {
  ProposedHead head;
  GK_ASSIGN_OR_RETURN(head.approved, LatestVersion(db));
  GK_ASSIGN_OR_RETURN(head.approved_catalog, LoadApprovedRows(db));
  if (head.approved_catalog.Hash() != head.approved.hash) {
    return DataLoss("db_corrupt", "已批准目录与第 " + std::to_string(head.approved.version) +
                                      " 版记录的哈希不符 (approved rows damaged)");
  }
  GK_ASSIGN_OR_RETURN(head.undecided, ListUndecided(db));
  return head;
}

}  // namespace

Result<ProposedHead> BuildProposedHead(HubDb& db) {
  GK_ASSIGN_OR_RETURN(ProposedHead head, ReadHead(db));
  return MergeUndecided(db, std::move(head));
}

Result<ProposedHead> BuildProposedHead(HubDb& db, const std::vector<Hash32>& picked) {
  GK_ASSIGN_OR_RETURN(ProposedHead head, ReadHead(db));
  if (picked.empty()) {
    return FailedPrecondition("nothing_to_approve", "没有选中任何变更集");
  }
  std::set<Hash32> wanted;
  for (const Hash32& id : picked) {
    if (!wanted.insert(id).second) {
      return InvalidArgument("listed_twice", "变更集 " + HexEncode(id).substr(0, 8) + " 选了两次");
    }
  }
  std::vector<LoggedChangeSet> chosen;
  for (LoggedChangeSet& l : head.undecided) {
    if (wanted.erase(l.meta.id)) {
      chosen.push_back(std::move(l));
    } else {
      head.left_out.push_back(std::move(l));
    }
  }
  if (!wanted.empty()) {
    return NotFound("unknown_changeset", "变更集 " + HexEncode(*wanted.begin()).substr(0, 8) +
                                             " 不在待审的变更集里（也许已经批准或退回）");
  }
  head.undecided = std::move(chosen);
  GK_ASSIGN_OR_RETURN(head, MergeUndecided(db, std::move(head)));
  // A picked op on a row the merge does not have, created by one left out.
  for (const ConflictView& v : head.conflicts) {
    if (v.conflict.kind != ConflictKind::kMissingRow) continue;
    for (const LoggedChangeSet& l : head.left_out) {
      bool creates = false;
      for (const Op& op : l.ics.cs.ops) {
        const CreateOp* c = std::get_if<CreateOp>(&op);
        creates = creates || (c && c->row.id == v.conflict.row_id);
      }
      if (creates) {
        head.dependencies.push_back({v.conflict.changeset, v.conflict.row_id, l.meta.id});
        break;
      }
    }
  }
  return head;
}

namespace {

Result<ProposedHead> MergeUndecided(HubDb& db, ProposedHead head) {
  GK_ASSIGN_OR_RETURN(std::vector<StoredResolution> stored, ListResolutions(db));
  std::vector<IdentifiedChangeSet> in_order = Identified(head.undecided);
  std::vector<Resolution> usable = UsableResolutions(head.approved_catalog, in_order, stored);
  GK_ASSIGN_OR_RETURN(MergeResult merged, Merge(head.approved_catalog, in_order, usable));
  head.proposed = std::move(merged.catalog);
  for (const auto& [id, row] : head.proposed.rows()) {
    const Row* old = head.approved_catalog.Find(id);
    if (old && *old == row) continue;
    if (Status s = ValidateRow(row); !s.ok()) head.invalid_rows.emplace_back(id, s);
  }
  head.unresolved = merged.unresolved.size();

  // Resolved conflicts are not reported by the merge that settles them:
  // take their details from the merge without any resolution.
  std::map<Key, const StoredResolution*> by_key;
  for (const StoredResolution& s : stored) {
    by_key[{s.resolution.changeset, s.resolution.op_index}] = &s;
  }
  std::map<Key, Conflict> all;
  GK_ASSIGN_OR_RETURN(MergeResult plain, Merge(head.approved_catalog, in_order, {}));
  for (const Resolution& r : merged.used) {
    for (const Conflict& c : plain.unresolved) {
      if (c.changeset == r.changeset && c.op_index == r.op_index) {
        all[{c.changeset, c.op_index}] = c;
      }
    }
  }
  for (const Conflict& c : merged.unresolved) all[{c.changeset, c.op_index}] = c;
  std::map<Hash32, size_t> arrival;
  for (size_t i = 0; i < in_order.size(); ++i) arrival[in_order[i].id] = i;
  std::vector<ConflictView> views;
  for (auto& [key, c] : all) {
    ConflictView v{c, std::nullopt};
    bool used = false;
    for (const Resolution& r : merged.used)
      used = used || (r.changeset == key.first && r.op_index == key.second);
    if (used) {
      if (auto it = by_key.find(key); it != by_key.end()) v.resolution = *it->second;
    }
    views.push_back(std::move(v));
  }
  std::sort(views.begin(), views.end(), [&](const ConflictView& a, const ConflictView& b) {
    return std::make_pair(arrival[a.conflict.changeset], a.conflict.op_index) <
           std::make_pair(arrival[b.conflict.changeset], b.conflict.op_index);
  });
  head.conflicts = std::move(views);
  return head;
}

}  // namespace

}  // namespace gongkai::hub
