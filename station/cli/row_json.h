// JSON shapes of `list --json`, `show --json` and `history --json`
// (docs/station.md § JSON). A row is an object with the DOMAIN.md keys —
// set fields (channels, audience, mode, levels, stages) as arrays of
// strings, the others as strings — plus "id", "unit", "retired" and
// "local_state" ("approved", "outbox" or "pending") and, for a row whose
// edits the hub refused, "held": {"code", "reason", "refused_seq"}.
#pragma once

#include <boost/json.hpp>
#include <ostream>
#include <string>

#include "core/catalog/fields.h"
#include "core/catalog/row.h"
#include "station/edits/working_view.h"
#include "station/store/refused_changesets.h"

namespace gongkai::station {

// A field's value: an array of strings for set fields, else a string.
boost::json::value FieldJson(Field f, const std::string& canonical);
boost::json::object RowJson(const Row& row);
boost::json::object ViewRowJson(const ViewRow& row, const HeldRow* held = nullptr);

// Writes one serialized JSON value followed by a newline: every command's
// --json output is one line.
void PrintJsonLine(std::ostream& out, const std::string& serialized);

}  // namespace gongkai::station
