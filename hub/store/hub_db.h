// The hub's SQLite database (schema in hub/store/schema.cc, documented in
// docs/hub.md): a Database opened in WAL mode with synchronous=FULL and
// migrated to the current schema, plus a cache of prepared statements so the
// ingest path does not re-parse its SQL for every change set.
//
// One HubDb belongs to one thread at a time (the ingest committer, a request
// handler under a mutex, or a command-line action).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/base/status.h"
#include "core/store/sqlite.h"

namespace gongkai::hub {

// A prepared statement borrowed from the cache; reset (and its bindings
// cleared) when the borrow ends, so no read snapshot outlives its use.
class Stmt {
 public:
  explicit Stmt(Statement* s) : s_(s) {}
  Stmt(Stmt&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() {
    if (s_) (void)s_->Reset();
  }
  Statement* operator->() const { return s_; }
  Statement& operator*() const { return *s_; }

 private:
  Statement* s_;
};

class HubDb {
 public:
  // Opens the database file and applies pending migrations. The file must
  // exist unless create is true ("not_initialized" otherwise).
  static Result<HubDb> Open(const std::string& path, bool create = false);

  HubDb(HubDb&&) = default;
  HubDb& operator=(HubDb&&) = default;

  Database& db() { return *db_; }
  // The cached statement for sql (prepared on first use).
  Result<Stmt> Prepare(std::string_view sql);

 private:
  explicit HubDb(Database db);
  // Looked up by string_view without building a std::string each time.
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unique_ptr<Database> db_;
  std::unordered_map<std::string, std::unique_ptr<Statement>, SqlHash, std::equal_to<>> cache_;
};

}  // namespace gongkai::hub
