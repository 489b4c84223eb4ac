// The clerk's page for posting records (docs/station-ui.md § 公开记录): the
// row page's "记录公开" form with a photo upload, the row's records, and
// the page 本期应公开. Each refused input answers with its specific reason
// on the page and stores nothing — no record (the outbox, the store's
// fingerprint) and no attachment file.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/base/exit_code.h"
#include "core/base/hex.h"
#include "core/crypto/sha256.h"
#include "core/deadline/holiday_file.h"
#include "station/commands/due_report.h"
#include "station/commands/posting_entry.h"
#include "tests/station/ui_fixture.h"
#include "tests/testing/sample_rows.h"

namespace gongkai::station::testing {
namespace {

using ui::UiResponse;

// kNow is 2023-11-14 (UTC; 2023-11-15 in China).
const std::string kMonthlyId = "00000000-0000-4000-8000-0000000000a1";
const std::string kRetiredId = "00000000-0000-4000-8000-0000000000a2";
const std::string kUnparsedId = "00000000-0000-4000-8000-0000000000a3";
const std::string kBoard = "社区/企事业单位/村公示栏（电子屏）";
const std::string kWeb = "政府网站";

// A small PNG (the sniffer reads the signature and the IHDR chunk).
std::string Png(size_t size = 64) {
  std::string b("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
  b.resize(std::max(size, b.size()), 'x');
  return b;
}

bool Has(const UiResponse& r, const std::string& text) {
  return r.body.find(text) != std::string::npos;
}

struct Part {
  std::string name, value;
  std::optional<std::string> filename;
};

Row VillageRow(const std::string& id, const std::string& item, const std::string& time_limit) {
  Row r = SampleVillageRow();
  r.id = id;
  r.Set(Field::kItemL2, item);
  r.Set(Field::kTimeLimit, time_limit);
  r.Set(Field::kChannels, kWeb + "、" + kBoard);  // the canonical order
  return r;
}

class UiPostingTest : public UiTest {
 protected:
  void Approve(bool with_rows = true) {
    auto store = StationStore::Open(dir_);
    ASSERT_TRUE(store.ok());
    ApprovedUpdate u;
    u.version = 1;
    u.rows.Put(SampleRow());  // the town's (宝丰镇)
    if (with_rows) {
      u.rows.Put(VillageRow(kMonthlyId, "低保对象", "每月5日前"));
      Row retired = VillageRow(kRetiredId, "村规民约", "每月5日前");
      retired.retired = true;
      u.rows.Put(retired);
      u.rows.Put(VillageRow(kUnparsedId, "征地补偿", "按上级要求视情况张贴"));
    }
    u.hash = u.rows.Hash();
    ASSERT_TRUE(store->ApplyPulled(u, {}, kNow).ok());
  }

  UiResponse PostParts(const std::string& target, const std::vector<Part>& parts,
                       bool with_csrf = true) {
    const std::string b = "----WebKitFormBoundaryPost9";
    std::string body;
    if (with_csrf) {
      body +=
          "--" + b + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + kCsrf + "\r\n";
    }
    for (const Part& p : parts) {
      body += "--" + b + "\r\nContent-Disposition: form-data; name=\"" + p.name + "\"";
      if (p.filename) {
        body += "; filename=\"" + *p.filename + "\"\r\nContent-Type: application/octet-stream";
      }
      body += "\r\n\r\n" + p.value + "\r\n";
    }
    body += "--" + b + "--\r\n";
    ui::UiRequest r = Request("POST", target);
    r.content_type = "multipart/form-data; boundary=" + b;
    r.body = body;
    return app_->Handle(r);
  }

  // A valid posting of the monthly row for 2023年11月 with one photo.
  std::vector<Part> ValidPosting(const std::string& photo_name = "公示栏.png",
                                 const std::string& photo = Png()) {
    return {{"period", "2023年11月", {}}, {"posted", "2023-11-03", {}}, {"channel", kBoard, {}},
            {"from", "2023-11-03", {}},   {"to", "2023-11-10", {}},     {"note", "低保名单", {}},
            {"attach", photo, photo_name}};
  }

  std::vector<StationPosting> Postings() {
    auto store = StationStore::Open(dir_);
    EXPECT_TRUE(store.ok());
    auto p = store->LoadPostings(std::nullopt);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? *p : std::vector<StationPosting>{};
  }

  size_t AttachmentFiles() {
    std::string d = dir_ + "/attachments";
    if (!std::filesystem::exists(d)) return 0;
    size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(d)) n += e.is_regular_file();
    return n;
  }
};

TEST_F(UiPostingTest, RowPageHasTheFormPrefilledFromTheRowsSchedule) {
  Approve();
  UiResponse r = Get("/row/" + kMonthlyId);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Has(r, "id=\"posting-form\""));
  EXPECT_TRUE(Has(r, "enctype=\"multipart/form-data\""));
  EXPECT_TRUE(Has(r, "action=\"row/" + kMonthlyId + "/record\""));
  EXPECT_TRUE(Has(r, "id=\"p-period\" name=\"period\" value=\"2023年11月\""));  // 每月5日前
  EXPECT_TRUE(Has(r, "id=\"p-posted\" name=\"posted\" value=\"2023-11-14\""));
  EXPECT_TRUE(Has(r, "name=\"channel\" value=\"" + ui::Esc(kBoard) + "\""));
  EXPECT_TRUE(Has(r, "name=\"channel\" value=\"" + kWeb + "\""));
  EXPECT_TRUE(Has(r, "type=\"file\" id=\"p-attach\" name=\"attach\" multiple"));
  EXPECT_TRUE(Has(r, "name=\"csrf\" value=\"" + kCsrf + "\""));
  EXPECT_TRUE(Has(r, "id=\"records-none\""));
  // A time limit with no cycle: no period can be computed, the field is empty.
  UiResponse u = Get("/row/" + kUnparsedId);
  EXPECT_TRUE(Has(u, "id=\"p-period\" name=\"period\" value=\"\""));
  // Retired and another unit's rows: no form, a line saying why.
  UiResponse retired = Get("/row/" + kRetiredId);
  EXPECT_FALSE(Has(retired, "id=\"posting-form\""));
  EXPECT_TRUE(Has(retired, "已撤销，不能再登记公开记录"));
  UiResponse town = Get("/row/" + SampleRow().id);
  EXPECT_FALSE(Has(town, "id=\"posting-form\""));
}

TEST_F(UiPostingTest, RecordWithPhotoSealsTheRecordAndKeepsTheFile) {
  Approve();
  const std::string photo = Png(200);
  UiResponse r = PostParts("/row/" + kMonthlyId + "/record", ValidPosting("公示栏.png", photo));
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(HeaderOf(r, "Location"), "/row/" + kMonthlyId + "?msg=recorded");
  std::vector<StationPosting> all = Postings();
  ASSERT_EQ(all.size(), 1u);
  const PostingOp& op = all[0].op;
  EXPECT_EQ(op.row_id, kMonthlyId);
  EXPECT_EQ(op.period, "2023年11月");
  EXPECT_EQ(op.posted, "2023-11-03");
  EXPECT_EQ(op.channels, std::vector<std::string>{kBoard});
  EXPECT_EQ(op.display_from, "2023-11-03");
  EXPECT_EQ(op.display_to, "2023-11-10");
  EXPECT_EQ(op.note, "低保名单");
  ASSERT_EQ(op.attachments.size(), 1u);
  EXPECT_EQ(op.attachments[0].file_name, "公示栏.png");
  EXPECT_EQ(op.attachments[0].media_type, "image/png");
  EXPECT_EQ(op.attachments[0].size, photo.size());
  EXPECT_EQ(op.attachments[0].sha256, Sha256(photo));
  EXPECT_EQ(all[0].state, "sealed");
  EXPECT_TRUE(std::filesystem::exists(dir_ + "/attachments/" + HexEncode(Sha256(photo))));
  EXPECT_EQ(AttachmentFiles(), 1u);

  UiResponse page = Get("/row/" + kMonthlyId + "?msg=recorded");
  EXPECT_TRUE(Has(page, "已登记公开记录"));
  EXPECT_TRUE(Has(page, "id=\"rec-" + HexEncode(all[0].record_id).substr(0, 16) + "\""));
  EXPECT_TRUE(Has(page, "公示栏.png"));
  EXPECT_TRUE(Has(page, "未发送"));
}

TEST_F(UiPostingTest, SeveralChannelsAndNoneTickedIsRefusedAsOnTheCommandLine) {
  Approve();
  // Several channels and none ticked: the same refusal as the command line.
  UiResponse r = PostParts("/row/" + kMonthlyId + "/record",
                           {{"period", "2023年11月", {}}, {"posted", "2023-11-03", {}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(Has(r, "data-reason=\"missing_flag\"")) << r.body;
  EXPECT_TRUE(Postings().empty());
}

struct BadPosting {
  const char* what;
  std::string row;
  std::vector<std::pair<std::string, std::string>> set;  // fields replaced
  std::string photo_name;
  std::string photo;
  int status;
  const char* reason;
};

TEST_F(UiPostingTest, EveryBadInputShowsItsReasonAndStoresNothing) {
  Approve();
  const std::vector<BadPosting> cases = {
      {"oversized photo",
       kMonthlyId,
       {},
       "大.png",
       Png((10u << 20) + 1),
       413,
       "attachment_too_large"},
      {"a PDF named .jpg",
       kMonthlyId,
       {},
       "照片.jpg",
       "%PDF-1.4\n" + std::string(40, 'x'),
       400,
       "media_type_mismatch"},
      {"an HTML page",
       kMonthlyId,
       {},
       "page.png",
       "<html><script>x</script></html>",
       400,
       "unsupported_media_type"},
      {"empty file", kMonthlyId, {}, "空.png", "", 400, "empty_attachment"},
      {"posted in the future",
       kMonthlyId,
       {{"posted", "2023-12-01"}},
       "a.png",
       Png(),
       400,
       "posted_in_future"},
      {"display starts in the future",
       kMonthlyId,
       {{"from", "2023-12-01"}, {"to", "2023-12-08"}},
       "a.png",
       Png(),
       400,
       "display_in_future"},
      {"blank period", kMonthlyId, {{"period", ""}}, "a.png", Png(), 400, "empty_period"},
      {"a quarter for a monthly row",
       kMonthlyId,
       {{"period", "2023年第四季度"}},
       "a.png",
       Png(),
       400,
       "bad_period"},
      {"a period that is no period",
       kMonthlyId,
       {{"period", "下个月"}},
       "a.png",
       Png(),
       400,
       "bad_period"},
      {"bad date", kMonthlyId, {{"posted", "2023-11-31"}}, "a.png", Png(), 400, "bad_date"},
      {"display to before from",
       kMonthlyId,
       {{"to", "2023-11-01"}},
       "a.png",
       Png(),
       400,
       "bad_display_period"},
      {"channel not of the row",
       kMonthlyId,
       {{"channel", "微信群"}},
       "a.png",
       Png(),
       400,
       "channel_not_in_row"},
      {"retired row", kRetiredId, {}, "a.png", Png(), 409, "row_retired"},
      {"another unit's row",
       SampleRow().id,
       {{"channel", "政府网站"}},
       "a.png",
       Png(),
       403,
       "outside_unit"},
  };
  const std::string before = StoreFingerprint(dir_);
  for (const BadPosting& c : cases) {
    SCOPED_TRACE(c.what);
    std::vector<Part> parts = ValidPosting(c.photo_name, c.photo);
    for (const auto& [name, value] : c.set) {
      for (Part& p : parts) {
        if (p.name == name) p.value = value;
      }
    }
    UiResponse r = PostParts("/row/" + c.row + "/record", parts);
    EXPECT_EQ(r.status, c.status) << r.body.substr(0, 2000);
    EXPECT_TRUE(Has(r, "id=\"posting-error\" data-reason=\"" + std::string(c.reason) + "\""))
        << r.body.substr(0, 4000);
    EXPECT_EQ(StoreFingerprint(dir_), before);
    EXPECT_TRUE(Postings().empty());
    EXPECT_EQ(AttachmentFiles(), 0u);
  }
  // What the clerk typed is kept on a refused form (the photo must be chosen again).
  std::vector<Part> parts = ValidPosting();
  parts[1].value = "2023-12-01";
  UiResponse r = PostParts("/row/" + kMonthlyId + "/record", parts);
  EXPECT_TRUE(Has(r, "id=\"p-note\" name=\"note\">低保名单</textarea>"));
  EXPECT_TRUE(Has(r, "value=\"2023-12-01\""));
  // An unknown row: the error page, nothing stored.
  UiResponse unknown = PostParts("/row/ffffffff-0000-4000-8000-000000000000/record", parts);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(HeaderOf(unknown, "X-Gongkai-Reason"), "unknown_id");
  // No CSRF token: refused before anything is read.
  UiResponse no_csrf = PostParts("/row/" + kMonthlyId + "/record", ValidPosting(), false);
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(HeaderOf(no_csrf, "X-Gongkai-Reason"), "bad_csrf");
  EXPECT_EQ(StoreFingerprint(dir_), before);
  EXPECT_TRUE(Postings().empty());
  EXPECT_EQ(AttachmentFiles(), 0u);
}

TEST_F(UiPostingTest, RecordsAreListedLatestFirstWithTheSupersededMarked) {
  Approve();
  auto store = StationStore::Open(dir_);
  ASSERT_TRUE(store.ok());
  PostingEntry first;
  first.row = kMonthlyId;
  first.period = "2023年10月";
  first.posted = "2023-10-03";
  first.channels = {kBoard};
  auto a = RecordPostingEntry(*store, first, kNow);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  PostingEntry fix = first;
  fix.posted = "2023-10-04";
  fix.supersedes = a->posting.record_id;
  auto b = RecordPostingEntry(*store, fix, kNow + 1);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  // Correcting the first one again cannot ever pass: a person must correct
  // the newest (exit 5, refused), not "try again later".
  auto again = RecordPostingEntry(*store, fix, kNow + 2);
  EXPECT_EQ(again.status().reason(), "already_superseded");
  EXPECT_EQ(again.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(ExitCodeFor(again.status(), ExitDetail::kByCode), 5);
  UiResponse r = Get("/row/" + kMonthlyId);
  const std::string old_id = HexEncode(a->posting.record_id).substr(0, 16);
  const std::string new_id = HexEncode(b->posting.record_id).substr(0, 16);
  size_t at_new = r.body.find("id=\"rec-" + new_id + "\"");
  size_t at_old = r.body.find("id=\"rec-" + old_id + "\"");
  ASSERT_NE(at_new, std::string::npos);
  ASSERT_NE(at_old, std::string::npos);
  EXPECT_LT(at_new, at_old);  // latest first
  EXPECT_NE(r.body.find("class=\"superseded\"", at_old), std::string::npos);
  EXPECT_EQ(r.body.substr(at_new, 200).find("superseded"), std::string::npos);
  EXPECT_TRUE(Has(r, "已被更正"));
}

TEST_F(UiPostingTest, DuePageShowsDueOverdueAndDoneAsTheCommand) {
  Approve();
  UiResponse r = Get("/due");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Has(r, "<a href=\"due\" class=\"active\" aria-current=\"page\">本期应公开</a>"));
  // 2023-11-14: October's 5th has passed with no record (overdue); November's
  // 5th too; the unparsed row is said so; the retired row is not listed.
  EXPECT_TRUE(Has(r, "id=\"due-missing\""));
  EXPECT_TRUE(Has(r, "data-row=\"" + kMonthlyId + "\" data-status=\"missing\""));
  EXPECT_TRUE(Has(r, "data-row=\"" + kUnparsedId + "\" data-status=\"unparsed\""));
  EXPECT_TRUE(Has(r, "时限无法自动计算"));
  EXPECT_FALSE(Has(r, kRetiredId));
  EXPECT_TRUE(Has(r, "id=\"due-done-none\""));

  ASSERT_EQ(PostParts("/row/" + kMonthlyId + "/record", ValidPosting()).status, 303);
  UiResponse after = Get("/due");
  EXPECT_TRUE(Has(after, "data-row=\"" + kMonthlyId + "\" data-status=\"on_time\""));
  EXPECT_TRUE(Has(after, "已公开（按时）"));
  // The command computes the same.
  auto store = StationStore::Open(dir_);
  ASSERT_TRUE(store.ok());
  auto cal = deadline::LoadWorkCalendar(std::nullopt);
  ASSERT_TRUE(cal.ok());
  auto report = ComputeDue(*store, std::nullopt, deadline::MakeDate(2023, 11, 14), *cal);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->counts["on_time"], 1);
  EXPECT_EQ(report->counts["missing"], 1);  // October's
  EXPECT_EQ(report->counts["unparsed"], 1);
  // A period given in the query; a bad one is refused.
  EXPECT_TRUE(Has(Get("/due?period=2023-10"), "期间 2023年10月"));
  UiResponse bad = Get("/due?period=tomorrow");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(HeaderOf(bad, "X-Gongkai-Reason"), "bad_period");
}

TEST_F(UiPostingTest, DuePageOfAStationWithoutRowsPointsToImport) {
  Approve(false);
  UiResponse r = Get("/due");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r, "id=\"due-empty\""));
  EXPECT_TRUE(Has(r, kNoRowsYet));
  EXPECT_TRUE(Has(r, "href=\"import\""));
  EXPECT_FALSE(Has(r, "id=\"due-missing\""));
}

}  // namespace
}  // namespace gongkai::station::testing
