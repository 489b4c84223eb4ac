#include "station/attachments/attachment_store.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/attachment/jpeg_exif.h"
#include "core/base/hex.h"
#include "core/base/reasons.h"
#include "core/crypto/sha256.h"
#include "core/store/atomic_file.h"
#include "core/store/durable_file.h"
#include "core/store/file_hash.h"

namespace gongkai::station {
namespace {

constexpr int kDirMode = 0700;

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace

AttachmentStore::AttachmentStore(const std::string& station_dir)
    : dir_(station_dir + "/attachments") {}

std::string AttachmentStore::PathOf(const Hash32& sha) const { return dir_ + "/" + HexEncode(sha); }

bool AttachmentStore::Has(const Hash32& sha) const { return Exists(PathOf(sha)); }

Result<PreparedAttachment> AttachmentStore::Prepare(std::string_view file_name, std::string bytes) {
  GK_RETURN_IF_ERROR(CheckAttachmentSize(bytes.size()));
  std::string name = std::filesystem::path(std::string(file_name)).filename().string();
  GK_ASSIGN_OR_RETURN(std::string type,
                      CheckAttachmentType(name, std::string_view(bytes).substr(0, kSniffBytes)));
  if (type == "image/jpeg") {
    GK_ASSIGN_OR_RETURN(bool stripped, StripJpegGps(bytes));
    (void)stripped;
  }
  PreparedAttachment out;
  out.info.sha256 = Sha256(bytes);
  out.info.size = bytes.size();
  out.info.media_type = type;
  out.file_name = std::move(name);
  out.bytes = std::move(bytes);
  return out;
}

Result<PreparedAttachment> AttachmentStore::PrepareFile(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return NotFound("file_missing", "找不到文件 (file not found): " + path);
  }
  GK_RETURN_IF_ERROR(CheckAttachmentSize(static_cast<uint64_t>(st.st_size)));
  GK_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path, kMaxAttachmentBytes));
  return Prepare(path, std::move(bytes));
}

Status AttachmentStore::Keep(const PreparedAttachment& file) {
  if (Has(file.info.sha256)) return Status::Ok();
  GK_RETURN_IF_ERROR(MakeDir(dir_, kDirMode));
  return WriteFileAtomic(PathOf(file.info.sha256), file.bytes, 0644);
}

Result<AttachmentInfo> AttachmentStore::Put(const std::string& path) {
  GK_ASSIGN_OR_RETURN(PreparedAttachment file, PrepareFile(path));
  GK_RETURN_IF_ERROR(Keep(file));
  return file.info;
}

Result<std::ifstream> AttachmentStore::Open(const Hash32& sha) const {
  std::ifstream in(PathOf(sha), std::ios::binary);
  if (!in) {
    return NotFound("attachment_missing", "本站没有这个附件: " + HexEncode(sha));
  }
  return Result<std::ifstream>(std::move(in));
}

Result<AttachmentInfo> AttachmentStore::Info(const Hash32& sha) const {
  Result<FileDigest> d = HashFile(PathOf(sha));
  if (!d.ok()) {
    if (d.status().reason() == reason::kFileMissing) {
      return NotFound("attachment_missing", "本站没有这个附件: " + HexEncode(sha));
    }
    return d.status();
  }
  if (d->sha256 != sha) {
    return DataLoss("attachment_damaged",
                    "本站保存的附件 " + HexEncode(sha) + " 已损坏（内容与名字不符）");
  }
  std::optional<std::string> type = SniffMediaType(d->head);
  if (!type) {
    return DataLoss("attachment_damaged", "本站保存的附件 " + HexEncode(sha) + " 类型无法识别");
  }
  return AttachmentInfo{sha, d->size, *type};
}

Result<std::vector<Hash32>> AttachmentStore::NotUploaded() const {
  std::vector<Hash32> out;
  DIR* d = ::opendir(dir_.c_str());
  if (!d) return out;  // no attachments yet
  while (dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name.size() != 64) continue;
    std::optional<Hash32> sha = HexDecodeHash(name);
    if (!sha || HexEncode(*sha) != name) continue;  // a temp file or another name
    if (Exists(dir_ + "/uploaded/" + std::string(name))) continue;
    out.push_back(*sha);
  }
  ::closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

Status AttachmentStore::MarkUploaded(const Hash32& sha) {
  GK_RETURN_IF_ERROR(MakeDir(dir_ + "/uploaded", kDirMode));
  return WriteFileAtomic(dir_ + "/uploaded/" + HexEncode(sha), "", 0644);
}

}  // namespace gongkai::station
