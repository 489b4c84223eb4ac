// The known_rows table: every catalog row id the hub has seen — from the
// approved catalog or from a create op of an accepted change set — and the
// unit that owns it. The owner never changes, so this is all the ingest
// path needs to decide whether a station may touch a row.
#pragma once

#include <optional>
#include <string>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

// changeset: the id of the change set whose create op introduced the row,
// or nullopt for a row of the approved catalog.
Status InsertKnownRow(HubDb& db, const std::string& id, const std::string& unit,
                      const std::optional<Hash32>& changeset);
// The owning unit, or nullopt for an unknown row.
Result<std::optional<std::string>> FindRowUnit(HubDb& db, const std::string& id);

}  // namespace gongkai::hub
