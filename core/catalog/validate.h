// Validation of catalog values. Each failure is a Status with code
// kInvalidArgument (or kResourceExhausted for over-long text), a stable
// reason and the field key:
//   empty_required     a required field is empty
//   unknown_value      a set element outside the field's fixed list
//   not_canonical      a set value not in canonical form (wire input only)
//   invalid_utf8       bytes that are not UTF-8
//   control_character  a control character (newline allowed in long text)
//   too_long           over the field's limit in code points
//   bad_id             a row id that is not a lowercase UUID
//   bad_unit           an empty, over-long or invalid unit name
//   bad_station_id     a station id outside [a-z0-9-]{1,64}
//   invisible_character  a bidirectional control or zero-width character
//                      (CheckVisibleText; not part of ValidateRow, see below)
#pragma once

#include <string_view>

#include "core/base/status.h"
#include "core/catalog/fields.h"
#include "core/catalog/row.h"

namespace gongkai {

// Checks one stored (canonical) value of a field, without the "required" rule.
Status ValidateFieldValue(Field f, std::string_view value);
// True when the text is empty or only white space (ASCII space, tab, line
// breaks, U+3000 IDEOGRAPHIC SPACE, U+00A0 NO-BREAK SPACE): what a person
// sees as blank. Required values must not be blank.
bool IsBlankText(std::string_view text);
// The text without surrounding white space of IsBlankText's kinds.
std::string_view TrimBlank(std::string_view text);
// A reason a person signs (a rejection, a station's revocation, a
// certificate change) must say something: a blank one is InvalidArgument
// "empty_reason" (field "reason"). For new records only: the decoders keep
// accepting what was signed before.
Status RefuseBlankReason(std::string_view reason);
// Checks a whole row: id, unit, every field, and the required fields.
Status ValidateRow(const Row& row);
Status ValidateRowId(std::string_view id);
Status ValidateUnit(std::string_view unit);
Status ValidateStationId(std::string_view id);
// Text checks shared by notes, reasons and names: UTF-8, no control
// characters (newline allowed if multiline), at most max_chars code points.
Status ValidateText(std::string_view text, size_t max_chars, bool multiline, const char* what);

// The rule for text that enters the catalog from now on — typed, imported,
// uploaded to the hub, given as a resolution or an enrolled unit: no
// invisible formatting character (FirstInvisibleCharacter of
// core/base/utf8.h). InvalidArgument "invisible_character" naming the field
// and the code point. It is deliberately not part of ValidateRow and the
// decoders: rows and change sets logged before the rule existed still
// decode and verify (docs/formats/catalog.md § Invisible characters).
Status CheckVisibleText(std::string_view text, std::string_view label, const char* key);
// Id, unit and every field of a row.
Status CheckVisibleRow(const Row& row);

}  // namespace gongkai
