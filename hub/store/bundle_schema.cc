#include "hub/store/bundle_schema.h"

namespace gongkai::hub {

const char* const kBundleSchemaMigration = R"sql(
CREATE TABLE bundle_stations (
  station         TEXT    PRIMARY KEY REFERENCES stations(id),
  catalog_version INTEGER NOT NULL CHECK (catalog_version >= 0),
  log_size        INTEGER NOT NULL CHECK (log_size >= 0),
  updated_at      INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

}  // namespace gongkai::hub
