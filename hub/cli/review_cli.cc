#include "hub/cli/review_cli.h"

#include <ctime>
#include <filesystem>

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
  if (flags.Has("xlsx") && !flags.Has("force") && std::filesystem::exists(*flags.Get("xlsx"))) {
    return Status(Code::kAlreadyExists, "file_exists",
                  "文件 " + *flags.Get("xlsx") +
                      " 已经存在；请换一个文件名，或加 --force 覆盖 (file exists)");
  }
  return Status::Ok();
}

int64_t NowSeconds() { return static_cast<int64_t>(std::time(nullptr)); }

}  // namespace gongkai::hub
