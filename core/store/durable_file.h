// Durable file steps beside core/store/atomic_file.h: a directory fsync,
// an append that is on disk when it returns, a rename made durable. Used
// where a file grows in pieces (attachment uploads) rather than being
// replaced whole.
#pragma once

#include <string>
#include <string_view>

#include "core/base/status.h"

namespace gongkai {

// The failure of a file step on `path` (errno as the step left it), reason
// "io_error", in one line that says what to do: a path that cannot be
// written or read as given — a folder missing, a folder where a file should
// be, no permission, a read-only or full disk — is FailedPrecondition (a
// person must act: exit 5); any other error (EIO…) Unavailable (it may
// pass). `what` names the step.
Status FileError(const std::string& what, const std::string& path);

// The directory part of a path ("." for a bare name).
std::string DirName(const std::string& path);
// fsync of a directory, so the names created or renamed in it are durable
// (EINVAL — a file system that orders renames itself — is not an error).
// Unavailable "io_error".
Status SyncDir(const std::string& dir);
// Appends `content` to the file (created with `mode` if missing), fsyncs
// it, and the directory when the file is new: what returns Ok is on disk.
// A crash part-way leaves at most a prefix of `content` appended.
Status AppendFileDurable(const std::string& path, std::string_view content, int mode);
// mkdir(2) with `mode`; an existing directory is fine. Unavailable "io_error".
Status MakeDir(const std::string& path, int mode);
// rename(2), then fsync of the directories involved.
Status RenameDurable(const std::string& from, const std::string& to);

}  // namespace gongkai
