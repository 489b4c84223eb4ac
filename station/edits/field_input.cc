#include "station/edits/field_input.h"

#include "core/base/utf8.h"
#include "core/catalog/set_value.h"
#include "core/catalog/validate.h"

namespace gongkai::station {
namespace {

std::string_view TrimSpaces(std::string_view s) {
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  for (;;) {
    if (!s.empty() &&
        (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
      s.remove_prefix(1);
    } else if (s.substr(0, 3) == kIdeographicSpace) {
      s.remove_prefix(3);
    } else {
      break;
    }
  }
  for (;;) {
    if (!s.empty() &&
        (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && s.substr(s.size() - 3) == kIdeographicSpace) {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  return s;
}

}  // namespace

Result<Field> ParseFieldName(std::string_view name) {
  if (auto f = FieldByKeyOrLabel(TrimSpaces(name))) return *f;
  std::string choices;
  for (const FieldSpec& s : AllFields()) {
    if (!choices.empty()) choices += "、";
    choices += std::string(s.key) + "(" + s.label + ")";
  }
  std::string shown = IsValidUtf8(name) ? std::string(name) : "(无效字符)";
  return InvalidArgument(
      "unknown_field",
      "没有名为 “" + shown + "” 的字段；可用的字段: " + choices + " (unknown field)", "field");
}

Result<std::string> ParseFieldInput(Field f, std::string_view typed) {
  const FieldSpec& spec = Spec(f);
  if (!IsValidUtf8(typed)) {
    return InvalidArgument(
        "invalid_utf8",
        std::string(spec.label) + " 含有无效的 UTF-8 字节，请检查输入法或终端编码 (invalid UTF-8)",
        spec.key);
  }
  std::string value;
  if (spec.is_set) {
    GK_ASSIGN_OR_RETURN(value, CanonicalSetValue(f, typed));
  } else {
    value = std::string(TrimSpaces(typed));
  }
  GK_RETURN_IF_ERROR(ValidateFieldValue(f, value));
  GK_RETURN_IF_ERROR(CheckVisibleText(value, spec.label, spec.key));
  return value;
}

Result<std::pair<Field, std::string>> ParseSetAssignment(std::string_view text) {
  size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    return InvalidArgument("bad_assignment",
                           "--set 的写法是 字段=新值，例如 --set 公开时限=每季度 "
                           "(expected FIELD=VALUE)",
                           "set");
  }
  GK_ASSIGN_OR_RETURN(Field f, ParseFieldName(text.substr(0, eq)));
  GK_ASSIGN_OR_RETURN(std::string v, ParseFieldInput(f, text.substr(eq + 1)));
  return std::make_pair(f, std::move(v));
}

std::string FieldFlag(Field f) {
  std::string flag = "--";
  for (const char* p = Spec(f).key; *p; ++p) flag += *p == '_' ? '-' : *p;
  return flag;
}

}  // namespace gongkai::station
