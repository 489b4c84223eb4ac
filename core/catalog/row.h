// One row of the disclosure catalog: the DOMAIN.md columns plus id, unit and
// retired. Set-valued fields are stored as their canonical text: the
// elements in the order of the field's fixed list, joined by 、 (see
// set_value.h), so every field is compared, merged and encoded as a string.
#pragma once

#include <array>
#include <string>

#include "core/catalog/fields.h"

namespace gongkai {

struct Row {
  std::string id;    // UUID, lowercase 8-4-4-4-12, made by the creator, immutable
  std::string unit;  // the village (or town) that may edit this row
  bool retired = false;
  std::array<std::string, kFieldCount> values;

  const std::string& Get(Field f) const { return values[Index(f)]; }
  void Set(Field f, std::string v) { values[Index(f)] = std::move(v); }

  bool operator==(const Row&) const = default;
};

}  // namespace gongkai
