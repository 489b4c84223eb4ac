#include "core/store/durable_file.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

namespace gongkai {
namespace {

Status IoError(const std::string& what, const std::string& path) {
  return Status(Code::kUnavailable, "io_error", what + " " + path + ": " + std::strerror(errno));
}

}  // namespace

std::string DirName(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

Status SyncDir(const std::string& dir) {
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return IoError("无法打开目录以同步 (cannot open directory to sync)", dir);
  int rc = ::fsync(dfd);
  // EINVAL: the file system cannot sync a directory (it orders renames itself).
  if (rc != 0 && errno != EINVAL) {
    Status s = IoError("目录同步失败 (directory fsync failed)", dir);
    ::close(dfd);
    return s;
  }
  ::close(dfd);
  return Status::Ok();
}

Status AppendFileDurable(const std::string& path, std::string_view content, int mode) {
  struct stat st;
  bool created = ::stat(path.c_str(), &st) != 0;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, mode);
  if (fd < 0) return IoError("无法写入 (cannot write)", path);
  size_t off = 0;
  while (off < content.size()) {
    ssize_t n = ::write(fd, content.data() + off, content.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = IoError("写入失败 (write failed)", path);
      ::close(fd);
      return s;
    }
    off += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    Status s = IoError("fsync failed", path);
    ::close(fd);
    return s;
  }
  if (::close(fd) != 0) return IoError("close failed", path);
  return created ? SyncDir(DirName(path)) : Status::Ok();
}

Status MakeDir(const std::string& path, int mode) {
  if (::mkdir(path.c_str(), static_cast<mode_t>(mode)) != 0 && errno != EEXIST) {
    return IoError("无法建立目录 (cannot make directory)", path);
  }
  return Status::Ok();
}

Status RenameDurable(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) return IoError("rename failed", to);
  GK_RETURN_IF_ERROR(SyncDir(DirName(to)));
  return DirName(from) == DirName(to) ? Status::Ok() : SyncDir(DirName(from));
}

}  // namespace gongkai
