#include "station/store/schema.h"

#include "station/log/checkpoint_schema.h"
#include "station/store/hub_certificates.h"
#include "station/store/hub_genesis.h"
#include "station/store/refused_changesets.h"
#include "station/store/station_keys.h"
#include "station/store/witness_settings.h"

namespace gongkai::station {

const std::vector<std::string>& StationMigrations() {
  static const std::vector<std::string> kMigrations = {
      // 1: station identity and settings, approved catalog, journal, outbox.
      R"sql(
CREATE TABLE station (
  singleton       INTEGER PRIMARY KEY CHECK (singleton = 1),
  station_id      TEXT    NOT NULL,
  unit            TEXT    NOT NULL,
  public_key      BLOB    NOT NULL CHECK (length(public_key) = 32),
  created_at      INTEGER NOT NULL,
  hub_url         TEXT,
  hub_key         TEXT,
  hub_cert_sha256 TEXT,
  catalog_version INTEGER NOT NULL DEFAULT 0 CHECK (catalog_version >= 0),
  catalog_hash    BLOB    NOT NULL CHECK (length(catalog_hash) = 32),
  last_sync       INTEGER
);

CREATE TABLE approved_rows (
  id   TEXT PRIMARY KEY,
  body BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE outbox (
  seq              INTEGER PRIMARY KEY CHECK (seq >= 1),
  changeset_id     BLOB    NOT NULL UNIQUE CHECK (length(changeset_id) = 32),
  prev             BLOB    NOT NULL CHECK (length(prev) = 32),
  envelope         BLOB    NOT NULL,
  op_count         INTEGER NOT NULL CHECK (op_count >= 1),
  note             TEXT    NOT NULL,
  created_at       INTEGER NOT NULL,
  state            TEXT    NOT NULL
                   CHECK (state IN ('sealed', 'sent', 'accepted', 'approved', 'rejected')),
  state_at         INTEGER NOT NULL,
  log_index        INTEGER,
  reject_code      TEXT,
  reject_reason    TEXT,
  approved_version INTEGER
);

CREATE TABLE actions (
  action_id  INTEGER PRIMARY KEY,
  command    TEXT    NOT NULL,
  detail     TEXT    NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE edits (
  edit_id       INTEGER PRIMARY KEY,
  action_id     INTEGER NOT NULL REFERENCES actions(action_id),
  kind          TEXT    NOT NULL CHECK (kind IN ('create', 'set', 'retire')),
  row_id        TEXT    NOT NULL,
  field         INTEGER CHECK (field BETWEEN 0 AND 14),
  base          TEXT,
  value         TEXT,
  row_body      BLOB,
  state         TEXT    NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sealed', 'cancelled')),
  changeset_seq INTEGER REFERENCES outbox(seq),
  CHECK ((state = 'sealed') = (changeset_seq IS NOT NULL)),
  CHECK ((kind = 'set') = (field IS NOT NULL AND base IS NOT NULL AND value IS NOT NULL)),
  CHECK ((kind = 'set') = (row_body IS NULL))
);
CREATE INDEX edits_pending ON edits(edit_id) WHERE state = 'pending';
CREATE INDEX edits_by_row ON edits(row_id, edit_id);
)sql",
      // 2: accepted hub checkpoints and history alarms (station/log/checkpoint_schema.cc).
      kCheckpointSchemaMigration,
      // 3: the hub's genesis entry, kept once verified (station/store/hub_genesis.h).
      kHubGenesisMigration,
      // 4: change sets refused at ingest, held rows, the last whole refusal
      // (station/store/refused_changesets.h).
      kRefusedChangeSetsMigration,
      // 5: the station's earlier keys (station/store/station_keys.h).
      kStationKeysMigration,
      // 6: the county witnesses the station requires (station/store/witness_settings.h).
      kWitnessSettingsMigration,
      // 7: `edits` rebuilt with its value checks written as comparisons:
      // SQLite evaluates `x IN ('a', 'b', 'c')` in a CHECK by building a
      // temporary table on every insert, a third of the cost of each
      // journal row an import writes. Same columns, rows and meaning.
      R"sql(
CREATE TABLE edits_v7 (
  edit_id       INTEGER PRIMARY KEY,
  action_id     INTEGER NOT NULL REFERENCES actions(action_id),
  kind          TEXT    NOT NULL CHECK (kind = 'create' OR kind = 'set' OR kind = 'retire'),
  row_id        TEXT    NOT NULL,
  field         INTEGER CHECK (field BETWEEN 0 AND 14),
  base          TEXT,
  value         TEXT,
  row_body      BLOB,
  state         TEXT    NOT NULL DEFAULT 'pending'
                CHECK (state = 'pending' OR state = 'sealed' OR state = 'cancelled'),
  changeset_seq INTEGER REFERENCES outbox(seq),
  CHECK ((state = 'sealed') = (changeset_seq IS NOT NULL)),
  CHECK ((kind = 'set') = (field IS NOT NULL AND base IS NOT NULL AND value IS NOT NULL)),
  CHECK ((kind = 'set') = (row_body IS NULL))
);
INSERT INTO edits_v7 (edit_id, action_id, kind, row_id, field, base, value, row_body, state,
                      changeset_seq)
  SELECT edit_id, action_id, kind, row_id, field, base, value, row_body, state, changeset_seq
  FROM edits;
DROP TABLE edits;
ALTER TABLE edits_v7 RENAME TO edits;
CREATE INDEX edits_pending ON edits(edit_id) WHERE state = 'pending';
CREATE INDEX edits_by_row ON edits(row_id, edit_id);
)sql",
      // 8: TLS certificates the hub's log key announced (station/store/hub_certificates.h).
      kHubCertificatesMigration,
      // 9: the frontier of an accepted checkpoint's tree (station/log/checkpoint_schema.cc).
      kCheckpointFrontierMigration,
  };
  return kMigrations;
}

}  // namespace gongkai::station
