// station.conf (docs/packaging.md): the settings `gongkai-station sync
// --config FILE` takes as defaults — dir, hub, hub_key, hub_cert_sha256,
// sync_interval_seconds. Command-line flags win over the file.
//
// Problems are usage errors (InvalidArgument, reason bad_config, exit
// status 2) naming the file and the line.
#pragma once

#include <optional>
#include <string>

#include "core/base/status.h"
#include "station/store/hub_settings.h"

namespace gongkai::station {

class StationStore;

struct StationConf {
  std::optional<std::string> dir;
  HubSettings hub;  // validated as by `config`; unset ones stay unset
  // sync_interval_seconds (10–86400); unset in the file: 300 (the
  // documented default of a configured station).
  int interval = 300;
};

// Reads and validates the file. bad_config with the file and line of the
// offending key.
Result<StationConf> ReadStationConf(const std::string& path);

// The hub settings of station.conf meet the store's: unset ones are saved
// (validated as by `config`); different ones are refused (InvalidArgument
// config_mismatch naming the key), because the store is what `config`
// shows and changes. `path` names the file in the message.
Status ApplyHubConf(StationStore& store, const HubSettings& file, const std::string& path);

}  // namespace gongkai::station
