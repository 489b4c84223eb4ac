// The columns of 政务公开事项标准目录 (see docs/formats/catalog.md).
//
// The numeric value of each Field is part of the wire format (it is the field
// code in `set` ops) and its order is the order of the canonical row
// encoding: never renumber, only append.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

enum class Field : uint8_t {
  kArea = 0,           // 领域
  kItemL1 = 1,         // 公开事项·一级事项
  kItemL2 = 2,         // 公开事项·二级事项
  kContent = 3,        // 公开内容（要素）
  kBasis = 4,          // 公开依据
  kTimeLimit = 5,      // 公开时限
  kSubject = 6,        // 公开主体
  kChannels = 7,       // 公开渠道和载体 (set)
  kChannelsOther = 8,  // 公开渠道和载体·其他 (free text)
  kAudience = 9,       // 公开对象 (set)
  kMode = 10,          // 公开方式 (set)
  kLevels = 11,        // 公开层级 (set)
  kStages = 12,        // 五公开 (set, optional)
  kContact = 13,       // 咨询电话 (optional)
  kNotes = 14,         // 备注 (optional)
};
inline constexpr size_t kFieldCount = 15;

struct FieldSpec {
  Field field;
  const char* key;    // English key used in code, JSON and --set
  const char* label;  // Chinese column header shown to users
  bool is_set;        // values are a set joined by 、
  bool required;      // must not be empty
  size_t max_chars;   // limit in Unicode code points (for sets: the joined text)
  std::span<const char* const> allowed;  // fixed list for set fields; empty = free
};

// The separator of set elements in flags, spreadsheets and canonical values.
inline constexpr std::string_view kSetSeparator = "、";

const std::array<FieldSpec, kFieldCount>& AllFields();
const FieldSpec& Spec(Field f);
std::optional<Field> FieldByKey(std::string_view key);
// Accepts the Chinese label too (e.g. "公开渠道和载体"), for --set and CSV.
std::optional<Field> FieldByKeyOrLabel(std::string_view name);
inline size_t Index(Field f) { return static_cast<size_t>(f); }

// The 26 areas of the 2019 guidelines (towns may add others).
std::span<const char* const> StandardAreas();

// Limits that are not per field.
inline constexpr size_t kMaxUnitChars = 64;
inline constexpr size_t kMaxStationIdLen = 64;

}  // namespace gongkai
