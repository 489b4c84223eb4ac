// The approved catalog of any version: the latest from approved_rows, an
// older one by replaying the approvals of the log from version 0 with
// ReplayApproval (the stations' and auditors' check), so what the hub shows
// for version N is what the log proves.
#pragma once

#include "core/base/status.h"
#include "core/catalog/catalog.h"
#include "core/merge/merge.h"
#include "core/record/decision.h"
#include "hub/review/review_store.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct VersionedCatalog {
  uint64_t version = 0;
  Hash32 hash{};
  Catalog catalog;
};

// Reasons: unknown_version (NotFound), db_corrupt, replay reasons.
Result<VersionedCatalog> CatalogAtVersion(HubDb& db, uint64_t version);
// The latest approved version.
Result<VersionedCatalog> LatestCatalog(HubDb& db);

// The latest version of the versions table, checked against the log: it
// must be the version and hash the log's latest approval signed (the table
// is a convenience; an edited versions row is db_corrupt).
Result<ApprovedHead> LoggedLatestVersion(HubDb& db);

// The approval logged at `log_index` and its included change sets (in
// order), as ReplayApproval takes them.
struct LoggedApproval {
  Approval approval;
  std::vector<IdentifiedChangeSet> included;
};
Result<LoggedApproval> ReadLoggedApproval(HubDb& db, uint64_t log_index);

}  // namespace gongkai::hub
