#include "core/store/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <string>

#include "core/store/atomic_file_writer.h"
#include "core/store/durable_file.h"

namespace gongkai {

Status RefuseExistingFile(const std::string& path, bool force) {
  struct stat st;
  if (force || ::stat(path.c_str(), &st) != 0) return Status::Ok();
  return Status(Code::kAlreadyExists, "file_exists",
                "文件 " + path + " 已经存在；请换一个文件名，或加 --force 覆盖 (file exists)");
}

Status WriteFileAtomic(const std::string& path, std::string_view content, int mode) {
  GK_ASSIGN_OR_RETURN(std::unique_ptr<AtomicFileWriter> w, AtomicFileWriter::Open(path, mode));
  GK_RETURN_IF_ERROR(w->Append(content));
  return w->Commit();
}

Result<std::unique_ptr<AtomicFileWriter>> AtomicFileWriter::Open(const std::string& path,
                                                                 int mode) {
  // A name of its own per call (process, thread-safe counter), created
  // exclusively: two writers of the same file never write into one temp
  // file, and a stale temp file of a crashed run is never reused.
  static std::atomic<uint64_t> counter{0};
  std::string tmp =
      path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter.fetch_add(1));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return FileError("无法写入 (cannot write)", path);
  std::unique_ptr<AtomicFileWriter> w(new AtomicFileWriter(path, std::move(tmp), fd));
  // umask must not change the mode.
  if (::fchmod(fd, mode) != 0) return w->Fail("无法设置文件权限 (chmod failed)", w->path_);
  return w;
}

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(tmp_.c_str());
}

Status AtomicFileWriter::Fail(const std::string& what, const std::string& which) {
  Status s = FileError(what, which);
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(tmp_.c_str());
  return s;
}

Status AtomicFileWriter::Append(std::string_view content) {
  if (fd_ < 0) return Status(Code::kUnavailable, "io_error", "写入已失败 (writer closed) " + tmp_);
  written_ += content.size();
  constexpr size_t kBuffer = 256u << 10;
  if (buffer_.size() + content.size() < kBuffer) {
    buffer_.append(content);
    return Status::Ok();
  }
  GK_RETURN_IF_ERROR(Flush());
  if (content.size() < kBuffer) {
    buffer_.append(content);
    return Status::Ok();
  }
  return WriteAll(content);  // large pieces go straight to the file
}

Status AtomicFileWriter::Flush() {
  GK_RETURN_IF_ERROR(WriteAll(buffer_));
  buffer_.clear();
  return Status::Ok();
}

Status AtomicFileWriter::WriteAll(std::string_view content) {
  size_t off = 0;
  while (off < content.size()) {
    ssize_t n = ::write(fd_, content.data() + off, content.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Fail("写入失败 (write failed)", path_);
    }
    off += static_cast<size_t>(n);
  }
  return Status::Ok();
}

Status AtomicFileWriter::Commit() {
  if (fd_ < 0) return Status(Code::kUnavailable, "io_error", "写入已失败 (writer closed) " + tmp_);
  GK_RETURN_IF_ERROR(Flush());
  if (::fsync(fd_) != 0) return Fail("写入磁盘失败 (fsync failed)", path_);
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return Fail("关闭文件失败 (close failed)", path_);
  if (::rename(tmp_.c_str(), path_.c_str()) != 0)
    return Fail("无法替换文件 (rename failed)", path_);
  committed_ = true;
  // The rename is durable only once the directory is: its failure is the
  // caller's to know (the new content may be lost on power loss).
  return SyncDir(DirName(path_));
}

Result<std::string> ReadFile(const std::string& path, size_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return NotFound("file_missing", "找不到文件 (file not found): " + path);
    return FileError("无法读取 (cannot read)", path);
  }
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = FileError("读取失败 (read failed)", path);
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
