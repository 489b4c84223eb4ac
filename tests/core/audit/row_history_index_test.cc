// RowHistoryIndex: every row's history in one pass, the same as a
// RowHistory of that row — also when the log is verified in pieces, as the
// hub's /rows/{id} page does (only the entries appended since).
#include "core/audit/row_history_index.h"

#include <gtest/gtest.h>

#include "tests/core/audit/log_builder.h"

namespace gongkai {
namespace {

using audit_test::StandardLog;

void ExpectSameHistory(const RowHistory& want, const RowHistory& got) {
  ASSERT_EQ(got.changes().size(), want.changes().size()) << want.row_id();
  for (size_t i = 0; i < want.changes().size(); ++i) {
    const RowChange& w = want.changes()[i];
    const RowChange& g = got.changes()[i];
    EXPECT_EQ(g.log_index, w.log_index);
    EXPECT_EQ(g.kind, w.kind);
    EXPECT_EQ(g.op_index, w.op_index);
    EXPECT_EQ(g.station, w.station);
    EXPECT_EQ(g.old_value, w.old_value);
    EXPECT_EQ(g.new_value, w.new_value);
    EXPECT_EQ(g.created_row, w.created_row);
    EXPECT_EQ(g.decision.state, w.decision.state);
    EXPECT_EQ(g.decision.version, w.decision.version);
    EXPECT_EQ(g.decision.log_index, w.decision.log_index);
    EXPECT_EQ(g.decision.resolution, w.decision.resolution);
    EXPECT_EQ(g.decision.value_after, w.decision.value_after);
    EXPECT_EQ(g.decision.retired_after, w.decision.retired_after);
    EXPECT_EQ(g.decision.reason, w.decision.reason);
  }
  EXPECT_EQ(got.approved_row(), want.approved_row());
  EXPECT_EQ(got.approved_version(), want.approved_version());
}

TEST(RowHistoryIndex, HoldsWhatARowHistoryOfEachRowHolds) {
  StandardLog log;
  log.b.Approve({log.b2});
  RowHistory r1(log.r1.id), r2(log.r2.id);
  RowHistoryIndex index;
  LogVerifier one_pass;
  one_pass.AddObserver(&r1);
  one_pass.AddObserver(&r2);
  ASSERT_TRUE(audit_test::AddAll(one_pass, log.b.leaves).ok());

  LogVerifier indexed;
  indexed.AddObserver(&index);
  ASSERT_TRUE(audit_test::AddAll(indexed, log.b.leaves).ok());
  EXPECT_EQ(index.rows(), 2u);
  ASSERT_NE(index.Find(log.r1.id), nullptr);
  ASSERT_NE(index.Find(log.r2.id), nullptr);
  ExpectSameHistory(r1, *index.Find(log.r1.id));
  ExpectSameHistory(r2, *index.Find(log.r2.id));
  EXPECT_EQ(index.Find("00000000-0000-4000-8000-0000000000ff"), nullptr);
}

}  // namespace
}  // namespace gongkai
