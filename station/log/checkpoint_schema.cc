#include "station/log/checkpoint_schema.h"

namespace gongkai::station {

// accepted_checkpoints: one row per checkpoint the station verified and
//   accepted, by tree size; the signed note is kept as evidence. Rows are
//   only inserted, never changed — but for the frontier (migration 9,
//   kCheckpointFrontierMigration), which may be added to a row without one.
// log_alarms: a refused checkpoint (forked or rewound history, a decision
//   not in the log) with the offending signed note as evidence; `status`
//   shows the alarms until an administrator looks into them.
const char* const kCheckpointSchemaMigration = R"sql(
CREATE TABLE accepted_checkpoints (
  size            INTEGER PRIMARY KEY CHECK (size >= 1),
  root            BLOB    NOT NULL CHECK (length(root) = 32),
  catalog_version INTEGER NOT NULL CHECK (catalog_version >= 0),
  catalog_hash    BLOB    NOT NULL CHECK (length(catalog_hash) = 32),
  note            TEXT    NOT NULL,
  accepted_at     INTEGER NOT NULL
);

CREATE TABLE log_alarms (
  alarm_id  INTEGER PRIMARY KEY,
  reason    TEXT    NOT NULL,
  message   TEXT    NOT NULL,
  note      TEXT    NOT NULL,
  raised_at INTEGER NOT NULL
);
)sql";

// 9: the frontier of the tree a checkpoint signs (popcount(size) hashes of
//   32 bytes, largest subtree first; core/log/compact_range.h), when a
//   compact range brought it: the station then asks for catalog answer
//   format 3 (docs/decisions/0034-lean-answer.md). NULL: not known.
const char* const kCheckpointFrontierMigration = R"sql(
ALTER TABLE accepted_checkpoints ADD COLUMN frontier BLOB
  CHECK (frontier IS NULL OR length(frontier) % 32 = 0);
)sql";

}  // namespace gongkai::station
