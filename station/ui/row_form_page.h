// The standard form for one row (add and edit): all 15 fields with their
// Chinese labels (core/catalog/fields.h), the fixed lists as checkboxes,
// each validation message next to its field:
//   <p class="err" id="err-KEY" data-reason="REASON">MESSAGE</p>
// and the problems not about one field above the form.
#pragma once

#include <string>

#include "station/ui/row_form.h"

namespace gongkai::station::ui {

struct RowFormModel {
  bool is_new = true;
  std::string row_id;  // edit only
  std::string title;   // edit: the row's title, plain text
  FieldTexts values;   // what to show in the fields
  FieldTexts orig;     // edit only: the values the form was built from
  FormErrors errors;
};

std::string RenderRowForm(const RowFormModel& m, const std::string& csrf);

}  // namespace gongkai::station::ui
