#include "hub/log/log_export.h"

#include <boost/json.hpp>
#include <ctime>
#include <iostream>

#include "core/base/base64.h"
#include "core/base/hex.h"
#include "core/log/log_export.h"
#include "core/store/atomic_file.h"
#include "hub/log/checkpoints.h"
#include "hub/log/store_check.h"
#include "hub/store/hub_db.h"
#include "hub/store/log_table.h"
#include "hub/store/meta_table.h"

namespace gongkai::hub {

Result<ExportSummary> ExportLog(const HubPaths& paths, const std::string& file, int64_t now) {
  GK_ASSIGN_OR_RETURN(HubDb db, HubDb::Open(paths.db()));
  GK_ASSIGN_OR_RETURN(HubMeta meta, ReadMeta(db));
  Result<PrivateKey> key = PrivateKey::LoadPem(paths.log_key());
  if (!key.ok()) {
    return FailedPrecondition("log_key_unavailable", "无法读取日志私钥 " + paths.log_key() + ": " +
                                                         key.status().message());
  }
  // Never export (nor sign a checkpoint for) a log that is no longer what
  // was signed: the full self-check first (store_check.h) — of the log, not
  // of the rows' history derived from it, which the export does not carry.
  GK_RETURN_IF_ERROR(CheckStore(db, true, nullptr, /*history=*/false).status());
  GK_ASSIGN_OR_RETURN(SignedCheckpoint cp, LatestCheckpoint(db, meta.origin, *key, now));
  LogExport out;
  out.checkpoint = cp.note;
  out.entries.reserve(cp.checkpoint.size);
  while (out.entries.size() < cp.checkpoint.size) {
    uint64_t next = out.entries.size();
    GK_ASSIGN_OR_RETURN(std::vector<LogEntry> rows,
                        ReadLogEntries(db, next, cp.checkpoint.size, 64u << 20));
    for (LogEntry& e : rows) {
      if (e.index != out.entries.size()) break;
      out.entries.push_back(std::move(e.entry));
    }
    if (out.entries.size() == next) {
      return DataLoss("log_entry_missing",
                      "日志缺少第 " + std::to_string(next) + " 条记录 (log entry missing)");
    }
  }
  Bytes bytes = EncodeLogExport(out);
  GK_RETURN_IF_ERROR(WriteFileAtomic(
      file, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), 0644));
  return ExportSummary{cp.checkpoint, bytes.size()};
}

}  // namespace gongkai::hub
