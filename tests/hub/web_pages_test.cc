// The hub's web pages at the request → response level: the administrator
// sees each change set as an old → new diff and each conflict side by
// side, resolves, approves and rejects — signed exactly as on the command
// line, so the log stays valid for the auditor — and the public pages show
// the approved catalog, searchable, with each row's history and the
// checkpoint. Text from rows, notes and reasons is shown as text on every
// page (<script> never reaches a page as markup).
#include <gtest/gtest.h>

#include <thread>

#include "core/audit/log_verifier.h"
#include "core/csv/catalog_csv.h"
#include "core/xlsx/sheet_file.h"
#include "hub/review/catalog_history.h"
#include "hub/review/review_store.h"
#include "hub/store/log_table.h"
#include "hub/store/station_table.h"
#include "hub/web/html.h"
#include "tests/hub/web_fixture.h"

namespace gongkai::hub::testing {
namespace {

constexpr const char* kScript = "<script>alert(1)</script>";
constexpr const char* kEscaped = "&lt;script&gt;alert(1)&lt;/script&gt;";

class WebPagesTest : public WebFixture {
 protected:
  static void ExpectShownAsText(const HttpResponse& r, const std::string& where) {
    EXPECT_EQ(r.status, 200) << where;
    EXPECT_EQ(r.body.find("<script"), std::string::npos) << where;
    EXPECT_NE(r.body.find(kEscaped), std::string::npos) << where;
  }
};

TEST_F(WebPagesTest, QueueShowsTheDiffWithFieldLabels) {
  ApproveFirstRow();
  ASSERT_EQ(PostNext(hongqi_, {SetContact(RowId(10), "0375-1111111", "0375-2222222")}).status, 200);
  SignIn();
  HttpResponse r = GetPage("/admin", cookie_);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("hongqi-01 第 2 批"), std::string::npos);
  EXPECT_NE(r.body.find("<td data-label=\"栏目\">咨询电话</td>"), std::string::npos);
  EXPECT_NE(r.body.find("class=\"old\"><span class=\"value\">0375-1111111"), std::string::npos);
  EXPECT_NE(r.body.find("class=\"new\"><span class=\"value\">0375-2222222"), std::string::npos);
  EXPECT_NE(r.body.find("生成第 2 版"), std::string::npos);
}

TEST_F(WebPagesTest, ResolveThenApproveIsSignedByTheSignedInAdministrator) {
  ApproveFirstRow();
  std::string conflict = MakeConflict();
  SignIn();
  HttpResponse page = GetPage("/admin", cookie_);
  EXPECT_NE(page.body.find("id=\"" + conflict + "\""), std::string::npos);
  EXPECT_NE(page.body.find("0375-2222222"), std::string::npos);
  EXPECT_NE(page.body.find("0375-3333333"), std::string::npos);

  // Approving first is refused: the conflict is open; nothing written.
  Hash32 before = WebStateDigest(db_path());
  HttpResponse refused = PostForm("/admin/approve", "csrf=" + csrf_ + ReviewedFields());
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.error_code, "unresolved_conflict");
  EXPECT_EQ(WebStateDigest(db_path()), before);

  HttpResponse resolved = PostForm("/admin/resolve", "csrf=" + csrf_ + "&conflict=" + conflict +
                                                         "&action=value&value=0375-4444444");
  ASSERT_EQ(resolved.status, 303) << resolved.error_code << resolved.body;
  EXPECT_EQ(Header(resolved, "Location"), "/admin?done=resolved");
  HttpResponse approved =
      PostForm("/admin/approve", "csrf=" + csrf_ + "&note=%E7%BD%91%E9%A1%B5" + ReviewedFields());
  ASSERT_EQ(approved.status, 303) << approved.error_code << approved.body;
  EXPECT_EQ(Header(approved, "Location"), "/admin?done=approved&version=2");

  Result<std::optional<VersionRecord>> v2 = FindVersion(*db_, 2);
  ASSERT_TRUE(v2.ok() && *v2);
  EXPECT_EQ((*v2)->admin, "zhang");
  EXPECT_EQ((*v2)->note, "网页");
  EXPECT_EQ((*v2)->decided_at, now_);
  ExpectLogValid();

  EXPECT_NE(GetPage("/admin?done=approved&version=2", cookie_).body.find("生成第 2 版目录"),
            std::string::npos);
  EXPECT_NE(GetPage("/", "").body.find("0375-4444444"), std::string::npos);
  HttpResponse history = GetPage("/rows/" + RowId(10));
  EXPECT_NE(history.body.find("第 2 版批准（zhang"), std::string::npos);
  EXPECT_NE(history.body.find("取值 0375-4444444"), std::string::npos);
  HttpResponse versions = GetPage("/admin/versions", cookie_);
  EXPECT_NE(versions.body.find("第 2 版"), std::string::npos);
  EXPECT_NE(versions.body.find("hongqi-02 第 1 批"), std::string::npos);
}

// Issue 21 (3): a change set uploaded while the page was open is not
// approved with what the administrator saw.
TEST_F(WebPagesTest, ApprovalOfAStaleReviewIsRefusedAndShowsTheNewReview) {
  ApproveFirstRow();
  ASSERT_EQ(PostNext(hongqi_, {SetContact(RowId(10), "0375-1111111", "0375-2222222")}).status, 200);
  SignIn();
  std::string shown = ReviewedFields();  // the page the administrator reads
  ASSERT_NE(shown.find("&changesets="), std::string::npos);
  // Meanwhile another upload arrives.
  ASSERT_EQ(PostNext(hongqi_, {SetContact(RowId(10), "0375-2222222", "0375-9999999")}).status, 200);
  Hash32 before = WebStateDigest(db_path());
  HttpResponse stale = PostForm("/admin/approve", "csrf=" + csrf_ + shown);
  ASSERT_EQ(stale.status, 303) << stale.error_code << stale.body;
  EXPECT_EQ(Header(stale, "Location"), "/admin?done=stale_review");
  EXPECT_EQ(WebStateDigest(db_path()), before);
  Result<std::optional<VersionRecord>> v2 = FindVersion(*db_, 2);
  ASSERT_TRUE(v2.ok());
  EXPECT_FALSE(*v2);
  HttpResponse page = GetPage("/admin?done=stale_review", cookie_);
  EXPECT_NE(page.body.find("[stale_review]"), std::string::npos);
  EXPECT_NE(page.body.find("0375-9999999"), std::string::npos);  // the new diff

  // A form without the reviewed fields is refused the same way.
  EXPECT_EQ(Header(PostForm("/admin/approve", "csrf=" + csrf_), "Location"),
            "/admin?done=stale_review");
  EXPECT_EQ(WebStateDigest(db_path()), before);

  // Approving what the page shows now works and includes both.
  HttpResponse ok = PostForm("/admin/approve", "csrf=" + csrf_ + ReviewedFields());
  ASSERT_EQ(ok.status, 303) << ok.error_code << ok.body;
  EXPECT_EQ(Header(ok, "Location"), "/admin?done=approved&version=2");
  ExpectLogValid();
}

// The form's bytes (docs/hub-web.md § Approving what was shown).
TEST_F(WebPagesTest, ApproveFormCarriesTheReviewedHashAndIds) {
  ApproveFirstRow();
  ASSERT_EQ(PostNext(hongqi_, {SetContact(RowId(10), "0375-1111111", "0375-2222222")}).status, 200);
  ASSERT_EQ(PostNext(hongqi_, {SetContact(RowId(10), "0375-2222222", "0375-3333333")}).status, 200);
  SignIn();
  Result<ProposedHead> head = BuildProposedHead(*db_);
  ASSERT_TRUE(head.ok());
  ASSERT_EQ(head->undecided.size(), 2u);
  std::string expected =
      "<input type=\"hidden\" name=\"expect\" value=\"" + HexEncode(head->proposed.Hash()) +
      "\"><input type=\"hidden\" name=\"changesets\" value=\"" +
      HexEncode(head->undecided[0].meta.id) + "," + HexEncode(head->undecided[1].meta.id) + "\">";
  EXPECT_NE(GetPage("/admin", cookie_).body.find(expected), std::string::npos) << expected;
}

// A resolution changed by another administrator after the page was read
// changes the result: the same hash no longer matches.
TEST_F(WebPagesTest, ApprovalAfterTheResultChangedIsStale) {
  ApproveFirstRow();
  std::string conflict = MakeConflict();
  SignIn();
  ASSERT_EQ(PostForm("/admin/resolve",
                     "csrf=" + csrf_ + "&conflict=" + conflict + "&action=value&value=0375-4444444")
                .status,
            303);
  std::string shown = ReviewedFields();
  ASSERT_EQ(PostForm("/admin/resolve",
                     "csrf=" + csrf_ + "&conflict=" + conflict + "&action=value&value=0375-5555555")
                .status,
            303);
  Hash32 before = WebStateDigest(db_path());
  HttpResponse stale = PostForm("/admin/approve", "csrf=" + csrf_ + shown);
  EXPECT_EQ(Header(stale, "Location"), "/admin?done=stale_review");
  EXPECT_EQ(WebStateDigest(db_path()), before);
}

// Issue 21 (5): /rows/{id} answers from an index that verifies each log
// entry once; a request no longer verifies the whole log again. Entries
// appended later are verified (and shown) on the next request.
TEST_F(WebPagesTest, RowHistoryVerifiesEachEntryOnlyOnce) {
  ApproveFirstRow();
  HttpResponse first = GetPage("/rows/" + RowId(10));
  ASSERT_EQ(first.status, 200);
  // Damage an entry already verified: a whole-log re-verification per
  // request would now fail; the index does not read it again.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE log_entries SET entry = x'00' WHERE idx = 1", nullptr, nullptr,
                         nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  ASSERT_EQ(PostNext(hongqi_, {SetContact(RowId(10), "0375-1111111", "0375-7777777")}).status, 200);
  HttpResponse second = GetPage("/rows/" + RowId(10));
  ASSERT_EQ(second.status, 200) << second.error_code;
  EXPECT_NE(second.body.find("0375-7777777"), std::string::npos);  // the new entry, verified
  EXPECT_EQ(GetPage("/rows/" + RowId(99)).error_code, "unknown_row");
}

// Issue 21 (5): 32 requests at once for /rows (known and unknown ids) do
// no verification of the log beyond what was verified before: with an
// already verified entry damaged, every one of them is still answered from
// the index (a request that re-verified the log would fail), and health is
// answered meanwhile.
TEST_F(WebPagesTest, ParallelRowRequestsDoNotVerifyTheLogAgain) {
  ApproveFirstRow();
  ASSERT_EQ(GetPage("/rows/" + RowId(10)).status, 200);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE log_entries SET entry = x'00' WHERE idx >= 1", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  std::vector<std::thread> threads;
  std::vector<std::string> codes(32);
  std::vector<int> statuses(32);
  for (size_t i = 0; i < 32; ++i) {
    threads.emplace_back([&, i] {
      HttpResponse r = GetPage("/rows/" + RowId(i % 2 == 0 ? 10 : 99));
      statuses[i] = r.status;
      codes[i] = r.error_code;
    });
  }
  HttpRequest health;
  health.method = "GET";
  health.target = "/v1/health";
  EXPECT_EQ(api_->HandleSync(health).status, 200);
  for (std::thread& t : threads) t.join();
  for (size_t i = 0; i < 32; ++i) {
    if (i % 2 == 0) {
      EXPECT_EQ(statuses[i], 200) << i << " " << codes[i];
    } else {
      EXPECT_EQ(codes[i], "unknown_row") << i;
    }
  }
}

// Issue 21 (7): a big change set does not make the review page enormous:
// the first ops and the count there, the rest page by page.
TEST_F(WebPagesTest, LargeChangeSetIsSummarisedAndPaged) {
  ApproveFirstRow();
  std::vector<Op> ops;
  std::string before = "0375-1111111";
  for (int i = 1; i <= 250; ++i) {
    std::string value = "值" + std::to_string(1000 + i);
    ops.push_back(SetContact(RowId(10), before, value));
    before = value;
  }
  ASSERT_EQ(PostNext(hongqi_, ops).status, 200);
  SignIn();
  Result<ProposedHead> head = BuildProposedHead(*db_);
  ASSERT_TRUE(head.ok());
  std::string hex = HexEncode(head->undecided[0].meta.id);
  HttpResponse queue = GetPage("/admin", cookie_);
  ASSERT_EQ(queue.status, 200);
  EXPECT_NE(queue.body.find("值1050"), std::string::npos);
  EXPECT_EQ(queue.body.find("值1052"), std::string::npos) << "op 52 is on the review page";
  EXPECT_NE(queue.body.find("共 250 项修改，这里显示前 50 项"), std::string::npos);
  EXPECT_NE(queue.body.find("/admin/changesets/" + hex), std::string::npos);

  HttpResponse first = GetPage("/admin/changesets/" + hex, cookie_);
  ASSERT_EQ(first.status, 200) << first.error_code;
  EXPECT_NE(first.body.find("值1200"), std::string::npos);
  EXPECT_EQ(first.body.find("值1202"), std::string::npos);
  EXPECT_NE(first.body.find("?page=1"), std::string::npos);
  HttpResponse second = GetPage("/admin/changesets/" + hex + "?page=1", cookie_);
  EXPECT_NE(second.body.find("值1250"), std::string::npos);
  EXPECT_NE(second.body.find("第 201–250 项"), std::string::npos);
  EXPECT_EQ(GetPage("/admin/changesets/" + std::string(64, 'a'), cookie_).error_code,
            "unknown_changeset");
  EXPECT_EQ(GetPage("/admin/changesets/" + hex).status, 303);  // not signed in
}

TEST_F(WebPagesTest, TakeAndKeepResolveLikeTheCommandLine) {
  ApproveFirstRow();
  std::string conflict = MakeConflict();
  SignIn();
  Result<ProposedHead> head = BuildProposedHead(*db_);
  ASSERT_TRUE(head.ok());
  std::string incoming = HexEncode(head->conflicts[0].conflict.changeset);
  ASSERT_EQ(PostForm("/admin/resolve",
                     "csrf=" + csrf_ + "&conflict=" + conflict + "&action=take&take=" + incoming)
                .status,
            303);
  head = BuildProposedHead(*db_);
  ASSERT_TRUE(head->conflicts[0].resolution);
  EXPECT_EQ(head->conflicts[0].resolution->resolution.action, ResolutionAction::kIncoming);
  EXPECT_EQ(head->conflicts[0].resolution->admin, "zhang");
  ASSERT_EQ(
      PostForm("/admin/resolve", "csrf=" + csrf_ + "&conflict=" + conflict + "&action=keep").status,
      303);
  head = BuildProposedHead(*db_);
  EXPECT_EQ(head->conflicts[0].resolution->resolution.action, ResolutionAction::kKeep);

  Hash32 before = WebStateDigest(db_path());
  HttpResponse bad =
      PostForm("/admin/resolve", "csrf=" + csrf_ + "&conflict=c-0000000000&action=keep");
  EXPECT_EQ(bad.status, 404);
  EXPECT_EQ(bad.error_code, "unknown_conflict");
  HttpResponse odd =
      PostForm("/admin/resolve", "csrf=" + csrf_ + "&conflict=" + conflict + "&action=guess");
  EXPECT_EQ(odd.status, 400);
  EXPECT_EQ(odd.error_code, "bad_resolution");
  EXPECT_EQ(WebStateDigest(db_path()), before);
}

TEST_F(WebPagesTest, BlankValueForARequiredFieldIsRefusedLikeTheCommandLine) {
  ApproveFirstRow();
  std::string conflict = MakeTimeLimitConflict(hongqi_, hongqi2_);
  ASSERT_FALSE(conflict.empty());
  SignIn();
  Hash32 before = WebStateDigest(db_path());
  for (const char* blank : {"", "+++", "%E3%80%80", "%09"}) {
    HttpResponse r = PostForm("/admin/resolve", "csrf=" + csrf_ + "&conflict=" + conflict +
                                                    "&action=value&value=" + blank);
    EXPECT_EQ(r.status, 400) << blank;
    EXPECT_EQ(r.error_code, "empty_required") << blank;
  }
  EXPECT_EQ(WebStateDigest(db_path()), before);
}

TEST_F(WebPagesTest, RejectWithAReason) {
  ApproveFirstRow();
  ASSERT_EQ(PostNext(hongqi_, {SetContact(RowId(10), "0375-1111111", "0375-2222222")}).status, 200);
  SignIn();
  Result<ProposedHead> head = BuildProposedHead(*db_);
  ASSERT_TRUE(head.ok());
  std::string id = HexEncode(head->undecided[0].meta.id);
  Hash32 before = WebStateDigest(db_path());
  HttpResponse empty = PostForm("/admin/reject", "csrf=" + csrf_ + "&changeset=" + id + "&reason=");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.error_code, "empty_reason");
  EXPECT_EQ(WebStateDigest(db_path()), before);
  // The first step answers the confirmation page and signs nothing.
  const std::string form = "csrf=" + csrf_ + "&changeset=" + id +
                           "&reason=%E7%94%B5%E8%AF%9D%E5%8F%B7%E7%A0%81%E4%B8%8D%E5%AF%B9";
  HttpResponse confirm = PostForm("/admin/reject", form);
  ASSERT_EQ(confirm.status, 200) << confirm.error_code;
  EXPECT_NE(confirm.body.find("name=\"confirmed\" value=\"1\""), std::string::npos);
  EXPECT_NE(confirm.body.find("电话号码不对</textarea>"), std::string::npos);
  EXPECT_EQ(WebStateDigest(db_path()), before);
  HttpResponse r = PostForm("/admin/reject", form + "&confirmed=1");
  ASSERT_EQ(r.status, 303) << r.error_code;
  Result<std::optional<Decision>> d = FindDecision(*db_, head->undecided[0].meta.id);
  ASSERT_TRUE(d.ok() && *d);
  EXPECT_FALSE((*d)->approved);
  EXPECT_EQ((*d)->reason, "电话号码不对");
  ExpectLogValid();
  EXPECT_NE(GetPage("/rows/" + RowId(10)).body.find("电话号码不对"), std::string::npos);
}

TEST_F(WebPagesTest, StationsShowTheirLastContact) {
  ApproveFirstRow();
  SignIn();
  HttpResponse r = GetPage("/admin/stations", cookie_);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("hongqi-01"), std::string::npos);
  EXPECT_NE(r.body.find("第 1–1 批"), std::string::npos);
  EXPECT_NE(r.body.find("还没有上传过"), std::string::npos);  // dongfeng-01
}

TEST_F(WebPagesTest, StationsShowRefusedUploadsAndEnrolAnAttemptInOneStep) {
  // hongqi-01 skips a seq; xinfeng-01 is not enrolled and says who it is.
  TestStation ahead = hongqi_;
  ahead.seq = 4;
  ahead.prev.fill(7);
  ASSERT_EQ(PostNext(ahead, {CreateRow(RowId(10), "红旗村")}).status, 409);
  TestStation xinfeng{"xinfeng-01", "新丰村", KeyFromByte(0x58)};
  std::string vkey = xinfeng.verifier_key().ToString();
  HttpRequest req;
  req.method = "POST";
  req.target = "/v1/changesets";
  req.content_type = "application/octet-stream";
  Bytes body = Batch({xinfeng.Seal(xinfeng.Next({CreateRow(RowId(30), "新丰村")}))});
  req.body.assign(body.begin(), body.end());
  req.station_key = vkey;
  req.station_unit = "%E6%96%B0%E4%B8%B0%E6%9D%91";
  ASSERT_EQ(api_->HandleSync(req).status, 403);

  SignIn();
  HttpResponse page = GetPage("/admin/stations", cookie_);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("上传被拒收"), std::string::npos);
  EXPECT_NE(page.body.find("seq_gap"), std::string::npos);
  EXPECT_NE(page.body.find("未登记的站点尝试上传"), std::string::npos);
  EXPECT_NE(page.body.find(vkey), std::string::npos);
  EXPECT_NE(page.body.find("action=\"/admin/stations/enroll\""), std::string::npos);
  EXPECT_NE(page.body.find("打电话"), std::string::npos);

  Hash32 before = WebStateDigest(db_path());
  HttpResponse unknown = PostForm("/admin/stations/enroll", "csrf=" + csrf_ + "&station=nobody-01");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.error_code, "no_attempt");
  EXPECT_EQ(WebStateDigest(db_path()), before);

  HttpResponse r =
      PostForm("/admin/stations/enroll", "csrf=" + csrf_ + "&station=xinfeng-01&unit=+");
  ASSERT_EQ(r.status, 303) << r.error_code;
  std::optional<StationRecord> rec = FindStation(*db_, "xinfeng-01").value();
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->unit, "新丰村");  // a blank unit field keeps the offered unit
  EXPECT_EQ(rec->key, xinfeng.key.public_key());
  EXPECT_EQ(rec->enrolled_by, "zhang");  // signed by the signed-in administrator
  ExpectLogValid();
  HttpResponse after = GetPage("/admin/stations?done=enrolled", cookie_);
  EXPECT_EQ(after.body.find("未登记的站点尝试上传"), std::string::npos);
  EXPECT_NE(after.body.find("已登记"), std::string::npos);
}

TEST_F(WebPagesTest, PublicCatalogIsSearchableByTextAndArea) {
  ApproveFirstRow("村级财务收支明细");
  HttpResponse all = GetPage("/");
  ASSERT_EQ(all.status, 200);
  EXPECT_NE(all.body.find("村级财务收支明细"), std::string::npos);
  EXPECT_NE(all.body.find("href=\"/rows/" + RowId(10) + "\""), std::string::npos);
  EXPECT_NE(all.body.find("共 1 条"), std::string::npos);
  EXPECT_NE(all.body.find("town.example/gongkai"), std::string::npos);  // the checkpoint
  EXPECT_NE(GetPage("/?q=%E8%B4%A2%E5%8A%A1").body.find("共 1 条"), std::string::npos);  // 财务
  EXPECT_NE(GetPage("/?q=nothing-like-this").body.find("共 0 条"), std::string::npos);
  std::string area = VillageRow(RowId(10), "红旗村").Get(Field::kArea);
  EXPECT_NE(GetPage("/?area=" + web::UrlEncode(area)).body.find("共 1 条"), std::string::npos);
  EXPECT_NE(GetPage("/?area=%E6%95%91%E7%81%BE").body.find("共 0 条"), std::string::npos);
}

// The public page's downloads: the latest approved catalog as .xlsx and CSV
// (docs/formats/xlsx.md, csv.md), read back with the import's own reader.
TEST_F(WebPagesTest, PublicCatalogDownloadsAsWorkbookAndCsv) {
  ApproveFirstRow("=收支明细");
  EXPECT_NE(GetPage("/").body.find("href=\"/catalog.xlsx\""), std::string::npos);
  HttpResponse xlsx = GetPage("/catalog.xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  CsvImportOptions options;
  options.unit = "红旗村";
  Result<SheetFileImport> back = ReadCatalogFile(xlsx.body, "catalog.xlsx", options);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->import.rows.size(), 1u);
  Row expected = VillageRow(RowId(10), "红旗村");
  expected.Set(Field::kContact, "0375-1111111");
  expected.Set(Field::kContent, "=收支明细");
  EXPECT_EQ(back->import.rows[0], expected);
  HttpResponse csv = GetPage("/catalog.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find(",'=收支明细,"), std::string::npos) << "formula marker";
  Result<std::vector<Row>> rows = ParseCatalogCsv(csv.body, options);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, std::vector<Row>{expected});
}

TEST_F(WebPagesTest, UnknownRowIs404) {
  HttpResponse r = GetPage("/rows/00000000-0000-4000-8000-999999999999");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.error_code, "unknown_row");
}

TEST_F(WebPagesTest, ScriptInRowTextIsShownAsTextOnEveryPage) {
  ApproveFirstRow(kScript);
  ExpectShownAsText(GetPage("/"), "public list");
  ExpectShownAsText(GetPage("/rows/" + RowId(10)), "row history");
  ExpectShownAsText(GetPage("/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"), "search echo");

  // A pending diff and a conflict whose values are markup.
  ASSERT_EQ(PostNext(hongqi_, {SetContact(RowId(10), "0375-1111111", kScript)}).status, 200);
  ASSERT_EQ(PostNext(hongqi2_, {SetContact(RowId(10), "0375-1111111", std::string(kScript) + "2")})
                .status,
            200);
  SignIn();
  HttpResponse queue = GetPage("/admin", cookie_);
  ExpectShownAsText(queue, "pending diff and conflict view");
  EXPECT_NE(queue.body.find("class=\"new\"><span class=\"value\">" + std::string(kEscaped)),
            std::string::npos);
  EXPECT_NE(queue.body.find("<div class=\"incoming\"><h4>本变更集要改成 ← hongqi-02 第 1 批"),
            std::string::npos);
  EXPECT_NE(queue.body.find(std::string(kEscaped) + "2"), std::string::npos);
}

TEST_F(WebPagesTest, ScriptInNotesAndReasonsIsShownAsText) {
  ApproveFirstRow();
  ChangeSet cs = hongqi_.Next({SetContact(RowId(10), "0375-1111111", "0375-2")}, kScript);
  ASSERT_EQ(Post(Batch({hongqi_.Seal(cs)})).status, 200);
  hongqi_.Accepted(cs);
  SignIn();
  ExpectShownAsText(GetPage("/admin", cookie_), "change set note");
  Result<ProposedHead> head = BuildProposedHead(*db_);
  ASSERT_TRUE(head.ok());
  ASSERT_EQ(PostForm("/admin/reject", "csrf=" + csrf_ +
                                          "&changeset=" + HexEncode(head->undecided[0].meta.id) +
                                          "&reason=%3Cscript%3Ealert(1)%3C%2Fscript%3E&confirmed=1")
                .status,
            303);
  ExpectShownAsText(GetPage("/rows/" + RowId(10)), "rejection reason in history");
}

}  // namespace
}  // namespace gongkai::hub::testing
