// The reasons core/store/ produces that other code decides on, as named
// constants (docs/exit-codes.md § Decisions): compare a Status's reason()
// with these, never with a literal. Producers may still spell the literal;
// the wire and the docs know the text.
#pragma once

#include <string_view>

namespace gongkai::reason {
// Reasons of the store (sqlite.cc).
inline constexpr std::string_view kDbCorrupt = "db_corrupt";  // DataLoss
inline constexpr std::string_view kDbBusy = "db_busy";        // Unavailable
inline constexpr std::string_view kDbIo = "db_io";            // Unavailable

// Reasons of file reads and writes (atomic_file.cc).
inline constexpr std::string_view kFileTooLarge = "file_too_large";
// Reasons of reading a file (atomic_file.cc, file_hash.cc): NotFound.
inline constexpr std::string_view kFileMissing = "file_missing";
}  // namespace gongkai::reason
