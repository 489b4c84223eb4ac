#include "core/xlsx/zip_archive.h"

#include <zip.h>

#include <algorithm>

namespace gongkai {
namespace {

Status Corrupt(const std::string& detail) {
  return InvalidArgument("corrupt_workbook",
                         "工作簿文件已损坏，无法读取（" + detail +
                             "）；请在 Excel/WPS 里重新打开并另存为 .xlsx 后再导入"
                             " (corrupt workbook)");
}

Status Bomb(const std::string& detail) {
  return ResourceExhausted("zip_bomb", "工作簿解压后过大或压缩比异常（" + detail +
                                           "），为安全起见不予读取；请只保留目录那张表再导入"
                                           " (zip bomb)");
}

std::string Mb(uint64_t bytes) { return std::to_string(bytes >> 20) + " MB"; }

}  // namespace

void ZipArchive::Closer::operator()(zip* z) const { zip_discard(z); }

Result<ZipArchive> ZipArchive::Open(std::string_view bytes, const ZipLimits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return Corrupt("内存不足");
  }
  zip_t* z = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (z == nullptr) {
    std::string what = zip_error_strerror(&error);
    zip_source_free(source);
    zip_error_fini(&error);
    return Corrupt(what);
  }
  zip_error_fini(&error);
  ZipArchive archive;
  archive.zip_.reset(z);
  archive.limits_ = limits;
  zip_int64_t count = zip_get_num_entries(z, 0);
  if (count < 0) return Corrupt("no directory");
  if (static_cast<uint64_t>(count) > limits.max_entries) {
    return Bomb(std::to_string(count) + " 个部件");
  }
  uint64_t total = 0;
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st) != 0 ||
        (st.valid & (ZIP_STAT_NAME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) !=
            (ZIP_STAT_NAME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) {
      return Corrupt("entry " + std::to_string(i));
    }
    std::string name = st.name;
    if (st.size > limits.max_entry) return Bomb(name + " 解压后 " + Mb(st.size));
    total += st.size;
    if (total > limits.max_total) return Bomb("解压后共 " + Mb(total));
    if (st.size > limits.ratio_floor &&
        st.size / std::max<uint64_t>(st.comp_size, 1) > limits.max_ratio) {
      return Bomb(name + " 压缩比 " +
                  std::to_string(st.size / std::max<uint64_t>(st.comp_size, 1)) + ":1");
    }
    archive.names_.push_back(std::move(name));
    archive.sizes_.push_back(st.size);
  }
  return archive;
}

bool ZipArchive::Has(std::string_view name) const {
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

ZipEntry::~ZipEntry() { zip_fclose(file_); }

Status ZipEntry::Read(size_t size, std::string* out) {
  out->resize(size);
  zip_int64_t n = zip_fread(file_, out->data(), size);
  if (n < 0) {
    out->clear();
    return Corrupt(name_ + ": " + zip_file_strerror(file_));
  }
  out->resize(static_cast<size_t>(n));
  produced_ += static_cast<uint64_t>(n);
  if (produced_ > max_size_) {
    out->clear();
    return Corrupt(name_ + " 比声明的大");
  }
  return Status::Ok();
}

Result<std::unique_ptr<ZipEntry>> ZipArchive::OpenEntry(std::string_view name) const {
  auto it = std::find(names_.begin(), names_.end(), name);
  if (it == names_.end()) {
    return NotFound("missing_part", "工作簿缺少部件 " + std::string(name));
  }
  size_t index = static_cast<size_t>(it - names_.begin());
  zip_file_t* file = zip_fopen_index(zip_.get(), index, 0);
  if (file == nullptr) return Corrupt(std::string(name) + ": " + zip_strerror(zip_.get()));
  return std::make_unique<ZipEntry>(file, std::string(name),
                                    std::min(sizes_[index], limits_.max_entry));
}

Status ZipArchive::Stream(std::string_view name,
                          const std::function<Status(std::string_view)>& sink) const {
  GK_ASSIGN_OR_RETURN(std::unique_ptr<ZipEntry> entry, OpenEntry(name));
  std::string piece;
  for (;;) {
    GK_RETURN_IF_ERROR(entry->Read(64 * 1024, &piece));
    if (piece.empty()) return Status::Ok();
    GK_RETURN_IF_ERROR(sink(piece));
  }
}

Result<std::string> ZipArchive::Read(std::string_view name) const {
  std::string out;
  GK_RETURN_IF_ERROR(Stream(name, [&](std::string_view piece) {
    out.append(piece);
    return Status::Ok();
  }));
  return out;
}

}  // namespace gongkai
