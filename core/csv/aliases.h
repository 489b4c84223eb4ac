// Wordings of published catalogs accepted for the canonical values of set
// fields (docs/formats/csv.md § Aliases; the same table in
// docs/formats/xlsx.md). Towns copy their catalogs from published
// documents that write 特定群众 for 特定群体, 依申请公开 for 依申请, 镇级 for
// 乡级 …; the import maps them and reports which mappings it applied.
//
// Element comparison is on a normalised form (NormalizeElement): spaces
// removed, ASCII ( ) turned into full-width （ ）, full-width ／ into /.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog/fields.h"

namespace gongkai {

struct ValueAlias {
  Field field;
  const char* from;  // as published (normalised form)
  const char* to;    // the element of the field's fixed list
};

// The whole table, in the order the docs list it.
const std::vector<ValueAlias>& ValueAliases();

// Spaces (also U+3000, U+00A0) removed, ( ) → （ ）, ／ → /.
std::string NormalizeElement(std::string_view element);

// The canonical element `element` stands for in field f: itself if it is in
// the fixed list (after normalisation), its alias target, or nullopt.
// *aliased is set when an alias (not the element itself) matched.
std::optional<std::string> CanonicalElement(Field f, std::string_view element, bool* aliased);

// Splits a set cell into its elements: on 、 ， ， ； ; and line breaks,
// trimmed, empties dropped. Aliases whose own text holds a separator
// (县(市、区)级) are kept whole.
std::vector<std::string> SplitSetCell(Field f, std::string_view cell);

}  // namespace gongkai
