// The public pages (docs/hub-web.md § Public pages), no sign-in: what a
// villager or a journalist sees. The approved catalog (latest version),
// searchable by text and 领域; each row's history from row_changes
// (hub/store/row_history_table.h), written when each entry was appended
// to the signed log and equal to what the auditor's own verifier builds
// (core/audit LogVerifier + RowHistory); and the current signed
// checkpoint with how to check it independently (gongkai-audit).
#include <algorithm>
#include <set>

#include "core/audit/log_verifier.h"
#include "core/audit/row_history.h"
#include "core/base/hex.h"
#include "core/crypto/verifier_key.h"
#include "core/csv/catalog_csv.h"
#include "core/store/atomic_file.h"
#include "core/text/time_text.h"
#include "core/xlsx/catalog_xlsx_writer.h"
#include "hub/review/catalog_history.h"
#include "hub/review/op_text.h"
#include "hub/store/log_table.h"
#include "hub/store/meta_table.h"
#include "hub/store/posting_table.h"
#include "hub/store/row_history_table.h"
#include "hub/tls/cert_fingerprint.h"
#include "hub/web/form.h"
#include "hub/web/html.h"
#include "hub/web/posting_html.h"
#include "hub/web/row_html.h"
#include "hub/web/web_app.h"
#include "hub/web/web_response.h"
#include "web/query_param.h"

namespace gongkai::hub::web {
namespace {

// How many of a row's latest posting records its page shows.
constexpr size_t kRowPagePostings = 5;

bool Matches(const Row& row, const std::string& q) {
  if (q.empty()) return true;
  for (const std::string& v : row.values) {
    if (v.find(q) != std::string::npos) return true;
  }
  return row.unit.find(q) != std::string::npos || row.id.find(q) != std::string::npos;
}

std::string CheckpointHtml(const std::string& note) {
  return "<section class=\"card\"><h3>当前签名检查点</h3><p "
         "class=\"meta\">集镇中心对整个日志（每一次提交、批准和退回）"
         "的签名摘要。任何人都可以按下面“独立核验”一节的命令核验全部历史没有被改写。原文: <a "
         "href=\"/v1/checkpoint\">/v1/checkpoint</a> · "
         "日志公钥: "
         "<a href=\"/v1/log/key\">/v1/log/key</a></p><pre class=\"checkpoint\">" +
         Esc(note) + "</pre></section>";
}

std::string DecisionHtml(const RowDecision& d) {
  switch (d.state) {
    case DecisionState::kPending:
      return "待审";
    case DecisionState::kApproved: {
      std::string s = "第 " + std::to_string(d.version) + " 版批准（" + Esc(d.admin) + "，" +
                      Esc(LocalTimeText(d.decided_at)) + "）";
      if (d.resolution) {
        s += "<br><span class=\"meta\">有冲突，处理为: " +
             std::string(*d.resolution == ResolutionAction::kValue
                             ? "取值 " + Esc(d.resolution_value)
                         : *d.resolution == ResolutionAction::kIncoming ? "采用这次修改"
                                                                        : "保留原值") +
             "</span>";
      }
      return s;
    }
    case DecisionState::kRejected:
      return "退回（" + Esc(d.admin) + "，" + Esc(LocalTimeText(d.decided_at)) +
             "）: " + Esc(d.reason);
  }
  return "";
}

}  // namespace

bool WebApp::ReadLatestCatalog(VersionedCatalog* out, HttpResponse* error) {
  Result<VersionedCatalog> cat = [&] {
    std::lock_guard<std::mutex> lock(db_mu_);
    return LatestCatalog(db_);
  }();
  if (!cat.ok()) {
    *error = ErrorPage(cat.status().code() == Code::kUnavailable ? 503 : 500, cat.status().reason(),
                       "读取目录失败: " + cat.status().message());
    return false;
  }
  *out = std::move(cat).value();
  return true;
}

// The latest approved catalog, every row (retired ones too, marked 已撤销),
// as the CSV or .xlsx export of docs/formats/csv.md / xlsx.md.
HttpResponse WebApp::CatalogDownload(bool xlsx) {
  VersionedCatalog approved;
  if (HttpResponse error; !ReadLatestCatalog(&approved, &error)) return error;
  const VersionedCatalog* cat = &approved;
  std::vector<Row> rows;
  for (const auto& [id, row] : cat->catalog.rows()) rows.push_back(row);
  HttpResponse r;
  if (xlsx) {
    Result<std::string> bytes = CatalogToXlsx(rows);
    if (!bytes.ok()) return ErrorPage(500, bytes.status().reason(), bytes.status().message());
    r.body = std::move(bytes).value();
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  } else {
    r.body = CatalogToCsv(rows);
    r.content_type = "text/csv; charset=utf-8";
  }
  const std::string name = "catalog-v" + std::to_string(cat->version) + (xlsx ? ".xlsx" : ".csv");
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  AddSecurityHeaders(r);
  return r;
}

std::string WebApp::AuditHtml(std::string_view host) {
  std::string vkey;
  {
    std::lock_guard<std::mutex> lock(db_mu_);
    Result<HubMeta> meta = ReadMeta(db_);
    if (meta.ok()) vkey = MakeVerifierKey(meta->origin, meta->log_key).ToString();
    if (cert_sha256_.empty()) {
      Result<std::string> pem = ReadFile(paths_.tls_cert(), 1 << 20);
      Result<Hash32> fp = pem.ok() ? CertFingerprintFromPem(*pem) : pem.status();
      if (fp.ok()) cert_sha256_ = HexEncode(*fp);
    }
  }
  const std::string url = "https://" + std::string(host.empty() ? "本镇服务器地址" : host);
  return "<section class=\"card\" id=\"audit\"><h3>独立核验本镇的全部历史</h3>"
         "<p class=\"meta\">请先向县政务公开办或镇政务公开办核对下面两项（不要只相信本页面）："
         "</p><p>证书指纹 (SHA-256): <code id=\"cert-sha256\">" +
         Esc(cert_sha256_.empty() ? "（读不出证书）" : cert_sha256_) +
         "</code><br>日志公钥: <code id=\"log-key\">" + Esc(vkey) +
         "</code></p><p class=\"meta\">然后运行（第一次会下载全部记录，以后只下载新增的，"
         "并抽查以前的记录有没有被改写）：</p><pre id=\"audit-command\">gongkai-audit verify "
         "--hub " +
         Esc(url) + " --hub-cert-sha256 " + Esc(cert_sha256_) + " --hub-key '" + Esc(vkey) +
         "' --state 本镇核验进度.state</pre></section>";
}

HttpResponse WebApp::CatalogPage(std::string_view host, std::string_view query) {
  std::string q = QueryValue(query, "q");
  std::string area = QueryValue(query, "area");
  VersionedCatalog approved;
  if (HttpResponse error; !ReadLatestCatalog(&approved, &error)) return error;
  const VersionedCatalog* cat = &approved;
  std::set<std::string> areas;
  std::vector<const Row*> rows;
  for (const auto& [id, row] : cat->catalog.rows()) {
    if (row.retired) continue;
    areas.insert(row.Get(Field::kArea));
    if (!area.empty() && row.Get(Field::kArea) != area) continue;
    if (!Matches(row, q)) continue;
    rows.push_back(&row);
  }
  std::sort(rows.begin(), rows.end(), [](const Row* a, const Row* b) {
    return std::tie(a->Get(Field::kArea), a->Get(Field::kItemL1), a->Get(Field::kItemL2), a->id) <
           std::tie(b->Get(Field::kArea), b->Get(Field::kItemL1), b->Get(Field::kItemL2), b->id);
  });
  PageFrame f;
  f.title = "政务公开事项标准目录（第 " + std::to_string(cat->version) + " 版）";
  f.body +=
      "<form method=\"get\" action=\"/\" class=\"search\" role=\"search\"><label>搜索 "
      "<input type=\"search\" name=\"q\" value=\"" +
      Esc(q) +
      "\" placeholder=\"事项、内容、主体…\"></label><label>领域 <select name=\"area\">"
      "<option value=\"\">全部领域</option>";
  for (const std::string& a : areas) {
    f.body += "<option value=\"" + Esc(a) + "\"" + (a == area ? " selected" : "") + ">" + Esc(a) +
              "</option>";
  }
  f.body += "</select></label><button type=\"submit\">查找</button></form>";
  size_t shown = std::min(rows.size(), opts_.catalog_page_rows);
  // The latest posting record of each row shown: one indexed read a row.
  std::vector<std::vector<StoredPosting>> latest(shown);
  {
    std::lock_guard<std::mutex> lock(db_mu_);
    for (size_t i = 0; i < shown; ++i) {
      Result<std::vector<StoredPosting>> p = LatestPostingsOfRow(db_, rows[i]->id, 1);
      if (!p.ok()) {
        return ErrorPage(p.status().code() == Code::kUnavailable ? 503 : 500, p.status().reason(),
                         "读取公开记录失败: " + p.status().message());
      }
      latest[i] = std::move(p).value();
    }
  }
  f.body += "<p class=\"meta\">共 " + std::to_string(rows.size()) + " 条" +
            (shown < rows.size() ? "，只显示前 " + std::to_string(shown) + " 条，请缩小搜索范围"
                                 : std::string()) +
            "。目录哈希 <span class=\"code\">" + HexEncode(cat->hash).substr(0, 16) +
            "…</span>。下载整个目录: <a href=\"/catalog.xlsx\" id=\"download-xlsx\">Excel "
            "工作簿</a> · <a href=\"/catalog.csv\" id=\"download-csv\">CSV</a></p>";
  if (rows.empty()) {
    f.body += "<p class=\"card\">没有符合条件的事项。</p>";
  } else {
    f.body +=
        "<table class=\"rows catalog\"><thead><tr><th>领域</th><th>公开事项</th>"
        "<th>公开内容（要素）</th><th>公开依据</th><th>公开时限</th><th>公开主体（咨询电话）</th>"
        "<th>公开渠道和载体</th><th>公开对象 / 方式 / 层级</th><th>单位</th><th>最近公开</th>"
        "<th>历史</th>"
        "</tr></thead><tbody>";
    for (size_t i = 0; i < shown; ++i) {
      const Row& r = *rows[i];
      std::string channels = r.Get(Field::kChannels);
      if (!r.Get(Field::kChannelsOther).empty()) {
        channels += (channels.empty() ? "" : "、") + r.Get(Field::kChannelsOther);
      }
      f.body +=
          "<tr>" + CellHtml("领域", Esc(r.Get(Field::kArea))) +
          CellHtml("公开事项", Esc(r.Get(Field::kItemL1)) + " / " + Esc(r.Get(Field::kItemL2))) +
          CellHtml("公开内容（要素）", Esc(r.Get(Field::kContent))) +
          CellHtml("公开依据", Esc(r.Get(Field::kBasis))) +
          CellHtml("公开时限", Esc(r.Get(Field::kTimeLimit))) +
          CellHtml("公开主体", Esc(r.Get(Field::kSubject)) +
                                   (r.Get(Field::kContact).empty()
                                        ? std::string()
                                        : "<br><span class=\"meta\">咨询电话 " +
                                              Esc(r.Get(Field::kContact)) + "</span>")) +
          CellHtml("公开渠道和载体", Esc(channels)) +
          CellHtml("公开对象 / 方式 / 层级", Esc(r.Get(Field::kAudience)) + " / " +
                                                 Esc(r.Get(Field::kMode)) + " / " +
                                                 Esc(r.Get(Field::kLevels))) +
          CellHtml("单位", Esc(r.unit)) +
          CellHtml("最近公开", "<a href=\"/rows/" + Esc(UrlEncode(r.id)) + "#postings\">" +
                                   LatestPostingSummaryHtml(latest[i]) + "</a>") +
          CellHtml("历史", "<a href=\"/rows/" + Esc(UrlEncode(r.id)) + "\">修改历史</a>") + "</tr>";
    }
    f.body += "</tbody></table>";
  }
  f.body += CheckpointHtml(checkpoint_ ? checkpoint_() : "");
  f.body += AuditHtml(host);
  return HtmlResponse(200, RenderPage(f));
}

HttpResponse WebApp::RowPage(const std::string& row_id) {
  if (row_id.size() > 64) return ErrorPage(404, "unknown_row", "没有这个条目");
  // One indexed read of this row's changes (row_changes, written with each
  // log entry); no log entry is read or verified here.
  // The row's latest posting records (kRowPagePostings, superseded ones
  // left out) in the same read transaction.
  std::vector<StoredPosting> postings;
  Result<std::optional<StoredRowHistory>> read = [&]() -> Result<std::optional<StoredRowHistory>> {
    std::lock_guard<std::mutex> lock(db_mu_);
    GK_RETURN_IF_ERROR(db_.db().Exec("BEGIN"));
    struct Undo {
      HubDb& db;
      ~Undo() { (void)db.db().Exec("ROLLBACK"); }
    } undo{db_};
    GK_ASSIGN_OR_RETURN(postings, LatestPostingsOfRow(db_, row_id, kRowPagePostings));
    return ReadRowHistory(db_, row_id);
  }();
  if (!read.ok()) {
    const Status& s = read.status();
    return ErrorPage(s.code() == Code::kUnavailable ? 503 : 500, s.reason(),
                     "读取条目历史失败: " + s.message());
  }
  if (!*read) return ErrorPage(404, "unknown_row", "没有这个条目");
  const StoredRowHistory& history = **read;
  PageFrame f;
  f.title = "条目的修改历史";
  if (const std::optional<Row>& row = history.approved_row) {
    f.body += "<section class=\"card\"><h3>" +
              Esc(row->Get(Field::kArea) + " / " + row->Get(Field::kItemL1) + " / " +
                  row->Get(Field::kItemL2)) +
              "</h3><p class=\"meta\">第 " + std::to_string(history.approved_version) +
              " 版中的内容 · 编号 <span class=\"code\">" + Esc(row_id) + "</span></p>" +
              RowFieldsHtml(*row) + "</section>";
  } else {
    f.body += "<p class=\"card\">这个条目还没有被批准进目录（编号 <span class=\"code\">" +
              Esc(row_id) + "</span>）。</p>";
  }
  f.body += LatestPostingsHtml(postings);
  f.body += "<h3>修改历史</h3>";
  f.body +=
      "<table class=\"rows history\"><thead><tr><th>提交时间（村里的时钟）</th><th>站点</th>"
      "<th>修改</th><th>原值</th><th>新值</th><th>结果</th></tr></thead><tbody>";
  for (const RowChange& c : history.changes) {
    std::string what, before, after;
    switch (c.kind) {
      case RowOpKind::kCreate:
        what = "新增";
        before = "<span class=\"meta\">(无)</span>";
        after = c.created_row ? RowFieldsHtml(*c.created_row) : std::string();
        break;
      case RowOpKind::kSet:
        what = "修改 " + Esc(c.field_label);
        before = ValueHtml(c.old_value);
        after = ValueHtml(c.new_value);
        break;
      case RowOpKind::kRetire:
        what = "撤销";
        before = "在用";
        after = "撤销";
        break;
    }
    f.body += "<tr>" + CellHtml("提交时间", Esc(LocalTimeText(c.created_at))) +
              CellHtml("站点", Esc(c.station) + " 第 " + std::to_string(c.seq) + " 批" +
                                   (c.note.empty()
                                        ? ""
                                        : "<br><span class=\"meta\">" + Esc(c.note) + "</span>")) +
              CellHtml("修改", what) + "<td data-label=\"原值\" class=\"old\">" + before +
              "</td><td data-label=\"新值\" class=\"new\">" + after + "</td>" +
              CellHtml("结果", DecisionHtml(c.decision)) + "</tr>";
  }
  f.body += "</tbody></table><p><a href=\"/\">返回目录</a></p>";
  f.body += CheckpointHtml(checkpoint_ ? checkpoint_() : "");
  return HtmlResponse(200, RenderPage(f));
}

}  // namespace gongkai::hub::web
