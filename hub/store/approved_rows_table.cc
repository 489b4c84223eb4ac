#include "hub/store/approved_rows_table.h"

#include "core/catalog/row_codec.h"
#include "core/codec/wire.h"

namespace gongkai::hub {
namespace {

Status Corrupt(const std::string& what) {
  return DataLoss("db_corrupt", "集镇中心数据库已损坏: " + what + " (database damaged)");
}

}  // namespace

Result<Catalog> LoadApprovedRows(HubDb& db) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT id, body FROM approved_rows ORDER BY id"));
  Catalog c;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool has, st->Step());
    if (!has) break;
    Bytes body = st->ColumnBlob(1);
    WireReader r(body);
    Row row;
    DecodeRow(r, &row);
    Status decoded = r.Finish();
    if (!decoded.ok() || row.id != st->ColumnText(0)) {
      return Corrupt("已批准的条目 " + st->ColumnText(0) + " 无法解析 (" + decoded.ToString() +
                     ")");
    }
    c.Put(std::move(row));
  }
  return c;
}

Result<std::optional<Row>> FindApprovedRow(HubDb& db, const std::string& id) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT body FROM approved_rows WHERE id = ?"));
  st->Bind(1, id);
  GK_ASSIGN_OR_RETURN(bool has, st->Step());
  if (!has) return std::optional<Row>();
  Bytes body = st->ColumnBlob(0);
  WireReader r(body);
  Row row;
  DecodeRow(r, &row);
  Status decoded = r.Finish();
  if (!decoded.ok() || row.id != id) return Corrupt("已批准的条目 " + id + " 无法解析");
  return std::optional<Row>(std::move(row));
}

Status StoreApprovedRows(HubDb& db, const Catalog& before, const Catalog& after) {
  GK_ASSIGN_OR_RETURN(Stmt st,
                      db.Prepare("INSERT OR REPLACE INTO approved_rows (id, body) VALUES (?, ?)"));
  for (const auto& [id, row] : after.rows()) {
    const Row* old = before.Find(id);
    if (old && *old == row) continue;
    WireWriter w;
    EncodeRow(w, row);
    GK_RETURN_IF_ERROR(st->Reset());
    st->BindAll(id, w.bytes());
    GK_RETURN_IF_ERROR(st->Run());
  }
  return Status::Ok();
}

}  // namespace gongkai::hub
