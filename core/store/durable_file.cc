#include "core/store/durable_file.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

namespace gongkai {

Status FileError(const std::string& what, const std::string& path) {
  const int e = errno;
  const char* hint = nullptr;
  switch (e) {
    case ENOENT:
    case ENOTDIR:
      hint = "所在的文件夹不存在，请换一个位置 (no such folder)";
      break;
    case EISDIR:
      hint = "这是一个文件夹，请给出文件名 (is a folder)";
      break;
    case EACCES:
    case EPERM:
      hint = "没有权限，请换一个位置或请管理员处理 (permission denied)";
      break;
    case EROFS:
      hint = "磁盘是只读的，请换一个位置 (read-only file system)";
      break;
    case ENOSPC:
    case EDQUOT:
      hint = "磁盘已满，请腾出空间后再试 (disk full)";
      break;
    case ENAMETOOLONG:
      hint = "文件名太长 (name too long)";
      break;
    default:
      return Status(Code::kUnavailable, "io_error",
                    what + " " + path + ": " + std::strerror(e) + "，请稍后再试");
  }
  return Status(Code::kFailedPrecondition, "io_error", what + " " + path + ": " + hint);
}

std::string DirName(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

Status SyncDir(const std::string& dir) {
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return FileError("无法打开目录以同步 (cannot open directory to sync)", dir);
  int rc = ::fsync(dfd);
  // EINVAL: the file system cannot sync a directory (it orders renames itself).
  if (rc != 0 && errno != EINVAL) {
    Status s = FileError("目录同步失败 (directory fsync failed)", dir);
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
  if (fd < 0) return FileError("无法写入 (cannot write)", path);
  size_t off = 0;
  while (off < content.size()) {
    ssize_t n = ::write(fd, content.data() + off, content.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = FileError("写入失败 (write failed)", path);
      ::close(fd);
      return s;
    }
    off += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    Status s = FileError("fsync failed", path);
    ::close(fd);
    return s;
  }
  if (::close(fd) != 0) return FileError("close failed", path);
  return created ? SyncDir(DirName(path)) : Status::Ok();
}

Status MakeDir(const std::string& path, int mode) {
  if (::mkdir(path.c_str(), static_cast<mode_t>(mode)) != 0 && errno != EEXIST) {
    return FileError("无法建立目录 (cannot make directory)", path);
  }
  return Status::Ok();
}

Status RenameDurable(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) return FileError("rename failed", to);
  GK_RETURN_IF_ERROR(SyncDir(DirName(to)));
  return DirName(from) == DirName(to) ? Status::Ok() : SyncDir(DirName(from));
}

}  // namespace gongkai
