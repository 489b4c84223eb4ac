// The standard row form of the clerk's page: what the browser posts for the
// 15 fields turned into a row, checked by the same functions as the command
// line (station/edits/field_input.h, core/catalog/validate.h), with every
// problem attached to its field so the page can show each message next to
// the field it concerns.
//
// Form names are the English field keys (area, item_l1, …). A text field is
// one value; a set field (channels, audience, mode, levels, stages) is one
// checkbox per allowed value, sent once per ticked box. The edit form also
// carries, hidden, the values the form was built from ("orig_" + key), so
// only the fields the clerk changed become edits: a field the town changed
// meanwhile (a sync while the form was open) is not reverted.
#pragma once

#include <array>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/base/status.h"
#include "core/catalog/fields.h"
#include "core/catalog/row.h"
#include "station/ui/form_data.h"

namespace gongkai::station::ui {

using FieldTexts = std::array<std::string, kFieldCount>;

// One problem per field key; the Status keeps reason and message.
struct FormErrors {
  std::map<std::string, Status> by_field;
  std::vector<Status> general;  // not about one field (other_unit, row_retired, …)
  bool empty() const { return by_field.empty() && general.empty(); }
  // Attaches s to its field if the form has it, else to general.
  void Add(const Status& s);
};

// The fields as posted (set fields: ticked values joined by 、).
FieldTexts ReadFields(const FormData& form);
// The hidden originals of the edit form.
FieldTexts ReadOriginals(const FormData& form);

struct CheckedRow {
  Row row;                                             // `base` with the parsed fields applied
  std::vector<std::pair<Field, std::string>> changes;  // fields whose value differs from orig
  FormErrors errors;
};

// Add: every field of `typed` is applied to `base` (id and unit set).
CheckedRow CheckNewRow(const FieldTexts& typed, Row base);
// Edit: only fields whose parsed value differs from `orig` are applied to
// `current` (the row as the store holds it now).
CheckedRow CheckEditedRow(const FieldTexts& typed, const FieldTexts& orig, Row current);

}  // namespace gongkai::station::ui
