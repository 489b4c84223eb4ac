#include "core/config/config_file.h"

#include <algorithm>
#include <charconv>

#include "core/base/utf8.h"
#include "core/store/atomic_file.h"

namespace gongkai {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

bool IsKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

std::string Where(std::string_view name, int line) {
  return std::string(name) + " 第 " + std::to_string(line) + " 行: ";
}

// Lower case with '-' as '_': "Max-Body-Bytes" → "max_body_bytes".
std::string Normalize(std::string_view key) {
  std::string out(key);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '-') c = '_';
  }
  return out;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// The known key the writer most likely meant, or "" if none is close.
std::string_view Suggest(std::string_view key, const std::vector<std::string_view>& known) {
  std::string norm = Normalize(key);
  std::string_view best;
  size_t best_distance = 3;  // suggest only within two edits
  for (std::string_view k : known) {
    size_t d = EditDistance(norm, k);
    if (d < best_distance) {
      best = k;
      best_distance = d;
    }
  }
  return best;
}

std::string KnownList(const std::vector<std::string_view>& known) {
  std::string out;
  for (std::string_view k : known) {
    if (!out.empty()) out += ", ";
    out += k;
  }
  return out;
}

Status UnknownKey(std::string_view name, int line, std::string_view key,
                  const std::vector<std::string_view>& known) {
  std::string msg = Where(name, line) + "不认识的设置项 " + std::string(key);
  std::string_view guess = Suggest(key, known);
  if (!guess.empty()) {
    msg += "，是不是想写 " + std::string(guess) + "？";
  } else {
    msg += "；可以用的设置项: " + KnownList(known);
  }
  return InvalidArgument("unknown_key", msg + " (unknown key)", std::string(key));
}

Status TooLarge(std::string_view name) {
  return ResourceExhausted("too_large", std::string(name) + " 太大了（超过 " +
                                            std::to_string(kMaxConfigBytes / 1024) +
                                            " KB），这不像是配置文件 (too large)");
}

}  // namespace

const ConfigEntry* ConfigFile::Find(std::string_view key) const {
  for (const ConfigEntry& e : entries_) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

std::optional<std::string> ConfigFile::GetString(std::string_view key) const {
  const ConfigEntry* e = Find(key);
  if (e == nullptr || e->value.empty()) return std::nullopt;
  return e->value;
}

Result<std::optional<uint64_t>> ConfigFile::GetUnsigned(std::string_view key, uint64_t min,
                                                        uint64_t max) const {
  const ConfigEntry* e = Find(key);
  if (e == nullptr || e->value.empty()) return std::optional<uint64_t>();
  uint64_t v = 0;
  const char* first = e->value.data();
  const char* last = first + e->value.size();
  auto [end, ec] = std::from_chars(first, last, v);
  bool digits_only = std::all_of(first, last, [](char c) { return c >= '0' && c <= '9'; });
  if (!digits_only || ec != std::errc() || end != last || v < min || v > max) {
    return InvalidArgument("bad_number",
                           Where(name_, e->line) + e->key + " 应当是 " + std::to_string(min) +
                               " 到 " + std::to_string(max) + " 之间的整数，现在是 " + e->value +
                               " (bad number)",
                           e->key);
  }
  return std::optional<uint64_t>(v);
}

std::vector<std::string> ConfigFile::GetList(std::string_view key) const {
  std::vector<std::string> out;
  const ConfigEntry* e = Find(key);
  if (e == nullptr) return out;
  std::string_view rest = e->value;
  while (true) {
    size_t comma = rest.find(',');
    std::string_view item = Trim(rest.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

Result<ConfigFile> ParseConfigText(std::string_view text, std::string_view name,
                                   const std::vector<std::string_view>& known_keys) {
  if (text.size() > kMaxConfigBytes) return TooLarge(name);
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());

  std::vector<ConfigEntry> entries;
  int line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view raw = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);

    if (!IsValidUtf8(raw)) {
      return InvalidArgument("invalid_utf8", Where(name, line_no) +
                                                 "不是 UTF-8 文字；请用 UTF-8 编码保存配置文件 "
                                                 "(invalid UTF-8)");
    }
    std::string_view line = Trim(raw);
    if (line.empty() || line.front() == '#') continue;

    size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      return InvalidArgument("bad_syntax", Where(name, line_no) +
                                               "应当写成 设置项 = 值，或以 # 开头的注释 "
                                               "(expected key = value)");
    }
    std::string_view key = Trim(line.substr(0, eq));
    std::string_view value = Trim(line.substr(eq + 1));
    if (key.empty() || !std::all_of(key.begin(), key.end(), IsKeyChar)) {
      return InvalidArgument("bad_syntax", Where(name, line_no) +
                                               "设置项的名字只能用英文字母、"
                                               "数字和下划线，现在是 " +
                                               std::string(key) + " (bad key)");
    }
    if (std::find(known_keys.begin(), known_keys.end(), key) == known_keys.end()) {
      return UnknownKey(name, line_no, key, known_keys);
    }
    for (const ConfigEntry& e : entries) {
      if (e.key == key) {
        return InvalidArgument("duplicate_key",
                               Where(name, line_no) + std::string(key) + " 已经在第 " +
                                   std::to_string(e.line) +
                                   " 行设置过了；每项只能写一次 "
                                   "(duplicate key)",
                               std::string(key));
      }
    }
    if (HasControlCharacter(value, /*allow_newline=*/false)) {
      return InvalidArgument("control_character",
                             Where(name, line_no) + std::string(key) +
                                 " 的值里有控制字符（例如 Tab），请删掉 "
                                 "(control character)",
                             std::string(key));
    }
    entries.push_back(ConfigEntry{std::string(key), std::string(value), line_no});
  }
  return ConfigFile(std::string(name), std::move(entries));
}

Result<ConfigFile> ReadConfigFile(const std::string& path,
                                  const std::vector<std::string_view>& known_keys) {
  Result<std::string> text = ReadFile(path, kMaxConfigBytes + 1);
  if (!text.ok()) {
    if (text.status().code() == Code::kNotFound) {
      return NotFound("config_missing", "找不到配置文件 " + path + " (config file not found)");
    }
    if (text.status().code() == Code::kResourceExhausted) {
      return TooLarge(path);
    }
    return text.status();
  }
  return ParseConfigText(*text, path, known_keys);
}

}  // namespace gongkai
