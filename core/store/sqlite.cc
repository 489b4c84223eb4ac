#include "core/store/sqlite.h"

namespace gongkai {
namespace {
Status FromSqlite(sqlite3* db, int rc, const char* what) {
  std::string msg = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  int primary = rc & 0xff;
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
    return DataLoss("db_corrupt", "数据库文件已损坏 (database corrupt): " + msg);
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Unavailable("db_busy", "数据库正被另一个程序使用，请稍后再试 (database busy): " + msg);
  }
  if (primary == SQLITE_FULL || primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN) {
    return Unavailable("db_io", "数据库读写失败 (database I/O error): " + msg);
  }
  if (primary == SQLITE_CONSTRAINT) {
    return Status(Code::kAlreadyExists, "db_constraint", msg);
  }
  return Internal("db_error", msg);
}
}  // namespace

Statement::~Statement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

Statement& Statement::Bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Statement& Statement::Bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::Bind(int i, const Bytes& v) {
  sqlite3_bind_blob(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::Bind(int i, const Hash32& v) {
  sqlite3_bind_blob(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return FromSqlite(db_, rc, "step");
}

Status Statement::Run() {
  for (;;) {
    auto r = Step();
    if (!r.ok()) return r.status();
    if (!*r) return Status::Ok();
  }
}

Status Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  return Status::Ok();
}

int64_t Statement::ColumnInt(int i) const { return sqlite3_column_int64(stmt_, i); }
std::string Statement::ColumnText(int i) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
  return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, i))) : std::string();
}
Bytes Statement::ColumnBlob(int i) const {
  const auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, i));
  return p ? Bytes(p, p + sqlite3_column_bytes(stmt_, i)) : Bytes();
}
bool Statement::ColumnIsNull(int i) const { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }

Result<Database> Database::Open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    Status s = FromSqlite(db, rc, "open");
    sqlite3_close(db);
    return Status(s.code(), s.code() == Code::kDataLoss ? "db_corrupt" : "db_open_failed",
                  "无法打开数据库 " + path + ": " + s.message());
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_extended_result_codes(db, 1);
  Database d(db);
  // journal_mode returns a row; Exec ignores rows.
  GK_RETURN_IF_ERROR(d.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                            "PRAGMA foreign_keys=ON;"));
  return d;
}

Database& Database::operator=(Database&& o) noexcept {
  if (this != &o) {
    if (db_) sqlite3_close(db_);
    db_ = o.db_;
    o.db_ = nullptr;
  }
  return *this;
}

Database::~Database() {
  if (db_) sqlite3_close(db_);
}

Status Database::Error(const char* what) const { return FromSqlite(db_, sqlite3_errcode(db_), what); }

Result<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return FromSqlite(db_, rc, "prepare");
  return Statement(db_, stmt);
}

Status Database::Exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (err) sqlite3_free(err);
  if (rc != SQLITE_OK) return FromSqlite(db_, rc, "exec");
  return Status::Ok();
}

int64_t Database::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int Database::Changes() const { return sqlite3_changes(db_); }

Result<int> Database::UserVersion() {
  GK_ASSIGN_OR_RETURN(Statement st, Prepare("PRAGMA user_version"));
  GK_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Internal("db_error", "PRAGMA user_version returned nothing");
  return static_cast<int>(st.ColumnInt(0));
}

Status Database::Migrate(const std::vector<std::string>& migrations) {
  GK_ASSIGN_OR_RETURN(int version, UserVersion());
  if (version > static_cast<int>(migrations.size())) {
    return FailedPrecondition("schema_too_new",
                              "数据库由更新版本的程序创建 (schema " + std::to_string(version) +
                                  ")，请升级本程序");
  }
  for (size_t v = static_cast<size_t>(version); v < migrations.size(); ++v) {
    Transaction tx(*this);
    GK_RETURN_IF_ERROR(tx.status());
    GK_RETURN_IF_ERROR(Exec(migrations[v]));
    GK_RETURN_IF_ERROR(Exec("PRAGMA user_version=" + std::to_string(v + 1)));
    GK_RETURN_IF_ERROR(tx.Commit());
  }
  return Status::Ok();
}

Status Database::IntegrityCheck() {
  GK_ASSIGN_OR_RETURN(Statement st, Prepare("PRAGMA integrity_check"));
  std::string report;
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    std::string line = st.ColumnText(0);
    if (line != "ok") report += line + "; ";
  }
  if (!report.empty()) {
    return DataLoss("db_corrupt", "数据库完整性检查未通过 (integrity check failed): " + report);
  }
  return Status::Ok();
}

Transaction::Transaction(Database& db) : db_(db) { status_ = db_.Exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!done_ && status_.ok()) (void)db_.Exec("ROLLBACK");
}

Status Transaction::Commit() {
  GK_RETURN_IF_ERROR(status_);
  Status s = db_.Exec("COMMIT");
  if (s.ok()) done_ = true;
  return s;
}

}  // namespace gongkai
