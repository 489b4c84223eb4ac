#include "hub/cli/log_command.h"

#include <boost/json.hpp>
#include <ctime>
#include <iostream>

#include "core/base/base64.h"
#include "core/base/hex.h"
#include "hub/cli/commands.h"
#include "hub/cli/flags.h"
#include "hub/log/log_export.h"

namespace gongkai::hub {

int RunLog(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "export") {
    return ReportError(InvalidArgument("usage", "用法: gongkai-hub log export --dir D 文件"));
  }
  Result<Flags> flags =
      Flags::Parse(std::vector<std::string>(args.begin() + 1, args.end()), {{"dir"}, {"json"}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<std::string> dir = DataDir(*flags);
  if (!dir.ok()) return ReportError(dir.status());
  if (flags->positional().size() != 1) {
    return ReportError(
        InvalidArgument("usage", "请给出一个导出文件名: gongkai-hub log export --dir D 文件"));
  }
  const std::string& file = flags->positional()[0];
  Result<ExportSummary> s =
      ExportLog(HubPaths{*dir}, file, static_cast<int64_t>(std::time(nullptr)));
  if (!s.ok()) return ReportError(s.status());
  const Checkpoint& cp = s->checkpoint;
  if (flags->Has("json")) {
    boost::json::object o{{"file", file},
                          {"size", cp.size},
                          {"root", Base64Encode(cp.root.data(), cp.root.size())},
                          {"catalog_version", cp.catalog_version},
                          {"catalog_hash", HexEncode(cp.catalog_hash)},
                          {"bytes", s->bytes}};
    std::cout << boost::json::serialize(o) << "\n";
  } else {
    std::cout << "已导出日志: " << file << "\n"
              << "  记录条数:   " << cp.size << "\n"
              << "  根哈希:     " << Base64Encode(cp.root.data(), cp.root.size()) << "\n"
              << "  目录版本:   " << cp.catalog_version << "\n"
              << "核验: gongkai-audit verify --file " << file << " --hub-key 日志公钥\n";
  }
  return 0;
}

}  // namespace gongkai::hub
