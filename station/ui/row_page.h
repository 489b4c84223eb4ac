// One row on its own page (all 15 fields, its state), the retire
// confirmation, and the import page with its result.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "station/edits/edit_plan.h"
#include "station/edits/import_report.h"
#include "station/edits/working_view.h"
#include "station/store/refused_changesets.h"

namespace gongkai::station::ui {

// `may_change`: the row is of this station's unit and not retired.
// `history`: this row's local changes, oldest first (HistoryWhat and
// HistoryStateText lines, station/commands/common.h); `held`: the hub's
// reason when the row waits for the clerk.
std::string RenderRowView(const ViewRow& vr, bool may_change, const std::string& flash,
                          const std::vector<std::string>& history = {},
                          const HeldRow* held = nullptr);
std::string RenderRetireConfirm(const ViewRow& vr, const std::string& csrf,
                                const std::optional<Status>& error);

// The import form; after a post, the import report: the counts, aliases
// applied and warnings, or why nothing was imported with every bad line in
// a table (line, column, what to write).
std::string RenderImportPage(const std::string& csrf, const std::optional<ImportReport>& report);

}  // namespace gongkai::station::ui
