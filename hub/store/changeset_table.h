// The changesets table: every change set the hub accepted, by (station,
// seq), with its id (SHA-256 of the body) and its log index. A row is
// written in the same transaction as its log entry and never changes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct AcceptedChangeSet {
  std::string station;
  uint64_t seq = 0;
  Hash32 id{};
  uint64_t log_index = 0;
  uint64_t base_version = 0;
  uint64_t op_count = 0;
  int64_t received_at = 0;
};

Status InsertChangeSet(HubDb& db, const AcceptedChangeSet& cs);
Result<std::optional<AcceptedChangeSet>> FindChangeSet(HubDb& db, const std::string& station,
                                                       uint64_t seq);
// The station's accepted change set with the highest seq, if any.
Result<std::optional<AcceptedChangeSet>> LastChangeSet(HubDb& db, const std::string& station);
// Accepted change sets with seq > after, in seq order, at most limit.
Result<std::vector<AcceptedChangeSet>> ListChangeSets(HubDb& db, const std::string& station,
                                                      uint64_t after, size_t limit);

}  // namespace gongkai::hub
