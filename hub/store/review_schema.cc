#include "hub/store/review_schema.h"

namespace gongkai::hub {

const char* const kReviewSchemaMigration = R"sql(
CREATE TABLE versions (
  version     INTEGER PRIMARY KEY CHECK (version >= 1),
  hash        BLOB    NOT NULL CHECK (length(hash) = 32),
  parent_hash BLOB    NOT NULL CHECK (length(parent_hash) = 32),
  log_index   INTEGER NOT NULL UNIQUE REFERENCES log_entries(idx),
  admin       TEXT    NOT NULL,
  decided_at  INTEGER NOT NULL,
  note        TEXT    NOT NULL,
  changesets  INTEGER NOT NULL
);

CREATE TABLE approved_rows (
  id   TEXT PRIMARY KEY,
  body BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE decisions (
  changeset BLOB    PRIMARY KEY CHECK (length(changeset) = 32),
  decision  TEXT    NOT NULL CHECK (decision IN ('approved', 'rejected')),
  version   INTEGER,
  reason    TEXT,
  log_index INTEGER NOT NULL REFERENCES log_entries(idx),
  CHECK ((decision = 'approved') = (version IS NOT NULL))
) WITHOUT ROWID;
CREATE INDEX decisions_by_log ON decisions(log_index);

CREATE TABLE resolutions (
  changeset BLOB    NOT NULL CHECK (length(changeset) = 32),
  op_index  INTEGER NOT NULL CHECK (op_index >= 0),
  action    INTEGER NOT NULL CHECK (action IN (1, 2, 3)),
  value     TEXT    NOT NULL,
  admin     TEXT    NOT NULL,
  chosen_at INTEGER NOT NULL,
  PRIMARY KEY (changeset, op_index)
) WITHOUT ROWID;
)sql";

}  // namespace gongkai::hub
