#include "core/catalog/validate.h"

#include <cstdio>

#include "core/base/utf8.h"
#include "core/catalog/set_value.h"

namespace gongkai {

namespace {
// The label is what the person reads; the key goes into Status::field.
Status CheckText(std::string_view text, size_t max_chars, bool multiline, const std::string& label,
                 const char* key) {
  if (!IsValidUtf8(text)) {
    return InvalidArgument("invalid_utf8", label + " 含有无效的 UTF-8 字节 (invalid UTF-8)", key);
  }
  if (HasControlCharacter(text, multiline)) {
    return InvalidArgument("control_character", label + " 含有控制字符 (control character)", key);
  }
  if (Utf8Length(text) > max_chars) {
    return ResourceExhausted(
        "too_long", label + " 超过 " + std::to_string(max_chars) + " 个字 (too long)", key);
  }
  return Status::Ok();
}
}  // namespace

Status ValidateText(std::string_view text, size_t max_chars, bool multiline, const char* what) {
  return CheckText(text, max_chars, multiline, what, what);
}

Status CheckVisibleText(std::string_view text, std::string_view label, const char* key) {
  char32_t cp = FirstInvisibleCharacter(text);
  if (cp == 0) return Status::Ok();
  char name[16];
  std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(cp));
  return InvalidArgument("invisible_character",
                         std::string(label) + " 含有不可见的格式字符 " + name +
                             "（会改变文字的显示顺序或藏起内容），请删去后再试 (invisible "
                             "formatting character " +
                             name + ")",
                         key);
}

Status CheckVisibleRow(const Row& row) {
  GK_RETURN_IF_ERROR(CheckVisibleText(row.id, "条目编号", "id"));
  GK_RETURN_IF_ERROR(CheckVisibleText(row.unit, "单位名称", "unit"));
  for (const FieldSpec& spec : AllFields()) {
    GK_RETURN_IF_ERROR(CheckVisibleText(row.Get(spec.field), spec.label, spec.key));
  }
  return Status::Ok();
}

Status ValidateFieldValue(Field f, std::string_view value) {
  const FieldSpec& spec = Spec(f);
  // Long free-text fields may hold line breaks; short ones and sets may not.
  bool multiline = !spec.is_set && spec.max_chars > 200;
  GK_RETURN_IF_ERROR(CheckText(value, spec.max_chars, multiline, spec.label, spec.key));
  if (spec.is_set) {
    GK_ASSIGN_OR_RETURN(std::string canonical, CanonicalSetValue(f, value));
    if (canonical != value) {
      return InvalidArgument("not_canonical",
                             std::string(spec.label) + " 的取值不是规范形式: " + std::string(value),
                             spec.key);
    }
  }
  return Status::Ok();
}

namespace {
// The length of the white-space character at the start (or end) of s, 0 if none.
size_t BlankPrefix(std::string_view s) {
  if (s.empty()) return 0;
  char c = s.front();
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
  if (s.starts_with("\xE3\x80\x80")) return 3;  // U+3000
  if (s.starts_with("\xC2\xA0")) return 2;      // U+00A0
  return 0;
}
size_t BlankSuffix(std::string_view s) {
  if (s.empty()) return 0;
  char c = s.back();
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
  if (s.ends_with("\xE3\x80\x80")) return 3;
  if (s.ends_with("\xC2\xA0")) return 2;
  return 0;
}
}  // namespace

std::string_view TrimBlank(std::string_view text) {
  while (size_t n = BlankPrefix(text)) text.remove_prefix(n);
  while (size_t n = BlankSuffix(text)) text.remove_suffix(n);
  return text;
}

Status RefuseBlankReason(std::string_view reason) {
  if (!IsBlankText(reason)) return Status::Ok();
  return InvalidArgument("empty_reason", "理由不能是空白，请写明理由 (the reason is blank)",
                         "reason");
}

bool IsBlankText(std::string_view text) { return TrimBlank(text).empty(); }

Status ValidateRowId(std::string_view id) {
  bool ok = id.size() == 36;
  for (size_t i = 0; ok && i < id.size(); ++i) {
    char c = id[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      ok = c == '-';
    } else {
      ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
  }
  if (!ok)
    return InvalidArgument("bad_id", "条目编号格式错误 (row id must be a UUID): " + std::string(id),
                           "id");
  return Status::Ok();
}

Status ValidateUnit(std::string_view unit) {
  if (unit.empty()) return InvalidArgument("bad_unit", "单位名称不能为空 (unit is empty)", "unit");
  Status s = ValidateText(unit, kMaxUnitChars, false, "unit");
  if (!s.ok()) return InvalidArgument("bad_unit", "单位名称无效: " + s.message(), "unit");
  return Status::Ok();
}

Status ValidateStationId(std::string_view id) {
  bool ok = !id.empty() && id.size() <= kMaxStationIdLen;
  for (char c : id) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  }
  if (!ok) {
    return InvalidArgument(
        "bad_station_id",
        "站点编号只能由小写字母、数字和 - 组成，最长 64 个字符: " + std::string(id), "station");
  }
  return Status::Ok();
}

Status ValidateRow(const Row& row) {
  GK_RETURN_IF_ERROR(ValidateRowId(row.id));
  GK_RETURN_IF_ERROR(ValidateUnit(row.unit));
  for (const FieldSpec& spec : AllFields()) {
    GK_RETURN_IF_ERROR(ValidateFieldValue(spec.field, row.Get(spec.field)));
  }
  for (const FieldSpec& spec : AllFields()) {
    if (spec.required && row.Get(spec.field).empty()) {
      return InvalidArgument("empty_required", std::string(spec.label) + " 不能为空", spec.key);
    }
  }
  if (row.Get(Field::kChannels).empty() && row.Get(Field::kChannelsOther).empty()) {
    return InvalidArgument("empty_required", "公开渠道和载体 至少选一项，或填写其他渠道",
                           Spec(Field::kChannels).key);
  }
  return Status::Ok();
}

}  // namespace gongkai
