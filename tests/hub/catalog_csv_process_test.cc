// `gongkai-hub catalog --csv` neutralises formula-like cells (issue 21, 4):
// text a station sent that starts with = + - @ (or a tab, a carriage
// return) is written with a leading apostrophe (docs/formats/csv.md), so
// Excel/WPS show it as text instead of running it; plain text is written
// as it is. Real programs: a station syncs, the hub approves, the hub's
// command exports.
#include <gtest/gtest.h>

#include "tests/testing/town.h"

namespace gongkai::testing {
namespace {

class CatalogCsvProcessTest : public TownTest {};

TEST_F(CatalogCsvProcessTest, FormulaLikeCellsAreExportedAsText) {
  std::string hongqi = town_.AddStation("hongqi-01", "红旗村");
  const std::string link = "=HYPERLINK(\"http://evil.example/\",\"点此查看\")";
  town_.AddRow(hongqi, "财务收支",
               {"--notes", link, "--channels-other", "@SUM(1+1)", "--contact", "+86 0375-1234567"});
  ASSERT_EQ(town_.Station({"sync", "--dir", hongqi}).exit_code, 0);
  RunResult approve = town_.Hub({"approve", "--dir", town_.hub_dir(), "--all"});
  ASSERT_EQ(approve.exit_code, 0) << approve.err;

  RunResult csv = town_.Hub({"catalog", "--dir", town_.hub_dir(), "--csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  // The CSV quotes a field with a quote in it; the marker is inside.
  EXPECT_NE(csv.out.find("\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"点此查看\"\")\""),
            std::string::npos)
      << csv.out;
  EXPECT_NE(csv.out.find("'@SUM(1+1)"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("'+86 0375-1234567"), std::string::npos) << csv.out;
  EXPECT_EQ(csv.out.find(",=HYPERLINK"), std::string::npos) << csv.out;
  EXPECT_EQ(csv.out.find(",@SUM"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("《村民委员会组织法》第三十条"), std::string::npos)
      << "plain text as it is";

  // The catalog itself keeps the value exactly as the station sent it.
  boost::json::value catalog = town_.HubJson({"catalog", "--dir", town_.hub_dir(), "--json"});
  ASSERT_EQ(catalog.at("rows").as_array().size(), 1u);
  EXPECT_EQ(catalog.at("rows").as_array()[0].at("notes").as_string(), link);
}

}  // namespace
}  // namespace gongkai::testing
