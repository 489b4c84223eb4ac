#include "hub/attachments/attachment_store.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/base/hex.h"
#include "core/crypto/sha256.h"
#include "core/store/durable_file.h"
#include "core/store/file_hash.h"

namespace gongkai::hub {
namespace {

constexpr int kFileMode = 0644;

constexpr int kDirMode = 0755;

// The size of a file, 0 when it does not exist.
uint64_t FileSize(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

Status Refuse(Code code, const char* reason, const std::string& message) {
  return Status(code, reason, message);
}

}  // namespace

Result<std::unique_ptr<AttachmentStore>> AttachmentStore::Open(const std::string& hub_dir,
                                                               uint64_t quota_bytes) {
  GK_ASSIGN_OR_RETURN(HubDb db, HubDb::Open(hub_dir + "/hub.db"));
  std::string dir = hub_dir + "/attachments";
  GK_RETURN_IF_ERROR(MakeDir(dir, kDirMode));
  GK_RETURN_IF_ERROR(MakeDir(dir + "/partial", kDirMode));
  return std::unique_ptr<AttachmentStore>(new AttachmentStore(dir, std::move(db), quota_bytes));
}

std::string AttachmentStore::FinalPath(const Hash32& sha) const {
  return dir_ + "/" + HexEncode(sha);
}

std::string AttachmentStore::PartialPath(const std::string& station, const Hash32& sha) const {
  return dir_ + "/partial/" + station + "/" + HexEncode(sha);
}

Result<std::optional<StoredAttachment>> AttachmentStore::Find(const Hash32& sha) {
  std::lock_guard<std::mutex> lock(mu_);
  return FindLocked(sha);
}

Result<std::optional<StoredAttachment>> AttachmentStore::FindLocked(const Hash32& sha) {
  GK_ASSIGN_OR_RETURN(Stmt st, db_.Prepare("SELECT size, media_type, uploaded_by, received_at "
                                           "FROM attachments WHERE sha256 = ?"));
  st->Bind(1, sha);
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<StoredAttachment>();
  StoredAttachment a;
  a.info.sha256 = sha;
  a.info.size = static_cast<uint64_t>(st->ColumnInt(0));
  a.info.media_type = st->ColumnText(1);
  a.uploaded_by = st->ColumnText(2);
  a.received_at = st->ColumnInt(3);
  a.path = FinalPath(sha);
  return std::optional<StoredAttachment>(std::move(a));
}

Result<UploadState> AttachmentStore::State(const std::string& station, const Hash32& sha) {
  std::lock_guard<std::mutex> lock(mu_);
  GK_ASSIGN_OR_RETURN(std::optional<StoredAttachment> done, FindLocked(sha));
  UploadState s;
  if (done) {
    s.complete = true;
    s.received = done->info.size;
    s.stored = std::move(done);
    return s;
  }
  s.received = FileSize(PartialPath(station, sha));
  return s;
}

Result<uint64_t> AttachmentStore::UsedBy(const std::string& station) {
  GK_ASSIGN_OR_RETURN(Stmt st, db_.Prepare("SELECT COALESCE(SUM(size), 0) FROM attachments "
                                           "WHERE uploaded_by = ?"));
  st->Bind(1, station);
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  uint64_t used = row ? static_cast<uint64_t>(st->ColumnInt(0)) : 0;
  std::string partial = dir_ + "/partial/" + station;
  if (DIR* d = ::opendir(partial.c_str())) {
    while (dirent* e = ::readdir(d)) {
      if (e->d_name[0] != '.') used += FileSize(partial + "/" + e->d_name);
    }
    ::closedir(d);
  }
  return used;
}

Result<UploadState> AttachmentStore::PutChunk(const ChunkClaim& c, std::string_view body,
                                              int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  GK_ASSIGN_OR_RETURN(std::optional<StoredAttachment> done, FindLocked(c.sha256));
  if (done) {  // idempotent: whoever sent it, the bytes are the same
    UploadState s;
    s.complete = true;
    s.received = done->info.size;
    s.stored = std::move(done);
    return s;
  }
  if (Exists(FinalPath(c.sha256))) return Finish(c, FinalPath(c.sha256), now);  // invariant 2
  GK_RETURN_IF_ERROR(CheckAttachmentSize(c.size));
  if (c.offset > c.size || c.length > c.size - c.offset) {
    return Refuse(Code::kInvalidArgument, "chunk_past_end",
                  "这一段超出了附件的总长度 (offset + length > size)");
  }
  if (body.size() != c.length) {
    return Refuse(Code::kInvalidArgument, "truncated_chunk",
                  "这一段只收到 " + std::to_string(body.size()) + " 字节，签名说有 " +
                      std::to_string(c.length) + " 字节；请重新发送这一段");
  }
  if (c.length == 0 && c.offset < c.size) {
    return Refuse(Code::kInvalidArgument, "truncated_chunk", "这一段是空的");
  }
  if (Sha256(body) != c.chunk_sha256) {
    return Refuse(Code::kInvalidArgument, "chunk_hash_mismatch",
                  "这一段的内容与它的 SHA-256 不符（传输中损坏）；请重新发送这一段");
  }
  const std::string partial = PartialPath(c.station, c.sha256);
  const uint64_t received = FileSize(partial);
  if (c.offset > received) {
    return Refuse(Code::kFailedPrecondition, "offset_gap",
                  "镇服务器只有前 " + std::to_string(received) + " 字节，这一段从 " +
                      std::to_string(c.offset) + " 开始；请从 " + std::to_string(received) +
                      " 续传");
  }
  if (c.offset < received) {
    return Refuse(Code::kFailedPrecondition, "offset_overlap",
                  "镇服务器已有前 " + std::to_string(received) + " 字节；请从 " +
                      std::to_string(received) + " 续传");
  }
  if (c.offset == 0) {
    GK_RETURN_IF_ERROR(CheckDeclaredType(c.media_type, body.substr(0, kSniffBytes)));
  } else if (!IsAttachmentMediaType(c.media_type)) {
    return CheckDeclaredType(c.media_type, {});
  }
  GK_ASSIGN_OR_RETURN(uint64_t used, UsedBy(c.station));
  if (used + c.length > quota_) {
    return Refuse(
        Code::kResourceExhausted, "attachment_quota_exceeded",
        "这个站点的附件已达上限 " + std::to_string(quota_ >> 20) + " MB；请联系镇里的管理员");
  }
  if (c.length > 0) {
    GK_RETURN_IF_ERROR(MakeDir(dir_ + "/partial/" + c.station, kDirMode));
    GK_RETURN_IF_ERROR(AppendFileDurable(partial, body, kFileMode));
  }
  if (received + c.length < c.size) {
    UploadState s;
    s.received = received + c.length;
    return s;
  }
  return Finish(c, partial, now);
}

// The whole file is at `check` (the partial file, or already at its final
// name after a crash): verify, publish, record.
Result<UploadState> AttachmentStore::Finish(const ChunkClaim& c, const std::string& check,
                                            int64_t now) {
  const std::string final_path = FinalPath(c.sha256);
  GK_ASSIGN_OR_RETURN(FileDigest d, HashFile(check));
  if (d.sha256 != c.sha256) {
    ::unlink(check.c_str());
    return Refuse(Code::kInvalidArgument, "hash_mismatch",
                  "收到的附件的 SHA-256 与它的名字不符；已丢弃，请重新上传整个文件");
  }
  std::optional<std::string> type = SniffMediaType(d.head);
  if (!type || *type != c.media_type) {
    ::unlink(check.c_str());
    return CheckDeclaredType(c.media_type, d.head);
  }
  if (check != final_path) GK_RETURN_IF_ERROR(RenameDurable(check, final_path));
  {
    GK_ASSIGN_OR_RETURN(Stmt st, db_.Prepare("INSERT OR IGNORE INTO attachments (sha256, size, "
                                             "media_type, uploaded_by, received_at) "
                                             "VALUES (?, ?, ?, ?, ?)"));
    st->BindAll(c.sha256, static_cast<int64_t>(d.size), *type, c.station, now);
    GK_RETURN_IF_ERROR(st->Run());
  }
  GK_ASSIGN_OR_RETURN(std::optional<StoredAttachment> done, FindLocked(c.sha256));
  UploadState s;
  s.complete = true;
  s.received = d.size;
  s.stored = std::move(done);
  return s;
}

}  // namespace gongkai::hub
