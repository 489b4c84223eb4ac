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

PendingEdit MakeCreateEdit(Row row) {
  PendingEdit e;
  e.kind = EditKind::kCreate;
  e.row_id = row.id;
  e.row = std::move(row);
  return e;
}

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
  PendingEdit e;
  e.kind = EditKind::kRetire;
  e.row_id = row_as_seen.id;
  e.row = std::move(row_as_seen);
  return e;
}

}  // namespace gongkai::station
