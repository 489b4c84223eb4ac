// The auditor's side of posting records (docs/audit.md § Postings and
// attachments), on a log LogAudit has verified:
//
//  - WitnessedTimes: when the hub received an entry, bounded by the
//    cosignatures of the checkpoints around it (core/audit/receipt_bounds.h).
//    Each checkpoint is opened with the hub key, must be consistent with
//    the verified checkpoint (RFC 9162 proof, or equal at the same size),
//    and its cosignatures are verified with the witness keys;
//  - PostingsReport: the period's records, each judged on time / late /
//    undetermined against the deadline of its row's 公开时限 in the
//    verified catalog;
//  - CheckAttachments: every attachment a record names, fetched from the
//    hub or read from a folder, against the hash and size in the log.
//
// Failures: a checkpoint or cosignature that does not verify, or is not
// consistent with the verified log, is evidence (AuditFailure::invalid);
// a network or file error is "cannot check".
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/posting_log.h"
#include "core/audit/receipt_bounds.h"
#include "core/catalog/catalog.h"
#include "core/deadline/period.h"
#include "core/deadline/work_calendar.h"
#include "core/log/witness_policy.h"
#include "station/audit/log_audit.h"
#include "station/audit/log_source.h"

namespace gongkai::station {

class WitnessedTimes {
 public:
  WitnessedTimes(LogSource& source, VerifierKey hub_key, WitnessPolicy policy, Checkpoint latest)
      : source_(source),
        hub_key_(std::move(hub_key)),
        policy_(std::move(policy)),
        latest_(std::move(latest)) {}

  // The bounds of entry `index`: the smallest witnessed size above it and
  // the largest at or below it that a quorum cosigned.
  bool Bound(uint64_t index, ReceiptBounds* out);
  const AuditFailure& failure() const { return failure_; }

 private:
  bool LoadSizes();
  // The size's valid cosignature timestamps (cached).
  bool Witnessed(uint64_t size, const WitnessedSize** out);
  bool Fail(Status s, bool invalid, std::string detail = {});

  LogSource& source_;
  VerifierKey hub_key_;
  WitnessPolicy policy_;
  Checkpoint latest_;
  std::optional<std::vector<uint64_t>> sizes_;
  std::map<uint64_t, WitnessedSize> cache_;
  AuditFailure failure_;
};

struct PostingVerdict {
  const LoggedPosting* posting = nullptr;
  const Row* row = nullptr;  // in the verified catalog; nullptr if not there
  std::optional<deadline::Date> deadline;
  std::string not_judged;  // why no deadline: time_limit_unparsed, unknown_row, …
  ReceiptBounds bounds;
  ReceiptVerdict verdict = ReceiptVerdict::kUndetermined;
  const LoggedPosting* superseded_by = nullptr;
};

// The records for `period` (compared by PeriodKey), in log order.
bool PostingsReport(const PostingLog& log, const Catalog& catalog, const deadline::Period& period,
                    const deadline::WorkCalendar& cal, WitnessedTimes& times,
                    std::vector<PostingVerdict>* out);

struct AttachmentResult {
  LoggedAttachment attachment;
  AttachmentVerdict verdict = AttachmentVerdict::kOk;
};

// From `dir` (files named by their 64 hex digits, as a station keeps them)
// when given, else from the source (GET /v1/attachments/{sha256}).
bool CheckAttachments(const PostingLog& log, LogSource& source, const std::string& dir,
                      std::vector<AttachmentResult>* out, AuditFailure* failure);

}  // namespace gongkai::station
