#include "hub/store/schema.h"

#include "hub/store/attachment_schema.h"
#include "hub/store/bundle_schema.h"
#include "hub/store/log_schema.h"
#include "hub/store/posting_table.h"
#include "hub/store/review_schema.h"

namespace gongkai::hub {

const std::vector<std::string>& HubSchemaMigrations() {
  static const std::vector<std::string> kMigrations = {
      // 1: the first schema.
      R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE log_entries (
  idx      INTEGER PRIMARY KEY CHECK (idx >= 0),
  kind     INTEGER NOT NULL,
  entry    BLOB NOT NULL,
  added_at INTEGER NOT NULL
);

CREATE TABLE admins (
  name       TEXT PRIMARY KEY,
  public_key BLOB NOT NULL UNIQUE,
  log_index  INTEGER NOT NULL REFERENCES log_entries(idx)
) WITHOUT ROWID;

CREATE TABLE stations (
  id               TEXT PRIMARY KEY,
  unit             TEXT NOT NULL,
  public_key       BLOB NOT NULL UNIQUE,
  enrolled_by      TEXT NOT NULL REFERENCES admins(name),
  enrolled_at      INTEGER NOT NULL,
  enrollment_index INTEGER NOT NULL REFERENCES log_entries(idx),
  revoked_by       TEXT REFERENCES admins(name),
  revoked_at       INTEGER,
  revoke_reason    TEXT,
  revocation_index INTEGER REFERENCES log_entries(idx)
) WITHOUT ROWID;

CREATE TABLE changesets (
  station      TEXT NOT NULL REFERENCES stations(id),
  seq          INTEGER NOT NULL CHECK (seq >= 1),
  id           BLOB NOT NULL UNIQUE,
  log_index    INTEGER NOT NULL UNIQUE REFERENCES log_entries(idx),
  base_version INTEGER NOT NULL,
  op_count     INTEGER NOT NULL,
  received_at  INTEGER NOT NULL,
  PRIMARY KEY (station, seq)
) WITHOUT ROWID;

CREATE TABLE known_rows (
  id        TEXT PRIMARY KEY,
  unit      TEXT NOT NULL,
  changeset BLOB
) WITHOUT ROWID;

CREATE TABLE equivocations (
  station       TEXT NOT NULL REFERENCES stations(id),
  seq           INTEGER NOT NULL,
  envelope_hash BLOB NOT NULL,
  envelope      BLOB NOT NULL,
  accepted_id   BLOB NOT NULL,
  received_at   INTEGER NOT NULL,
  PRIMARY KEY (station, seq, envelope_hash)
) WITHOUT ROWID;
)sql",
      // 2: the transparency log (hub/store/log_schema.cc).
      kLogSchemaMigration,
      // 3: review and approval (hub/store/review_schema.cc).
      kReviewSchemaMigration,
      // 4: what stations reported in their USB bundles (hub/store/bundle_schema.cc).
      kBundleSchemaMigration,
      // 5: refused uploads per station since its last accepted change set
      // (hub/store/refused_upload_table.h).
      R"sql(
CREATE TABLE refused_uploads (
  station      TEXT NOT NULL,
  code         TEXT NOT NULL,
  count        INTEGER NOT NULL CHECK (count >= 1),
  first_at     INTEGER NOT NULL,
  last_at      INTEGER NOT NULL,
  last_seq     INTEGER NOT NULL,
  last_message TEXT NOT NULL,
  station_key  BLOB,
  unit         TEXT,
  PRIMARY KEY (station, code)
) WITHOUT ROWID;
)sql",
      // 6: which change set the last refusal of each (station, code) was
      // and the ops it named, so a USB catalog bundle can carry it back
      // (hub/bundle/catalog_export.h).
      R"sql(
ALTER TABLE refused_uploads ADD COLUMN last_id BLOB;
ALTER TABLE refused_uploads ADD COLUMN last_ops TEXT;
)sql",
      // 7: county witnesses and their cosignatures (hub/store/witness_table.h).
      R"sql(
CREATE TABLE witnesses (
  name          TEXT PRIMARY KEY,
  key           TEXT NOT NULL,
  url           TEXT NOT NULL,
  cert_sha256   TEXT NOT NULL,
  size          INTEGER NOT NULL DEFAULT 0,
  last_ok_at    INTEGER,
  last_error    TEXT,
  last_error_at INTEGER,
  added_at      INTEGER NOT NULL
);
CREATE TABLE cosignatures (
  size        INTEGER NOT NULL,
  witness     TEXT NOT NULL,
  line        TEXT NOT NULL,
  cosigned_at INTEGER NOT NULL,
  PRIMARY KEY (size, witness)
) WITHOUT ROWID;
)sql",
      // 8: the administrator roster (hub/store/admin_table.h): who added or
      // revoked which administrator, at which log entry.
      R"sql(
ALTER TABLE admins ADD COLUMN revoked_index INTEGER REFERENCES log_entries(idx);
CREATE TABLE admin_roster (
  log_index  INTEGER PRIMARY KEY REFERENCES log_entries(idx),
  action     TEXT NOT NULL CHECK (action IN ('add', 'revoke')),
  name       TEXT NOT NULL,
  public_key BLOB NOT NULL,
  signed_by  TEXT NOT NULL,
  at         INTEGER NOT NULL
);
)sql",
      // 9: the sign-in trail of the administrator's pages
      // (hub/store/sign_in_table.h).
      R"sql(
CREATE TABLE sign_ins (
  id             INTEGER PRIMARY KEY,
  at             INTEGER NOT NULL,
  admin          TEXT NOT NULL,
  address        TEXT NOT NULL,
  known_device   INTEGER NOT NULL CHECK (known_device IN (0, 1)),
  outcome        TEXT NOT NULL,
  locked_seconds INTEGER NOT NULL CHECK (locked_seconds >= 0)
);
)sql",
      // 10: the history of every row, written with the log entry it comes
      // from (hub/store/row_history_table.h); the key in meta asks
      // HubDb::Open to back-fill it from the log once.
      R"sql(
CREATE TABLE row_changes (
  row_id           TEXT    NOT NULL,
  log_index        INTEGER NOT NULL REFERENCES log_entries(idx),
  op_index         INTEGER NOT NULL CHECK (op_index >= 0),
  changeset        BLOB    NOT NULL CHECK (length(changeset) = 32),
  station          TEXT    NOT NULL,
  seq              INTEGER NOT NULL,
  created_at       INTEGER NOT NULL,
  note             TEXT    NOT NULL,
  kind             INTEGER NOT NULL CHECK (kind IN (1, 2, 3)),
  field            INTEGER,
  old_value        TEXT,
  new_value        TEXT,
  created_row      BLOB,
  retire_base      TEXT,
  state            INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2)),
  decision_index   INTEGER REFERENCES log_entries(idx),
  version          INTEGER,
  admin            TEXT,
  decided_at       INTEGER,
  reason           TEXT,
  resolution       INTEGER CHECK (resolution IN (1, 2, 3)),
  resolution_value TEXT,
  PRIMARY KEY (row_id, log_index, op_index)
) WITHOUT ROWID;
CREATE INDEX row_changes_by_changeset ON row_changes(changeset, op_index);
INSERT INTO meta (key, value) VALUES ('row_history_backfill', x'01');
)sql",
      // 11, 12: numbers held for migrations merged from other branches.
      "-- reserved (11)",
      "-- reserved (12)",
      // 13: posting records (公开记录), stored on receipt without approval
      // (hub/store/posting_table.h).
      kPostingSchemaMigration,
      // 14: attachments (hub/attachments/attachment_store.h).
      kAttachmentSchemaMigration,
  };
  return kMigrations;
}

}  // namespace gongkai::hub
