// gongkai-hub check --dir D [--full] [--json] [--rebuild-row-history]: the
// hub checks its own store (hub/log/store_check.h). Exit 0 sound; 7 damaged
// (db_corrupt, the first bad index named); 1/2 as every command. With
// --rebuild-row-history the rows' history is first rebuilt from the log
// (row_history_table.h), then the full check runs.
#include <boost/json.hpp>
#include <iostream>

#include "core/base/reasons.h"
#include "hub/cli/commands.h"
#include "hub/cli/review_cli.h"
#include "hub/log/store_check.h"
#include "hub/store/row_history_table.h"

namespace gongkai::hub {

int ReportDamage(const StoreCheckFailure& f, bool json) {
  if (json) {
    boost::json::object e{{"code", f.status.reason()}, {"message", f.status.message()}};
    if (f.index) e["index"] = *f.index;
    std::cout << boost::json::serialize(boost::json::object{{"ok", false}, {"error", e}}) << "\n";
  }
  std::cerr << "错误: " << f.status.message() << " [" << f.status.reason() << "]\n";
  if (f.index) {
    std::cerr << "  第一条有问题的日志记录: 第 " << *f.index << " 条 (first bad index: " << *f.index
              << ")\n";
  }
  return kExitStoreDamaged;
}

int RunCheck(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir"}, {"full", "json", "rebuild-row-history"}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<OpenedHub> hub = OpenHubDir(*flags);
  if (!hub.ok()) return ReportError(hub.status());
  const bool rebuild = flags->Has("rebuild-row-history");
  StoreCheckFailure failure;
  if (rebuild) {
    // Only from a log found sound: a history rebuilt from a damaged one
    // would be damaged too.
    Result<StoreCheckReport> log = CheckStore(hub->db, true, &failure, /*history=*/false);
    if (!log.ok()) {
      if (log.status().reason() == reason::kDbCorrupt) {
        return ReportDamage(failure, flags->Has("json"));
      }
      return ReportError(log.status());
    }
    if (Status s = RebuildRowHistory(hub->db); !s.ok()) return ReportError(s);
    if (!flags->Has("json")) std::cout << "已从日志重建条目的修改历史（row_changes）。\n";
  }
  const bool full = flags->Has("full") || rebuild;
  Result<StoreCheckReport> r = CheckStore(hub->db, full, &failure);
  if (!r.ok()) {
    if (r.status().reason() == reason::kDbCorrupt) return ReportDamage(failure, flags->Has("json"));
    return ReportError(r.status());
  }
  if (flags->Has("json")) {
    std::cout << boost::json::serialize(
                     boost::json::object{{"ok", true},
                                         {"mode", full ? "full" : "quick"},
                                         {"entries", r->entries},
                                         {"leaves_checked", r->leaves_checked},
                                         {"checkpoints_checked", r->notes_checked},
                                         {"catalog_version", r->catalog_version},
                                         {"approved_rows", r->approved_rows},
                                         {"nodes_checked", r->nodes_checked},
                                         {"history_rows_checked", r->history_rows_checked},
                                         {"row_history_rebuilt", rebuild}})
              << "\n";
    return 0;
  }
  std::cout << "集镇中心数据检查通过（" << (full ? "完整" : "快速") << "检查）: 日志 " << r->entries
            << " 条，核对了 " << r->leaves_checked << " 条记录与默克尔树"
            << (full ? "（" + std::to_string(r->nodes_checked) + " 个节点全部重算）" : "") << "、"
            << r->notes_checked << " 个签名检查点；已批准目录第 " << r->catalog_version << " 版（"
            << r->approved_rows << " 条）与日志签名的哈希一致"
            << (full ? "；" + std::to_string(r->history_rows_checked) + " 条修改历史与日志一致"
                     : "")
            << "。\n";
  if (!full) std::cout << "完整检查: gongkai-hub check --dir 目录 --full\n";
  return 0;
}

}  // namespace gongkai::hub
