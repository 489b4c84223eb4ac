#include "tests/testing/sql_file.h"

#include <gtest/gtest.h>

namespace gongkai::testing {

Hash32 TablesDigest(const std::string& db_path, const std::vector<std::string>& tables) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK)
      << db_path;
  Sha256Hasher h;
  for (const std::string& table : tables) {
    std::string sql = "SELECT * FROM " + table + " ORDER BY 1, 2";
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
    h.Update(table + "\n");
    while (st && sqlite3_step(st) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const void* p = sqlite3_column_blob(st, c);
        int n = sqlite3_column_bytes(st, c);
        h.Update(std::to_string(sqlite3_column_type(st, c)) + ":" + std::to_string(n) + ":");
        if (p) h.Update(static_cast<const uint8_t*>(p), static_cast<size_t>(n));
      }
      h.Update("\n");
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return h.Finish();
}

int64_t CountRows(const std::string& db_path, const std::string& table) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, ("SELECT COUNT(*) FROM " + table).c_str(), -1, &st, nullptr);
  int64_t n = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

std::string IntegrityCheck(const std::string& path) {
  SqlFile db(path);
  auto rows = db.Rows("PRAGMA integrity_check");
  std::string out;
  for (auto& r : rows) out += (out.empty() ? "" : "; ") + r[0];
  return out;
}

SqlFile::SqlFile(const std::string& path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << path << ": " << sqlite3_errmsg(db_);
  }
  sqlite3_busy_timeout(db_, 10000);
}

SqlFile::~SqlFile() { sqlite3_close(db_); }

std::vector<std::vector<std::string>> SqlFile::Rows(const std::string& sql) {
  std::vector<std::vector<std::string>> out;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
    return out;
  }
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int c = 0; c < sqlite3_column_count(st); ++c) {
      if (sqlite3_column_type(st, c) == SQLITE_BLOB) {
        const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(st, c));
        static const char* kHex = "0123456789abcdef";
        std::string hex;
        for (int i = 0; i < sqlite3_column_bytes(st, c); ++i) {
          hex += kHex[p[i] >> 4];
          hex += kHex[p[i] & 15];
        }
        row.push_back(hex);
      } else {
        const unsigned char* t = sqlite3_column_text(st, c);
        row.push_back(t ? reinterpret_cast<const char*>(t) : "");
      }
    }
    out.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
  sqlite3_finalize(st);
  return out;
}

int64_t SqlFile::Int(const std::string& sql) {
  auto rows = Rows(sql);
  if (rows.empty() || rows[0].empty() || rows[0][0].empty()) return 0;
  return std::stoll(rows[0][0]);
}

std::string SqlFile::Text(const std::string& sql) {
  auto rows = Rows(sql);
  return rows.empty() || rows[0].empty() ? "" : rows[0][0];
}

}  // namespace gongkai::testing
