// Read side of the SQLite files tests look into (hub.db, station.db):
// a digest of whole tables (to prove a refusal wrote nothing), row counts,
// integrity checks and rows as text.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/crypto/sha256.h"

namespace gongkai::testing {

// SHA-256 over every row (type, length and bytes of every column) of the
// named tables of an SQLite file, in the order given.
Hash32 TablesDigest(const std::string& db_path, const std::vector<std::string>& tables);

// SELECT COUNT(*) FROM table, or -1.
int64_t CountRows(const std::string& db_path, const std::string& table);

// How many change sets of `station` the hub's database (hub.db) holds,
// read-only with a busy timeout so a running hub may write meanwhile;
// -1 when it cannot be read. Inline: the benchmarks use it without the
// test library.
inline int64_t HubChangeSetCount(const std::string& hub_db, const std::string& station) {
  sqlite3* db = nullptr;
  int64_t n = -1;
  if (sqlite3_open_v2(hub_db.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 1000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM changesets WHERE station = ?", -1, &st,
                           nullptr) == SQLITE_OK) {
      sqlite3_bind_text(st, 1, station.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return n;
}

// "ok", or what PRAGMA integrity_check found.
std::string IntegrityCheck(const std::string& path);

// Opens read-write (a WAL left by a killed writer is recovered on open).
class SqlFile {
 public:
  explicit SqlFile(const std::string& path);
  ~SqlFile();
  SqlFile(const SqlFile&) = delete;
  SqlFile& operator=(const SqlFile&) = delete;

  // Every row, every column as text (blobs as lowercase hex).
  std::vector<std::vector<std::string>> Rows(const std::string& sql);
  // The first column of the first row as a number (0 if none) or text.
  int64_t Int(const std::string& sql);
  std::string Text(const std::string& sql);
  sqlite3* raw() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace gongkai::testing
