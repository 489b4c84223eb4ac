// Files written in pieces, replaced atomically as WriteFileAtomic
// (core/store/atomic_file.h) replaces them: for files too large to hold in
// memory (USB bundles with attachments, docs/formats/bundle.md).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/base/status.h"

namespace gongkai {

// WriteFileAtomic's steps for a file written in pieces, so a large file never has to
// be held whole in memory: Open() creates the temp file, Append() writes
// (buffered), Commit() fsyncs, renames and fsyncs the directory. A writer
// destroyed without Commit() removes its temp file: the target is untouched.
class AtomicFileWriter {
 public:
  static Result<std::unique_ptr<AtomicFileWriter>> Open(const std::string& path, int mode);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  Status Append(std::string_view content);
  Status Commit();
  uint64_t written() const { return written_; }

 private:
  AtomicFileWriter(std::string path, std::string tmp, int fd)
      : path_(std::move(path)), tmp_(std::move(tmp)), fd_(fd) {}
  Status Flush();
  Status WriteAll(std::string_view content);
  Status Fail(const std::string& what, const std::string& which);

  std::string path_, tmp_;
  int fd_ = -1;
  bool committed_ = false;
  std::string buffer_;
  uint64_t written_ = 0;
};

}  // namespace gongkai
