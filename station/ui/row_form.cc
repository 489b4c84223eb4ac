#include "station/ui/row_form.h"

#include "core/catalog/validate.h"
#include "station/edits/field_input.h"

namespace gongkai::station::ui {
namespace {

FieldTexts ReadWithPrefix(const FormData& form, const std::string& prefix) {
  FieldTexts out;
  for (const FieldSpec& spec : AllFields()) {
    const std::string name = prefix + spec.key;
    if (spec.is_set && prefix.empty()) {
      std::string joined;
      for (const std::string& v : form.GetAll(name)) {
        if (v.empty()) continue;
        if (!joined.empty()) joined += kSetSeparator;
        joined += v;
      }
      out[Index(spec.field)] = joined;
    } else {
      out[Index(spec.field)] = form.Value(name);
    }
  }
  return out;
}

// A value that passes ValidateFieldValue and is not empty, to stand in for
// a field already reported so ValidateRow goes on to the next problem.
std::string StandIn(const FieldSpec& spec) {
  return spec.is_set && !spec.allowed.empty() ? std::string(spec.allowed[0]) : std::string("-");
}

// ValidateRow reports the first problem; run it until it passes, standing
// in for each reported field, so the clerk sees every problem at once with
// exactly the messages of the command line.
void CollectRowErrors(Row row, FormErrors* errors) {
  for (size_t i = 0; i <= kFieldCount + 2; ++i) {
    Status s = ValidateRow(row);
    if (s.ok()) return;
    errors->Add(s);
    std::optional<Field> f = FieldByKey(s.field());
    if (!f) return;
    row.Set(*f, StandIn(Spec(*f)));
  }
}

CheckedRow Check(const FieldTexts& typed, const FieldTexts* orig, Row base) {
  CheckedRow out;
  out.row = std::move(base);
  for (const FieldSpec& spec : AllFields()) {
    Result<std::string> v = ParseFieldInput(spec.field, typed[Index(spec.field)]);
    if (!v.ok()) {
      out.errors.Add(v.status());
      continue;
    }
    if (orig && *v == (*orig)[Index(spec.field)]) continue;
    if (orig) out.changes.emplace_back(spec.field, *v);
    out.row.Set(spec.field, std::move(v).value());
  }
  if (out.errors.empty()) CollectRowErrors(out.row, &out.errors);
  return out;
}

}  // namespace

void FormErrors::Add(const Status& s) {
  if (FieldByKey(s.field())) {
    by_field.emplace(s.field(), s);  // the first problem of a field wins
  } else {
    general.push_back(s);
  }
}

FieldTexts ReadFields(const FormData& form) { return ReadWithPrefix(form, ""); }
FieldTexts ReadOriginals(const FormData& form) { return ReadWithPrefix(form, "orig_"); }

CheckedRow CheckNewRow(const FieldTexts& typed, Row base) {
  return Check(typed, nullptr, std::move(base));
}

CheckedRow CheckEditedRow(const FieldTexts& typed, const FieldTexts& orig, Row current) {
  return Check(typed, &orig, std::move(current));
}

}  // namespace gongkai::station::ui
