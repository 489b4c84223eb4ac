// The gongkai-hub subcommand `bundle` (docs/hub.md § U盘同步):
//   bundle import --dir D [--json] FILE                          changeset_import.h
//   bundle export --dir D [--station ID] [--since V] [--json] FILE  catalog_export.h
#pragma once

#include <string>
#include <vector>

namespace gongkai::hub {

int RunBundle(const std::vector<std::string>& args);

}  // namespace gongkai::hub
