// The hub's rules for posting records (公开记录, change-set op 4) on receipt
// (docs/postings.md § What the hub refuses). Each refusal names the op; the
// whole change set is refused and nothing is stored:
//
//   unknown_row              NotFound          the row is not in the approved catalog
//   outside_unit             PermissionDenied  the row belongs to another unit
//   row_retired              FailedPrecondition the row is retired
//   channel_not_in_row       InvalidArgument   a channel is not among the row's 渠道
//                                              (nor its 其他 text)
//   posted_in_future         InvalidArgument   posted after the hub's today + 1 day
//                                              (China Standard Time)
//   display_in_future        InvalidArgument   the 公示期 starts after that day
//   unknown_supersedes       NotFound          supersedes names no accepted record
//   supersedes_outside_unit  PermissionDenied  … a record of another unit
//   supersedes_other_row     InvalidArgument   … a record of another row
//   already_superseded       FailedPrecondition … a record already corrected
//   attachments_unavailable  FailedPrecondition the hub does not hold an attachment
//
// (empty_period and the other value rules are the decoder's:
// core/changeset/posting.h.)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "core/changeset/changeset.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

// Checks every posting of `cs` for a station of `unit` at time `now`.
// Refused op indexes go to *bad_ops; the status is the first refusal's.
// Database failures come back through *db_error.
Status CheckPostings(HubDb& db, const ChangeSet& cs, const std::string& unit, int64_t now,
                     Status* db_error, std::vector<size_t>* bad_ops);

// Whether the hub holds every attachment named, whole, with that SHA-256,
// size and media type (the table of hub/attachments/, migration 14); if
// not, the record is refused (attachments_unavailable) — the station's sync
// round uploads attachments before it pushes the change sets that name them.
Result<bool> AttachmentsPresent(HubDb& db, const std::vector<AttachmentRef>& refs);

}  // namespace gongkai::hub
