// The station page at the request → response level (station/ui/ui_app.h):
// pages render; add, edit and retire through the standard form with valid
// and invalid input (the specific reason next to the field, nothing
// written); a row text with <script> is shown as text; the sync button;
// import and export.
#include <gtest/gtest.h>

#include "core/catalog/fields.h"
#include "tests/station/ui_fixture.h"
#include "tests/testing/sample_rows.h"
#include "tests/testing/workbook_builder.h"

namespace gongkai::station::testing {
namespace {

using ui::UiResponse;

bool Has(const UiResponse& r, const std::string& text) {
  return r.body.find(text) != std::string::npos;
}

// The error element the form shows next to a field.
std::string FieldError(const std::string& key, const std::string& reason) {
  return "id=\"err-" + key + "\" data-reason=\"" + reason + "\"";
}

class UiAppTest : public UiTest {
 protected:
  // A row added through the page; its id.
  std::string AddRow(std::vector<std::pair<std::string, std::string>> fields = ValidRowForm()) {
    UiResponse r = Post("/row/new", std::move(fields));
    EXPECT_EQ(r.status, 303) << r.body;
    return RedirectedRowId(r);
  }

  // An upload the page refuses with 400, showing each of `shown`, while the
  // store stays exactly as it was (imports are all or nothing).
  void ExpectUploadRefused(const std::string& file_name, const std::string& bytes,
                           const std::vector<std::string>& shown) {
    std::string before = StoreFingerprint(dir_);
    UiResponse r = Upload(file_name, bytes);
    EXPECT_EQ(r.status, 400);
    for (const std::string& text : shown) EXPECT_TRUE(Has(r, text)) << text;
    EXPECT_EQ(StoreFingerprint(dir_), before);
  }

  // An approved catalog holding a town row (宝丰镇) and a village row.
  void ApproveSampleCatalog() {
    auto store = StationStore::Open(dir_);
    ASSERT_TRUE(store.ok());
    ApprovedUpdate u;
    u.version = 1;
    u.rows.Put(SampleRow());
    u.rows.Put(SampleVillageRow());
    u.hash = u.rows.Hash();
    ASSERT_TRUE(store->ApplyPulled(u, {}, kNow).ok());
  }
};

TEST_F(UiAppTest, CatalogPageRendersStatusAndTable) {
  ApproveSampleCatalog();
  UiResponse r = Get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_TRUE(Has(r, "<html lang=\"zh-CN\">"));
  EXPECT_TRUE(Has(r, "同步状态"));
  EXPECT_TRUE(Has(r, "id=\"sync-button\""));
  EXPECT_TRUE(Has(r, "红旗村 · hongqi-01"));
  EXPECT_TRUE(Has(r, "部门预算"));
  EXPECT_TRUE(Has(r, "财务收支"));
  EXPECT_TRUE(Has(r, "共 2 条"));
  EXPECT_TRUE(Has(r, "name=\"csrf-token\" content=\"" + kCsrf + "\""));
  // Only the village's own row can be changed from this station.
  EXPECT_TRUE(Has(r, "href=\"row/" + SampleVillageRow().id + "/edit"));  // relative to <base>
  EXPECT_FALSE(Has(r, "row/" + SampleRow().id + "/edit"));
  EXPECT_FALSE(HeaderOf(r, "Content-Security-Policy").empty());
  EXPECT_EQ(HeaderOf(r, "X-Frame-Options"), "DENY");
}

TEST_F(UiAppTest, CatalogFiltersByAreaAndText) {
  ApproveSampleCatalog();
  UiResponse by_area = Get("/?area=" + ui::UrlEncode("村务公开"));
  EXPECT_TRUE(Has(by_area, "财务收支"));
  EXPECT_FALSE(Has(by_area, "部门预算"));
  EXPECT_TRUE(Has(by_area, "共 1 条"));
  UiResponse by_text = Get("/?q=" + ui::UrlEncode("三公"));
  EXPECT_TRUE(Has(by_text, "部门预算"));
  EXPECT_FALSE(Has(by_text, "财务收支"));
  UiResponse none = Get("/?area=" + ui::UrlEncode("扶贫") + "&q=x");
  EXPECT_TRUE(Has(none, "共 0 条"));
}

TEST_F(UiAppTest, EveryPageRenders) {
  ApproveSampleCatalog();
  const std::string id = SampleVillageRow().id;
  for (const std::string& target : std::vector<std::string>{
           "/row/new", "/import", "/row/" + id, "/row/" + id + "/edit", "/row/" + id + "/retire"}) {
    UiResponse r = Get(target);
    EXPECT_EQ(r.status, 200) << target << "\n" << r.body;
  }
  UiResponse css = Get("/assets/app.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
  UiResponse js = Get("/assets/app.js");
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js.body.find("innerHTML"), std::string::npos);
  EXPECT_EQ(Get("/nothing-here").status, 404);
  EXPECT_EQ(Get("/row/ffffffff").status, 404);
  UiResponse ambiguous = Get("/row/00000000");  // both sample rows start so
  EXPECT_EQ(ambiguous.status, 400);
  EXPECT_EQ(HeaderOf(ambiguous, "X-Gongkai-Reason"), "ambiguous_id");
}

TEST_F(UiAppTest, FormHasAllFifteenFieldsWithLabelsAndCheckboxes) {
  UiResponse r = Get("/row/new");
  for (const FieldSpec& spec : AllFields()) {
    EXPECT_TRUE(Has(r, spec.label)) << spec.key;
    if (spec.is_set) {
      for (const char* a : spec.allowed) {
        EXPECT_TRUE(Has(r, "type=\"checkbox\" name=\"" + std::string(spec.key) + "\" value=\"" +
                               ui::Esc(a) + "\""))
            << spec.key << " " << a;
      }
    } else {
      EXPECT_TRUE(Has(r, "name=\"" + std::string(spec.key) + "\"")) << spec.key;
    }
  }
  EXPECT_TRUE(Has(r, "name=\"csrf\" value=\"" + kCsrf + "\""));
}

TEST_F(UiAppTest, AddValidRowWritesOneActionWithCanonicalSets) {
  std::string before = StoreFingerprint(dir_);
  std::string id = AddRow();
  ASSERT_EQ(id.size(), 36u);
  EXPECT_NE(StoreFingerprint(dir_), before);
  WorkingView view = View();
  const ViewRow* vr = view.Find(id);
  ASSERT_NE(vr, nullptr);
  EXPECT_EQ(vr->origin, RowOrigin::kPending);
  EXPECT_EQ(vr->row.unit, "红旗村");
  EXPECT_EQ(vr->row.Get(Field::kChannels), "政府网站、便民服务站");  // fixed-list order
  EXPECT_EQ(vr->row.Get(Field::kTimeLimit), "每季度");
  UiResponse shown = Get("/row/" + id + "?msg=added");
  EXPECT_TRUE(Has(shown, "已新增条目"));
  EXPECT_TRUE(Has(shown, "未封存"));
  auto store = StationStore::Open(dir_);
  auto status = store->LoadStatus();
  EXPECT_EQ(status->pending_edits, 1);
}

TEST_F(UiAppTest, AddWithMissingFieldsShowsEveryReasonNextToItsFieldAndWritesNothing) {
  std::string before = StoreFingerprint(dir_);
  auto fields = ValidRowForm();
  std::erase_if(fields, [](const auto& p) {
    return p.first == "area" || p.first == "audience" || p.first == "channels";
  });
  UiResponse r = Post("/row/new", fields);
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(Has(r, FieldError("area", "empty_required")));
  EXPECT_TRUE(Has(r, "领域 不能为空"));  // the message of core/catalog/validate.h
  EXPECT_TRUE(Has(r, FieldError("audience", "empty_required")));
  EXPECT_TRUE(Has(r, FieldError("channels", "empty_required")));
  EXPECT_TRUE(Has(r, "公开渠道和载体 至少选一项，或填写其他渠道"));
  // What the clerk typed is kept.
  EXPECT_TRUE(Has(r, "value=\"财务收支\""));
  EXPECT_EQ(StoreFingerprint(dir_), before);
}

TEST_F(UiAppTest, AddWithValueOutsideTheFixedListIsRefused) {
  std::string before = StoreFingerprint(dir_);
  auto fields = ValidRowForm();
  fields.push_back({"mode", "随便"});  // a tampered checkbox
  UiResponse r = Post("/row/new", fields);
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(Has(r, FieldError("mode", "unknown_value")));
  EXPECT_EQ(StoreFingerprint(dir_), before);
}

TEST_F(UiAppTest, AddWithTooLongOrControlCharactersIsRefused) {
  std::string before = StoreFingerprint(dir_);
  auto fields = ValidRowForm();
  for (auto& [k, v] : fields) {
    if (k == "item_l1") v = std::string(201, 'x');
    if (k == "subject") v = std::string("红旗\x01村");
  }
  UiResponse r = Post("/row/new", fields);
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(Has(r, FieldError("item_l1", "too_long")));
  EXPECT_TRUE(Has(r, FieldError("subject", "control_character")));
  EXPECT_EQ(StoreFingerprint(dir_), before);
}

TEST_F(UiAppTest, EditChangesOnlyTheFieldsTheClerkChanged) {
  ApproveSampleCatalog();
  const Row row = SampleVillageRow();
  // Form built from the approved row; meanwhile the command line changes
  // the contact; the form then changes only the time limit.
  UiResponse form = Get("/row/" + row.id + "/edit");
  ASSERT_EQ(form.status, 200);
  ASSERT_EQ(RunCli({"edit", "--dir", dir_, row.id, "--set", "contact=0371-1234567"}).code, 0);
  std::vector<std::pair<std::string, std::string>> fields;
  for (const FieldSpec& spec : AllFields()) {
    std::string v = spec.field == Field::kTimeLimit ? "每月" : row.Get(spec.field);
    if (spec.is_set) {
      for (const char* a : spec.allowed) {
        if (v.find(a) != std::string::npos) fields.push_back({spec.key, a});
      }
    } else {
      fields.push_back({spec.key, v});
    }
    fields.push_back({std::string("orig_") + spec.key, row.Get(spec.field)});
  }
  UiResponse r = Post("/row/" + row.id + "/edit", fields);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(HeaderOf(r, "Location"), "/row/" + row.id + "?msg=edited");
  WorkingView view = View();
  const ViewRow* vr = view.Find(row.id);
  ASSERT_NE(vr, nullptr);
  EXPECT_EQ(vr->row.Get(Field::kTimeLimit), "每月");
  EXPECT_EQ(vr->row.Get(Field::kContact), "0371-1234567");  // not reverted
  EXPECT_EQ(vr->row.Get(Field::kStages), "管理、结果");
}

TEST_F(UiAppTest, EditWithNothingChangedWritesNothing) {
  ApproveSampleCatalog();
  const Row row = SampleVillageRow();
  std::vector<std::pair<std::string, std::string>> fields;
  for (const FieldSpec& spec : AllFields()) {
    fields.push_back({spec.key, row.Get(spec.field)});  // sets as one joined value
    fields.push_back({std::string("orig_") + spec.key, row.Get(spec.field)});
  }
  std::string before = StoreFingerprint(dir_);
  UiResponse r = Post("/row/" + row.id + "/edit", fields);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(HeaderOf(r, "Location"), "/row/" + row.id + "?msg=nochange");
  EXPECT_EQ(StoreFingerprint(dir_), before);
}

TEST_F(UiAppTest, EditWithEmptyRequiredFieldShowsReasonAndWritesNothing) {
  std::string id = AddRow();
  std::string before = StoreFingerprint(dir_);
  auto fields = ValidRowForm();
  for (auto& [k, v] : fields) {
    if (k == "subject") v = "  ";
  }
  for (const FieldSpec& spec : AllFields()) {
    fields.push_back({std::string("orig_") + spec.key, View().Find(id)->row.Get(spec.field)});
  }
  UiResponse r = Post("/row/" + id + "/edit", fields);
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(Has(r, FieldError("subject", "empty_required")));
  EXPECT_TRUE(Has(r, "公开主体 不能为空"));
  EXPECT_EQ(StoreFingerprint(dir_), before);
}

TEST_F(UiAppTest, EditOrRetireOfAnotherUnitsRowIsRefused) {
  ApproveSampleCatalog();
  const Row town = SampleRow();
  std::string before = StoreFingerprint(dir_);
  UiResponse form = Get("/row/" + town.id + "/edit");
  EXPECT_EQ(form.status, 403);
  EXPECT_TRUE(Has(form, "data-reason=\"other_unit\""));
  std::vector<std::pair<std::string, std::string>> fields = {{"time_limit", "每月"},
                                                             {"orig_time_limit", "x"}};
  UiResponse edit = Post("/row/" + town.id + "/edit", fields);
  EXPECT_NE(edit.status, 303);
  UiResponse retire = Post("/row/" + town.id + "/retire", {});
  EXPECT_EQ(retire.status, 403);
  EXPECT_TRUE(Has(retire, "data-reason=\"other_unit\""));
  EXPECT_EQ(StoreFingerprint(dir_), before);
}

TEST_F(UiAppTest, RetireMarksTheRowRetiredAndOnlyOnce) {
  ApproveSampleCatalog();
  const std::string id = SampleVillageRow().id;
  UiResponse r = Post("/row/" + id + "/retire", {});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(HeaderOf(r, "Location"), "/row/" + id + "?msg=retired");
  EXPECT_TRUE(View().Find(id)->row.retired);
  EXPECT_TRUE(Has(Get("/row/" + id), "已撤销"));
  std::string before = StoreFingerprint(dir_);
  UiResponse again = Post("/row/" + id + "/retire", {});
  EXPECT_EQ(again.status, 409);
  EXPECT_TRUE(Has(again, "data-reason=\"row_retired\""));
  EXPECT_EQ(StoreFingerprint(dir_), before);
}

TEST_F(UiAppTest, ScriptInRowTextIsShownAsTextOnEveryPage) {
  auto fields = ValidRowForm();
  for (auto& [k, v] : fields) {
    if (k == "content") v = "<script>alert(1)</script>";
    if (k == "item_l2") v = "\"><img src=x onerror=alert(2)>";
    if (k == "area") v = "</option><script>alert(3)</script>";
  }
  std::string id = AddRow(fields);
  ASSERT_FALSE(id.empty());
  for (const std::string& target :
       std::vector<std::string>{"/", "/row/" + id, "/row/" + id + "/edit", "/row/" + id + "/retire",
                                "/?q=%3Cscript%3E"}) {
    UiResponse r = Get(target);
    EXPECT_EQ(r.status, 200) << target;
    EXPECT_FALSE(Has(r, "<script>alert")) << target;
    EXPECT_FALSE(Has(r, "<img src=x")) << target;
    EXPECT_TRUE(Has(r, "&lt;script&gt;alert(")) << target;
  }
  EXPECT_TRUE(Has(Get("/row/" + id), "&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_TRUE(Has(Get("/row/" + id), "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
}

TEST_F(UiAppTest, SyncButtonRunsSyncAndReportsLiveStatus) {
  UiResponse r = Post("/sync", {});
  EXPECT_EQ(r.status, 303);
  app_->WaitForSync();
  EXPECT_EQ(syncs_.load(), 1);
  UiResponse status = Get("/api/status");
  EXPECT_EQ(status.content_type, "application/json; charset=utf-8");
  EXPECT_NE(status.body.find("\"state\":\"ok\""), std::string::npos) << status.body;
  EXPECT_NE(status.body.find("同步完成"), std::string::npos);
  EXPECT_TRUE(Has(Get("/"), "data-state=\"ok\""));
}

TEST_F(UiAppTest, FailedSyncShowsTheReason) {
  MakeApp([](const std::string&, int64_t) -> Result<ui::SyncSummary> {
    return Unavailable("hub_unreachable", "连不上镇服务器 <b>");
  });
  Post("/sync", {});
  app_->WaitForSync();
  UiResponse page = Get("/");
  EXPECT_TRUE(Has(page, "data-state=\"failed\""));
  EXPECT_TRUE(Has(page, "同步没有完成: 连不上镇服务器 &lt;b&gt;"));
  EXPECT_NE(Get("/api/status").body.find("\"reason\":\"hub_unreachable\""), std::string::npos);
}

TEST_F(UiAppTest, StatusShowsRejectedChangeSetsWithTheTownsReason) {
  AddRow();
  ASSERT_EQ(RunCli({"seal", "--dir", dir_, "--note", "三月更新"}).code, 0);
  {
    auto store = StationStore::Open(dir_);
    auto outbox = store->Outbox();
    ASSERT_EQ(outbox->size(), 1u);
    Receipt rejected;
    rejected.seq = 1;
    rejected.changeset_id = (*outbox)[0].changeset_id;
    rejected.kind = Receipt::Kind::kRejected;
    rejected.code = "rejected_by_admin";
    rejected.reason = "公开时限写得不对 <请改为每月>";
    ASSERT_TRUE(store->ApplyPulled(std::nullopt, {rejected}, kNow).ok());
  }
  UiResponse page = Get("/");
  EXPECT_TRUE(Has(page, "被镇里退回的修改"));
  EXPECT_TRUE(Has(page, "三月更新"));
  EXPECT_TRUE(Has(page, "公开时限写得不对 &lt;请改为每月&gt;"));
}

TEST_F(UiAppTest, ExportThenImportIntoAnotherStationRoundTrips) {
  ApproveSampleCatalog();
  AddRow();
  UiResponse exported = Get("/export.csv");
  ASSERT_EQ(exported.status, 200);
  EXPECT_EQ(exported.content_type, "text/csv; charset=utf-8");
  EXPECT_NE(HeaderOf(exported, "Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(exported.body.rfind("\xEF\xBB\xBF", 0), 0u);  // BOM for Excel

  // A second station of the same village imports the sheet through its page.
  dir_ = tmp_.path() + "/station2";
  InitStore(dir_);
  MakeApp();
  ApproveSampleCatalog();
  UiResponse imported = Upload("目录.csv", exported.body);
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_TRUE(Has(imported, "id=\"import-result\""));
  EXPECT_TRUE(Has(imported, "新增 1 条"));
  EXPECT_TRUE(Has(imported, "未变 2 条"));
  EXPECT_EQ(Get("/export.csv").body, exported.body);

  // Importing the same sheet again changes nothing.
  std::string before = StoreFingerprint(dir_);
  UiResponse again = Upload("目录.csv", exported.body);
  EXPECT_TRUE(Has(again, "未变 3 条"));
  EXPECT_EQ(StoreFingerprint(dir_), before);
}

TEST_F(UiAppTest, ImportIsAllOrNothingAndNamesTheLine) {
  std::string good =
      "领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,"
      "公开渠道和载体,公开对象,公开方式,公开层级\r\n"
      "村务公开,村级财务,财务收支,收支明细,组织法,每季度,村委会,政府网站,全社会,主动,村级\r\n";
  std::string bad =
      good + "村务公开,村级事务,低保,名单,条例,每月,村委会,政府网站,全社会,主动,国家级\r\n";
  ExpectUploadRefused(
      "bad.csv", bad,
      {"id=\"import-error\" data-reason=\"unknown_value\"", "第 3 行", "整个文件都没有导入"});

  UiResponse ok = Upload("good.csv", good);
  EXPECT_EQ(ok.status, 200);
  EXPECT_TRUE(Has(ok, "新增 1 条"));
}

TEST_F(UiAppTest, ImportOfNoFileIsRefused) {
  ExpectUploadRefused("", "", {"data-reason=\"empty_file\""});
}

// Workbooks on the clerk's page: every bad line in a table, nothing
// written; a check (dry run) reports and writes nothing; the import report
// lists the aliases applied; the page downloads .xlsx.
const std::vector<std::string> kWorkbookHeader = {
    "领域",     "一级事项",       "二级事项", "公开内容（要素）", "公开依据", "公开时限",
    "公开主体", "公开渠道和载体", "公开对象", "公开方式",         "公开层级"};

std::vector<std::string> WorkbookLine(const std::string& item, const std::string& audience) {
  return {"村务公开", "村级财务",       item,       "收支明细", "《村民委员会组织法》",
          "每季度",   "红旗村民委员会", "政府网站", audience,   "主动",
          "村级"};
}

TEST_F(UiAppTest, WorkbookErrorsAreShownAsATableAndNothingIsImported) {
  std::string wb = ::gongkai::testing::BuildWorkbook(
      {{"目录",
        {kWorkbookHeader, WorkbookLine("a", "群众"), WorkbookLine("", "全社会"),
         WorkbookLine("c", "特定群众")}}});
  ExpectUploadRefused("目录.xlsx", wb,
                      {"id=\"import-errors\"", "<tr data-reason=\"unknown_value\"><td>2</td>",
                       "<tr data-reason=\"empty_required\"><td>3</td>", "有 2 处错误"});
}

TEST_F(UiAppTest, WorkbookCheckReportsAndWritesNothingThenImports) {
  std::string before = StoreFingerprint(dir_);
  std::string wb = ::gongkai::testing::BuildWorkbook(
      {{"目录", {kWorkbookHeader, WorkbookLine("甲", "特定群众"), WorkbookLine("乙", "全社会")}}});
  UiResponse check = Upload("目录.xlsx", wb, true, true);
  EXPECT_EQ(check.status, 200);
  EXPECT_TRUE(Has(check, "检查 目录.xlsx（工作表 “目录”）：新增 2 条"));
  EXPECT_TRUE(Has(check, "只做了检查，什么都没有改"));
  EXPECT_TRUE(Has(check, "公开对象：特定群众 → 特定群体（1 处）"));
  EXPECT_EQ(StoreFingerprint(dir_), before);
  UiResponse done = Upload("目录.xlsx", wb);
  EXPECT_EQ(done.status, 200);
  EXPECT_TRUE(Has(done, "已导入 目录.xlsx（工作表 “目录”）：新增 2 条"));
  EXPECT_NE(StoreFingerprint(dir_), before);
  UiResponse xlsx = Get("/export.xlsx?mine=1");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  UiResponse again = Upload("export.xlsx", xlsx.body);
  EXPECT_TRUE(Has(again, "新增 0 条，修改 0 条，撤销 0 条，未变 2 条")) << again.body;
}

}  // namespace
}  // namespace gongkai::station::testing
