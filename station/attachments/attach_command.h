// gongkai-station attach (station/attachments/attach_command.cc).
#pragma once

#include "station/cli/command.h"

namespace gongkai::station {

CommandSpec AttachCommand();

}  // namespace gongkai::station
