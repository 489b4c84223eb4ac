#include "hub/store/attachment_schema.h"

namespace gongkai::hub {

// One row per complete attachment; its bytes are the file
// attachments/<sha256 hex> beside hub.db, never a BLOB here.
const char* const kAttachmentSchemaMigration = R"sql(
CREATE TABLE IF NOT EXISTS attachments (
  sha256      BLOB    PRIMARY KEY CHECK (length(sha256) = 32),
  size        INTEGER NOT NULL CHECK (size > 0),
  media_type  TEXT    NOT NULL,
  uploaded_by TEXT    NOT NULL,
  received_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS attachments_by_station ON attachments(uploaded_by);
)sql";

}  // namespace gongkai::hub
