// The compliance page /admin/compliance (公开情况) and the public pages'
// posting records (hub/web/compliance_pages.cc, posting_html.cc;
// docs/hub-web.md § Compliance, § Public pages): the same report as
// `gongkai-hub compliance`, its downloads, a bad period, sign-in, and each
// row's latest postings with their photos.
#include "tests/hub/compliance_fixture.h"

namespace gongkai::hub::testing {
namespace {

// The start of a village's row in the per-village table.
std::string UnitCells(const std::string& unit) {
  return "<tr data-unit=\"" + unit + "\"><td data-label=\"单位\">" + unit + "</td>";
}

// The first counts.size() count cells of a table row, in the page's column
// order: 按时, 逾期, 缺失, 待公开, 不判定.
std::string CountCells(const std::vector<int>& counts) {
  static const std::pair<const char*, const char*> kColumns[] = {{"按时", "on-time"},
                                                                 {"逾期", "late"},
                                                                 {"缺失", "missing"},
                                                                 {"待公开", "due"},
                                                                 {"不判定", "not-judged"}};
  std::string html;
  for (size_t i = 0; i < counts.size(); ++i) {
    html += std::string("<td data-label=\"") + kColumns[i].first + "\"><span class=\"" +
            kColumns[i].second + "\">" + std::to_string(counts[i]) + "</span></td>";
  }
  return html;
}

TEST_F(WebComplianceTest, SignedOutIsSentToSignIn) {
  for (const char* path :
       {"/admin/compliance", "/admin/compliance.csv", "/admin/compliance.xlsx"}) {
    HttpResponse r = GetPage(std::string(path) + "?period=" + PeriodQuery());
    EXPECT_EQ(r.status, 303) << path;
    EXPECT_EQ(Header(r, "Location"), "/admin/login") << path;
    EXPECT_EQ(r.error_code, "not_signed_in") << path;
    EXPECT_EQ(r.body.find("红旗村"), std::string::npos) << path;
  }
}

TEST_F(WebComplianceTest, PageCountsOnTimeLateMissingPerVillageAndArea) {
  PostOnTimeAndLate();
  HttpResponse r = GetPage("/admin/compliance?period=" + PeriodQuery(), cookie_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Header(r, "X-Frame-Options"), "DENY");
  EXPECT_NE(Header(r, "Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  // The navigation links the page.
  EXPECT_NE(r.body.find("<a href=\"/admin/compliance\">公开情况</a>"), std::string::npos);
  // Per village: 红旗村 1 on time 1 late; 东风村 1 missing 1 not judged.
  EXPECT_NE(r.body.find(UnitCells("红旗村") + CountCells({1, 1, 0})), std::string::npos) << r.body;
  EXPECT_NE(r.body.find(UnitCells("东风村") + CountCells({0, 0, 1, 0, 1})), std::string::npos)
      << r.body;
  // Per village and area: 红旗村 / 财务公开 has the late one.
  EXPECT_NE(r.body.find("<td data-label=\"单位\">红旗村</td><td data-label=\"领域\">财务公开</td>" +
                        CountCells({0, 1})),
            std::string::npos);
  // The counts are the report's.
  Result<ComplianceReport> report =
      ReadComplianceReport(*db_, period_, today_, deadline::WorkCalendar::Default());
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->by_unit_area.at({"红旗村", "村务公开"}).on_time, 1);
  EXPECT_EQ(report->by_unit_area.at({"红旗村", "财务公开"}).late, 1);
  EXPECT_EQ(report->by_unit_area.at({"东风村", "村务公开"}).missing, 1);
}

TEST_F(WebComplianceTest, DrillDownShowsTheRowsOfOneVillage) {
  PostOnTimeAndLate();
  HttpResponse r =
      GetPage("/admin/compliance?period=" + PeriodQuery() + "&unit=" + gongkai::UrlEncode("东风村"),
              cookie_);
  ASSERT_EQ(r.status, 200);
  size_t rows = r.body.find("id=\"unit-rows\"");
  ASSERT_NE(rows, std::string::npos);
  std::string section = r.body.substr(rows, r.body.find("</section>", rows) - rows);
  EXPECT_NE(section.find("<span class=\"status missing\">缺失</span>"), std::string::npos)
      << section;
  EXPECT_NE(section.find("/rows/" + RowId(22)), std::string::npos);
  // The other village's rows are not in it; the row text is escaped.
  EXPECT_EQ(section.find(RowId(20)), std::string::npos);
  EXPECT_NE(section.find("&lt;b&gt;会议&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(r.body.find("<b>会议</b>"), std::string::npos);
  // 红旗村's late row says how late.
  HttpResponse h =
      GetPage("/admin/compliance?period=" + PeriodQuery() + "&unit=" + gongkai::UrlEncode("红旗村"),
              cookie_);
  // (posted 29+ days after the deadline, received later still: the days
  // are the receipt's).
  const int late = deadline::DaysBetween(deadline::FirstDay(period_), today_);
  EXPECT_NE(h.body.find("<span class=\"status late\">逾期（晚 " + std::to_string(late) +
                        " 天，镇里收到得晚）</span>"),
            std::string::npos)
      << h.body;
}

TEST_F(WebComplianceTest, BadPeriodIsRefusedWithItsReason) {
  for (const char* path :
       {"/admin/compliance", "/admin/compliance.csv", "/admin/compliance.xlsx"}) {
    HttpResponse r =
        GetPage(std::string(path) + "?period=" + gongkai::UrlEncode("2026年13月"), cookie_);
    EXPECT_EQ(r.status, 400) << path;
    EXPECT_EQ(r.error_code, "bad_period") << path;
    EXPECT_EQ(Header(r, "X-Gongkai-Error"), "bad_period") << path;
    EXPECT_NE(r.body.find("看不懂期间“2026年13月”"), std::string::npos) << path;
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8") << path;
  }
  HttpResponse r = GetPage("/admin/compliance?period=%3Cscript%3E", cookie_);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body.find("<script>"), std::string::npos);
}

TEST_F(WebComplianceTest, DefaultPeriodIsTheCurrentMonth) {
  HttpResponse r = GetPage("/admin/compliance", cookie_);
  ASSERT_EQ(r.status, 200);
  const std::string month =
      deadline::FormatPeriod(deadline::PeriodContaining(deadline::Cycle::kMonth, today_));
  EXPECT_NE(r.body.find("name=\"period\" id=\"period\" value=\"" + month + "\""),
            std::string::npos);
}

TEST_F(WebComplianceTest, XlsxDownloadIsTheReportsWorkbook) {
  PostOnTimeAndLate();
  HttpResponse r = GetPage("/admin/compliance.xlsx?period=" + PeriodQuery(), cookie_);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  Result<ComplianceReport> report =
      ReadComplianceReport(*db_, period_, today_, deadline::WorkCalendar::Default());
  ASSERT_TRUE(report.ok());
  Result<std::string> bytes = ComplianceXlsx(*report);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(r.body, *bytes);
  EXPECT_NE(Header(r, "Content-Disposition").find("attachment; filename=\"compliance.xlsx\""),
            std::string::npos);
}

TEST_F(WebComplianceTest, RowPageShowsTheLatestPostingsWithTheirPhotos) {
  AttachmentRef a = UploadAttachment(hongqi_, Png(3000, 'a'), "image/png", "公示栏-1.png");
  AttachmentRef b = UploadAttachment(hongqi_, Png(4000, 'b'), "image/png", "公示栏-2.png");
  AttachmentRef pdf = UploadAttachment(hongqi_, "%PDF-1.7\n" + std::string(500, 'p'),
                                       "application/pdf", "清单\".pdf");
  PostingOp old = Posting(RowId(20), last_);
  old.note = "旧的记录";
  Hash32 first = PostPostings(hongqi_, {old});
  PostingOp p = Posting(RowId(20), today_);
  p.attachments = {a, b, pdf};
  p.supersedes = first;
  PostPostings(hongqi_, {p});

  HttpResponse r = GetPage("/rows/" + RowId(20));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Header(r, "X-Content-Type-Options"), "nosniff");
  size_t at = r.body.find("id=\"postings\"");
  ASSERT_NE(at, std::string::npos);
  std::string section = r.body.substr(at, r.body.find("</section>", at) - at);
  // Two photos: two <img> of exactly their hashes, each linking to the image.
  size_t imgs = 0;
  for (size_t i = section.find("<img "); i != std::string::npos; i = section.find("<img ", i + 1)) {
    ++imgs;
  }
  EXPECT_EQ(imgs, 2u);
  for (const AttachmentRef& ref : {a, b}) {
    const std::string url = "/v1/attachments/" + HexEncode(ref.sha256);
    EXPECT_NE(section.find("<a href=\"" + url + "\" class=\"photo\"><img src=\"" + url + "\""),
              std::string::npos)
        << section;
  }
  // The PDF as a link, its name escaped.
  EXPECT_NE(
      section.find("<a href=\"/v1/attachments/" + HexEncode(pdf.sha256) + "\" class=\"file\""),
      std::string::npos);
  EXPECT_NE(section.find("清单&quot;.pdf（PDF）"), std::string::npos) << section;
  // Period, posted date, channels, display period; the note escaped.
  EXPECT_NE(section.find(deadline::FormatPeriod(period_)), std::string::npos);
  EXPECT_NE(section.find(kBoard), std::string::npos);
  EXPECT_NE(section.find(p.display_from + " 至 " + p.display_to), std::string::npos);
  EXPECT_NE(section.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(r.body.find("<script>"), std::string::npos);
  // The superseded record is not shown.
  EXPECT_EQ(section.find("旧的记录"), std::string::npos);
  EXPECT_EQ(section.find(HexEncode(first)), std::string::npos);
  // The photos are served with their type.
  HttpResponse img = GetPage("/v1/attachments/" + HexEncode(a.sha256));
  EXPECT_EQ(img.status, 200);
  EXPECT_EQ(img.content_type, "image/png");
}

TEST_F(WebComplianceTest, CatalogPageShowsEachRowsLatestPosting) {
  PostOnTimeAndLate();
  HttpResponse r = GetPage("/");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<th>最近公开</th>"), std::string::npos);
  EXPECT_NE(r.body.find("<a href=\"/rows/" + RowId(20) + "#postings\">" +
                        deadline::FormatPeriod(period_) + "<br><span class=\"meta\">" +
                        deadline::FormatIsoDate(today_) + " 公开</span></a>"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("<a href=\"/rows/" + RowId(22) +
                        "#postings\"><span class=\"meta\">暂无记录</span></a>"),
            std::string::npos);
}

}  // namespace
}  // namespace gongkai::hub::testing
