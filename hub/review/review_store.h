// The review tables of the hub database (hub/store/review_schema.h): the
// approved versions, the rows of the latest one, decisions and the
// administrator's chosen resolutions, and reading the accepted change sets
// back from the log. Every function runs inside the caller's transaction
// (or read snapshot).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/catalog/catalog.h"
#include "core/merge/merge.h"
#include "hub/store/approved_rows_table.h"
#include "hub/store/changeset_table.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct VersionRecord {
  uint64_t version = 0;
  Hash32 hash{};
  Hash32 parent_hash{};
  uint64_t log_index = 0;  // the approval entry
  std::string admin;
  int64_t decided_at = 0;
  std::string note;
  uint64_t changesets = 0;
};

// The latest approved version: {0, hash of the empty catalog} before any.
struct ApprovedHead {
  uint64_t version = 0;
  Hash32 hash{};
  std::optional<uint64_t> log_index;  // of its approval entry; none for version 0
};

Status InsertVersion(HubDb& db, const VersionRecord& v);
Result<std::optional<VersionRecord>> FindVersion(HubDb& db, uint64_t version);
Result<ApprovedHead> LatestVersion(HubDb& db);
// Versions first..last (inclusive) in order.
Result<std::vector<VersionRecord>> ListVersions(HubDb& db, uint64_t first, uint64_t last);

struct Decision {
  Hash32 changeset{};
  bool approved = false;
  uint64_t version = 0;  // approved
  std::string reason;    // rejected
  uint64_t log_index = 0;
};
Status InsertDecision(HubDb& db, const Decision& d);
Result<std::optional<Decision>> FindDecision(HubDb& db, const Hash32& changeset);
// Rejections whose decision entry is after log index `after` (or all when
// nullopt), in log order.
Result<std::vector<Decision>> RejectionsAfter(HubDb& db, std::optional<uint64_t> after);

// An accepted change set with its decoded body (from its log entry).
struct LoggedChangeSet {
  AcceptedChangeSet meta;
  IdentifiedChangeSet ics;
  Bytes envelope;  // the exact log entry
};
// Accepted change sets that are neither approved nor rejected, in arrival
// (log) order.
Result<std::vector<LoggedChangeSet>> ListUndecided(HubDb& db);
Result<std::optional<LoggedChangeSet>> FindLoggedChangeSet(HubDb& db, const Hash32& id);

struct StoredResolution {
  Resolution resolution;
  std::string admin;
  int64_t chosen_at = 0;
};
Status PutResolution(HubDb& db, const StoredResolution& r);
Result<std::vector<StoredResolution>> ListResolutions(HubDb& db);
Status DeleteResolutionsOf(HubDb& db, const Hash32& changeset);

// The exact bytes of a log entry; DataLoss "db_corrupt" if missing.
Result<Bytes> LogEntryBytes(HubDb& db, uint64_t index);

}  // namespace gongkai::hub
