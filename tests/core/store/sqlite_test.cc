#include "core/store/sqlite.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/store/atomic_file.h"
#include "tests/testing/temp_dir.h"

namespace gongkai {
namespace {

const std::vector<std::string> kSchema = {
    "CREATE TABLE t(k TEXT PRIMARY KEY, v BLOB NOT NULL);",
    "ALTER TABLE t ADD COLUMN n INTEGER NOT NULL DEFAULT 0;",
};

int64_t Count(Database& db) {
  auto st = db.Prepare("SELECT count(*) FROM t");
  EXPECT_TRUE(st->Step().ok());
  return st->ColumnInt(0);
}

TEST(Sqlite, OpensInWalModeWithFullSync) {
  TempDir dir;
  auto db = Database::Open(dir.path() + "/a.db");
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  auto st = db->Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(*st->Step());
  EXPECT_EQ(st->ColumnText(0), "wal");
  auto sync = db->Prepare("PRAGMA synchronous");
  ASSERT_TRUE(*sync->Step());
  EXPECT_EQ(sync->ColumnInt(0), 2);  // FULL
}

TEST(Sqlite, MigratesStepByStepAndRecordsVersion) {
  TempDir dir;
  std::string path = dir.path() + "/a.db";
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(db->Migrate({kSchema[0]}).ok());
    EXPECT_EQ(*db->UserVersion(), 1);
  }
  auto db = Database::Open(path);
  ASSERT_TRUE(db->Migrate(kSchema).ok());
  EXPECT_EQ(*db->UserVersion(), 2);
  EXPECT_TRUE(db->Exec("INSERT INTO t(k, v, n) VALUES('a', x'00', 3)").ok());
  ASSERT_TRUE(db->Migrate(kSchema).ok());  // idempotent
}

TEST(Sqlite, RefusesSchemaFromNewerProgram) {
  TempDir dir;
  auto db = Database::Open(dir.path() + "/a.db");
  ASSERT_TRUE(db->Migrate(kSchema).ok());
  Status s = db->Migrate({kSchema[0]});
  EXPECT_EQ(s.reason(), "schema_too_new");
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
}

TEST(Sqlite, TransactionRollsBackUnlessCommitted) {
  TempDir dir;
  auto db = Database::Open(dir.path() + "/a.db");
  ASSERT_TRUE(db->Migrate(kSchema).ok());
  {
    Transaction tx(*db);
    ASSERT_TRUE(tx.status().ok());
    ASSERT_TRUE(db->Exec("INSERT INTO t(k, v) VALUES('a', x'00')").ok());
  }
  EXPECT_EQ(Count(*db), 0);
  {
    Transaction tx(*db);
    ASSERT_TRUE(db->Exec("INSERT INTO t(k, v) VALUES('a', x'00')").ok());
    ASSERT_TRUE(tx.Commit().ok());
  }
  EXPECT_EQ(Count(*db), 1);
}

TEST(Sqlite, BindsAndReadsBlobsTextAndInts) {
  TempDir dir;
  auto db = Database::Open(dir.path() + "/a.db");
  ASSERT_TRUE(db->Migrate(kSchema).ok());
  auto ins = db->Prepare("INSERT INTO t(k, v, n) VALUES(?1, ?2, ?3)");
  ins->Bind(1, std::string_view("红旗村")).Bind(2, Bytes{0, 1, 2}).Bind(3, int64_t{-5});
  ASSERT_TRUE(ins->Run().ok());
  auto sel = db->Prepare("SELECT k, v, n FROM t");
  ASSERT_TRUE(*sel->Step());
  EXPECT_EQ(sel->ColumnText(0), "红旗村");
  EXPECT_EQ(sel->ColumnBlob(1), (Bytes{0, 1, 2}));
  EXPECT_EQ(sel->ColumnInt(2), -5);
}

// BindAll numbers its values 1, 2, 3 … in order: the statement below names
// them out of order, so a value bound to the wrong number lands in the
// wrong column.
TEST(Sqlite, BindAllBindsItsValuesInOrder) {
  TempDir dir;
  auto db = Database::Open(dir.path() + "/a.db");
  ASSERT_TRUE(db->Migrate(kSchema).ok());
  auto ins = db->Prepare("INSERT INTO t(n, k, v) VALUES(?1, ?2, ?3)");
  ins->BindAll(int64_t{7}, std::string("东风村"), Bytes{3, 4});
  ASSERT_TRUE(ins->Run().ok());
  auto sel = db->Prepare("SELECT k, v, n FROM t");
  ASSERT_TRUE(*sel->Step());
  EXPECT_EQ(sel->ColumnText(0), "东风村");
  EXPECT_EQ(sel->ColumnBlob(1), (Bytes{3, 4}));
  EXPECT_EQ(sel->ColumnInt(2), 7);
}

TEST(Sqlite, ConstraintViolationIsAlreadyExists) {
  TempDir dir;
  auto db = Database::Open(dir.path() + "/a.db");
  ASSERT_TRUE(db->Migrate(kSchema).ok());
  ASSERT_TRUE(db->Exec("INSERT INTO t(k, v) VALUES('a', x'00')").ok());
  Status s = db->Exec("INSERT INTO t(k, v) VALUES('a', x'01')");
  EXPECT_EQ(s.code(), Code::kAlreadyExists);
}

TEST(Sqlite, IntegrityCheckPassesOnHealthyDb) {
  TempDir dir;
  auto db = Database::Open(dir.path() + "/a.db");
  ASSERT_TRUE(db->Migrate(kSchema).ok());
  EXPECT_TRUE(db->IntegrityCheck().ok());
}

TEST(Sqlite, GarbageFileIsReportedCorrupt) {
  TempDir dir;
  std::string path = dir.path() + "/bad.db";
  std::ofstream(path) << std::string(8192, 'x');
  auto db = Database::Open(path);
  Status s = db.ok() ? db->IntegrityCheck() : db.status();
  EXPECT_EQ(s.reason(), "db_corrupt");
  EXPECT_EQ(s.code(), Code::kDataLoss);
}

TEST(AtomicFile, WritesWithModeAndReadsBack) {
  TempDir dir;
  std::string path = dir.path() + "/f";
  ASSERT_TRUE(WriteFileAtomic(path, "一", 0640).ok());
  EXPECT_EQ(*ReadFile(path), "一");
  ASSERT_TRUE(WriteFileAtomic(path, "二", 0640).ok());
  EXPECT_EQ(*ReadFile(path), "二");
  EXPECT_EQ(ReadFile(dir.path() + "/none").status().reason(), "file_missing");
  EXPECT_EQ(ReadFile(path, 1).status().reason(), "file_too_large");
}

}  // namespace
}  // namespace gongkai
