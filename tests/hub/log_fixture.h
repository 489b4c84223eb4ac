// Shared set-up for the transparency-log tests: ApiFixture plus a log with
// change sets uploaded through the real ingest path and administrator
// decisions (an approval replayed with core/merge, a rejection) appended
// the way the hub's review code appends them — signed envelopes in
// log_entries, each with its Merkle nodes, in one transaction.
#pragma once

#include <sqlite3.h>

#include "core/base/base64.h"
#include "core/crypto/verifier_key.h"
#include "core/log/checkpoint.h"
#include "core/log/merkle.h"
#include "core/merge/merge.h"
#include "core/record/decision.h"
#include "hub/review/review_store.h"
#include "hub/store/log_table.h"
#include "tests/hub/api_fixture.h"

namespace gongkai::hub::testing {

class LogFixture : public ApiFixture {
 protected:
  // Appends a signed decision envelope (kind approval or rejection).
  uint64_t AppendDecision(EnvelopeKind kind, const Bytes& body) {
    Envelope env = SignEnvelope(kind, admin_->name, body, admin_->key);
    Transaction tx(db_->db());
    EXPECT_TRUE(tx.status().ok());
    Result<uint64_t> i = AppendLogEntry(*db_, kind, EncodeEnvelope(env), 1700000500);
    EXPECT_TRUE(i.ok()) << i.status().ToString();
    EXPECT_TRUE(tx.Commit().ok());
    return i.ok() ? *i : 0;
  }

  // Approves `changesets` (in this order) on top of catalog_, as version_ + 1.
  uint64_t Approve(const std::vector<ChangeSet>& changesets) {
    std::vector<IdentifiedChangeSet> ics;
    Approval a;
    for (const ChangeSet& cs : changesets) {
      ics.push_back({ChangeSetId(EncodeChangeSet(cs)), cs});
      a.changesets.push_back(ics.back().id);
    }
    Result<MergeResult> m = Merge(catalog_, ics, {});
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    a.version = ++version_;
    a.parent_hash = catalog_.Hash();
    a.result_hash = m->catalog.Hash();
    a.admin = admin_->name;
    a.decided_at = 1700000600;
    a.note = "同意";
    // The approved rows follow the log, as the hub's approve keeps them
    // (gongkai-hub check compares them with the signed hash).
    {
      Transaction tx(db_->db());
      EXPECT_TRUE(StoreApprovedRows(*db_, catalog_, m->catalog).ok());
      EXPECT_TRUE(tx.Commit().ok());
    }
    catalog_ = m->catalog;
    return AppendDecision(EnvelopeKind::kApproval, EncodeApproval(a));
  }

  uint64_t Reject(const ChangeSet& cs, const std::string& reason) {
    Rejection r{
        ChangeSetId(EncodeChangeSet(cs)), cs.station, cs.seq, reason, admin_->name, 1700000700};
    return AppendDecision(EnvelopeKind::kRejection, EncodeRejection(r));
  }

  // Uploads one change set of st through the API; returns it.
  ChangeSet Upload(TestStation& st, std::vector<Op> ops, std::string note = "测试") {
    ChangeSet cs = st.Next(std::move(ops), std::move(note));
    HttpResponse r = Post(Batch({st.Seal(cs)}));
    EXPECT_EQ(r.status, 200) << r.body;
    st.Accepted(cs);
    return cs;
  }

  // A small history: genesis, 2 enrollments, then
  //   3 hongqi creates RowId(11)      4 dongfeng creates RowId(12)
  //   5 approval v1 of [3, 4]         6 hongqi sets RowId(11) contact
  //   7 hongqi sets RowId(11) contact again   8 rejection of 7
  //   9 approval v2 of [6]
  void BuildHistory() {
    ChangeSet c1 = Upload(hongqi_, {CreateRow(RowId(11), "红旗村")}, "新增事项");
    ChangeSet c2 = Upload(dongfeng_, {CreateRow(RowId(12), "东风村")});
    Approve({c1, c2});
    std::string contact = catalog_.Find(RowId(11))->Get(Field::kContact);
    ChangeSet c3 = Upload(hongqi_, {SetContact(RowId(11), contact, "0375-1234567")}, "改电话");
    ChangeSet c4 = Upload(hongqi_, {SetContact(RowId(11), "0375-1234567", "0375-7654321")});
    Reject(c4, "号码有误");
    Approve({c3});
  }

  Checkpoint OpenNote(const std::string& note) {
    Result<Checkpoint> cp = OpenCheckpoint(note, identity_.log_key, identity_.origin);
    EXPECT_TRUE(cp.ok()) << cp.status().ToString() << "\n" << note;
    return cp.ok() ? *cp : Checkpoint{};
  }

  // Runs SQL on the hub database from outside the hub (as an attacker with
  // file access would), foreign keys off.
  void Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_path().c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "") << "\n" << sql;
    sqlite3_free(err);
    sqlite3_close(db);
  }

  Catalog catalog_;
  uint64_t version_ = 0;
};

}  // namespace gongkai::hub::testing
