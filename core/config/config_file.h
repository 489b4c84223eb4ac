// Configuration files: /etc/gongkai/hub.conf and /etc/gongkai/station.conf.
// The format is written down in docs/packaging.md ("Configuration files");
// this header is its only parser.
//
//   file    = [BOM] *line              ; UTF-8, at most kMaxConfigBytes bytes
//   line    = *WS [ comment / entry ] *WS [CR] LF   ; the last LF may be missing
//   comment = "#" *any                 ; only whole lines are comments
//   entry   = key *WS "=" *WS value
//   key     = 1*( ALPHA / DIGIT / "_" / "-" )  ; must equal a known key exactly
//                                      ; (known keys are lower case with "_")
//   value   = *any                     ; trimmed of spaces and tabs; no quoting;
//                                      ; an empty value means "not set"
//
// A '#' after a value is part of the value (a URL may hold one), so comments
// go on lines of their own. Every key appears at most once. The maintainer
// scripts of the .deb packages read the same files with sed; keep the format
// that simple.
//
// Errors carry the line number in the message ("hub.conf 第 3 行: …") and the
// key, if there is one, in field(). Reasons:
//   bad_syntax        a line that is neither a comment nor key = value, or a
//                     key with characters outside A-Z a-z 0-9 _ -
//   unknown_key       a key the program does not know, "Listen" and
//                     "max-body-bytes" included (the message names the known
//                     key it most likely meant)
//   duplicate_key     a key given twice (both line numbers in the message)
//   invalid_utf8      bytes that are not UTF-8 (a file saved as GBK)
//   control_character a control character inside a value
//   too_large         the file exceeds kMaxConfigBytes
//   bad_number        (GetUnsigned) not a decimal number, or out of range
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/status.h"

namespace gongkai {

inline constexpr size_t kMaxConfigBytes = 64 * 1024;

struct ConfigEntry {
  std::string key;
  std::string value;  // trimmed; may be empty
  int line = 0;       // 1-based
};

class ConfigFile {
 public:
  ConfigFile() = default;
  ConfigFile(std::string name, std::vector<ConfigEntry> entries)
      : name_(std::move(name)), entries_(std::move(entries)) {}

  // The name used in error messages (the file's path, or "hub.conf").
  const std::string& name() const { return name_; }
  // Entries in file order, empty values included.
  const std::vector<ConfigEntry>& entries() const { return entries_; }
  // The entry for key, or nullptr if the file does not mention it.
  const ConfigEntry* Find(std::string_view key) const;

  // The value, or nullopt when the key is absent or its value is empty.
  std::optional<std::string> GetString(std::string_view key) const;
  // A decimal number in [min, max]; nullopt when absent or empty;
  // reason bad_number (with the line) otherwise.
  Result<std::optional<uint64_t>> GetUnsigned(std::string_view key, uint64_t min,
                                              uint64_t max) const;
  // A comma-separated list, each item trimmed, empty items dropped;
  // an empty vector when absent or empty.
  std::vector<std::string> GetList(std::string_view key) const;

 private:
  std::string name_;
  std::vector<ConfigEntry> entries_;
};

// Parses text. name is only used in messages. known_keys lists every key the
// reading program accepts.
Result<ConfigFile> ParseConfigText(std::string_view text, std::string_view name,
                                   const std::vector<std::string_view>& known_keys);

// Reads and parses a file. A missing file is NotFound (reason config_missing).
Result<ConfigFile> ReadConfigFile(const std::string& path,
                                  const std::vector<std::string_view>& known_keys);

}  // namespace gongkai
