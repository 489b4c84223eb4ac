#include "hub/cli/bundle_command.h"

#include <boost/json.hpp>
#include <ctime>
#include <iostream>

#include "core/base/hex.h"
#include "core/changeset/refusal.h"
#include "core/store/atomic_file.h"
#include "core/text/time_text.h"
#include "hub/bundle/catalog_export.h"
#include "hub/bundle/changeset_import.h"
#include "hub/cli/commands.h"
#include "hub/cli/flags.h"

namespace gongkai::hub {
namespace {

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

// One line on stderr, like the server's request log (hub/server/server.cc).
void LogLine(const std::string& line) { std::cerr << UtcTimeText(Now()) << ' ' << line << '\n'; }

// `bundle import` read the file but refused some change sets: exit 3, so
// that a script does not take the stick as delivered (docs/hub.md).
constexpr int kExitRefused = 3;

// What the administrator does next about refused change sets: enrol a
// station that is not (or no longer) enrolled with its key — then import the
// same file again —, or carry the refusals back to the village in the next
// catalog bundle, where the clerk sees the reasons and fixes the rows.
std::string RefusedAdvice(const std::string& dir, const std::string& station,
                          const std::vector<Receipt>& receipts) {
  for (const Receipt& rc : receipts) {
    if (rc.ok()) continue;
    if (rc.code == refusal::kBadSignature) {
      return "注意: 站点 " + station +
             " 的签名与镇里登记的公钥不符 [bad_signature]；请核对村站的公钥"
             "（gongkai-station config 显示），必要时撤销后重新登记，再导入同一个文件。";
    }
    if (rc.code == refusal::kStationRevoked) {
      return "注意: 站点 " + station +
             " 已被撤销 [station_revoked]；村站换新公钥（gongkai-station "
             "rekey）并重新导出U盘文件后，在这里导入，再用 gongkai-hub station add --dir " +
             dir + " --id " + station + " --from-attempt 登记新公钥，然后再导入同一个文件。";
    }
    if (rc.code == refusal::kUnknownStation) {
      return "注意: 站点 " + station + " 没有以这个公钥登记 [" + rc.code +
             "]；核对后用 gongkai-hub station add --dir " + dir + " --id " + station +
             " --from-attempt 登记，再导入同一个文件。";
    }
  }
  return "注意: 有变更集被退回；用 gongkai-hub bundle export --dir " + dir + " --station " +
         station + " 文件 做目录文件带回村站导入，办事员会看到理由并修改后重新上传。";
}

std::string ReceiptLine(const Receipt& r) {
  std::string head = "  变更集 " + r.station + " #" + std::to_string(r.seq) + "  ";
  switch (r.status) {
    case ReceiptStatus::kAccepted:
      return head + "已受理，日志序号 " + std::to_string(r.log_index);
    case ReceiptStatus::kDuplicate:
      return head + "已受理（之前已导入过），日志序号 " + std::to_string(r.log_index);
    case ReceiptStatus::kRejected:
      break;
  }
  return head + "退回: " + r.message + " [" + r.code + "]";
}

int Import(const Flags& flags, const std::string& dir, const std::string& file) {
  Result<ChangeSetImport> r = ImportChangeSetBundle(HubPaths{dir}, file, Now());
  if (!r.ok()) return ReportError(r.status());  // one line, its reason in it
  size_t counts[3] = {0, 0, 0};
  boost::json::array list;
  for (const Receipt& rc : r->receipts) {
    ++counts[static_cast<int>(rc.status)];
    boost::json::object o{{"index", rc.index},
                          {"status", ReceiptStatusName(rc.status)},
                          {"station", rc.station},
                          {"seq", rc.seq}};
    if (rc.id) o["id"] = HexEncode(*rc.id);
    if (rc.ok()) o["log_index"] = rc.log_index;
    if (!rc.ok()) {
      o["code"] = rc.code;
      o["message"] = rc.message;
    }
    list.push_back(std::move(o));
  }
  LogLine("bundle-import " + file + " station=" + r->station + " " +
          std::to_string(r->receipts.size()) + " changesets accepted=" + std::to_string(counts[0]) +
          " duplicate=" + std::to_string(counts[1]) + " rejected=" + std::to_string(counts[2]) +
          " attachments stored=" + std::to_string(r->attachments_stored) +
          " present=" + std::to_string(r->attachments_present));
  if (flags.Has("json")) {
    std::cout << boost::json::serialize(
                     boost::json::object{{"file", file},
                                         {"station", r->station},
                                         {"catalog_version", r->catalog_version},
                                         {"log_size", r->log_size},
                                         {"accepted", counts[0]},
                                         {"duplicate", counts[1]},
                                         {"rejected", counts[2]},
                                         {"attachments_stored", r->attachments_stored},
                                         {"attachments_present", r->attachments_present},
                                         {"attachments_skipped", r->attachments_skipped},
                                         {"attachment_bytes", r->attachment_bytes},
                                         {"receipts", std::move(list)}})
              << "\n";
    return counts[2] > 0 ? kExitRefused : 0;
  }
  std::cout << "已导入站点 " << r->station << " 的U盘文件: " << file << "\n";
  if (r->receipts.empty()) std::cout << "  文件里没有变更集。\n";
  for (const Receipt& rc : r->receipts) std::cout << ReceiptLine(rc) << "\n";
  if (r->attachments_stored + r->attachments_present + r->attachments_skipped > 0) {
    std::cout << "附件: 新存 " << r->attachments_stored << " 个（" << r->attachment_bytes
              << " 字节），已有 " << r->attachments_present << " 个";
    if (r->attachments_skipped > 0) {
      std::cout << "，未存 " << r->attachments_skipped << " 个（站点未登记或已注销）";
    }
    std::cout << "。\n";
  }
  std::cout << "受理 " << counts[0] << " 个，重复 " << counts[1] << " 个，退回 " << counts[2]
            << " 个。该站目录第 " << r->catalog_version << " 版，已核对日志 " << r->log_size
            << " 条。\n"
            << "下一步: gongkai-hub pending 审核；之后 gongkai-hub bundle export --station "
            << r->station << " 文件，带回村站导入。\n";
  if (counts[2] == 0) return 0;
  // One line saying what to do about the refused ones (exit 3).
  std::cerr << RefusedAdvice(dir, r->station, r->receipts) << "\n";
  return kExitRefused;
}

int Export(const Flags& flags, const std::string& dir, const std::string& file) {
  if (Status s = RefuseExistingFile(file, flags.Has("force")); !s.ok()) return ReportError(s);
  CatalogExportRequest req;
  req.file = file;
  req.station = flags.Get("station");
  req.cosigned = flags.Has("cosigned");
  if (flags.Has("since")) {
    Result<uint64_t> since = flags.GetUint("since", 0, 0, uint64_t{1} << 62);
    if (!since.ok()) return ReportError(since.status());
    req.since = *since;
  }
  Result<CatalogExport> r = ExportCatalogBundle(HubPaths{dir}, req);
  if (!r.ok()) return ReportError(r.status());
  LogLine("bundle-export " + file + " station=" + req.station.value_or("-") +
          " since=" + std::to_string(r->since) + " version=" + std::to_string(r->version) + " " +
          std::to_string(r->bytes) + "B");
  if (flags.Has("json")) {
    boost::json::object o{{"file", file},
                          {"station", req.station.value_or("")},
                          {"since", r->since},
                          {"version", r->version},
                          {"hash", HexEncode(r->hash)},
                          {"mode", r->mode},
                          {"log_size", r->log_size},
                          {"entries", r->entries},
                          {"receipts", r->receipts},
                          {"refusals", r->refusals},
                          {"bytes", r->bytes}};
    if (r->consistency_from) o["consistency_from"] = *r->consistency_from;
    std::cout << boost::json::serialize(o) << "\n";
    return 0;
  }
  std::cout << "已导出目录U盘文件: " << file << "（" << r->bytes << " 字节）\n"
            << "  目录第 " << r->since << " 版 → 第 " << r->version << " 版（"
            << (r->mode == "snapshot"    ? "整份目录"
                : r->mode == "decisions" ? "逐版审批"
                                         : "无新版本")
            << "），日志 " << r->log_size << " 条\n";
  if (req.station) std::cout << "  站点 " << *req.station << " 的回执 " << r->receipts << " 个\n";
  if (r->refusals > 0) {
    std::cout << "  退回的变更集 " << r->refusals
              << " 个（村站导入后，被退回的修改回到办事员手里，附上理由）\n";
  }
  std::cout << "下一步: 带到村站运行 gongkai-station bundle import --dir 目录 " << file << "\n";
  return 0;
}

}  // namespace

int RunBundle(const std::vector<std::string>& args) {
  const char* usage =
      "用法: gongkai-hub bundle import --dir D 文件 | gongkai-hub bundle export --dir D 文件 "
      "[--station 站点] [--since 版本] [--force]";
  if (args.empty() || (args[0] != "import" && args[0] != "export")) {
    return ReportError(InvalidArgument("usage", usage));
  }
  bool import = args[0] == "import";
  FlagSpec spec = import ? FlagSpec{{"dir"}, {"json"}}
                         : FlagSpec{{"dir", "station", "since"}, {"json", "cosigned", "force"}};
  Result<Flags> flags = Flags::Parse(std::vector<std::string>(args.begin() + 1, args.end()), spec);
  if (!flags.ok()) return ReportError(flags.status());
  Result<std::string> dir = DataDir(*flags);
  if (!dir.ok()) return ReportError(dir.status());
  if (flags->positional().size() != 1) {
    return ReportError(InvalidArgument("usage", std::string("请给出一个文件名。") + usage));
  }
  const std::string& file = flags->positional()[0];
  return import ? Import(*flags, *dir, file) : Export(*flags, *dir, file);
}

}  // namespace gongkai::hub
