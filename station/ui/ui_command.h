// gongkai-station ui: the clerk's page in the browser (docs/station-ui.md).
#pragma once

#include "station/cli/command.h"

namespace gongkai::station {

CommandSpec UiCommand();

}  // namespace gongkai::station
