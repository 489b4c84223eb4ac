// How a change set's ops and rows read for an administrator (Chinese
// column names, old → new, short ids), in text and JSON: used by the review
// commands of gongkai-hub (hub/cli/) and by the administrator's pages
// (hub/web/).
#pragma once

#include <boost/json.hpp>
#include <string>

#include "core/catalog/catalog.h"
#include "core/changeset/changeset.h"

namespace gongkai::hub {

std::string ShortHex(const Hash32& id);  // first 8 hex digits

// "村务公开 / 村级财务 / 财务收支 (3f2a1b2c)" from the row in `catalog`, or
// just the short id when it is not there.
std::string RowTitle(const Catalog& catalog, const std::string& row_id);
// "(空)" for an empty value, the value otherwise.
std::string ShowValue(const std::string& v);

// One op as lines of text (each starting with `indent`) and as JSON.
std::string OpText(const Op& op, const Catalog& context, const std::string& indent);
boost::json::object OpJson(const Op& op, const Catalog& context);
boost::json::object RowJsonObject(const Row& row);

}  // namespace gongkai::hub
