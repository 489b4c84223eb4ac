// `gongkai-hub log export --dir D [--json] FILE` (hub/log/log_export.h
// writes the file; docs/formats/log-export.md).
#pragma once

#include <string>
#include <vector>

namespace gongkai::hub {

int RunLog(const std::vector<std::string>& args);

}  // namespace gongkai::hub
