// The hub's proposed head (docs/merge.md, docs/hub.md § Review): the latest
// approved catalog plus every accepted, undecided change set in arrival
// (log) order, merged with core Merge and the resolutions the administrator
// has chosen so far. Conflicts are listed with both sides and the choice.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "core/base/status.h"
#include "core/catalog/catalog.h"
#include "core/merge/merge.h"
#include "hub/review/review_store.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct ConflictView {
  Conflict conflict;
  std::optional<StoredResolution> resolution;  // the choice so far, if any
};

// A picked change set that needs one left out: an op of `changeset` names
// row `row_id`, which the merge without `needs` does not have
// (ConflictKind::kMissingRow) and which `needs` creates.
struct LeftOutDependency {
  Hash32 changeset{};
  std::string row_id;
  Hash32 needs{};
};

struct ProposedHead {
  ApprovedHead approved;
  Catalog approved_catalog;
  std::vector<LoggedChangeSet> undecided;  // merged: all undecided, or those picked; arrival order
  std::vector<LoggedChangeSet> left_out;   // undecided but not picked; arrival order
  std::vector<LeftOutDependency> dependencies;  // of the picked on the left out
  Catalog proposed;                        // undecided merged onto approved
  std::vector<ConflictView> conflicts;     // resolved and unresolved, in merge order
  size_t unresolved = 0;
  // Rows the merge left invalid (e.g. a required 多选 field emptied by two
  // villages' removals): approval is refused until one change set goes.
  std::vector<std::pair<std::string, Status>> invalid_rows;
};

// Reads everything in the caller's transaction (or read snapshot).
Result<ProposedHead> BuildProposedHead(HubDb& db);
// The same for a selective approval (docs/hub-web.md § Picking change
// sets): only the undecided change sets `picked` names are merged, in
// arrival order, with the same merge and resolutions `Approve` of exactly
// those would use; the conflicts are those that picking implies. Reasons:
// unknown_changeset (NotFound: an id not undecided now), listed_twice,
// nothing_to_approve (empty pick).
Result<ProposedHead> BuildProposedHead(HubDb& db, const std::vector<Hash32>& picked);

// The stored resolutions that fit a conflict of merging `in_order` onto
// `approved`. Stored choices can go stale (a conflict disappears or
// changes kind when other change sets are approved or rejected); those are
// left out rather than failing the merge.
std::vector<Resolution> UsableResolutions(const Catalog& approved,
                                          std::span<const IdentifiedChangeSet> in_order,
                                          const std::vector<StoredResolution>& stored);

std::vector<IdentifiedChangeSet> Identified(const std::vector<LoggedChangeSet>& list);

}  // namespace gongkai::hub
