// What the hub remembers of each station's last changesets bundle
// (hub/bundle/station_bundle_state.h), as a schema migration of the hub
// database (hub/store/schema.cc):
//
//   bundle_stations(station, catalog_version, log_size, updated_at)
//     catalog_version  highest approved version a bundle said it holds
//     log_size         largest accepted checkpoint size a bundle reported
// Values only grow (a station's state only grows), so importing an old
// bundle after a newer one does not make the return bundle worse.
#pragma once

namespace gongkai::hub {

extern const char* const kBundleSchemaMigration;

}  // namespace gongkai::hub
