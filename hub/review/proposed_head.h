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

struct ProposedHead {
  ApprovedHead approved;
  Catalog approved_catalog;
  std::vector<LoggedChangeSet> undecided;  // arrival order
  Catalog proposed;                        // undecided merged onto approved
  std::vector<ConflictView> conflicts;     // resolved and unresolved, in merge order
  size_t unresolved = 0;
  // Rows the merge left invalid (e.g. a required 多选 field emptied by two
  // villages' removals): approval is refused until one change set goes.
  std::vector<std::pair<std::string, Status>> invalid_rows;
};

// Reads everything in the caller's transaction (or read snapshot).
Result<ProposedHead> BuildProposedHead(HubDb& db);

// The stored resolutions that fit a conflict of merging `in_order` onto
// `approved`. Stored choices can go stale (a conflict disappears or
// changes kind when other change sets are approved or rejected); those are
// left out rather than failing the merge.
std::vector<Resolution> UsableResolutions(const Catalog& approved,
                                          std::span<const IdentifiedChangeSet> in_order,
                                          const std::vector<StoredResolution>& stored);

std::vector<IdentifiedChangeSet> Identified(const std::vector<LoggedChangeSet>& list);

}  // namespace gongkai::hub
