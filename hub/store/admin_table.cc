#include "hub/store/admin_table.h"

#include <algorithm>

namespace gongkai::hub {
namespace {

Result<PublicKey> KeyColumn(Stmt& st, int col) {
  Bytes key = st->ColumnBlob(col);
  PublicKey out{};
  if (key.size() != out.size()) return DataLoss("db_corrupt", "管理员公钥长度错误 (bad admin key)");
  std::copy(key.begin(), key.end(), out.begin());
  return out;
}

Bytes KeyBlob(const PublicKey& k) { return Bytes(k.begin(), k.end()); }

constexpr const char* kAdminColumns = "name, public_key, log_index, revoked_index";

Result<AdminRecord> ReadAdmin(Stmt& st) {
  AdminRecord a;
  a.name = st->ColumnText(0);
  GK_ASSIGN_OR_RETURN(a.key, KeyColumn(st, 1));
  a.log_index = static_cast<uint64_t>(st->ColumnInt(2));
  if (!st->ColumnIsNull(3)) a.revoked_index = static_cast<uint64_t>(st->ColumnInt(3));
  return a;
}

}  // namespace

Status InsertAdmin(HubDb& db, const AdminRecord& admin) {
  GK_ASSIGN_OR_RETURN(
      Stmt st, db.Prepare("INSERT INTO admins (name, public_key, log_index) VALUES (?, ?, ?)"));
  st->BindAll(admin.name, KeyBlob(admin.key), static_cast<int64_t>(admin.log_index));
  return st->Run();
}

Result<std::optional<AdminRecord>> FindAdmin(HubDb& db, const std::string& name) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare(std::string("SELECT ") + kAdminColumns +
                                          " FROM admins WHERE name = ?"));
  st->Bind(1, name);
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<AdminRecord>();
  GK_ASSIGN_OR_RETURN(AdminRecord a, ReadAdmin(st));
  return std::optional<AdminRecord>(std::move(a));
}

Result<std::vector<AdminRecord>> ListAdmins(HubDb& db) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare(std::string("SELECT ") + kAdminColumns +
                                          " FROM admins ORDER BY name"));
  std::vector<AdminRecord> out;
  while (true) {
    GK_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    GK_ASSIGN_OR_RETURN(AdminRecord a, ReadAdmin(st));
    out.push_back(std::move(a));
  }
  return out;
}

Status ReplaceAdminKey(HubDb& db, const AdminRecord& admin) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("UPDATE admins SET public_key = ?, log_index = ?, "
                                          "revoked_index = NULL WHERE name = ?"));
  st->BindAll(KeyBlob(admin.key), static_cast<int64_t>(admin.log_index), admin.name);
  return st->Run();
}

Status MarkAdminRevoked(HubDb& db, const std::string& name, uint64_t revoked_index) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("UPDATE admins SET revoked_index = ? WHERE name = ?"));
  st->BindAll(static_cast<int64_t>(revoked_index), name);
  return st->Run();
}

Status InsertRosterRow(HubDb& db, const RosterRow& row) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("INSERT INTO admin_roster (log_index, action, name, "
                                          "public_key, signed_by, at) VALUES (?, ?, ?, ?, ?, ?)"));
  st->BindAll(static_cast<int64_t>(row.log_index), row.action, row.name, KeyBlob(row.key),
              row.signed_by, row.at);
  return st->Run();
}

Result<std::vector<RosterRow>> ListRosterRows(HubDb& db) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT log_index, action, name, public_key, signed_by, "
                                          "at FROM admin_roster ORDER BY log_index"));
  std::vector<RosterRow> out;
  while (true) {
    GK_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    RosterRow r;
    r.log_index = static_cast<uint64_t>(st->ColumnInt(0));
    r.action = st->ColumnText(1);
    r.name = st->ColumnText(2);
    GK_ASSIGN_OR_RETURN(r.key, KeyColumn(st, 3));
    r.signed_by = st->ColumnText(4);
    r.at = st->ColumnInt(5);
    out.push_back(std::move(r));
  }
  return out;
}

Result<bool> AdminKeyEverUsed(HubDb& db, const PublicKey& key) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT 1 FROM admins WHERE public_key = ?1 UNION ALL "
                                          "SELECT 1 FROM admin_roster WHERE public_key = ?1"));
  st->Bind(1, KeyBlob(key));
  return st->Step();
}

}  // namespace gongkai::hub
