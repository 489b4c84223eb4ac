// The postings table: posting records (公开记录, change-set op 4) the hub
// accepted, one row each, written in the transaction that logs their change
// set (hub/ingest/apply_upload.h) — no approval. The log stays the source of
// truth; this table is what the compliance view and the pages query
// (docs/postings.md, docs/formats/changeset.md § posting).
//
//   record_id     PostingRecordId(change set id, op index)
//   period_key    FormatPeriod(ParsePeriod(period)) when the period parses
//                 (2026年11月 and 2026-11 are the same period), else the text
//   received_at   the log entry's time: what "received" means for deadlines
//   superseded_by the record that corrects this one, if any (set when that
//                 record is accepted; a record itself is never changed
//                 otherwise)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/changeset/posting.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

extern const char* const kPostingSchemaMigration;

struct StoredPosting {
  Hash32 record_id{};
  Hash32 changeset{};
  uint64_t op_index = 0;
  uint64_t log_index = 0;
  std::string station;
  std::string unit;
  std::string period_key;
  int64_t received_at = 0;
  std::optional<Hash32> superseded_by;
  PostingOp op;
};

Status InsertPosting(HubDb& db, const StoredPosting& p);
// What ingest needs about an earlier record: its unit, row and whether it
// is already superseded.
Result<std::optional<StoredPosting>> FindPosting(HubDb& db, const Hash32& record_id);
// Records of one period (by PeriodKey), superseded ones included, in log
// order.
Result<std::vector<StoredPosting>> PostingsForPeriod(HubDb& db, const std::string& period_key);
// The latest `limit` records of a row that nothing supersedes, newest first.
Result<std::vector<StoredPosting>> LatestPostingsOfRow(HubDb& db, const std::string& row_id,
                                                       size_t limit);

}  // namespace gongkai::hub
