#include "core/csv/catalog_header.h"

#include <algorithm>
#include <map>
#include <optional>

#include "core/csv/aliases.h"
#include "core/csv/cell_text.h"

namespace gongkai {
namespace {

constexpr std::string_view kItemGroup = "公开事项";

// A column whose name stands alone (single-row layout, or row 1 of the
// national layout over an empty cell).
std::optional<CatalogColumn> PlainColumn(const std::string& name) {
  auto make = [&](ColumnKind kind, Field field = Field::kArea) {
    return CatalogColumn{kind, field, {}, name};
  };
  if (name == "序号") return make(ColumnKind::kIgnored);
  if (name == "编号" || name == "id") return make(ColumnKind::kId);
  if (name == "单位" || name == "unit") return make(ColumnKind::kUnit);
  if (name == "状态" || name == "status") return make(ColumnKind::kStatus);
  if (std::optional<Field> f = FieldByKeyOrLabel(name)) {
    return CatalogColumn{ColumnKind::kValue, *f, {}, Spec(*f).label};
  }
  return std::nullopt;
}

// The set field whose label heads a group of tick boxes.
std::optional<Field> SetFieldOfGroup(std::string_view name) {
  for (const FieldSpec& spec : AllFields()) {
    if (spec.is_set && name == spec.label) return spec.field;
  }
  return std::nullopt;
}

bool IsGroup(std::string_view name) { return name == kItemGroup || SetFieldOfGroup(name); }

// The column named `sub` in row 2 under the group `group` of row 1.
std::optional<CatalogColumn> ChildColumn(const std::string& group, const std::string& sub) {
  std::string name = group + "·" + sub;
  if (group == kItemGroup) {
    if (sub == "一级事项") return CatalogColumn{ColumnKind::kValue, Field::kItemL1, {}, name};
    if (sub == "二级事项") return CatalogColumn{ColumnKind::kValue, Field::kItemL2, {}, name};
    return std::nullopt;
  }
  std::optional<Field> f = SetFieldOfGroup(group);
  if (!f) return std::nullopt;
  if (*f == Field::kChannels && (sub == "其他" || sub == "其他渠道")) {
    return CatalogColumn{ColumnKind::kValue, Field::kChannelsOther, {}, name};
  }
  for (const char* element : Spec(*f).allowed) {
    if (NormalizeHeaderName(element) == sub) {
      return CatalogColumn{ColumnKind::kTick, *f, element, group + "·" + element};
    }
  }
  // Published wording (特定群众, 依申请公开, 镇级, …; aliases.h).
  bool aliased = false;
  if (std::optional<std::string> element = CanonicalElement(*f, sub, &aliased)) {
    return CatalogColumn{ColumnKind::kTick, *f, *element, group + "·" + sub};
  }
  // A channel not in the fixed list (12345政务服务热线): ticked, it is kept
  // in 其他渠道.
  if (*f == Field::kChannels) {
    return CatalogColumn{ColumnKind::kTick, Field::kChannelsOther, sub, group + "·" + sub};
  }
  return std::nullopt;
}

std::string ChildNames(const std::string& group) {
  if (group == kItemGroup) return "一级事项、二级事项";
  std::string out;
  std::optional<Field> f = SetFieldOfGroup(group);
  for (const char* element : Spec(*f).allowed) {
    if (!out.empty()) out += "、";
    out += element;
  }
  if (*f == Field::kChannels) out += "、其他";
  return out;
}

std::string AcceptedNames() {
  std::string out = "序号、编号、单位";
  for (const FieldSpec& spec : AllFields()) out += std::string("、") + spec.label;
  return out + "、状态";
}

Status UnknownHeader(size_t line, const std::string& message) {
  return InvalidArgument("unknown_header", LinePrefix(line) + message);
}

Status UnknownName(const CsvRecord& record, size_t c, const std::string& name) {
  std::string message =
      "不认识的列名 “" + name + "”（" + ColumnName(c) + "）；可用的列名: " + AcceptedNames();
  if (record.fields.size() == 1 &&
      (name.find(';') != std::string::npos || record.fields[0].find('\t') != std::string::npos)) {
    message += "。这一行没有逗号，文件可能不是用逗号分隔的 CSV";
  }
  return UnknownHeader(record.line, message + " (unknown header)");
}

bool IsNationalLayout(const CsvRecord& first, const CsvRecord* second) {
  for (const std::string& cell : first.fields) {
    if (NormalizeHeaderName(cell) == kItemGroup) return true;
  }
  if (second == nullptr || second->fields.size() != first.fields.size()) return false;
  std::string group;
  bool any_child = false;
  for (size_t c = 0; c < first.fields.size(); ++c) {
    std::string top = NormalizeHeaderName(first.fields[c]);
    std::string sub = NormalizeHeaderName(second->fields[c]);
    if (!top.empty()) group = IsGroup(top) ? top : "";
    if (sub.empty()) continue;
    if (!group.empty() && ChildColumn(group, sub)) {
      any_child = true;
    } else if (sub != top) {
      return false;
    }
  }
  return any_child;
}

struct Resolved {
  CatalogColumn column;
  size_t line;  // the header row that names the column
};

Result<std::vector<Resolved>> ResolveSingleRow(const CsvRecord& first) {
  std::vector<Resolved> out;
  for (size_t c = 0; c < first.fields.size(); ++c) {
    std::string name = NormalizeHeaderName(first.fields[c]);
    if (name.empty()) {
      out.push_back({CatalogColumn{}, first.line});
      continue;
    }
    std::optional<CatalogColumn> column = PlainColumn(name);
    if (!column) return UnknownName(first, c, name);
    out.push_back({*column, first.line});
  }
  return out;
}

Result<std::vector<Resolved>> ResolveTwoRows(const CsvRecord& first, const CsvRecord& second) {
  std::vector<Resolved> out;
  std::string group;
  for (size_t c = 0; c < first.fields.size(); ++c) {
    std::string top = NormalizeHeaderName(first.fields[c]);
    std::string sub = NormalizeHeaderName(second.fields[c]);
    if (!top.empty()) group = IsGroup(top) ? top : "";
    if (sub.empty()) {
      if (top.empty()) {
        out.push_back({CatalogColumn{}, first.line});
      } else if (top == kItemGroup) {
        return UnknownHeader(second.line, "“公开事项” 下面（" + ColumnName(c) +
                                              "）应写 一级事项 或 二级事项 (unknown header)");
      } else {
        std::optional<CatalogColumn> column = PlainColumn(top);
        if (!column) return UnknownName(first, c, top);
        out.push_back({*column, first.line});
      }
      continue;
    }
    if (!group.empty()) {
      if (std::optional<CatalogColumn> child = ChildColumn(group, sub)) {
        out.push_back({*child, second.line});
        continue;
      }
    }
    if (!top.empty() && sub == top) {  // the name repeated under itself
      std::optional<CatalogColumn> column = PlainColumn(top);
      if (!column) return UnknownName(first, c, top);
      out.push_back({*column, first.line});
      continue;
    }
    if (!group.empty()) {
      return UnknownHeader(second.line, "“" + group + "” 下面不认识的列名 “" + sub + "”（" +
                                            ColumnName(c) + "）；可选: " + ChildNames(group) +
                                            " (unknown header)");
    }
    if (!top.empty()) {
      return UnknownHeader(second.line, "不认识的列名 “" + sub + "”（" + ColumnName(c) +
                                            "），它上面的 “" + top + "” 不分列 (unknown header)");
    }
    std::optional<CatalogColumn> column = PlainColumn(sub);  // named in row 2 only
    if (!column) return UnknownName(second, c, sub);
    out.push_back({*column, second.line});
  }
  return out;
}

std::string DedupKey(const CatalogColumn& column) {
  switch (column.kind) {
    case ColumnKind::kIgnored:
    case ColumnKind::kBlank:
      return {};
    case ColumnKind::kId:
      return "id";
    case ColumnKind::kUnit:
      return "unit";
    case ColumnKind::kStatus:
      return "status";
    case ColumnKind::kValue:
      return std::string("value:") + Spec(column.field).key;
    case ColumnKind::kTick:
      return std::string("tick:") + Spec(column.field).key + ":" + column.element;
  }
  return {};
}

const char* FieldKeyOf(const CatalogColumn& column) {
  switch (column.kind) {
    case ColumnKind::kId:
      return "id";
    case ColumnKind::kUnit:
      return "unit";
    case ColumnKind::kStatus:
      return "retired";
    case ColumnKind::kValue:
    case ColumnKind::kTick:
      return Spec(column.field).key;
    default:
      return "";
  }
}

Status CheckDuplicates(const std::vector<Resolved>& columns) {
  std::map<std::string, size_t> seen;
  std::map<Field, size_t> value_column, tick_column;
  auto duplicate = [&](size_t a, size_t b, const std::string& what) {
    const Resolved& later = columns[b];
    return InvalidArgument("duplicate_header",
                           LinePrefix(later.line) + what + "（" + ColumnName(a) + "和" +
                               ColumnName(b) + "）；每一项只能有一列 (duplicate header)",
                           FieldKeyOf(later.column));
  };
  for (size_t c = 0; c < columns.size(); ++c) {
    const CatalogColumn& column = columns[c].column;
    std::string key = DedupKey(column);
    if (key.empty()) continue;
    auto [it, inserted] = seen.emplace(key, c);
    if (!inserted) return duplicate(it->second, c, "“" + column.name + "” 有两列");
    if (column.kind == ColumnKind::kValue) value_column.emplace(column.field, c);
    if (column.kind == ColumnKind::kTick && column.field != Field::kChannelsOther) {
      tick_column.emplace(column.field, c);
    }
    auto value = value_column.find(column.field);
    auto tick = tick_column.find(column.field);
    if ((column.kind == ColumnKind::kValue || column.kind == ColumnKind::kTick) &&
        value != value_column.end() && tick != tick_column.end()) {
      std::string label = Spec(column.field).label;
      return duplicate(std::min(value->second, tick->second), c,
                       "“" + label + "” 既有单独一列，又有勾选框列");
    }
  }
  return Status::Ok();
}

Status CheckRequired(const std::vector<Resolved>& columns, size_t line) {
  auto present = [&](Field f) {
    for (const Resolved& r : columns) {
      if ((r.column.kind == ColumnKind::kValue || r.column.kind == ColumnKind::kTick) &&
          r.column.field == f) {
        return true;
      }
    }
    return false;
  };
  std::string missing;
  std::string first_key;
  for (const FieldSpec& spec : AllFields()) {
    bool needed = spec.required;
    bool has = present(spec.field);
    if (spec.field == Field::kChannels) {
      needed = true;  // ValidateRow wants 公开渠道和载体 or 其他渠道
      has = has || present(Field::kChannelsOther);
    }
    if (!needed || has) continue;
    if (!missing.empty()) missing += "、";
    missing += spec.label;
    if (first_key.empty()) first_key = spec.key;
  }
  if (missing.empty()) return Status::Ok();
  return InvalidArgument(
      "missing_header",
      LinePrefix(line) + "缺少必需的列: " + missing + "；请检查表头是否写错 (missing header)",
      first_key);
}

}  // namespace

std::string NormalizeHeaderName(std::string_view cell) {
  // Blanks (ASCII, U+3000) and * ＊ marks dropped; ( ) made full-width.
  static constexpr TextRewrite kRules[] = {{" ", ""},  {"\t", ""},  {"\r", ""},
                                           {"\n", ""}, {"*", ""},   {"\xE3\x80\x80", ""},
                                           {"＊", ""}, {"(", "（"}, {")", "）"}};
  return RewriteText(cell, kRules);
}

bool IsTitleRow(const CsvRecord& record) {
  std::string title;
  for (const std::string& cell : record.fields) {
    std::string name = NormalizeHeaderName(cell);
    if (name.empty()) continue;
    if (!title.empty()) return false;
    title = std::move(name);
  }
  return !title.empty() && !PlainColumn(title) && !IsGroup(title);
}

Result<CatalogHeader> ParseCatalogHeader(const CsvRecord& first, const CsvRecord* second) {
  CatalogHeader header;
  std::vector<Resolved> resolved;
  if (IsNationalLayout(first, second)) {
    if (second == nullptr) {
      return InvalidArgument("missing_header",
                             LinePrefix(first.line) +
                                 "“公开事项” 下面缺少第二行表头（一级事项、二级事项）"
                                 " (missing header)",
                             "item_l1");
    }
    if (second->fields.size() != first.fields.size()) {
      return InvalidArgument("wrong_column_count", LinePrefix(second->line) + "第二行表头有 " +
                                                       std::to_string(second->fields.size()) +
                                                       " 列，第一行表头有 " +
                                                       std::to_string(first.fields.size()) +
                                                       " 列，两行应一样宽 (wrong column count)");
    }
    GK_ASSIGN_OR_RETURN(resolved, ResolveTwoRows(first, *second));
    header.rows = 2;
  } else {
    GK_ASSIGN_OR_RETURN(resolved, ResolveSingleRow(first));
  }
  GK_RETURN_IF_ERROR(CheckDuplicates(resolved));
  GK_RETURN_IF_ERROR(CheckRequired(resolved, first.line));
  for (Resolved& r : resolved) header.columns.push_back(std::move(r.column));
  return header;
}

}  // namespace gongkai
