// The compliance page's downloads against the command line: for the same
// database, period and day, GET /admin/compliance.csv gives exactly the
// bytes `gongkai-hub compliance --csv` prints and .xlsx exactly the file
// `--xlsx FILE` writes (docs/hub-web.md § Compliance).
#include "core/store/atomic_file.h"
#include "tests/hub/compliance_fixture.h"
#include "tests/testing/process.h"

namespace gongkai::hub::testing {
namespace {

using ::gongkai::testing::BinaryPath;
using ::gongkai::testing::RunProgram;
using ::gongkai::testing::RunResult;

class WebComplianceDownloadTest : public WebComplianceTest {};

TEST_F(WebComplianceDownloadTest, DownloadsAreTheCommandLinesBytes) {
  PostOnTimeAndLate();
  const std::string period = deadline::FormatPeriod(period_);
  const std::string today = deadline::FormatIsoDate(today_);

  HttpResponse csv = GetPage("/admin/compliance.csv?period=" + PeriodQuery(), cookie_);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  RunResult cli = RunProgram({BinaryPath("hub/gongkai-hub"), "compliance", "--dir", paths_.dir,
                              "--period", period, "--today", today, "--csv"},
                             tmp_.path());
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(csv.body, cli.out);
  // Something to compare: the late row of 红旗村 and the missing one of 东风村.
  EXPECT_NE(cli.out.find("红旗村,财务公开,0,1,0,0,0"), std::string::npos) << cli.out;
  EXPECT_NE(cli.out.find("东风村,村务公开,0,0,1,0,1"), std::string::npos) << cli.out;

  HttpResponse xlsx = GetPage("/admin/compliance.xlsx?period=" + PeriodQuery(), cookie_);
  ASSERT_EQ(xlsx.status, 200);
  const std::string file = tmp_.path() + "/公开情况.xlsx";
  RunResult written = RunProgram({BinaryPath("hub/gongkai-hub"), "compliance", "--dir", paths_.dir,
                                  "--period", period, "--today", today, "--xlsx", file},
                                 tmp_.path());
  ASSERT_EQ(written.exit_code, 0) << written.err;
  Result<std::string> bytes = ReadFile(file, 1 << 20);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(xlsx.body, *bytes);
}

}  // namespace
}  // namespace gongkai::hub::testing
