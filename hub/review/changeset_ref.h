// How an administrator names a change set on the command line: a prefix of
// its id in hex (at least 4 digits, as `pending` shows them), or
// STATION/SEQ (e.g. hongqi-01/3).
#pragma once

#include <string>
#include <vector>

#include "core/base/status.h"
#include "hub/review/review_store.h"

namespace gongkai::hub {

// Finds the change set among `candidates`. Reasons: bad_changeset_ref
// (InvalidArgument), unknown_changeset (NotFound; "already_decided"
// FailedPrecondition when `db` knows it as decided), ambiguous_changeset.
Result<const LoggedChangeSet*> FindChangeSetRef(HubDb& db,
                                                const std::vector<LoggedChangeSet>& candidates,
                                                const std::string& ref);

}  // namespace gongkai::hub
