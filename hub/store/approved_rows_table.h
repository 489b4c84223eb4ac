// The approved_rows table (hub/store/review_schema.h): the rows of the
// latest approved catalog, each encoded as on the wire
// (docs/formats/catalog.md). Review writes it when a version is
// approved; the store check, the pages and the feeds read it. Every
// function runs inside the caller's transaction (or read snapshot).
#pragma once

#include <optional>
#include <string>

#include "core/base/status.h"
#include "core/catalog/catalog.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

// The rows of the latest approved version.
Result<Catalog> LoadApprovedRows(HubDb& db);
// One row of the latest approved catalog, or nullopt when it has none by
// that id.
Result<std::optional<Row>> FindApprovedRow(HubDb& db, const std::string& id);
// Writes the rows of `after` that differ from `before` (rows are never
// deleted: retired rows stay).
Status StoreApprovedRows(HubDb& db, const Catalog& before, const Catalog& after);

}  // namespace gongkai::hub
