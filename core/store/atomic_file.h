// Files replaced atomically: write a temp file beside the target (a name of
// its own per call, PATH.tmp.PID.N, created exclusively), fsync it, rename it
// over the target, fsync the directory — each step's failure is returned
// (Unavailable "io_error") and the temp file removed. A crash leaves either
// the old file or the new one, never a torn mix (at worst a stray
// PATH.tmp.* file beside it).
#pragma once

#include <string>
#include <string_view>

#include "core/base/status.h"

namespace gongkai {

Status WriteFileAtomic(const std::string& path, std::string_view content, int mode);
Result<std::string> ReadFile(const std::string& path, size_t max_bytes = 64u << 20);

}  // namespace gongkai
