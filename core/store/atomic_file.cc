#include "core/store/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <string>

#include "core/store/durable_file.h"

namespace gongkai {
namespace {
Status IoError(const std::string& what, const std::string& path) {
  return Status(Code::kUnavailable, "io_error", what + " " + path + ": " + std::strerror(errno));
}
}  // namespace

Status WriteFileAtomic(const std::string& path, std::string_view content, int mode) {
  // A name of its own per call (process, thread-safe counter), created
  // exclusively: two writers of the same file never write into one temp
  // file, and a stale temp file of a crashed run is never reused.
  static std::atomic<uint64_t> counter{0};
  const std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." +
                          std::to_string(counter.fetch_add(1));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return IoError("无法写入 (cannot write)", tmp);
  auto fail = [&](const std::string& what, const std::string& which) {
    Status s = IoError(what, which);
    if (fd >= 0) ::close(fd);
    ::unlink(tmp.c_str());
    return s;
  };
  if (::fchmod(fd, mode) != 0) return fail("chmod failed", tmp);  // umask must not change it
  size_t off = 0;
  while (off < content.size()) {
    ssize_t n = ::write(fd, content.data() + off, content.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("写入失败 (write failed)", tmp);
    }
    off += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) return fail("fsync failed", tmp);
  if (::close(fd) != 0) {
    fd = -1;
    return fail("close failed", tmp);
  }
  fd = -1;
  if (::rename(tmp.c_str(), path.c_str()) != 0) return fail("rename failed", path);
  // The rename is durable only once the directory is: its failure is the
  // caller's to know (the new content may be lost on power loss).
  return SyncDir(DirName(path));
}

Result<std::string> ReadFile(const std::string& path, size_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return NotFound("file_missing", "找不到文件 (file not found): " + path);
    return IoError("无法读取 (cannot read)", path);
  }
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = IoError("读取失败 (read failed)", path);
      ::close(fd);
      return s;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > max_bytes) {
      ::close(fd);
      return ResourceExhausted("file_too_large", "文件太大 (file too large): " + path);
    }
  }
  ::close(fd);
  return out;
}

}  // namespace gongkai
