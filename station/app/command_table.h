// Every gongkai-station command, in the order --help lists them.
#pragma once

#include <vector>

#include "station/cli/command.h"

namespace gongkai::station {

const std::vector<CommandSpec>& CommandTable();

}  // namespace gongkai::station
