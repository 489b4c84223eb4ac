// The on-time rule of core/deadline/compliance.h: posted date and log
// receipt against the deadline, with the receipt grace.
#include "core/deadline/compliance.h"

#include <gtest/gtest.h>

#include <optional>

namespace gongkai::deadline {
namespace {

Date D(const char* iso) { return *ParseIsoDate(iso); }

class ComplianceTest : public ::testing::Test {
 protected:
  // The monthly rule's November judged with these facts as seen on `today`.
  ComplianceResult Judge(const std::optional<PostingFacts>& facts, const char* today) const {
    return JudgeCompliance(monthly_, nov_, cal_, facts, D(today));
  }

  // Posted and received on these dates, the November record is late by
  // `days_late`, for the late receipt or not.
  void ExpectLate(const char* posted, const char* received, bool received_late,
                  int days_late) const {
    auto r = Judge(PostingFacts{D(posted), D(received)}, "2026-12-01");
    EXPECT_EQ(r.status, Compliance::kLate);
    EXPECT_EQ(r.received_late, received_late);
    EXPECT_EQ(r.days_late, days_late);
  }

  const WorkCalendar& cal_ = WorkCalendar::Default();
  Schedule monthly_ = ParseTimeLimit("每月5日前");
  Period nov_ = *ParsePeriod("2026年11月");
};

TEST_F(ComplianceTest, PostedAndReceivedByTheDeadlineIsOnTime) {
  auto r = Judge(PostingFacts{D("2026-11-03"), D("2026-11-04")}, "2026-12-01");
  EXPECT_EQ(r.status, Compliance::kOnTime);
  EXPECT_EQ(r.deadline, D("2026-11-05"));
}

TEST_F(ComplianceTest, ReceivedWithinTheGraceIsOnTime) {
  auto r = Judge(PostingFacts{D("2026-11-05"), AddDays(D("2026-11-05"), kReceiptGraceDays)},
                 "2026-12-01");
  EXPECT_EQ(r.status, Compliance::kOnTime);
}

TEST_F(ComplianceTest, ReceivedAfterTheGraceIsLateWhateverTheDateClaims) {
  ExpectLate("2026-11-01", "2026-11-20", /*received_late=*/true, 15);
}

TEST_F(ComplianceTest, PostedAfterTheDeadlineIsLate) {
  ExpectLate("2026-11-08", "2026-11-08", /*received_late=*/false, 3);
}

TEST_F(ComplianceTest, NoRecordIsMissingAfterTheDeadlineAndDueBefore) {
  EXPECT_EQ(Judge(std::nullopt, "2026-11-06").status, Compliance::kMissing);
  EXPECT_EQ(Judge(std::nullopt, "2026-11-05").status, Compliance::kDue);
}

TEST_F(ComplianceTest, AtTheStationWithoutAReceiptOnlyThePostedDateCounts) {
  auto r = Judge(PostingFacts{D("2026-11-05"), std::nullopt}, "2026-12-30");
  EXPECT_EQ(r.status, Compliance::kOnTime);
}

TEST_F(ComplianceTest, RowsWithoutADeadlineForThePeriodAreNotJudged) {
  Date today = D("2026-12-01");
  EXPECT_EQ(JudgeCompliance(ParseTimeLimit("每季度首月20日前；财务往来多的每月"), nov_, cal_,
                            std::nullopt, today)
                .status,
            Compliance::kUnparsed);
  EXPECT_EQ(JudgeCompliance(ParseTimeLimit("长期公开"), nov_, cal_, std::nullopt, today).status,
            Compliance::kNoFixedDeadline);
  EXPECT_EQ(
      JudgeCompliance(ParseTimeLimit("事项发生后7日内"), nov_, cal_, std::nullopt, today).status,
      Compliance::kEventTriggered);
  EXPECT_EQ(
      JudgeCompliance(ParseTimeLimit("每季度首月10日前"), nov_, cal_, std::nullopt, today).status,
      Compliance::kPeriodMismatch);
}

TEST(DateInChina, IsUtcPlusEight) {
  // 2026-11-05 16:00:00 UTC is 2026-11-06 00:00 in Beijing.
  EXPECT_EQ(DateInChina(1793894400), D("2026-11-06"));
  EXPECT_EQ(DateInChina(1793894399), D("2026-11-05"));
}

TEST(PeriodKey, NormalFormOrTheTextItself) {
  EXPECT_EQ(PeriodKey("2026-11"), "2026年11月");
  EXPECT_EQ(PeriodKey("2026Q4"), "2026年第四季度");
  EXPECT_EQ(PeriodKey("村委会换届"), "村委会换届");
}

}  // namespace
}  // namespace gongkai::deadline
