#include "hub/store/meta_table.h"

#include <algorithm>

namespace gongkai::hub {
namespace {

Status Put(HubDb& db, std::string_view key, auto value) {
  GK_ASSIGN_OR_RETURN(Stmt st,
                      db.Prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"));
  st->BindAll(key, value);
  return st->Run();
}

Status Missing(std::string_view key) {
  return DataLoss("db_corrupt", "数据库缺少 meta." + std::string(key) + " (database damaged)");
}

}  // namespace

Status WriteMeta(HubDb& db, const HubMeta& meta) {
  GK_RETURN_IF_ERROR(Put(db, "origin", std::string_view(meta.origin)));
  GK_RETURN_IF_ERROR(Put(db, "log_key", Bytes(meta.log_key.begin(), meta.log_key.end())));
  return Put(db, "catalog_version", static_cast<int64_t>(meta.catalog_version));
}

Result<HubMeta> ReadMeta(HubDb& db) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT key, value FROM meta"));
  HubMeta meta;
  bool have_origin = false, have_key = false, have_version = false;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    std::string key = st->ColumnText(0);
    if (key == "origin") {
      meta.origin = st->ColumnText(1);
      have_origin = true;
    } else if (key == "log_key") {
      Bytes b = st->ColumnBlob(1);
      if (b.size() != meta.log_key.size()) return Missing(key);
      std::copy(b.begin(), b.end(), meta.log_key.begin());
      have_key = true;
    } else if (key == "catalog_version") {
      meta.catalog_version = static_cast<uint64_t>(st->ColumnInt(1));
      have_version = true;
    }
  }
  if (!have_origin) return Missing("origin");
  if (!have_key) return Missing("log_key");
  if (!have_version) return Missing("catalog_version");
  return meta;
}

}  // namespace gongkai::hub
