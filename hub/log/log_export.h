// `gongkai-hub log export --dir D FILE`: the hub's latest checkpoint and
// every entry it covers, written atomically as one file
// (docs/formats/log-export.md) for `gongkai-audit verify --file`.
#pragma once

#include <cstdint>
#include <string>

#include "core/base/status.h"
#include "core/log/checkpoint.h"
#include "hub/store/hub_paths.h"

namespace gongkai::hub {

struct ExportSummary {
  Checkpoint checkpoint;
  uint64_t bytes = 0;  // size of the file written
};

// Reasons: those of HubDb::Open, log_key_unavailable, and file errors.
Result<ExportSummary> ExportLog(const HubPaths& paths, const std::string& file, int64_t now);

}  // namespace gongkai::hub
