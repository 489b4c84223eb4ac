// Files replaced atomically: write a temp file beside the target (a name of
// its own per call, PATH.tmp.PID.N, created exclusively), fsync it, rename it
// over the target, fsync the directory — each step's failure is returned
// ("io_error", FileError of durable_file.h: FailedPrecondition where a person
// must act — no such folder, a folder, no permission, disk full —, else
// Unavailable; the message names the target, not the temp file) and the
// temp file removed. A crash leaves either
// the old file or the new one, never a torn mix (at worst a stray
// PATH.tmp.* file beside it).
#pragma once

#include <string>
#include <string_view>

#include "core/base/status.h"

namespace gongkai {

Status WriteFileAtomic(const std::string& path, std::string_view content, int mode);
// What a command that writes a file the user names checks first: an
// existing `path` is AlreadyExists "file_exists" (another name, or --force
// to replace it), unless `force`. Nothing is written either way.
Status RefuseExistingFile(const std::string& path, bool force);
Result<std::string> ReadFile(const std::string& path, size_t max_bytes = 64u << 20);

}  // namespace gongkai
