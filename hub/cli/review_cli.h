// Helpers shared by the review commands of gongkai-hub (pending, resolve,
// approve, reject, catalog): opening the database, times, short ids, and
// how a change set's ops read for an administrator (Chinese column names,
// old → new).
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <string>

#include "core/catalog/catalog.h"
#include "core/changeset/changeset.h"
#include "hub/cli/flags.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct OpenedHub {
  std::string dir;
  HubDb db;
};
Result<OpenedHub> OpenHubDir(const Flags& flags);

// The output choice of a report command: at most one of --json, --csv and
// --xlsx FILE (usage), and an existing FILE only with --force (file_exists).
Status CheckReportOutputFlags(const Flags& flags);

int64_t NowSeconds();
std::string LocalTimeText(int64_t t);    // "2024-03-01 10:00"
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
