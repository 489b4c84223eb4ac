// The station store's SQLite schema as an append-only list of migrations
// (PRAGMA user_version = number applied). Never edit a released migration;
// append a new one. Layout and meaning: docs/formats/station-store.md.
#pragma once

#include <string>
#include <vector>

namespace gongkai::station {

const std::vector<std::string>& StationMigrations();

}  // namespace gongkai::station
