#include "core/audit/posting_log.h"

#include "core/changeset/changeset.h"
#include "core/crypto/sha256.h"

namespace gongkai {

void PostingLog::OnChangeSet(uint64_t index, const Hash32& id, const ChangeSet& cs) {
  for (size_t j = 0; j < cs.postings.size(); ++j) {
    LoggedPosting p;
    p.index = index;
    p.record_id = PostingRecordId(id, cs.ops.size() + j);
    p.station = cs.station;
    p.op = cs.postings[j];
    if (p.op.supersedes) superseded_by_.emplace(*p.op.supersedes, postings_.size());
    postings_.push_back(std::move(p));
  }
}

const LoggedPosting* PostingLog::SupersededBy(const Hash32& record_id) const {
  auto it = superseded_by_.find(record_id);
  return it == superseded_by_.end() ? nullptr : &postings_[it->second];
}

AttachmentVerdict CheckAttachment(const AttachmentRef& ref, const std::string* bytes) {
  if (!bytes) return AttachmentVerdict::kMissing;
  if (bytes->size() != ref.size) return AttachmentVerdict::kSizeMismatch;
  if (Sha256(std::string_view(*bytes)) != ref.sha256) return AttachmentVerdict::kHashMismatch;
  return AttachmentVerdict::kOk;
}

const char* AttachmentVerdictName(AttachmentVerdict v) {
  switch (v) {
    case AttachmentVerdict::kOk:
      return "ok";
    case AttachmentVerdict::kMissing:
      return "missing";
    case AttachmentVerdict::kSizeMismatch:
      return "size_mismatch";
    case AttachmentVerdict::kHashMismatch:
      return "hash_mismatch";
  }
  return "missing";
}

std::vector<LoggedAttachment> AttachmentsOf(const PostingLog& log) {
  std::vector<LoggedAttachment> out;
  std::map<Hash32, size_t> seen;
  for (const LoggedPosting& p : log.postings()) {
    for (const AttachmentRef& a : p.op.attachments) {
      auto [it, fresh] = seen.emplace(a.sha256, out.size());
      if (fresh) out.push_back(LoggedAttachment{a, &p, 0});
      ++out[it->second].records;
    }
  }
  return out;
}

}  // namespace gongkai
