// A posting record (公开记录) as the clerk gives it — on the command line
// (`gongkai-station record`) or in the row page's form (station/ui) — and
// the one path from that to the store, so both refuse the same input with
// the same reason and write nothing when they refuse (docs/postings.md).
//
// RecordPostingEntry, in order:
//   1. the row (a full id or a unique prefix; unknown_row, ambiguous_id);
//   2. no channel given: the row's one channel, else missing_flag;
//   3. the store's checks (StationStore::CheckPosting): the values
//      (ValidatePosting: empty_period, bad_date, bad_display_period, …),
//      then the row (unknown_row, outside_unit, row_retired,
//      channel_not_in_row) and unknown_supersedes, already_superseded;
//   4. dates after the China date of `now` plus one day: posted_in_future,
//      display_in_future (the hub's rule, hub/ingest/check_postings.h);
//   5. a row whose 公开时限 has a cycle: the period must be one of that
//      cycle ("2026年11月" for a monthly row) — bad_period;
//   6. (the attachments were checked by AttachmentStore::Prepare when the
//      caller read them: attachment_too_large, media_type_mismatch, …);
//   7. only then the attachments are written (they were checked by
//      AttachmentStore::Prepare when the caller read them) and the record
//      sealed. A crash between 7's two steps leaves a spare file, never a
//      record whose photo is missing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/catalog/row.h"
#include "core/deadline/date.h"
#include "station/attachments/attachment_store.h"
#include "station/store/station_store.h"

namespace gongkai::station {

struct PostingEntry {
  std::string row;  // as typed: a full id or a unique prefix of at least 4
  std::string period;
  std::string posted;                 // YYYY-MM-DD
  std::vector<std::string> channels;  // empty: the row's one channel
  std::string display_from, display_to, note;
  std::optional<Hash32> supersedes;
  std::vector<PreparedAttachment> attachments;  // AttachmentStore::Prepare
};

struct RecordedPosting {
  StationPosting posting;
  Row row;
};

Result<RecordedPosting> RecordPostingEntry(StationStore& store, const PostingEntry& entry,
                                           int64_t now);

// The period a row's 公开时限 asks about on `today` ("2026年11月" for
// 每月5日前 in November), or "" when it has no cycle or cannot be read.
std::string CurrentPeriodOf(const Row& row, deadline::Date today);

// The channels a posting of this row may name: its 渠道 and its 其他 text.
std::vector<std::string> ChannelChoices(const Row& row);

}  // namespace gongkai::station
