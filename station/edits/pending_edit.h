// One clerk's edit as the station journals it (table `edits`, see
// docs/formats/station-store.md). Every user action (add, edit, retire,
// import) appends edits; sealing folds the pending ones into change-set ops
// (coalesce.h) and marks them sealed or cancelled — they are never deleted,
// so `history` can show every local change with its state.
//
//   kCreate  row = the new row (unit = this station's unit, not retired)
//   kSet     row_id, field, base = value the clerk saw, value = new value
//            (both canonical text; set fields joined by 、)
//   kRetire  row_id, row = the row exactly as the clerk saw it when retiring
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/catalog/fields.h"
#include "core/catalog/row.h"

namespace gongkai::station {

enum class EditKind : uint8_t { kCreate = 1, kSet = 2, kRetire = 3 };

// Stable names used in the store and in JSON: "create", "set", "retire".
const char* EditKindName(EditKind kind);
std::optional<EditKind> EditKindFromName(std::string_view name);

struct PendingEdit {
  int64_t edit_id = 0;  // journal order; 0 for an edit not yet stored
  EditKind kind = EditKind::kSet;
  std::string row_id;
  Field field = Field::kArea;  // kSet only
  std::string base;            // kSet only
  std::string value;           // kSet only
  Row row;                     // kCreate: the new row; kRetire: the row as seen

  bool operator==(const PendingEdit&) const = default;
};

PendingEdit MakeCreateEdit(Row row);
PendingEdit MakeSetEdit(std::string row_id, Field field, std::string base, std::string value);
PendingEdit MakeRetireEdit(Row row_as_seen);

}  // namespace gongkai::station
