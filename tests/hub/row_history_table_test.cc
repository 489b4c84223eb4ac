// row_changes (hub/store/row_history_table.h): the history of every row,
// written in the transaction that appends each log entry, read by
// /rows/{id} without reading or verifying the log. It holds what the
// auditor's RowHistory (core/audit/row_history.h), built by verifying the
// whole log, shows for every row; it survives a restart; a database from
// before schema migration 10 is back-filled when it is opened; and a read
// costs the rows of that one row, however long the log.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "core/audit/log_verifier.h"
#include "core/base/hex.h"
#include "core/catalog/row_codec.h"
#include "hub/review/reject.h"
#include "hub/review/resolve.h"
#include "hub/store/log_table.h"
#include "hub/store/row_history_table.h"
#include "tests/hub/web_fixture.h"
#include "tests/testing/sql_file.h"

namespace gongkai::hub::testing {
namespace {

class RowHistoryTableTest : public WebFixture {
 protected:
  // The history the auditor builds by verifying the whole log.
  RowHistory Verified(const std::string& row_id) {
    RowHistory h(row_id);
    LogVerifier v;
    v.AddObserver(&h);
    Result<uint64_t> size = LogSize(*db_);
    EXPECT_TRUE(size.ok());
    for (uint64_t i = 0; size.ok() && i < *size; ++i) {
      auto e = ReadLogEntry(*db_, i);
      EXPECT_TRUE(e.ok() && *e);
      EXPECT_TRUE(v.Add(i, (*e)->entry).ok());
    }
    return h;
  }

  StoredRowHistory Stored(const std::string& row_id) {
    Result<std::optional<StoredRowHistory>> h = ReadRowHistory(*db_, row_id);
    EXPECT_TRUE(h.ok()) << h.status().ToString();
    EXPECT_TRUE(h.ok() && *h) << row_id;
    return h.ok() && *h ? **h : StoredRowHistory{};
  }

  // Every field the page shows is the same.
  static void ExpectSame(const RowHistory& want, const StoredRowHistory& got) {
    EXPECT_EQ(got.approved_row, want.approved_row());
    EXPECT_EQ(got.approved_version, want.approved_version());
    ASSERT_EQ(got.changes.size(), want.changes().size());
    for (size_t i = 0; i < got.changes.size(); ++i) {
      const RowChange& w = want.changes()[i];
      const RowChange& g = got.changes[i];
      SCOPED_TRACE(i);
      EXPECT_EQ(g.log_index, w.log_index);
      EXPECT_EQ(g.station, w.station);
      EXPECT_EQ(g.seq, w.seq);
      EXPECT_EQ(g.changeset_id, w.changeset_id);
      EXPECT_EQ(g.created_at, w.created_at);
      EXPECT_EQ(g.note, w.note);
      EXPECT_EQ(g.op_index, w.op_index);
      EXPECT_EQ(g.kind, w.kind);
      EXPECT_EQ(g.field, w.field);
      EXPECT_EQ(g.field_key, w.field_key);
      EXPECT_EQ(g.field_label, w.field_label);
      EXPECT_EQ(g.old_value, w.old_value);
      EXPECT_EQ(g.new_value, w.new_value);
      EXPECT_EQ(g.created_row, w.created_row);
      EXPECT_EQ(g.retire_base, w.retire_base);
      EXPECT_EQ(g.decision.state, w.decision.state);
      EXPECT_EQ(g.decision.log_index, w.decision.log_index);
      EXPECT_EQ(g.decision.version, w.decision.version);
      EXPECT_EQ(g.decision.admin, w.decision.admin);
      EXPECT_EQ(g.decision.decided_at, w.decision.decided_at);
      EXPECT_EQ(g.decision.reason, w.decision.reason);
      EXPECT_EQ(g.decision.resolution, w.decision.resolution);
      EXPECT_EQ(g.decision.resolution_value, w.decision.resolution_value);
    }
  }

  // A history with every kind of event: a create approved in version 1; a
  // conflict settled with a value and approved in version 2; a set
  // rejected; a set still pending; a second row created and retired.
  void MakeHistory() {
    ApproveFirstRow();
    std::string conflict = MakeConflict();
    ResolveRequest res;
    res.conflict_id = conflict;
    res.kind = ResolveKind::kValue;
    res.text = "0375-4444444";
    res.admin = "zhang";
    res.now = 1700000400;
    ASSERT_TRUE(Resolve(*db_, res).ok());
    ApproveAll(1700000500);
    ASSERT_EQ(PostNext(hongqi_, {SetContact(RowId(10), "0375-4444444", "0375-5555555")}).status,
              200);
    Result<std::vector<LoggedChangeSet>> undecided = ListUndecided(*db_);
    ASSERT_TRUE(undecided.ok() && undecided->size() == 1);
    ASSERT_TRUE(Reject(*db_, *admin_, HexEncode(undecided->at(0).meta.id), "电话号码不对",
                       1700000600)
                    .ok());
    Row other = VillageRow(RowId(11), "红旗村");
    ASSERT_EQ(PostNext(hongqi_, {CreateOp{other}}).status, 200);
    ApproveAll(1700000700);
    ASSERT_EQ(PostNext(hongqi_, {RetireOp{RowId(11), RowHash(other)},
                                 SetContact(RowId(10), "0375-4444444", "0375-6666666")})
                  .status,
              200);
  }

  void ApproveAll(int64_t now) {
    ApproveRequest req;
    req.all = true;
    req.now = now;
    Result<ApproveOutcome> a = hub::Approve(*db_, *admin_, req);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
  }

  void Reopen() {
    db_.reset();
    Result<HubDb> db = HubDb::Open(db_path());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::make_unique<HubDb>(std::move(db).value());
  }

  void Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_path().c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    std::string message = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << message;
  }
};

TEST_F(RowHistoryTableTest, EachAppendWritesTheRowsHistoryAsTheVerifiedLogShowsIt) {
  MakeHistory();
  ExpectLogValid();
  for (const std::string& id : {RowId(10), RowId(11)}) {
    SCOPED_TRACE(id);
    ExpectSame(Verified(id), Stored(id));
  }
  StoredRowHistory ten = Stored(RowId(10));
  // create, the two sides of the conflict, the rejected set, the pending set.
  ASSERT_EQ(ten.changes.size(), 5u);
  EXPECT_TRUE(ten.changes[1].decision.resolution == ResolutionAction::kValue ||
              ten.changes[2].decision.resolution == ResolutionAction::kValue);
  EXPECT_EQ(ten.changes[3].decision.state, DecisionState::kRejected);
  EXPECT_EQ(ten.changes[3].decision.reason, "电话号码不对");
  EXPECT_EQ(ten.changes[4].decision.state, DecisionState::kPending);
  EXPECT_EQ(Stored(RowId(11)).changes.back().kind, RowOpKind::kRetire);
  // A row no change set touched has no history.
  Result<std::optional<StoredRowHistory>> none = ReadRowHistory(*db_, RowId(99));
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(*none);
  // Nothing is left to back-fill on a new hub.
  EXPECT_EQ(::gongkai::testing::CountRows(db_path(), "meta WHERE key = 'row_history_backfill'"), 0);
}

// The index is part of the append: an append rolled back leaves no row
// of it; committed, the row's history is there at once.
TEST_F(RowHistoryTableTest, TheIndexIsWrittenInTheAppendsTransaction) {
  ApproveFirstRow();
  Bytes entry = hongqi_.Seal(hongqi_.Next({SetContact(RowId(10), "0375-1111111", "0375-8888888")}));
  const int64_t before = ::gongkai::testing::CountRows(db_path(), "row_changes");
  ASSERT_EQ(before, 1);
  {
    Transaction tx(db_->db());
    ASSERT_TRUE(tx.status().ok());
    ASSERT_TRUE(AppendLogEntry(*db_, EnvelopeKind::kChangeSet, entry, 1).ok());
  }  // rolled back
  EXPECT_EQ(::gongkai::testing::CountRows(db_path(), "row_changes"), before);
  {
    Transaction tx(db_->db());
    ASSERT_TRUE(tx.status().ok());
    Result<uint64_t> index = AppendLogEntry(*db_, EnvelopeKind::kChangeSet, entry, 1);
    ASSERT_TRUE(index.ok());
    ASSERT_TRUE(tx.Commit().ok());
    StoredRowHistory h = Stored(RowId(10));
    ASSERT_EQ(h.changes.size(), 2u);
    EXPECT_EQ(h.changes[1].log_index, *index);
    EXPECT_EQ(h.changes[1].new_value, "0375-8888888");
    EXPECT_EQ(h.changes[1].decision.state, DecisionState::kPending);
  }
  // An entry that does not decode indexes nothing.
  {
    Transaction tx(db_->db());
    ASSERT_TRUE(AppendLogEntry(*db_, EnvelopeKind::kChangeSet, Bytes{1, 2, 3}, 1).ok());
    ASSERT_TRUE(tx.Commit().ok());
  }
  EXPECT_EQ(::gongkai::testing::CountRows(db_path(), "row_changes"), before + 1);
}

// After a restart, a read of one row costs that row's rows — not the log:
// with every entry after the genesis damaged, the history is still read
// and /rows/{id} of a restarted hub still shows it.
TEST_F(RowHistoryTableTest, AfterARestartAReadCostsOnlyThatRowsHistory) {
  MakeHistory();
  for (int i = 20; i < 60; ++i) {
    ASSERT_EQ(PostNext(hongqi_, {CreateRow(RowId(i), "红旗村")}).status, 200);
  }
  ApproveAll(1700000800);
  RowHistory want = Verified(RowId(10));
  Result<uint64_t> size = LogSize(*db_);
  ASSERT_TRUE(size.ok());
  ASSERT_GT(*size, 45u);

  api_.reset();
  Reopen();
  Sql("UPDATE log_entries SET entry = x'00' WHERE idx >= 1");
  StoredRowHistory got = Stored(RowId(10));
  ExpectSame(want, got);
  EXPECT_EQ(got.rows_read, want.changes().size() + 1);  // its changes and its approved row

  StartApi();
  HttpResponse page = GetPage("/rows/" + RowId(10));
  ASSERT_EQ(page.status, 200) << page.error_code;
  EXPECT_NE(page.body.find("第 2 版批准（zhang"), std::string::npos);
  EXPECT_NE(page.body.find("取值 0375-4444444"), std::string::npos);
  EXPECT_NE(page.body.find("电话号码不对"), std::string::npos);
  EXPECT_EQ(GetPage("/rows/" + RowId(99)).error_code, "unknown_row");
}

// A hub database from before schema migration 10 (no row_changes) is
// back-filled from its log when it is opened, once.
TEST_F(RowHistoryTableTest, AnOlderDatabaseIsBackFilledWhenOpened) {
  MakeHistory();
  RowHistory want10 = Verified(RowId(10));
  RowHistory want11 = Verified(RowId(11));
  api_.reset();
  db_.reset();
  Sql("DROP TABLE row_changes; PRAGMA user_version = 9;");

  Reopen();
  EXPECT_EQ(::gongkai::testing::CountRows(db_path(), "meta WHERE key = 'row_history_backfill'"), 0);
  ExpectSame(want10, Stored(RowId(10)));
  ExpectSame(want11, Stored(RowId(11)));

  // Later appends go on from the back-filled table.
  StartApi();
  ASSERT_EQ(PostNext(hongqi_, {SetContact(RowId(10), "0375-4444444", "0375-7777777")}).status,
            200);
  ExpectSame(Verified(RowId(10)), Stored(RowId(10)));
}

// A back-fill interrupted before its commit leaves the key, and the next
// open does it all again (nothing half-indexed stays).
TEST_F(RowHistoryTableTest, ABackFillStartsOverUntilItIsCommitted) {
  MakeHistory();
  RowHistory want = Verified(RowId(10));
  api_.reset();
  db_.reset();
  // As if a back-fill had written part of the table and the key were still
  // there: a stray row that the log does not hold.
  Sql("INSERT INTO row_changes (row_id, log_index, op_index, changeset, station, seq, created_at, "
      "note, kind) VALUES ('" +
      RowId(10) + "', 1, 0, zeroblob(32), 'x', 1, 0, '', 2);"
      "INSERT INTO meta (key, value) VALUES ('row_history_backfill', x'01');");
  Reopen();
  ExpectSame(want, Stored(RowId(10)));
}

}  // namespace
}  // namespace gongkai::hub::testing
