// The stateful half of ingest: deciding a decoded upload against the hub's
// database inside the caller's write transaction (the committer's batch).
//
// Checks, in order, each with its rejection code (docs/http-api.md):
//   1. the upload decoded (see upload.h)         its decode reason
//   2. the station is enrolled                   unknown_station   403
//   3. the envelope signature verifies with the
//      enrolled key                              bad_signature     401
//   4. the station is not revoked                station_revoked   403
//      (a resend of a change set accepted before the revocation is still
//      a duplicate; nothing else of a revoked station is stored)
//   5. (station, seq) already accepted:
//        same id        → duplicate receipt (nothing written)
//        different id   → equivocation         409, and the envelope is
//                         kept in the equivocations table as evidence
//   6. seq = last accepted seq + 1               seq_gap           409
//   7. prev = id of the last accepted change set prev_mismatch     409
//   8. base_version <= latest approved version   unknown_base_version 422
//   9. every op within the station's unit: a create's row.unit is the
//      station's unit and its id is new; a set/retire targets a known row
//      (approved catalog, an earlier accepted create, or a create earlier
//      in this change set) of the station's unit
//                                                outside_unit 403,
//                                                row_exists 409, unknown_row 422
//  10. every posting record (op 4) passes CheckPostings
//      (hub/ingest/check_postings.h)            its reason
// Accepting appends the exact envelope bytes to log_entries, records the
// change set, its created rows and its posting records (stored at once:
// they need no approval) and deletes the station's refused-upload
// rows. A rejection writes nothing, except the evidence of step 5 and one
// count in the bounded refused_uploads table
// (hub/store/refused_upload_table.h) when the refusal can be attributed: to
// an id that is not enrolled (with the key and unit it offered, see
// Upload::offered_key), or to an enrolled station (every check from 4 on;
// a value error of step 1 only if the envelope's signature verifies with
// the signer's enrolled key). Malformed bytes record nothing.
#pragma once

#include "core/base/status.h"
#include "hub/ingest/receipt.h"
#include "hub/ingest/upload.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

Receipt Rejected(const Upload& up, const Status& s);

// A non-ok result means the database failed: the caller must roll back the
// whole transaction. Rejections are receipts.
Result<Receipt> ApplyUpload(HubDb& db, const Upload& up, int64_t now);

}  // namespace gongkai::hub
