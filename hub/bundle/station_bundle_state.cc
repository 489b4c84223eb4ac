#include "hub/bundle/station_bundle_state.h"

#include <algorithm>

namespace gongkai::hub {

Result<std::optional<StationBundleState>> LoadStationBundleState(HubDb& db,
                                                                 const std::string& station) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT catalog_version, log_size FROM bundle_stations "
                                          "WHERE station = ?"));
  st->Bind(1, station);
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<StationBundleState>();
  return std::optional<StationBundleState>(StationBundleState{
      static_cast<uint64_t>(st->ColumnInt(0)), static_cast<uint64_t>(st->ColumnInt(1))});
}

Status RecordStationBundleState(HubDb& db, const std::string& station,
                                const StationBundleState& state, int64_t now) {
  GK_ASSIGN_OR_RETURN(std::optional<StationBundleState> old, LoadStationBundleState(db, station));
  StationBundleState next = state;
  if (old) {
    next.catalog_version = std::max(old->catalog_version, state.catalog_version);
    next.log_size = std::max(old->log_size, state.log_size);
    if (next.catalog_version == old->catalog_version && next.log_size == old->log_size) {
      return Status::Ok();
    }
  }
  GK_ASSIGN_OR_RETURN(
      Stmt st, db.Prepare("INSERT INTO bundle_stations (station, catalog_version, log_size, "
                          "updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (station) DO UPDATE SET "
                          "catalog_version = excluded.catalog_version, log_size = "
                          "excluded.log_size, updated_at = excluded.updated_at"));
  st->BindAll(station, static_cast<int64_t>(next.catalog_version),
              static_cast<int64_t>(next.log_size), now);
  return st->Run();
}

}  // namespace gongkai::hub
