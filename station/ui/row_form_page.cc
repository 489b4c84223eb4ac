#include "station/ui/row_form_page.h"

#include <set>

#include "station/ui/html.h"

namespace gongkai::station::ui {
namespace {

std::set<std::string> SetElements(const std::string& joined) {
  std::set<std::string> out;
  std::string_view rest = joined;
  while (!rest.empty()) {
    size_t pos = rest.find(kSetSeparator);
    out.insert(std::string(rest.substr(0, pos)));
    if (pos == std::string_view::npos) break;
    rest.remove_prefix(pos + kSetSeparator.size());
  }
  return out;
}

std::string ErrorFor(const FormErrors& errors, const char* key) {
  auto it = errors.by_field.find(key);
  if (it == errors.by_field.end()) return "";
  return "<p class=\"err\" id=\"err-" + std::string(key) + "\" data-reason=\"" +
         Esc(it->second.reason()) + "\">" + Esc(it->second.message()) + "</p>";
}

std::string AreaList() {
  std::string h = "<datalist id=\"areas\">";
  for (const char* a : StandardAreas()) h += "<option value=\"" + Esc(a) + "\">";
  return h + "<option value=\"村务公开\"></datalist>";
}

std::string FieldControl(const FieldSpec& spec, const std::string& value, bool invalid) {
  const std::string key = spec.key;
  const std::string aria =
      invalid ? " aria-invalid=\"true\" aria-describedby=\"err-" + key + "\"" : "";
  if (spec.is_set) {
    std::set<std::string> ticked = SetElements(value);
    std::string h = "<div class=\"checks\" role=\"group\">";
    for (const char* a : spec.allowed) {
      h += "<label class=\"check\"><input type=\"checkbox\" name=\"" + key + "\" value=\"" +
           Esc(a) + "\"" + (ticked.count(a) ? " checked" : "") + aria + "> " + Esc(a) + "</label>";
    }
    return h + "</div>";
  }
  std::string common =
      " id=\"f-" + key + "\" name=\"" + key + "\"" + (spec.required ? " required" : "") + aria;
  if (spec.max_chars > 200) {
    return "<textarea rows=\"3\"" + common + ">" + Esc(value) + "</textarea>";
  }
  std::string extra = spec.field == Field::kArea ? " list=\"areas\"" : "";
  return "<input type=\"text\"" + common + extra + " value=\"" + Esc(value) + "\">";
}

}  // namespace

std::string RenderRowForm(const RowFormModel& m, const std::string& csrf) {
  std::string action = m.is_new ? "row/new" : "row/" + Esc(m.row_id) + "/edit";
  std::string h = m.is_new ? "<h1>新增条目</h1>"
                           : "<h1>修改条目</h1><p class=\"sub\">" + Esc(m.title) + " <code>" +
                                 Esc(m.row_id.substr(0, 8)) + "</code></p>";
  if (!m.errors.empty()) {
    h += "<div class=\"errors\" "
         "role=\"alert\"><p>请改正下面标红的栏目后再保存，这次没有保存任何内容。</p>";
    for (const Status& s : m.errors.general) {
      h += "<p class=\"err\" data-reason=\"" + Esc(s.reason()) + "\">" + Esc(s.message()) + "</p>";
    }
    h += "</div>";
  }
  h += "<form method=\"post\" action=\"" + action +
       "\" class=\"row-form\" novalidate>"
       "<input type=\"hidden\" name=\"csrf\" value=\"" +
       Esc(csrf) + "\">";
  for (const FieldSpec& spec : AllFields()) {
    const std::string key = spec.key;
    const std::string& value = m.values[Index(spec.field)];
    bool invalid = m.errors.by_field.count(key) > 0;
    std::string legend = std::string(spec.label) +
                         (spec.required ? "<span class=\"req\" title=\"必填\">*</span>" : "");
    if (spec.field == Field::kChannels) {
      legend += "<span class=\"note\">（至少选一项，或填写其他渠道）</span>";
    } else if (!spec.required) {
      legend += "<span class=\"note\">（可不填）</span>";
    }
    h += std::string("<div class=\"field") + (invalid ? " invalid" : "") + "\" id=\"field-" + key +
         "\">";
    if (spec.is_set) {
      h += "<fieldset><legend>" + legend + "</legend>";
    } else {
      h += "<label for=\"f-" + key + "\">" + legend + "</label>";
    }
    h += FieldControl(spec, value, invalid) + ErrorFor(m.errors, spec.key);
    if (spec.is_set) h += "</fieldset>";
    h += "</div>";
    if (!m.is_new) {
      h += "<input type=\"hidden\" name=\"orig_" + key + "\" value=\"" +
           Esc(m.orig[Index(spec.field)]) + "\">";
    }
  }
  h += AreaList();
  h += "<div class=\"buttons\"><button type=\"submit\" class=\"primary\">保存</button>"
       "<a href=\"./\" class=\"button\">取消</a></div>"
       "<p class=\"hint\">保存后是“未封存”的修改，点目录页的“同步”才会上传到镇里。</p></form>";
  return h;
}

}  // namespace gongkai::station::ui
