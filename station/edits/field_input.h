// What a clerk types for a field (a flag of `add`, FIELD=VALUE of `edit
// --set`) turned into the canonical stored value, with Chinese-first errors
// that say what to type instead.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "core/base/status.h"
#include "core/catalog/fields.h"

namespace gongkai::station {

// English key ("channels") or Chinese label ("公开渠道和载体"); otherwise
// InvalidArgument "unknown_field" listing the valid names.
Result<Field> ParseFieldName(std::string_view name);

// Text fields: surrounding spaces are trimmed; set fields: elements joined by
// 、 (or ，, ；) become the canonical set (CanonicalSetValue). Then the value is
// checked (ValidateFieldValue): invalid_utf8, control_character, too_long,
// unknown_value; then CheckVisibleText: invisible_character. Emptiness of
// required fields is checked on the whole row.
Result<std::string> ParseFieldInput(Field f, std::string_view typed);

// "FIELD=VALUE" of `edit --set`; reason "bad_assignment" without '='.
Result<std::pair<Field, std::string>> ParseSetAssignment(std::string_view text);

// The `add` flag of a field: "--" + key with '_' as '-', e.g. "--item-l1".
std::string FieldFlag(Field f);

}  // namespace gongkai::station
