// Set-valued fields (渠道, 对象, 方式, 层级, 五公开): parsing user text into a
// canonical value, splitting, and the element-wise three-way merge
//   result = proposed ∪ (new − base) − (base − new).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/catalog/fields.h"

namespace gongkai {

// Splits on 、 (also accepts the ASCII and full-width commas and semicolons a
// clerk may type), trims spaces, drops empties, checks every element is in
// the field's fixed list (reason "unknown_value") and returns the canonical
// text: unique elements in fixed-list order joined by 、.
Result<std::string> CanonicalSetValue(Field f, std::string_view text);

// Splits a canonical value into its elements.
std::vector<std::string> SplitSetValue(std::string_view canonical);

// proposed ∪ (new − base) − (base − new), in canonical order.
std::string MergeSetValues(Field f, std::string_view base, std::string_view proposed,
                           std::string_view updated);

}  // namespace gongkai
