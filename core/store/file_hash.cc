#include "core/store/file_hash.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstring>

#include "core/crypto/sha256.h"

namespace gongkai {

Result<FileDigest> HashFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return NotFound("file_missing", "找不到文件 (file not found): " + path);
    return Unavailable("io_error", "无法读取 (cannot read) " + path + ": " + std::strerror(errno));
  }
  FileDigest d;
  Sha256Hasher h;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s =
          Unavailable("io_error", "读取失败 (read failed) " + path + ": " + std::strerror(errno));
      ::close(fd);
      return s;
    }
    if (n == 0) break;
    if (d.head.size() < 16) {
      d.head.append(buf, std::min<size_t>(16 - d.head.size(), static_cast<size_t>(n)));
    }
    h.Update(reinterpret_cast<const uint8_t*>(buf), static_cast<size_t>(n));
    d.size += static_cast<uint64_t>(n);
  }
  ::close(fd);
  d.sha256 = h.Finish();
  return d;
}

}  // namespace gongkai
