#include "hub/store/admin_table.h"

#include <algorithm>

namespace gongkai::hub {

Status InsertAdmin(HubDb& db, const AdminRecord& admin) {
  GK_ASSIGN_OR_RETURN(
      Stmt st, db.Prepare("INSERT INTO admins (name, public_key, log_index) VALUES (?, ?, ?)"));
  st->Bind(1, admin.name).Bind(2, Bytes(admin.key.begin(), admin.key.end()));
  st->Bind(3, static_cast<int64_t>(admin.log_index));
  return st->Run();
}

Result<std::optional<AdminRecord>> FindAdmin(HubDb& db, const std::string& name) {
  GK_ASSIGN_OR_RETURN(Stmt st,
                      db.Prepare("SELECT public_key, log_index FROM admins WHERE name = ?"));
  st->Bind(1, name);
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<AdminRecord>();
  AdminRecord a;
  a.name = name;
  Bytes key = st->ColumnBlob(0);
  if (key.size() != a.key.size())
    return DataLoss("db_corrupt", "管理员公钥长度错误 (bad admin key)");
  std::copy(key.begin(), key.end(), a.key.begin());
  a.log_index = static_cast<uint64_t>(st->ColumnInt(1));
  return std::optional<AdminRecord>(std::move(a));
}

}  // namespace gongkai::hub
