// The hub's attachments (docs/hub.md § Attachments, decision 0022): files
// named by their SHA-256, outside SQLite, received in chunks that resume.
//
//   D/attachments/<sha256 hex>                       complete, verified files
//   D/attachments/partial/<station>/<sha256 hex>     one upload in progress
//   table attachments (migration 14)                 what is complete
//
// A chunk is appended to the station's partial file and fsynced before it
// is acknowledged. When the partial file reaches the declared size its
// SHA-256 and type are checked; only then is it renamed to its final name
// (rename + directory fsync) and its row inserted — so a file is visible
// (GET) only once whole and verified. A partial file whose hash turns out
// wrong is deleted: it can never become right.
//
// Invariants:
//  1. a row in `attachments` ⇒ its file exists with that hash and size;
//  2. a final file without a row (a crash between rename and insert) is
//     verified again and given its row by the next chunk for it;
//  3. partial files hold a prefix of what the station signed, so the
//     station resumes at the partial file's size.
//
// Quota: a station's complete attachments plus its partial files may not
// pass `quota_bytes` (default 2 GiB): 413 attachment_quota_exceeded.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/attachment/attachment.h"
#include "core/attachment/chunk_claim.h"
#include "core/base/status.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

inline constexpr uint64_t kDefaultAttachmentQuota = uint64_t{2} << 30;

struct StoredAttachment {
  AttachmentInfo info;
  std::string path;
  std::string uploaded_by;
  int64_t received_at = 0;
};

struct UploadState {
  uint64_t received = 0;  // bytes the hub holds of it (size when complete)
  bool complete = false;
  std::optional<StoredAttachment> stored;  // when complete
};

class AttachmentStore {
 public:
  // hub_dir holds hub.db; the attachments folder is made if missing.
  static Result<std::unique_ptr<AttachmentStore>> Open(
      const std::string& hub_dir, uint64_t quota_bytes = kDefaultAttachmentQuota);

  // The complete attachment, or nullopt.
  Result<std::optional<StoredAttachment>> Find(const Hash32& sha);
  // How much of `sha` the hub holds from `station`.
  Result<UploadState> State(const std::string& station, const Hash32& sha);
  // One chunk of an upload whose claim has been verified (signature by
  // the claim's station). Reasons (docs/http-api.md § Attachments):
  //   attachment_too_large, truncated_chunk, chunk_hash_mismatch,
  //   chunk_past_end, offset_gap, offset_overlap, unsupported_media_type,
  //   media_type_mismatch, attachment_quota_exceeded, hash_mismatch.
  Result<UploadState> PutChunk(const ChunkClaim& claim, std::string_view body, int64_t now);

  std::string FinalPath(const Hash32& sha) const;
  std::string PartialPath(const std::string& station, const Hash32& sha) const;

 private:
  AttachmentStore(std::string dir, HubDb db, uint64_t quota)
      : dir_(std::move(dir)), db_(std::move(db)), quota_(quota) {}
  Result<std::optional<StoredAttachment>> FindLocked(const Hash32& sha);
  Result<uint64_t> UsedBy(const std::string& station);
  Result<UploadState> Finish(const ChunkClaim& claim, const std::string& check, int64_t now);

  std::string dir_;  // D/attachments
  std::mutex mu_;    // one chunk at a time; guards db_
  HubDb db_;
  uint64_t quota_;
};

}  // namespace gongkai::hub
