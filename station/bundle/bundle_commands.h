// The station's USB bundle commands (docs/station.md § U盘同步):
//   gongkai-station bundle export --dir D FILE   (changeset_export.h)
//   gongkai-station bundle import --dir D FILE   (catalog_import.h)
#pragma once

#include "station/cli/command.h"

namespace gongkai::station {

CommandSpec BundleExportCommand();
CommandSpec BundleImportCommand();

}  // namespace gongkai::station
