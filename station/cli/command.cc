#include "station/cli/command.h"

namespace gongkai::station {

Result<std::string> CommandContext::Dir() const {
  if (auto dir = args.Get("dir"); dir && !dir->empty()) return *dir;
  if (!env_dir.empty()) return env_dir;
  return InvalidArgument("missing_dir",
                         "请用 --dir 指定数据目录，或设置环境变量 GONGKAI_DIR "
                         "(no data directory given)",
                         "dir");
}

FlagSpec DirFlag() {
  return {"dir", true, false, "目录",
          "数据目录；不写时用环境变量 GONGKAI_DIR (data directory, default $GONGKAI_DIR)"};
}

FlagSpec JsonFlag() {
  return {"json", false, false, "", "输出 JSON，供脚本使用 (machine-readable output)"};
}

}  // namespace gongkai::station
