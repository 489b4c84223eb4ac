// Reading a ZIP container held in memory (an .xlsx workbook is one), with
// limits against zip bombs (docs/formats/xlsx.md § Limits). libzip reads
// the central directory and inflates; this class checks, before anything
// is inflated, the declared sizes and the compression ratio of every
// entry, and while inflating, the bytes actually produced (a declared size
// may lie).
//
// Errors:
//   corrupt_workbook  (InvalidArgument) not a readable ZIP, a CRC error, an
//                     entry larger than it declared
//   zip_bomb          (ResourceExhausted) the entries together inflate to
//                     more than ZipLimits::max_total bytes, one entry to more
//                     than max_entry, or an entry above ratio_floor bytes
//                     inflates more than max_ratio times its compressed size
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"

struct zip;
struct zip_file;

namespace gongkai {

struct ZipLimits {
  uint64_t max_total = 512ull << 20;  // all entries, inflated
  uint64_t max_entry = 256ull << 20;  // one entry, inflated
  uint64_t max_ratio = 200;           // inflated / compressed, above ratio_floor
  uint64_t ratio_floor = 4ull << 20;
  uint64_t max_entries = 10000;
};

// One entry being inflated, read piece by piece.
class ZipEntry {
 public:
  ZipEntry(zip_file* file, std::string name, uint64_t max_size)
      : file_(file), name_(std::move(name)), max_size_(max_size) {}
  ~ZipEntry();
  ZipEntry(const ZipEntry&) = delete;
  ZipEntry& operator=(const ZipEntry&) = delete;

  // The entry's inflated size (as declared, at most ZipLimits::max_entry).
  uint64_t size() const { return max_size_; }
  // Up to `size` bytes into *out (cleared first); empty at the end.
  Status Read(size_t size, std::string* out);

 private:
  zip_file* file_;
  std::string name_;
  uint64_t max_size_;
  uint64_t produced_ = 0;
};

class ZipArchive {
 public:
  // `bytes` must outlive the archive.
  static Result<ZipArchive> Open(std::string_view bytes, const ZipLimits& limits = {});

  bool Has(std::string_view name) const;
  const std::vector<std::string>& names() const { return names_; }

  Result<std::unique_ptr<ZipEntry>> OpenEntry(std::string_view name) const;
  // Calls sink with consecutive pieces of the inflated entry (at most
  // 64 KiB each). NotFound "missing_part" when there is no such entry.
  Status Stream(std::string_view name, const std::function<Status(std::string_view)>& sink) const;
  // The whole entry (at most ZipLimits::max_entry bytes).
  Result<std::string> Read(std::string_view name) const;

 private:
  struct Closer {
    void operator()(zip* z) const;
  };
  std::unique_ptr<zip, Closer> zip_;
  std::vector<std::string> names_;
  std::vector<uint64_t> sizes_;
  ZipLimits limits_;
};

}  // namespace gongkai
