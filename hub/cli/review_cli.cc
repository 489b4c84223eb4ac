#include "hub/cli/review_cli.h"

#include <ctime>
#include <filesystem>

#include "core/store/atomic_file.h"
#include "hub/store/hub_paths.h"

namespace gongkai::hub {

Result<OpenedHub> OpenHubDir(const Flags& flags) {
  GK_ASSIGN_OR_RETURN(std::string dir, DataDir(flags));
  GK_ASSIGN_OR_RETURN(HubDb db, HubDb::Open(HubPaths{dir}.db()));
  return OpenedHub{dir, std::move(db)};
}

Status CheckReportOutputFlags(const Flags& flags) {
  if (int(flags.Has("json")) + int(flags.Has("csv")) + int(flags.Has("xlsx")) > 1) {
    return InvalidArgument("usage", "--json、--csv 和 --xlsx 只能选一个");
  }
  if (!flags.Has("xlsx")) return Status::Ok();
  return RefuseExistingFile(*flags.Get("xlsx"), flags.Has("force"));
}

int64_t NowSeconds() { return static_cast<int64_t>(std::time(nullptr)); }

}  // namespace gongkai::hub
