// The on-time rule of core/deadline/compliance.h: posted date and log
// receipt against the deadline, with the receipt grace.
#include "core/deadline/compliance.h"

#include <gtest/gtest.h>

namespace gongkai::deadline {
namespace {

Date D(const char* iso) { return *ParseIsoDate(iso); }

class ComplianceTest : public ::testing::Test {
 protected:
  const WorkCalendar& cal_ = WorkCalendar::Default();
  Schedule monthly_ = ParseTimeLimit("每月5日前");
  Period nov_ = *ParsePeriod("2026年11月");
};

TEST_F(ComplianceTest, PostedAndReceivedByTheDeadlineIsOnTime) {
  auto r = JudgeCompliance(monthly_, nov_, cal_, PostingFacts{D("2026-11-03"), D("2026-11-04")},
                           D("2026-12-01"));
  EXPECT_EQ(r.status, Compliance::kOnTime);
  EXPECT_EQ(r.deadline, D("2026-11-05"));
}

TEST_F(ComplianceTest, ReceivedWithinTheGraceIsOnTime) {
  auto r = JudgeCompliance(
      monthly_, nov_, cal_,
      PostingFacts{D("2026-11-05"), AddDays(D("2026-11-05"), kReceiptGraceDays)}, D("2026-12-01"));
  EXPECT_EQ(r.status, Compliance::kOnTime);
}

TEST_F(ComplianceTest, ReceivedAfterTheGraceIsLateWhateverTheDateClaims) {
  auto r = JudgeCompliance(monthly_, nov_, cal_, PostingFacts{D("2026-11-01"), D("2026-11-20")},
                           D("2026-12-01"));
  EXPECT_EQ(r.status, Compliance::kLate);
  EXPECT_TRUE(r.received_late);
  EXPECT_EQ(r.days_late, 15);
}

TEST_F(ComplianceTest, PostedAfterTheDeadlineIsLate) {
  auto r = JudgeCompliance(monthly_, nov_, cal_, PostingFacts{D("2026-11-08"), D("2026-11-08")},
                           D("2026-12-01"));
  EXPECT_EQ(r.status, Compliance::kLate);
  EXPECT_FALSE(r.received_late);
  EXPECT_EQ(r.days_late, 3);
}

TEST_F(ComplianceTest, NoRecordIsMissingAfterTheDeadlineAndDueBefore) {
  EXPECT_EQ(JudgeCompliance(monthly_, nov_, cal_, std::nullopt, D("2026-11-06")).status,
            Compliance::kMissing);
  EXPECT_EQ(JudgeCompliance(monthly_, nov_, cal_, std::nullopt, D("2026-11-05")).status,
            Compliance::kDue);
}

TEST_F(ComplianceTest, AtTheStationWithoutAReceiptOnlyThePostedDateCounts) {
  auto r = JudgeCompliance(monthly_, nov_, cal_, PostingFacts{D("2026-11-05"), std::nullopt},
                           D("2026-12-30"));
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
