#include "hub/store/hub_db.h"

#include <sys/stat.h>

#include "hub/store/merkle_backfill.h"
#include "hub/store/row_history_table.h"
#include "hub/store/schema.h"

namespace gongkai::hub {

HubDb::HubDb(Database db) : db_(std::make_unique<Database>(std::move(db))) {}

Result<HubDb> HubDb::Open(const std::string& path, bool create) {
  struct stat st;
  if (!create && ::stat(path.c_str(), &st) != 0) {
    return FailedPrecondition(
        "not_initialized",
        "找不到集镇中心的数据库 " + path + "，请先运行 gongkai-hub init，或检查 --dir 是否正确");
  }
  GK_ASSIGN_OR_RETURN(Database db, Database::Open(path));
  GK_RETURN_IF_ERROR(db.Migrate(HubSchemaMigrations()));
  HubDb hub(std::move(db));
  // A log written before the Merkle node table gets its nodes now.
  GK_RETURN_IF_ERROR(BackfillMerkleNodes(hub));
  // A log written before schema migration 10 gets its row history now.
  GK_RETURN_IF_ERROR(BackfillRowHistory(hub));
  return hub;
}

Result<Stmt> HubDb::Prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    GK_ASSIGN_OR_RETURN(Statement st, db_->Prepare(sql));
    it = cache_.emplace(std::string(sql), std::make_unique<Statement>(std::move(st))).first;
  }
  return Stmt(it->second.get());
}

}  // namespace gongkai::hub
