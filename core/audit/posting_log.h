// The posting records (change-set op 4, core/changeset/posting.h) of a
// verified log, collected in one pass by LogAudit (a LogObserver): what
// `gongkai-audit postings` and `gongkai-audit attachments` read
// (docs/audit.md § Postings and attachments). Only entries that passed
// every rule reach an observer, so each record here is in a change set
// signed by a station enrolled at that entry.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/audit/log_observer.h"
#include "core/base/bytes.h"
#include "core/changeset/posting.h"

namespace gongkai {

struct LoggedPosting {
  uint64_t index = 0;   // the log entry of its change set
  Hash32 record_id{};   // PostingRecordId(change set id, op index)
  std::string station;  // the change set's signer
  PostingOp op;
};

class PostingLog : public LogObserver {
 public:
  void OnChangeSet(uint64_t index, const Hash32& id, const ChangeSet& cs) override;

  // In log order.
  const std::vector<LoggedPosting>& postings() const { return postings_; }
  // The record that supersedes `record_id`, if any (by position in postings()).
  const LoggedPosting* SupersededBy(const Hash32& record_id) const;

 private:
  std::vector<LoggedPosting> postings_;
  std::map<Hash32, size_t> superseded_by_;
};

// An attachment's bytes against what a record in the log says of it.
enum class AttachmentVerdict { kOk, kMissing, kSizeMismatch, kHashMismatch };
// `bytes` nullptr: the source does not have it.
AttachmentVerdict CheckAttachment(const AttachmentRef& ref, const std::string* bytes);
// "ok", "missing", "size_mismatch", "hash_mismatch".
const char* AttachmentVerdictName(AttachmentVerdict v);

// Every attachment the log's records name, once per hash (the first record
// naming it; `records` counts all that do), in log order.
struct LoggedAttachment {
  AttachmentRef ref;
  const LoggedPosting* first = nullptr;
  size_t records = 0;
};
std::vector<LoggedAttachment> AttachmentsOf(const PostingLog& log);

}  // namespace gongkai
