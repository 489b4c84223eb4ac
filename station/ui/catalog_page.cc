#include "station/ui/catalog_page.h"

#include <boost/json.hpp>
#include <set>

#include "core/catalog/fields.h"
#include "core/changeset/refusal.h"
#include "station/cli/text_layout.h"
#include "station/commands/common.h"
#include "station/ui/html.h"

namespace gongkai::station::ui {
namespace {

std::string Count(const char* id, int64_t n) {
  return "<b id=\"" + std::string(id) + "\">" + std::to_string(n) + "</b>";
}

std::string SyncLine(const SyncState& s) {
  std::string cls = s.running ? "running" : !s.ever_ran ? "idle" : s.ok ? "ok" : "failed";
  std::string text = s.ever_ran ? s.message : "本次打开页面后还没有同步。";
  return "<p id=\"sync-status\" class=\"sync " + cls + "\" data-state=\"" + cls +
         "\" role=\"status\" aria-live=\"polite\">" + Esc(text) + "</p>";
}

std::string ConflictText(const StaleOp& c) {
  std::string t = "条目 " + c.row_id.substr(0, 8);
  if (c.field) {
    t += " 的“" + std::string(Spec(*c.field).label) + "”：您修改时是“" + c.base +
         "”，镇里批准的现在是“" + (c.row_missing ? std::string("（条目不存在）") : c.current) + "”";
  } else {
    t += std::string(c.kind) == "retire" ? " 的撤销与镇里批准的目录不符"
                                         : " 的新增与镇里批准的目录不符";
  }
  return t;
}

}  // namespace

bool RowMatches(const Row& row, const CatalogFilter& f) {
  if (!f.area.empty() && row.Get(Field::kArea) != f.area) return false;
  if (f.query.empty()) return true;
  if (row.id.find(f.query) != std::string::npos) return true;
  if (row.unit.find(f.query) != std::string::npos) return true;
  for (const std::string& v : row.values) {
    if (v.find(f.query) != std::string::npos) return true;
  }
  return false;
}

std::string RenderStatusPanel(const StatusModel& m, const std::string& csrf) {
  const StoreStatus& s = m.store;
  std::string h = "<section class=\"status\" id=\"status\"><h2>同步状态</h2><dl class=\"counts\">";
  h += "<div><dt>目录版本</dt><dd>第 " +
       Count("st-version", static_cast<int64_t>(s.catalog_version)) + " 版，共 " +
       Count("st-rows", s.approved_rows) + " 条</dd></div>";
  h += "<div><dt>上次同步</dt><dd id=\"st-last-sync\">" +
       Esc(s.last_sync ? LocalTime(*s.last_sync) : std::string("从未同步")) + "</dd></div>";
  h += "<div><dt>未封存的修改</dt><dd>" + Count("st-pending", s.pending_edits) + " 项</dd></div>";
  h += "<div><dt>待镇里审批</dt><dd>" + Count("st-outbox", s.outbox) + " 个变更集（未发送 " +
       Count("st-unsent", s.unsent) + "）</dd></div>";
  h += "<div><dt>需要查看的冲突</dt><dd>" + Count("st-conflicts", s.conflicts) + " 处</dd></div>";
  h += "<div><dt>被镇里退回</dt><dd>" + Count("st-rejected", s.rejected) + " 个变更集</dd></div>";
  h += "<div><dt>已退回·待修改</dt><dd>" + Count("st-held", s.held_rows) + " 个条目</dd></div>";
  h += "</dl><form method=\"post\" action=\"sync\" class=\"sync-form\">"
       "<input type=\"hidden\" name=\"csrf\" value=\"" +
       Esc(csrf) +
       "\">"
       "<button type=\"submit\" id=\"sync-button\"" +
       std::string(m.sync.running ? " disabled" : "") + ">同步</button>" + SyncLine(m.sync) +
       "</form>";
  if (!m.hub_ready) {
    h += "<p "
         "class=\"warn\">镇服务器尚未设置完整，暂时不能同步；请向镇管理员索取地址、公钥和证书指纹，"
         "用 gongkai-station config 设置。</p>";
  }
  if (m.refusal) {
    h += "<p class=\"alarm\" id=\"hub-refusal\">镇服务器 " + Esc(LocalTime(m.refusal->at)) +
         " 拒绝了本站的上传：" + Esc(m.refusal->message) + " [" + Esc(m.refusal->code) +
         "]。本站的修改都还保存着。</p>";
    if (IsEnrolmentRefusal(m.refusal->code)) {
      h += "<p class=\"hint\">请把本站公钥交给镇政务公开办登记：<code id=\"station-vkey\">" +
           Esc(m.verifier_key) + "</code></p>";
    }
  }
  if (!m.held.empty()) {
    h += "<h3>被镇服务器退回、等待修改的条目</h3><ul class=\"held\" id=\"held-list\">";
    for (const HeldRow& r : m.held) {
      h += "<li data-id=\"" + Esc(r.row_id) + "\"><a href=\"row/" + Esc(r.row_id) + "\">条目 " +
           Esc(r.row_id.substr(0, 8)) + "</a> 理由：<q>" + Esc(r.reason) + "</q> [" + Esc(r.code) +
           "] <a href=\"row/" + Esc(r.row_id) +
           "/edit\">修改</a> <form method=\"post\" class=\"inline\" action=\"row/" +
           Esc(r.row_id) + "/discard\"><input type=\"hidden\" name=\"csrf\" value=\"" +
           Esc(csrf) + "\"><button type=\"submit\">放弃这些修改</button></form></li>";
    }
    h += "</ul><p class=\"hint\">这些修改镇服务器没有接受，还保存在本站；其余的已经上传。"
         "请按理由修改后再同步，或者放弃它们。</p>";
  }
  for (const LogAlarm& a : m.alarms) {
    h += "<p class=\"alarm\">！！警报 " + Esc(LocalTime(a.raised_at)) + "：" + Esc(a.message) +
         "。本站已停止采用镇服务器的目录，请立即报告县政务公开办。</p>";
  }
  if (!m.rejected.empty()) {
    h += "<h3>被镇里退回的修改</h3><ul class=\"rejected\" id=\"rejected-list\">";
    for (const OutboxEntry& e : m.rejected) {
      h += "<li>变更集 " + std::to_string(e.seq) + "（" + Esc(e.note.empty() ? "无说明" : e.note) +
           "，" + std::to_string(e.op_count) + " 项修改）理由：<q>" + Esc(e.reject_reason) +
           "</q></li>";
    }
    h += "</ul><p class=\"hint\">被退回的修改已不在目录中；如需要，请按理由改正后重新修改。</p>";
  }
  if (!s.conflict_details.empty()) {
    h += "<h3>需要查看的冲突</h3><ul class=\"conflicts\" id=\"conflict-list\">";
    for (const StaleOp& c : s.conflict_details) {
      h += "<li><a href=\"row/" + Esc(c.row_id) + "\">" + Esc(ConflictText(c)) + "</a></li>";
    }
    h += "</ul><p class=\"hint\">这些修改所依据的内容已被镇里改动，上传后由镇里裁定。</p>";
  }
  return h + "</section>";
}

std::string RenderCatalog(const WorkingView& view, const std::string& unit,
                          const CatalogFilter& filter, const std::string& flash,
                          const std::set<std::string>& held) {
  std::set<std::string> areas;
  for (const auto& [id, vr] : view.rows()) areas.insert(vr.row.Get(Field::kArea));
  std::string h;
  if (!flash.empty()) h += "<p class=\"flash\" role=\"status\">" + Esc(flash) + "</p>";
  h += "<section class=\"catalog\"><h2>目录</h2>"
       "<form method=\"get\" action=\"./\" class=\"filter\" id=\"filter\">"
       "<label>领域 <select name=\"area\" id=\"filter-area\"><option value=\"\">全部领域</option>";
  for (const std::string& a : areas) {
    h += "<option" + std::string(a == filter.area ? " selected" : "") + " value=\"" + Esc(a) +
         "\">" + Esc(a) + "</option>";
  }
  h += "</select></label><label>搜索 <input type=\"search\" name=\"q\" id=\"filter-q\" value=\"" +
       Esc(filter.query) +
       "\" placeholder=\"事项、内容、主体…\"></label>"
       "<button type=\"submit\">筛选</button></form>";
  h +=
      "<table class=\"rows\" id=\"rows\"><thead><tr><th>领域</th><th>一级事项</th><th>二级事项</th>"
      "<th>公开内容（要素）</th><th>公开时限</th><th>公开主体</th><th>单位</th><th>状态</th>"
      "<th>操作</th></tr></thead><tbody>";
  size_t shown = 0;
  for (const auto& [id, vr] : view.rows()) {
    const Row& r = vr.row;
    if (!RowMatches(r, filter)) continue;
    ++shown;
    std::string search = r.id + " " + r.unit;
    for (const std::string& v : r.values) search += " " + v;
    // A retirement the town has not approved yet reads 已撤销·待审批, as in
    // `gongkai-station list`.
    std::string state = r.retired ? "已撤销" : OriginLabel(vr.origin);
    if (r.retired && vr.origin != RowOrigin::kApproved) state += "·" + OriginLabel(vr.origin);
    std::string cls = r.retired ? "retired" : RowOriginName(vr.origin);
    if (held.count(r.id)) {
      state = kHeldLabel;
      cls = "held";
    }
    h += "<tr class=\"" + cls + "\" data-id=\"" + Esc(r.id) + "\" data-area=\"" +
         Esc(r.Get(Field::kArea)) + "\" data-text=\"" + Esc(search) + "\">";
    auto cell = [&](const char* label, const std::string& text) {
      h += "<td data-label=\"" + std::string(label) + "\">" + Esc(text) + "</td>";
    };
    cell("领域", r.Get(Field::kArea));
    cell("一级事项", r.Get(Field::kItemL1));
    cell("二级事项", r.Get(Field::kItemL2));
    cell("公开内容", r.Get(Field::kContent));
    cell("公开时限", r.Get(Field::kTimeLimit));
    cell("公开主体", r.Get(Field::kSubject));
    cell("单位", r.unit);
    h += "<td data-label=\"状态\"><span class=\"badge " + cls + "\">" + Esc(state) + "</span></td>";
    h += "<td data-label=\"操作\" class=\"actions\"><a href=\"row/" + Esc(r.id) + "\">查看</a>";
    if (r.unit == unit && !r.retired) {
      h += " <a href=\"row/" + Esc(r.id) + "/edit\">修改</a> <a href=\"row/" + Esc(r.id) +
           "/retire\">撤销</a>";
    }
    h += "</td></tr>";
  }
  h +=
      "</tbody></table><p class=\"count\" id=\"row-count\">共 " + std::to_string(shown) + " 条</p>";
  if (view.rows().empty()) {
    h += "<p class=\"empty\">目录还是空的：点“新增条目”，或“导入表格”。</p>";
  }
  return h + "</section>";
}

std::string StatusJson(const StatusModel& m) {
  const StoreStatus& s = m.store;
  boost::json::object o;
  PutStoreCounts(s, &o);
  o["last_sync"] = s.last_sync ? LocalTime(*s.last_sync) : std::string("从未同步");
  boost::json::object sync;
  sync["state"] = m.sync.running     ? "running"
                  : !m.sync.ever_ran ? "idle"
                  : m.sync.ok        ? "ok"
                                     : "failed";
  sync["message"] = m.sync.message;
  sync["reason"] = m.sync.reason;
  sync["finished_at"] = m.sync.finished_at;
  o["sync"] = std::move(sync);
  return boost::json::serialize(o);
}

}  // namespace gongkai::station::ui
