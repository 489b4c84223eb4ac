// How `gongkai-audit history ID` shows one row's verified history
// (core/audit/row_history.h): readable Chinese text, or JSON
// (docs/audit.md, "history --json").
#pragma once

#include <boost/json.hpp>
#include <string>

#include "core/audit/row_history.h"
#include "station/audit/log_audit.h"

namespace gongkai::station {

std::string HistoryText(const RowHistory& h, const AuditReport& report);
boost::json::object HistoryJson(const RowHistory& h, const AuditReport& report);

}  // namespace gongkai::station
