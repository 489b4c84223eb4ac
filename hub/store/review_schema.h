// Migration 3 of the hub database: review state — resolutions, approved
// versions, decisions and the approved catalog rows (owned by hub/review/,
// documented in docs/hub.md § Review tables).
//
//   versions        version N ≥ 1 → catalog hash, parent hash, the log index
//                   of its approval entry, admin, time, note, change sets
//   approved_rows   the rows of the latest approved version: id → canonical
//                   row encoding (an archive holding one row, catalog.md)
//   decisions       change set id → approved (version) or rejected (reason),
//                   with the log index of the decision entry
//   resolutions     (change set id, op index) → the administrator's choice
//                   for a conflict not yet approved: action (1 value,
//                   2 incoming, 3 keep) and value
#pragma once

namespace gongkai::hub {

extern const char* const kReviewSchemaMigration;

}  // namespace gongkai::hub
