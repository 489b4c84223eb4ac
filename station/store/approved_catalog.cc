#include "station/store/approved_catalog.h"

namespace gongkai::station {

Result<ApprovedState> LoadApprovedState(Database& db) {
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare("SELECT catalog_version, catalog_hash FROM station"));
  GK_ASSIGN_OR_RETURN(bool has, st.Step());
  if (!has) return FailedPrecondition("not_initialized", "数据目录还没有初始化 (not initialized)");
  ApprovedState s;
  s.version = static_cast<uint64_t>(st.ColumnInt(0));
  Bytes h = st.ColumnBlob(1);
  if (h.size() != s.hash.size()) return DataLoss("store_corrupt", "catalog_hash corrupt");
  std::copy(h.begin(), h.end(), s.hash.begin());
  return s;
}

Result<Catalog> LoadApprovedCatalog(Database& db) {
  Catalog c;
  GK_RETURN_IF_ERROR(ForEachApprovedRow(db, [&](Row row) { c.Put(std::move(row)); }));
  return c;
}

Result<int64_t> CountApprovedRows(Database& db) {
  GK_ASSIGN_OR_RETURN(Statement st, db.Prepare("SELECT count(*) FROM approved_rows"));
  GK_ASSIGN_OR_RETURN(bool has, st.Step());
  return has ? st.ColumnInt(0) : 0;
}

Status ReplaceApprovedCatalog(Database& db, const Catalog& catalog, uint64_t version,
                              const Hash32& hash) {
  GK_RETURN_IF_ERROR(db.Exec("DELETE FROM approved_rows"));
  GK_ASSIGN_OR_RETURN(Statement ins,
                      db.Prepare("INSERT INTO approved_rows(id, body) VALUES (?, ?)"));
  for (const auto& [id, row] : catalog.rows()) {
    GK_RETURN_IF_ERROR(ins.Reset());
    ins.BindAll(id, EncodeRowBlob(row));
    GK_RETURN_IF_ERROR(ins.Run());
  }
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare("UPDATE station SET catalog_version = ?, catalog_hash = ?"));
  st.BindAll(static_cast<int64_t>(version), hash);
  return st.Run();
}

}  // namespace gongkai::station
