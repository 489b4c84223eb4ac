#include "hub/store/log_schema.h"

namespace gongkai::hub {

// merkle_nodes: node (level, idx) is the hash of the perfect subtree over
//   leaves [idx * 2^level, (idx + 1) * 2^level) (docs/formats/merkle.md §2).
//   Written in the same transaction as the log entry that completes it,
//   never changed. A hub whose log predates this table gets its nodes built
//   when the database is opened (hub/store/merkle_backfill.h).
// checkpoints: every checkpoint the hub signed (a C2SP signed note, text),
//   by tree size; signed lazily, when first asked for (hub/log/checkpoints.h).
// log_entries_by_kind: finds the latest approval before a given size (the
//   catalog version and hash a checkpoint names) in O(log n).
const char* const kLogSchemaMigration = R"sql(
CREATE TABLE merkle_nodes (
  level INTEGER NOT NULL CHECK (level >= 0 AND level < 64),
  idx   INTEGER NOT NULL CHECK (idx >= 0),
  hash  BLOB    NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;

CREATE TABLE checkpoints (
  size      INTEGER PRIMARY KEY CHECK (size >= 1),
  note      TEXT    NOT NULL,
  signed_at INTEGER NOT NULL
);

CREATE INDEX log_entries_by_kind ON log_entries (kind, idx);
)sql";

}  // namespace gongkai::hub
