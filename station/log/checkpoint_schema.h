// The station store's migration for the transparency log (owned by
// station/log/): every checkpoint the station accepted, and the alarms it
// raised when the hub showed a forked or rewound history.
// Layout: docs/formats/station-store.md, "Accepted checkpoints".
#pragma once

namespace gongkai::station {

extern const char* const kCheckpointSchemaMigration;
extern const char* const kCheckpointFrontierMigration;  // 9

}  // namespace gongkai::station
