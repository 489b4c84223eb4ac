// An exported log: a hub's signed checkpoint and every entry it covers, in
// one file, so a log can be verified offline (`gongkai-hub log export`,
// `gongkai-audit verify --file`). See docs/formats/log-export.md. Grammar of
// docs/formats/wire.md:
//
//   export := archive{
//     string  magic = "gongkai-log-export"
//     u16     format = 1
//     string  checkpoint            ; the C2SP signed note, as served by /v1/checkpoint
//     u64     n                     ; = the checkpoint's tree size
//     string  entry[n]              ; leaf i: the exact envelope bytes
//   }
//
// The file proves nothing by itself: the reader checks only the framing;
// the auditor verifies the note with the hub key and every entry by the
// rules of log-entry.md, and recomputes the root.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai {

inline constexpr std::string_view kLogExportMagic = "gongkai-log-export";
inline constexpr uint16_t kLogExportFormat = 1;

struct LogExport {
  std::string checkpoint;
  std::vector<Bytes> entries;
};

Bytes EncodeLogExport(const LogExport& e);
// Reasons: not_log_export (wrong magic, kInvalidArgument),
// unsupported_format, and the framing reasons of wire.md (truncated,
// trailing_bytes, too_long, malformed).
Result<LogExport> DecodeLogExport(const Bytes& bytes);

}  // namespace gongkai
