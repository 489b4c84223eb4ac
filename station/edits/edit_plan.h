// Turning a clerk's request into journal edits, checked against the working
// view and the station's unit. Pure functions: the commands run them inside
// the write transaction (so the view cannot change underneath) and store
// the result; nothing here touches the disk.
//
// Rules (docs/station.md § 编辑规则):
//  - a station edits and retires only rows of its own unit, and creates rows
//    only for it (PermissionDenied "other_unit");
//  - a retired row is not edited or retired again (FailedPrecondition
//    "row_retired"); rows are never un-retired;
//  - every resulting row must pass ValidateRow, and every value typed or
//    imported now CheckVisibleText (InvalidArgument "invisible_character";
//    values that do not change are not checked again);
//  - a row is named by its full id or a unique prefix of at least 4
//    characters (NotFound "unknown_id", InvalidArgument "ambiguous_id").
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/status.h"
#include "core/catalog/row.h"
#include "station/edits/pending_edit.h"
#include "station/edits/working_view.h"

namespace gongkai::station {

inline constexpr size_t kMinIdPrefix = 4;

Result<const ViewRow*> ResolveRow(const WorkingView& view, std::string_view typed_id);
Status CheckMayEdit(const ViewRow& row, std::string_view unit);

// `row` holds the typed fields and a fresh id; its unit is set to `unit`.
Result<PendingEdit> PlanAdd(Row row, std::string_view unit);

// One set edit per field whose value changes; empty when nothing changes.
Result<std::vector<PendingEdit>> PlanEdit(
    const WorkingView& view, std::string_view unit, std::string_view typed_id,
    const std::vector<std::pair<Field, std::string>>& changes);

Result<PendingEdit> PlanRetire(const WorkingView& view, std::string_view unit,
                               std::string_view typed_id);

// Receives planned edits one at a time (the store writes each at once, in
// the action's transaction; a later error rolls all of them back).
using EditSink = std::function<Status(const PendingEdit&)>;

struct ImportCounts {
  size_t created = 0;
  size_t changed = 0;  // existing rows with at least one field set
  size_t retired = 0;
  size_t unchanged = 0;  // rows identical to the view (any unit): skipped
  size_t edits = 0;      // edits emitted
};

// Rows parsed from a spreadsheet. They must already have passed
// ValidateRow (ParseCatalogCsv validates every row), so this checks only
// what depends on the view and the unit:
//  - a row whose id is not in the view is created (it must be of `unit` and
//    not marked 已撤销);
//  - a row identical to the view is skipped, whatever its unit, so a whole
//    exported catalog can be imported back;
//  - an own-unit row that differs gets a set edit per changed field, or a
//    retire edit when the sheet marks it 已撤销;
//  - a changed row of another unit, a changed unit, an un-retire or a change
//    to a retired row fails the whole import.
// `where(i)` is the message prefix naming rows[i] in the file, e.g.
// "第 12 行: " (called only on an error).
// Without `row_errors` the first bad row ends the plan with its error;
// with it, every bad row's error (without the prefix) is added there with
// the row's index and planning goes on, and the result is still the first
// error (prefixed) — the caller reports them all and writes nothing. An
// error of the store (emit) always ends the plan.
using RowLocator = std::function<std::string(size_t index)>;
struct RowError {
  size_t index;
  Status status;
};
Result<ImportCounts> PlanImport(const WorkingView& view, std::string_view unit,
                                std::vector<Row> rows, const RowLocator& where,
                                const EditSink& emit, std::vector<RowError>* row_errors = nullptr);

}  // namespace gongkai::station
