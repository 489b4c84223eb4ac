// Helpers shared by the review commands of gongkai-hub (pending, resolve,
// approve, reject, catalog): opening the database and the report flags.
// How ops read (hub/review/op_text.h) and times (core/text/time_text.h) are
// shared with the pages, so they live in those rooms.
#pragma once

#include <cstdint>
#include <string>

#include "core/text/time_text.h"
#include "hub/cli/flags.h"
#include "hub/review/op_text.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct OpenedHub {
  std::string dir;
  HubDb db;
};
Result<OpenedHub> OpenHubDir(const Flags& flags);

// The output choice of a report command: at most one of --json, --csv and
// --xlsx FILE (usage), and an existing FILE only with --force (file_exists).
Status CheckReportOutputFlags(const Flags& flags);

int64_t NowSeconds();

}  // namespace gongkai::hub
