#include "station/edits/pending_edit.h"

namespace gongkai::station {

const char* EditKindName(EditKind kind) {
  switch (kind) {
    case EditKind::kCreate:
      return "create";
    case EditKind::kSet:
      return "set";
    case EditKind::kRetire:
      return "retire";
  }
  return "unknown";
}

std::optional<EditKind> EditKindFromName(std::string_view name) {
  if (name == "create") return EditKind::kCreate;
  if (name == "set") return EditKind::kSet;
  if (name == "retire") return EditKind::kRetire;
  return std::nullopt;
}

namespace {

// kCreate and kRetire both carry a whole row, and name it by its id.
PendingEdit WholeRowEdit(EditKind kind, Row row) {
  PendingEdit e;
  e.kind = kind;
  e.row_id = row.id;
  e.row = std::move(row);
  return e;
}

}  // namespace

PendingEdit MakeCreateEdit(Row row) { return WholeRowEdit(EditKind::kCreate, std::move(row)); }

PendingEdit MakeSetEdit(std::string row_id, Field field, std::string base, std::string value) {
  PendingEdit e;
  e.kind = EditKind::kSet;
  e.row_id = std::move(row_id);
  e.field = field;
  e.base = std::move(base);
  e.value = std::move(value);
  return e;
}

PendingEdit MakeRetireEdit(Row row_as_seen) {
  return WholeRowEdit(EditKind::kRetire, std::move(row_as_seen));
}

}  // namespace gongkai::station
