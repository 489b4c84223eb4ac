#include "station/ui/ui_app.h"

#include <ctime>

#include "core/base/http_status.h"
#include "core/base/uuid.h"
#include "core/deadline/holiday_file.h"
#include "core/deadline/period.h"
#include "station/attachments/attachment_store.h"
#include "station/cli/text_layout.h"
#include "station/commands/common.h"
#include "station/commands/deadline_inputs.h"
#include "station/commands/due_report.h"
#include "station/commands/posting_entry.h"
#include "station/edits/edit_plan.h"
#include "station/log/accepted_checkpoints.h"
#include "station/store/station_store.h"
#include "station/ui/assets.h"
#include "station/ui/catalog_page.h"
#include "station/ui/form_data.h"
#include "station/ui/html.h"
#include "station/ui/multipart.h"
#include "station/ui/page_layout.h"
#include "station/ui/posting_page.h"
#include "station/ui/row_page.h"
#include "station/ui/sheet_import.h"
#include "web/security_headers.h"

namespace gongkai::station::ui {

// A POST's body, decoded once: the form fields, and the uploaded file of
// a multipart form.
struct UiApp::Posted {
  FormData form;
  std::string file_name;  // the part "file" (an import)
  std::string file_bytes;
  // The parts "attach" with a file chosen (a posting's photos), in order.
  std::vector<std::pair<std::string, std::string>> attachments;  // {file name, bytes}
};

namespace {

constexpr const char* kActionDetail = "ui";  // the journal's detail for page actions

void AddSecurityHeaders(UiResponse* r) {
  gongkai::AddSecurityHeaders(r->headers, kStationPagePolicy);
}

UiResponse Refuse(const std::string& reason, const std::string& message) {
  UiResponse r = HtmlResponse();
  r.status = 403;
  r.body = RenderMessagePage("不能打开此页面", message);
  r.headers.emplace_back("X-Gongkai-Reason", reason);
  return r;
}

UiResponse RedirectTo(const std::string& location) {
  UiResponse r = HtmlResponse();
  r.status = 303;
  r.body.clear();
  r.headers.emplace_back("Location", location);
  return r;
}

// What /api/status and the catalog page's panel both report: the store's
// counts and the sync run. The panel adds the rest (PanelStatus).
Result<StatusModel> BasicStatus(StationStore& store, SyncState sync) {
  StatusModel m;
  GK_ASSIGN_OR_RETURN(m.store, store.LoadStatus());
  m.sync = std::move(sync);
  return m;
}

// The whole status panel above the catalog.
Result<StatusModel> PanelStatus(StationStore& store, SyncState sync) {
  GK_ASSIGN_OR_RETURN(StatusModel m, BasicStatus(store, std::move(sync)));
  GK_ASSIGN_OR_RETURN(m.rejected, store.RejectedChangeSets());
  GK_ASSIGN_OR_RETURN(m.alarms, LogAlarms(store.db()));
  Result<HubSettings> hub = store.LoadHub();
  // A USB-only station needs the hub key alone: only a half-done online
  // setting is worth the hint.
  m.hub_ready = hub.ok() && hub->key && hub->url.has_value() == hub->cert_sha256.has_value();
  GK_ASSIGN_OR_RETURN(m.held, store.HeldRows());
  GK_ASSIGN_OR_RETURN(m.refusal, store.LastStationRefusal());
  m.verifier_key = store.info().VerifierKey();
  return m;
}

UiResponse ErrorPage(const Status& s) {
  UiResponse r = HtmlResponse();
  r.status = HttpStatusFor(s);
  r.body = RenderMessagePage("出错了", s.message() + " [" + s.reason() + "]");
  r.headers.emplace_back("X-Gongkai-Reason", s.reason());
  return r;
}

std::string FlashText(const std::string& msg) {
  if (msg == "added") return "已新增条目。尚未上传：点目录页的“同步”上传到镇里。";
  if (msg == "edited") return "已保存修改。尚未上传：点目录页的“同步”上传到镇里。";
  if (msg == "retired") return "已撤销条目。尚未上传：点目录页的“同步”上传到镇里。";
  if (msg == "nochange") return "没有改动任何栏目，什么也没有保存。";
  if (msg == "discarded") return "已放弃这个条目未上传的修改（历史中仍可查看）。";
  if (msg == "recorded") {
    return "已登记公开记录，已封存。尚未上传：点目录页的“同步”（或导出 U 盘）送到镇里。";
  }
  return "";
}

// "/row/ID" or "/row/ID/ACTION" → {ID, ACTION}; false for other paths.
bool ParseRowPath(const std::string& path, std::string* id, std::string* action) {
  const std::string prefix = "/row/";
  if (path.rfind(prefix, 0) != 0) return false;
  std::string rest = path.substr(prefix.size());
  size_t slash = rest.find('/');
  *id = rest.substr(0, slash);
  *action = slash == std::string::npos ? "" : rest.substr(slash + 1);
  return !id->empty() && id->find('/') == std::string::npos;
}

FieldTexts ValuesOf(const Row& row) { return row.values; }

}  // namespace

UiApp::UiApp(UiOptions opts)
    : opts_(std::move(opts)), runner_(opts_.dir, opts_.sync ? opts_.sync : RunSyncOnce) {
  Result<StationStore> store = StationStore::Open(opts_.dir);
  if (store.ok()) {
    unit_ = store->info().unit;
    station_label_ = unit_ + " · " + store->info().station_id;
  }
}

int64_t UiApp::Now() const {
  return opts_.clock ? opts_.clock() : static_cast<int64_t>(std::time(nullptr));
}

std::string UiApp::LaunchUrl() const {
  return "http://127.0.0.1:" + std::to_string(opts_.port) + "/login?key=" + LaunchKey();
}

std::string UiApp::Prefix() const {
  return opts_.secrets.path_token.empty() ? "" : "/s/" + opts_.secrets.path_token;
}

std::string UiApp::LaunchKey() const {
  return opts_.secrets.launch_key.empty() ? opts_.secrets.session_key : opts_.secrets.launch_key;
}

UiResponse UiApp::Redirect(const std::string& inner) const { return RedirectTo(Prefix() + inner); }

UiResponse UiApp::Handle(const UiRequest& req) {
  UiResponse r = HtmlResponse();
  auto [path, query] = SplitTarget(req.target);
  // The page's own paths, below the launch's secret prefix (ui_guard.h).
  const bool under_prefix = !Prefix().empty() && path.starts_with(Prefix() + "/");
  const std::string inner = under_prefix ? path.substr(Prefix().size()) : path;
  if (!IsLoopbackPeer(req.remote)) {
    r = Refuse("not_loopback", "本页面只能在本机打开，不能从其他电脑访问。");
  } else if (!HostAllowed(req.host, opts_.port)) {
    r = Refuse("bad_host", "地址不对：请用 gongkai-station ui 显示的 http://127.0.0.1:" +
                               std::to_string(opts_.port) + "/ 地址打开本页面。");
  } else if (req.method != "GET" && req.method != "POST") {
    r.status = 405;
    r.body = RenderMessagePage("不支持的请求", "只支持 GET 和 POST。");
    r.headers.emplace_back("Allow", "GET, POST");
  } else if (auto asset = FindAsset(inner); asset && req.method == "GET") {
    r.content_type = std::string(asset->content_type);
    r.body = std::string(asset->body);
  } else if (path == "/login" && req.method == "GET") {
    FormData q = FormData::Parse(query);
    if (!SecretEquals(q.Value("key"), LaunchKey())) {
      r = Refuse(
          "bad_key",
          "这个链接已经失效。请使用 gongkai-station ui 这次启动时显示的链接（每次启动都不同）。");
    } else if (launch_spent_.exchange(true)) {
      r = Refuse("key_spent",
                 "这个链接已经用过一次（为了安全，每个链接只能用一次）。请回到已经打开的村站页面继续；"
                 "要在别的窗口打开，请关闭命令行窗口后重新运行 gongkai-station ui。");
    } else {
      r = Redirect("/");
      r.headers.emplace_back("Set-Cookie", CookieName(opts_.port) + "=" +
                                               opts_.secrets.session_key + "; Path=" + Prefix() +
                                               "/; HttpOnly; SameSite=Strict");
    }
  } else if (!Prefix().empty() && path != Prefix() && !under_prefix) {
    r = Refuse("no_session",
               "请使用 gongkai-station ui 启动时显示的链接打开本页面（链接里带有本次的密钥）。");
  } else if (!Prefix().empty() && path == Prefix()) {
    r = Redirect("/");
  } else if (!SecretEquals(CookieValue(req.cookie, CookieName(opts_.port)).value_or(""),
                           opts_.secrets.session_key)) {
    r = Refuse("no_session",
               "请使用 gongkai-station ui 启动时显示的链接打开本页面（链接里带有本次的密钥）。");
  } else if (req.method == "GET") {
    r = Route(req, inner, query, nullptr);
  } else if (!SameOrigin(req, opts_.port)) {
    r = Refuse("bad_origin", "这个请求不是从本页面发出的，已拒绝（可能是其他网站试图修改目录）。");
  } else {
    Posted posted;
    bool bad_body = false;
    if (auto boundary = MultipartBoundary(req.content_type)) {
      Result<std::vector<MultipartPart>> parts = ParseMultipart(req.body, *boundary);
      if (!parts.ok()) {
        bad_body = true;
        r = ErrorPage(parts.status());
      } else {
        std::string encoded;
        for (MultipartPart& p : *parts) {
          if (p.filename) {
            if (p.name == "file") {
              posted.file_name = *p.filename;
              posted.file_bytes = std::move(p.data);
            } else if (p.name == "attach" && !p.filename->empty()) {
              // A file input left empty sends a part with no file name.
              posted.attachments.emplace_back(*p.filename, std::move(p.data));
            }
          } else {
            encoded += (encoded.empty() ? "" : "&") + UrlEncode(p.name) + "=" + UrlEncode(p.data);
          }
        }
        posted.form = FormData::Parse(encoded);
      }
    } else if (req.body.size() > kMaxFormBytes) {
      bad_body = true;
      r = ErrorPage(ResourceExhausted("form_too_large", "提交的内容太多 (form too large)"));
    } else {
      posted.form = FormData::Parse(req.body);
    }
    if (!bad_body) {
      std::string token = !req.csrf_header.empty() ? req.csrf_header : posted.form.Value("csrf");
      if (!SecretEquals(token, opts_.secrets.csrf_token)) {
        r = Refuse("bad_csrf", "页面已过期或请求不是从本页面发出的，已拒绝。请刷新页面后再试。");
      } else {
        r = Route(req, inner, query, &posted);
      }
    }
  }
  AddSecurityHeaders(&r);
  return r;
}

UiResponse UiApp::Route(const UiRequest& req, const std::string& path, const std::string& query,
                        const Posted* posted) {
  const bool post = req.method == "POST";
  if (!post) {
    if (path == "/") return CatalogPage(query);
    if (path == "/api/status") return StatusApi();
    if (path == "/row/new") return NewRowForm();
    if (path == "/import") return ImportForm();
    if (path == "/due") return DuePage(query);
    if (path == "/export.csv") return Export(query, false);
    if (path == "/export.xlsx") return Export(query, true);
  } else {
    if (path == "/sync") return StartSync();
    if (path == "/row/new") return AddRow(*posted);
    if (path == "/import") return Import(*posted);
  }
  std::string id, action;
  if (ParseRowPath(path, &id, &action)) {
    if (!post && action.empty()) return RowView(id, query);
    if (!post && action == "edit") return EditRowForm(id);
    if (post && action == "edit") return EditRow(id, *posted);
    if (!post && action == "retire") return RetireConfirm(id);
    if (post && action == "retire") return RetireRow(id);
    if (post && action == "discard") return DiscardRow(id);
    if (post && action == "record") return RecordPosting(id, *posted);
  }
  UiResponse r = HtmlResponse();
  r.status = 404;
  r.body = RenderMessagePage("找不到此页面", "没有这个页面。");
  return r;
}

UiResponse UiApp::Page(int status, const std::string& title, const std::string& nav,
                       const std::string& body) {
  UiResponse r = HtmlResponse();
  r.status = status;
  r.body = RenderPage(PageFrame{title, station_label_, opts_.secrets.csrf_token, nav, Prefix() + "/"},
                      body);
  return r;
}

UiResponse UiApp::CatalogPage(const std::string& query) {
  Result<StationStore> store = StationStore::Open(opts_.dir);
  if (!store.ok()) return ErrorPage(store.status());
  Result<StatusModel> m = PanelStatus(*store, runner_.State());
  if (!m.ok()) return ErrorPage(m.status());
  std::set<std::string> held_ids;
  for (const HeldRow& h : m->held) held_ids.insert(h.row_id);
  Result<WorkingView> view = store->LoadView();
  if (!view.ok()) return ErrorPage(view.status());
  FormData q = FormData::Parse(query);
  CatalogFilter filter{q.Value("area"), q.Value("q")};
  return Page(200, "目录", "catalog",
              RenderStatusPanel(*m, opts_.secrets.csrf_token) +
                  RenderCatalog(*view, unit_, filter, FlashText(q.Value("msg")), held_ids));
}

UiResponse UiApp::StatusApi() {
  Result<StationStore> store = StationStore::Open(opts_.dir);
  if (!store.ok()) return ErrorPage(store.status());
  Result<StatusModel> m = BasicStatus(*store, runner_.State());
  if (!m.ok()) return ErrorPage(m.status());
  UiResponse r = HtmlResponse();
  r.content_type = "application/json; charset=utf-8";
  r.body = StatusJson(*m);
  return r;
}

UiResponse UiApp::StartSync() {
  runner_.Start(Now());  // already running: the page shows that one
  return Redirect("/");
}

struct UiApp::OpenedRow {
  StationStore store;
  WorkingView view;
  const ViewRow* row = nullptr;  // into view
};

Result<std::unique_ptr<UiApp::OpenedRow>> UiApp::OpenRow(const std::string& typed_id) {
  GK_ASSIGN_OR_RETURN(StationStore store, StationStore::Open(opts_.dir));
  GK_ASSIGN_OR_RETURN(WorkingView view, store.LoadView());
  auto opened = std::make_unique<OpenedRow>(OpenedRow{std::move(store), std::move(view), nullptr});
  GK_ASSIGN_OR_RETURN(opened->row, ResolveRow(opened->view, typed_id));
  return opened;
}

UiResponse UiApp::RowView(const std::string& id, const std::string& query) {
  return RowPage(id, FormData::Parse(query).Value("msg"), nullptr);
}

UiResponse UiApp::RowPage(const std::string& id, const std::string& msg,
                          const PostingFormModel* refused) {
  Result<std::unique_ptr<OpenedRow>> opened = OpenRow(id);
  if (!opened.ok()) return ErrorPage(opened.status());
  StationStore* store = &(*opened)->store;
  const ViewRow* const* vr = &(*opened)->row;
  bool may_change = (*vr)->row.unit == unit_ && !(*vr)->row.retired;
  Result<std::vector<HistoryEntry>> entries = store->LoadHistory((*vr)->row.id);
  if (!entries.ok()) return ErrorPage(entries.status());
  Result<ApprovedSnapshot> approved = store->LoadApproved();
  if (!approved.ok()) return ErrorPage(approved.status());
  const std::map<int64_t, std::string> town = TownValues(*entries, approved->rows);
  std::vector<std::string> history;
  for (const HistoryEntry& h : *entries) {
    history.push_back(LocalTime(h.created_at) + " " + EditKindLabel(h.edit.kind) + " " +
                      HistoryWhat(h) + " — " + HistoryStateText(h, town));
  }
  Result<std::map<std::string, HeldRow>> held = HeldByRow(*store);
  if (!held.ok()) return ErrorPage(held.status());
  auto it = held->find((*vr)->row.id);
  Result<std::vector<StationPosting>> records = store->LoadPostings((*vr)->row.id);
  if (!records.ok()) return ErrorPage(records.status());
  // The posting form: for the unit's rows in use; pre-filled with the
  // current period of the row's cycle, today and the row's one channel.
  std::optional<PostingFormModel> form;
  std::string why_not;
  if (refused) {
    form = *refused;
  } else if ((*vr)->row.unit != unit_) {
    why_not = "这是 " + (*vr)->row.unit + " 的条目，本站只能登记 " + unit_ + " 的公开记录。";
  } else if ((*vr)->row.retired) {
    why_not = "条目已撤销，不能再登记公开记录。";
  } else {
    form.emplace();
    Result<deadline::Date> today = LocalDateOf(Now());
    if (today.ok()) {
      form->values.period = CurrentPeriodOf((*vr)->row, *today);
      form->values.posted = deadline::FormatIsoDate(*today);
    }
  }
  if (form) {
    form->row_id = (*vr)->row.id;
    form->choices = ChannelChoices((*vr)->row);
  }
  int status = refused && refused->error ? HttpStatusFor(*refused->error) : 200;
  return Page(status, RowTitle((*vr)->row), "catalog",
              RenderRowView(**vr, may_change, FlashText(msg), history,
                            it == held->end() ? nullptr : &it->second) +
                  RenderPostingSection(form ? &*form : nullptr, why_not, *records,
                                       opts_.secrets.csrf_token));
}

UiResponse UiApp::RecordPosting(const std::string& id, const Posted& posted) {
  PostingFormModel m;
  PostingEntry& entry = m.values;
  entry.row = id;
  entry.period = posted.form.Value("period");
  entry.posted = posted.form.Value("posted");
  entry.channels = posted.form.GetAll("channel");
  entry.display_from = posted.form.Value("from");
  entry.display_to = posted.form.Value("to");
  entry.note = posted.form.Value("note");
  // The same checks and writing as `gongkai-station record`
  // (station/commands/posting_entry.h): files checked in memory first,
  // written only when the record passes.
  std::string row_id = id;
  Status s = [&]() -> Status {
    for (const auto& [name, bytes] : posted.attachments) {
      GK_ASSIGN_OR_RETURN(PreparedAttachment file, AttachmentStore::Prepare(name, bytes));
      entry.attachments.push_back(std::move(file));
    }
    GK_ASSIGN_OR_RETURN(StationStore store, StationStore::Open(opts_.dir));
    GK_ASSIGN_OR_RETURN(RecordedPosting done, RecordPostingEntry(store, entry, Now()));
    row_id = done.row.id;
    return Status::Ok();
  }();
  if (s.ok()) return Redirect("/row/" + row_id + "?msg=recorded");
  if (!OpenRow(id).ok()) return ErrorPage(s);  // no such row: no form to show it on
  entry.attachments.clear();                   // the page does not send files back
  m.error = s;
  return RowPage(id, "", &m);
}

UiResponse UiApp::DuePage(const std::string& query) {
  FormData q = FormData::Parse(query);
  std::optional<deadline::Period> period;
  if (!q.Value("period").empty()) {
    Result<deadline::Period> p = deadline::ParsePeriod(q.Value("period"));
    if (!p.ok()) return ErrorPage(p.status());
    period = *p;
  }
  Result<StationStore> store = StationStore::Open(opts_.dir);
  if (!store.ok()) return ErrorPage(store.status());
  Result<deadline::Date> today = LocalDateOf(Now());
  if (!today.ok()) return ErrorPage(today.status());
  Result<deadline::WorkCalendar> cal = deadline::LoadWorkCalendar(std::nullopt);
  if (!cal.ok()) return ErrorPage(cal.status());
  Result<DueReport> report = ComputeDue(*store, period, *today, *cal);
  if (!report.ok()) return ErrorPage(report.status());
  return Page(200, "本期应公开", "due", RenderDuePage(*report));
}

UiResponse UiApp::FormPage(int status, const RowFormModel& model) {
  return Page(status, model.is_new ? "新增条目" : "修改条目", model.is_new ? "new" : "catalog",
              RenderRowForm(model, opts_.secrets.csrf_token));
}

UiResponse UiApp::NewRowForm() {
  RowFormModel m;
  m.is_new = true;
  return FormPage(200, m);
}

UiResponse UiApp::AddRow(const Posted& posted) {
  RowFormModel m;
  m.is_new = true;
  m.values = ReadFields(posted.form);
  Result<StationStore> store = StationStore::Open(opts_.dir);
  if (!store.ok()) return ErrorPage(store.status());
  Row base;
  base.id = NewUuid();
  base.unit = store->info().unit;
  CheckedRow checked = CheckNewRow(m.values, base);
  if (!checked.errors.empty()) {
    m.errors = std::move(checked.errors);
    return FormPage(400, m);
  }
  Result<size_t> done = store->RecordAction(
      "add", kActionDetail, Now(), [&](const WorkingView&, const EditSink& emit) -> Status {
        GK_ASSIGN_OR_RETURN(PendingEdit edit, PlanAdd(checked.row, base.unit));
        return emit(edit);
      });
  if (!done.ok()) {
    m.errors.Add(done.status());
    return FormPage(HttpStatusFor(done.status()), m);
  }
  return Redirect("/row/" + base.id + "?msg=added");
}

UiResponse UiApp::EditRowForm(const std::string& id) {
  Result<std::unique_ptr<OpenedRow>> opened = OpenRow(id);
  if (!opened.ok()) return ErrorPage(opened.status());
  const ViewRow* const* vr = &(*opened)->row;
  RowFormModel m;
  m.is_new = false;
  m.row_id = (*vr)->row.id;
  m.title = RowTitle((*vr)->row);
  m.values = m.orig = ValuesOf((*vr)->row);
  Status may = CheckMayEdit(**vr, unit_);
  if (!may.ok()) {
    m.errors.Add(may);
    return FormPage(HttpStatusFor(may), m);
  }
  return FormPage(200, m);
}

UiResponse UiApp::EditRow(const std::string& id, const Posted& posted) {
  Result<std::unique_ptr<OpenedRow>> opened = OpenRow(id);
  if (!opened.ok()) return ErrorPage(opened.status());
  StationStore* store = &(*opened)->store;
  const ViewRow* const* vr = &(*opened)->row;
  RowFormModel m;
  m.is_new = false;
  m.row_id = (*vr)->row.id;
  m.title = RowTitle((*vr)->row);
  m.values = ReadFields(posted.form);
  m.orig = ReadOriginals(posted.form);
  CheckedRow checked = CheckEditedRow(m.values, m.orig, (*vr)->row);
  if (!checked.errors.empty()) {
    m.errors = std::move(checked.errors);
    return FormPage(400, m);
  }
  const std::string row_id = m.row_id;
  Result<size_t> done =
      store->RecordAction("edit", kActionDetail, Now(),
                          [&](const WorkingView& now_view, const EditSink& emit) -> Status {
                            GK_ASSIGN_OR_RETURN(std::vector<PendingEdit> planned,
                                                PlanEdit(now_view, unit_, row_id, checked.changes));
                            for (const PendingEdit& e : planned) GK_RETURN_IF_ERROR(emit(e));
                            return Status::Ok();
                          });
  if (!done.ok()) {
    m.errors.Add(done.status());
    return FormPage(HttpStatusFor(done.status()), m);
  }
  return Redirect("/row/" + row_id + (*done == 0 ? "?msg=nochange" : "?msg=edited"));
}

UiResponse UiApp::RetireConfirm(const std::string& id) {
  Result<std::unique_ptr<OpenedRow>> opened = OpenRow(id);
  if (!opened.ok()) return ErrorPage(opened.status());
  const ViewRow* const* vr = &(*opened)->row;
  Status may = CheckMayEdit(**vr, unit_);
  std::optional<Status> error;
  if (!may.ok()) error = may;
  return Page(error ? HttpStatusFor(*error) : 200, "撤销条目", "catalog",
              RenderRetireConfirm(**vr, opts_.secrets.csrf_token, error));
}

UiResponse UiApp::RetireRow(const std::string& id) {
  Result<StationStore> store = StationStore::Open(opts_.dir);
  if (!store.ok()) return ErrorPage(store.status());
  std::optional<ViewRow> shown;
  std::string row_id;
  Result<size_t> done = store->RecordAction(
      "retire", kActionDetail, Now(), [&](const WorkingView& view, const EditSink& emit) -> Status {
        GK_ASSIGN_OR_RETURN(const ViewRow* vr, ResolveRow(view, id));
        shown = *vr;
        GK_ASSIGN_OR_RETURN(PendingEdit planned, PlanRetire(view, unit_, id));
        row_id = planned.row_id;
        return emit(planned);
      });
  if (!done.ok()) {
    if (!shown) return ErrorPage(done.status());
    return Page(HttpStatusFor(done.status()), "撤销条目", "catalog",
                RenderRetireConfirm(*shown, opts_.secrets.csrf_token, done.status()));
  }
  return Redirect("/row/" + row_id + "?msg=retired");
}

UiResponse UiApp::DiscardRow(const std::string& id) {
  Result<std::unique_ptr<OpenedRow>> opened = OpenRow(id);
  if (!opened.ok()) return ErrorPage(opened.status());
  StationStore* store = &(*opened)->store;
  const ViewRow* const* vr = &(*opened)->row;
  Result<size_t> n = store->DiscardPending((*vr)->row.id, Now());
  if (!n.ok()) return ErrorPage(n.status());
  return Redirect("/?msg=discarded");
}

UiResponse UiApp::ImportForm() {
  return Page(200, "导入表格", "import", RenderImportPage(opts_.secrets.csrf_token, std::nullopt));
}

UiResponse UiApp::Import(const Posted& posted) {
  Result<StationStore> store = StationStore::Open(opts_.dir);
  if (!store.ok()) return ErrorPage(store.status());
  bool check = posted.form.Value("check") == "1";
  ImportReport report = ImportSheet(*store, posted.file_bytes, posted.file_name, Now(), check);
  int http = report.status.ok() ? 200 : HttpStatusFor(report.status);
  return Page(http, "导入表格", "import", RenderImportPage(opts_.secrets.csrf_token, report));
}

UiResponse UiApp::Export(const std::string& query, bool xlsx) {
  Result<StationStore> store = StationStore::Open(opts_.dir);
  if (!store.ok()) return ErrorPage(store.status());
  bool mine = FormData::Parse(query).Value("mine") == "1";
  Result<std::string> bytes = xlsx ? ExportWorkbook(*store, mine) : ExportSheet(*store, mine);
  if (!bytes.ok()) return ErrorPage(bytes.status());
  UiResponse r = HtmlResponse();
  r.content_type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        : "text/csv; charset=utf-8";
  r.body = std::move(bytes).value();
  const std::string ext = xlsx ? ".xlsx" : ".csv";
  const std::string name = unit_ + "-政务公开目录" + ext;
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"catalog" + ext +
                                                    "\"; filename*=UTF-8''" + UrlEncode(name));
  return r;
}

}  // namespace gongkai::station::ui
