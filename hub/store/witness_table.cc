#include "hub/store/witness_table.h"

#include "core/base/hex.h"
#include "core/base/https_url.h"

namespace gongkai::hub {

Status AddWitness(HubDb& db, const std::string& key, const std::string& url,
                  const std::string& cert_sha256, int64_t now) {
  GK_ASSIGN_OR_RETURN(VerifierKey vk, ParseVerifierKey(key, kCosignatureV1KeyType));
  if (!ParseHttpsUrl(url)) {
    return InvalidArgument(
        "bad_witness_url",
        "见证者地址应为 https://主机:端口，例如 https://county.example:8444: " + url, "url");
  }
  std::optional<Hash32> pin = HexDecodeHash(cert_sha256);
  if (!pin || HexEncode(*pin) != cert_sha256) {
    return InvalidArgument(
        "bad_cert_sha256",
        "--cert-sha256 应为 64 位小写十六进制（gongkai-witness init 显示的指纹）", "cert-sha256");
  }
  Transaction tx(db.db());
  GK_RETURN_IF_ERROR(tx.status());
  GK_ASSIGN_OR_RETURN(Stmt find, db.Prepare("SELECT key FROM witnesses WHERE name = ?"));
  find->Bind(1, vk.name);
  GK_ASSIGN_OR_RETURN(bool exists, find->Step());
  if (exists) {
    return FailedPrecondition(
        "witness_exists", "已经有名为 " + vk.name + " 的见证者；要换公钥或地址请先 witness remove");
  }
  GK_ASSIGN_OR_RETURN(Stmt ins, db.Prepare("INSERT INTO witnesses (name, key, url, cert_sha256, "
                                           "added_at) VALUES (?, ?, ?, ?, ?)"));
  ins->BindAll(vk.name, vk.ToString(), url, cert_sha256, now);
  GK_RETURN_IF_ERROR(ins->Run());
  return tx.Commit();
}

Status RemoveWitness(HubDb& db, const std::string& name_or_key) {
  GK_ASSIGN_OR_RETURN(Stmt del, db.Prepare("DELETE FROM witnesses WHERE name = ? OR key = ?"));
  del->BindAll(name_or_key, name_or_key);
  GK_RETURN_IF_ERROR(del->Run());
  if (db.db().Changes() == 0) {
    return NotFound("unknown_witness",
                    "没有这个见证者: " + name_or_key + "；请用 gongkai-hub witness list 查看");
  }
  return Status::Ok();
}

Result<std::vector<WitnessEntry>> ListWitnesses(HubDb& db) {
  GK_ASSIGN_OR_RETURN(
      Stmt st, db.Prepare("SELECT name, key, url, cert_sha256, size, coalesce(last_ok_at, 0), "
                          "coalesce(last_error, ''), coalesce(last_error_at, 0), added_at, "
                          "(SELECT coalesce(max(c.size), 0) FROM cosignatures c "
                          " WHERE c.witness = w.name) "
                          "FROM witnesses w ORDER BY name"));
  std::vector<WitnessEntry> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    WitnessEntry e;
    e.name = st->ColumnText(0);
    e.key = st->ColumnText(1);
    e.url = st->ColumnText(2);
    e.cert_sha256 = st->ColumnText(3);
    e.size = uint64_t(st->ColumnInt(4));
    e.last_ok_at = st->ColumnInt(5);
    e.last_error = st->ColumnText(6);
    e.last_error_at = st->ColumnInt(7);
    e.added_at = st->ColumnInt(8);
    e.cosigned_size = uint64_t(st->ColumnInt(9));
    out.push_back(std::move(e));
  }
  return out;
}

Status RecordCosignature(HubDb& db, const std::string& name, uint64_t size, const std::string& line,
                         int64_t now) {
  Transaction tx(db.db());
  GK_RETURN_IF_ERROR(tx.status());
  GK_ASSIGN_OR_RETURN(Stmt ins, db.Prepare("INSERT OR REPLACE INTO cosignatures (size, witness, "
                                           "line, cosigned_at) VALUES (?, ?, ?, ?)"));
  ins->BindAll(int64_t(size), name, line, now);
  GK_RETURN_IF_ERROR(ins->Run());
  GK_ASSIGN_OR_RETURN(Stmt up, db.Prepare("UPDATE witnesses SET size = ?, last_ok_at = ?, "
                                          "last_error = NULL, last_error_at = NULL "
                                          "WHERE name = ?"));
  up->BindAll(int64_t(size), now, name);
  GK_RETURN_IF_ERROR(up->Run());
  return tx.Commit();
}

Status RecordWitnessSize(HubDb& db, const std::string& name, uint64_t size) {
  GK_ASSIGN_OR_RETURN(Stmt up, db.Prepare("UPDATE witnesses SET size = ? WHERE name = ?"));
  up->BindAll(int64_t(size), name);
  return up->Run();
}

Status RecordWitnessError(HubDb& db, const std::string& name, const std::string& error,
                          int64_t now) {
  GK_ASSIGN_OR_RETURN(
      Stmt up, db.Prepare("UPDATE witnesses SET last_error = ?, last_error_at = ? WHERE name = ?"));
  up->BindAll(error, now, name);
  return up->Run();
}

Result<std::string> CosignatureLines(HubDb& db, uint64_t size) {
  GK_ASSIGN_OR_RETURN(Stmt st,
                      db.Prepare("SELECT line FROM cosignatures WHERE size = ? ORDER BY witness"));
  st->Bind(1, int64_t(size));
  std::string out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out += st->ColumnText(0);
  }
  return out;
}

Result<std::vector<uint64_t>> CosignedSizes(HubDb& db) {
  GK_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT DISTINCT size FROM cosignatures ORDER BY size"));
  std::vector<uint64_t> out;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(static_cast<uint64_t>(st->ColumnInt(0)));
  }
  return out;
}

Result<int64_t> CosignedAt(HubDb& db, const std::string& name, uint64_t size) {
  GK_ASSIGN_OR_RETURN(
      Stmt st, db.Prepare("SELECT cosigned_at FROM cosignatures WHERE size = ? AND witness = ?"));
  st->BindAll(int64_t(size), name);
  GK_ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->ColumnInt(0) : int64_t{0};
}

}  // namespace gongkai::hub
