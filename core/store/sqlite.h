// RAII wrappers over SQLite 3: Database, Statement, Transaction, and schema
// migrations through PRAGMA user_version.
//
// Durability rule: every database is opened in WAL mode with
// synchronous=FULL, so a transaction that has committed is on disk before
// the command that made it reports success. One user action = one
// transaction (BEGIN IMMEDIATE ... COMMIT); a crash before COMMIT leaves no
// trace of it.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai {

class Database;

class Statement {
 public:
  Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite.
  Statement& Bind(int i, int64_t v);
  Statement& Bind(int i, std::string_view v);
  Statement& Bind(int i, const Bytes& v);
  Statement& Bind(int i, const Hash32& v);
  Statement& BindNull(int i);
  // Binds the values to parameters 1, 2, 3 … in order (each as Bind does),
  // so a column added to a statement is not renumbered by hand.
  template <typename... T>
  Statement& BindAll(const T&... values) {
    int i = 0;
    (Bind(++i, values), ...);
    return *this;
  }

  // Returns true when a row is ready, false when done; errors in status.
  Result<bool> Step();
  // Runs to completion (for statements that return no rows).
  Status Run();
  Status Reset();

  int64_t ColumnInt(int i) const;
  std::string ColumnText(int i) const;
  Bytes ColumnBlob(int i) const;
  bool ColumnIsNull(int i) const;

 private:
  friend class Database;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Database {
 public:
  // Opens (creating if missing) with WAL, synchronous=FULL, foreign keys on
  // and a busy timeout. Reason "db_open_failed" (Unavailable) or
  // "db_corrupt" (DataLoss) on failure.
  static Result<Database> Open(const std::string& path);

  Database(Database&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Database& operator=(Database&& o) noexcept;
  Database(const Database&) = delete;
  ~Database();

  Result<Statement> Prepare(std::string_view sql);
  Status Exec(std::string_view sql);  // one or more statements, no results
  int64_t LastInsertRowId() const;
  int Changes() const;

  // Applies migrations[user_version .. end) each in its own transaction and
  // sets user_version to migrations.size(). Refuses a database whose
  // user_version is newer than this program knows ("schema_too_new").
  Status Migrate(const std::vector<std::string>& migrations);
  Result<int> UserVersion();
  // PRAGMA integrity_check; DataLoss "db_corrupt" with SQLite's report.
  Status IntegrityCheck();

  sqlite3* handle() const { return db_; }
  Status Error(const char* what) const;

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

// BEGIN IMMEDIATE on construction (check status()); ROLLBACK on destruction
// unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  const Status& status() const { return status_; }
  Status Commit();

 private:
  Database& db_;
  Status status_;
  bool done_ = false;
};

}  // namespace gongkai
