// The hub database schema as a list of migrations (PRAGMA user_version).
// Never edit a released migration; append a new one. Tables:
//
//   meta           key → value: origin, log_key (32 bytes), catalog_version
//   log_entries    idx 0, 1, 2, … : kind and the exact envelope bytes of every
//                  log leaf (genesis, enrollments, revocations, change sets);
//                  append-only
//   admins         administrators and their keys (from genesis, later records)
//   stations       enrolled stations, their unit and key; revocation fields
//   changesets     accepted change sets by (station, seq): id, log index
//   known_rows     every row id the hub knows (approved catalog or an accepted
//                  create) and the unit that may edit it; a row's unit never
//                  changes
//   equivocations  signed change sets that reused an accepted (station, seq)
//                  with a different body: evidence, never in the log
#pragma once

#include <string>
#include <vector>

namespace gongkai::hub {

const std::vector<std::string>& HubSchemaMigrations();

}  // namespace gongkai::hub
