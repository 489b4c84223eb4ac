#include "station/edits/edit_plan.h"

#include <optional>

#include "core/base/utf8.h"
#include "core/catalog/validate.h"
#include "station/edits/field_input.h"

namespace gongkai::station {
namespace {

std::string ShortId(std::string_view id) { return std::string(id.substr(0, 8)); }

// Adds "what to do" to a row validation error of `add` or `edit`.
Status WithHint(const Status& s, bool for_add) {
  auto f = FieldByKey(s.field());
  if (!f) return s;
  std::string hint = for_add ? "；请用 " + FieldFlag(*f) + " 填写"
                             : std::string("；请用 --set ") + Spec(*f).key + "=… 修改";
  return Status(s.code(), s.reason(), s.message() + hint, s.field());
}

}  // namespace

Result<const ViewRow*> ResolveRow(const WorkingView& view, std::string_view typed_id) {
  std::string id(typed_id);
  if (const ViewRow* exact = view.Find(id)) return exact;
  // What the clerk typed, as the one line may show it (bytes that are not
  // UTF-8 would garble the terminal).
  const std::string shown = IsValidUtf8(id) ? id : std::string("（含无效字符）");
  if (id.size() < kMinIdPrefix) {
    return NotFound("unknown_id", "编号 “" + shown + "” 太短，找不到条目：请至少输入编号的前 " +
                                      std::to_string(kMinIdPrefix) +
                                      " 位（gongkai-station list 显示编号）(id prefix too short)");
  }
  auto unknown = NotFound("unknown_id", "找不到编号为 “" + shown +
                                            "” 的条目；请用 gongkai-station list 查看编号 "
                                            "(no such row)");
  if (id.size() >= 36) return unknown;
  const auto& rows = view.rows();
  auto it = rows.lower_bound(id);
  if (it == rows.end() || it->first.compare(0, id.size(), id) != 0) return unknown;
  auto next = std::next(it);
  if (next != rows.end() && next->first.compare(0, id.size(), id) == 0) {
    return InvalidArgument("ambiguous_id",
                           "编号 “" + shown +
                               "” 对应不止一个条目，请多输入几位 "
                               "(ambiguous id prefix)",
                           "id");
  }
  return &it->second;
}

Status CheckMayEdit(const ViewRow& row, std::string_view unit) {
  if (row.row.unit != unit) {
    return PermissionDenied("other_unit", "条目 " + ShortId(row.row.id) + " 属于 " + row.row.unit +
                                              "，本站只能修改 " + std::string(unit) +
                                              " 的条目 (row belongs to another unit)");
  }
  if (row.row.retired) {
    return FailedPrecondition(
        "row_retired", "条目 " + ShortId(row.row.id) + " 已撤销，不能再修改 (row is retired)");
  }
  return Status::Ok();
}

Result<PendingEdit> PlanAdd(Row row, std::string_view unit) {
  row.unit = std::string(unit);
  row.retired = false;
  Status s = ValidateRow(row);
  if (s.ok()) s = CheckVisibleRow(row);
  if (!s.ok()) return WithHint(s, true);
  return MakeCreateEdit(std::move(row));
}

Result<std::vector<PendingEdit>> PlanEdit(
    const WorkingView& view, std::string_view unit, std::string_view typed_id,
    const std::vector<std::pair<Field, std::string>>& changes) {
  GK_ASSIGN_OR_RETURN(const ViewRow* vr, ResolveRow(view, typed_id));
  GK_RETURN_IF_ERROR(CheckMayEdit(*vr, unit));
  Row after = vr->row;
  for (const auto& [field, value] : changes) after.Set(field, value);
  Status s = ValidateRow(after);
  // Only the values that change: a row approved before the rule may hold
  // such a character in another field and must stay editable.
  for (const FieldSpec& spec : AllFields()) {
    if (!s.ok()) break;
    if (after.Get(spec.field) != vr->row.Get(spec.field)) {
      s = CheckVisibleText(after.Get(spec.field), spec.label, spec.key);
    }
  }
  if (!s.ok()) return WithHint(s, false);
  std::vector<PendingEdit> edits;
  for (const FieldSpec& spec : AllFields()) {  // field order, one edit per field
    const std::string& before = vr->row.Get(spec.field);
    if (after.Get(spec.field) != before) {
      edits.push_back(MakeSetEdit(vr->row.id, spec.field, before, after.Get(spec.field)));
    }
  }
  return edits;
}

Result<PendingEdit> PlanRetire(const WorkingView& view, std::string_view unit,
                               std::string_view typed_id) {
  GK_ASSIGN_OR_RETURN(const ViewRow* vr, ResolveRow(view, typed_id));
  GK_RETURN_IF_ERROR(CheckMayEdit(*vr, unit));
  return MakeRetireEdit(vr->row);
}

Result<ImportCounts> PlanImport(const WorkingView& view, std::string_view unit,
                                std::vector<Row> rows, const RowLocator& locate,
                                const EditSink& emit, std::vector<RowError>* row_errors) {
  ImportCounts counts;
  auto put = [&](PendingEdit e) {
    ++counts.edits;
    return emit(std::move(e));
  };
  // One row; the error without the line (added by the caller).
  auto plan_row = [&](Row row) -> Status {
    const ViewRow* vr = view.Find(row.id);
    if (vr && vr->row == row) {
      ++counts.unchanged;
      return Status::Ok();
    }
    if (vr && vr->row.unit != unit) return CheckMayEdit(*vr, unit);
    if (row.unit != unit) {
      std::string msg = vr ? "不能把条目的单位从 " + vr->row.unit + " 改为 " + row.unit +
                                 " (the unit of a row cannot change)"
                           : "这一行属于 " + row.unit + "，本站只能新增 " + std::string(unit) +
                                 " 的条目 (row of another unit)";
      return PermissionDenied(vr ? "unit_change" : "other_unit", msg);
    }
    if (!vr) {
      if (row.retired) {
        return InvalidArgument("new_row_retired",
                               "新条目不能标为已撤销；请把状态改为 在用 或删去这一行 "
                               "(a new row cannot be retired)",
                               "retired");
      }
      GK_RETURN_IF_ERROR(CheckVisibleRow(row));
      GK_RETURN_IF_ERROR(put(MakeCreateEdit(std::move(row))));
      ++counts.created;
      return Status::Ok();
    }
    if (vr->row.retired) {
      std::string msg = row.retired ? "条目已撤销，不能再修改 (row is retired)"
                                    : "已撤销的条目不能恢复为在用；请新增一个条目 "
                                      "(a retired row cannot be restored)";
      return FailedPrecondition("row_retired", msg);
    }
    if (row.retired) {
      GK_RETURN_IF_ERROR(put(MakeRetireEdit(vr->row)));
      ++counts.retired;
      return Status::Ok();
    }
    for (const FieldSpec& spec : AllFields()) {
      const std::string& before = vr->row.Get(spec.field);
      if (row.Get(spec.field) != before) {
        GK_RETURN_IF_ERROR(CheckVisibleText(row.Get(spec.field), spec.label, spec.key));
        GK_RETURN_IF_ERROR(put(MakeSetEdit(row.id, spec.field, before, row.Get(spec.field))));
      }
    }
    ++counts.changed;
    return Status::Ok();
  };
  std::optional<Status> first;
  for (size_t i = 0; i < rows.size(); ++i) {
    Status s = plan_row(std::move(rows[i]));
    if (s.ok()) continue;
    // A row the clerk must fix; anything else (the store failing) stops here.
    bool about_the_row = s.code() == Code::kInvalidArgument ||
                         s.code() == Code::kPermissionDenied ||
                         s.code() == Code::kFailedPrecondition;
    if (row_errors == nullptr || !about_the_row) return s.WithContext(locate(i));
    if (!first) first = s.WithContext(locate(i));
    row_errors->push_back({i, std::move(s)});
  }
  if (first) return *first;
  return counts;
}

}  // namespace gongkai::station
