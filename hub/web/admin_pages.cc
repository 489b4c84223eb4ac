// The administrator's reading pages (docs/hub-web.md § Administrator pages):
// the pending queue (the same proposed head as `gongkai-hub pending`, with
// every change set as an old → new diff and every conflict side by side
// with its resolve forms), the approved versions, and the stations.
#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "core/base/hex.h"
#include "core/crypto/verifier_key.h"
#include "core/text/time_text.h"
#include "hub/admin/approval_policy.h"
#include "hub/admin/reasons.h"
#include "hub/review/approval_reviews.h"
#include "hub/review/catalog_history.h"
#include "hub/review/op_text.h"
#include "hub/review/proposed_head.h"
#include "hub/review/reject.h"
#include "hub/store/changeset_table.h"
#include "hub/store/refused_upload_table.h"
#include "hub/store/sign_in_table.h"
#include "hub/store/station_table.h"
#include "hub/web/csrf_token.h"
#include "hub/web/flash.h"
#include "hub/web/html.h"
#include "hub/web/row_html.h"
#include "hub/web/web_app.h"
#include "hub/web/web_response.h"
#include "web/query_param.h"

namespace gongkai::hub::web {
namespace {

PageFrame AdminFrame(const Session& s, std::string title) {
  PageFrame f;
  f.title = std::move(title);
  f.admin = true;
  f.admin_name = s.admin;
  f.csrf = s.csrf;
  return f;
}

HttpResponse DbErrorPage(const Status& s) {
  return ErrorPage(s.code() == Code::kUnavailable ? 503 : 500, s.reason(),
                   "读取数据库失败: " + s.message());
}

std::string ChangeSetName(const LoggedChangeSet& l) {
  return l.meta.station + " 第 " + std::to_string(l.meta.seq) + " 批";
}

std::string SideName(const Hash32& id, const std::map<Hash32, const LoggedChangeSet*>& by_id) {
  if (id == Hash32{}) return "已批准目录";
  auto it = by_id.find(id);
  if (it == by_id.end()) return "变更集 " + ShortHex(id);
  return ChangeSetName(*it->second) + " (" + ShortHex(id) + ")";
}

// Every pending change set, picked or not, in arrival order.
std::vector<const LoggedChangeSet*> AllPending(const ProposedHead& head) {
  std::vector<const LoggedChangeSet*> all;
  for (const LoggedChangeSet& l : head.undecided) all.push_back(&l);
  for (const LoggedChangeSet& l : head.left_out) all.push_back(&l);
  std::sort(all.begin(), all.end(), [](const LoggedChangeSet* a, const LoggedChangeSet* b) {
    return a->meta.log_index < b->meta.log_index;
  });
  return all;
}

// What the approve form binds to (docs/hub-web.md § Approving what was
// shown): the proposed result hash, the ids of the change sets it merges
// and the ids of every change set pending when the page was drawn.
std::string ReviewedInputs(const ProposedHead& head) {
  std::string picked, pending;
  for (const LoggedChangeSet& l : head.undecided) {
    picked += (picked.empty() ? "" : ",") + HexEncode(l.meta.id);
  }
  for (const LoggedChangeSet* l : AllPending(head)) {
    pending += (pending.empty() ? "" : ",") + HexEncode(l->meta.id);
  }
  return "<input type=\"hidden\" name=\"expect\" value=\"" + HexEncode(head.proposed.Hash()) +
         "\"><input type=\"hidden\" name=\"changesets\" value=\"" + picked +
         "\"><input type=\"hidden\" name=\"pending\" value=\"" + pending + "\">";
}

// The sign-in trail's label of a stored outcome (hub/store/sign_in_table.h):
// the sign-in's own three, or the roster's refusal of a right password.
std::string SignInOutcomeLabel(std::string_view outcome) {
  if (outcome == sign_in_outcome::kSignedIn) return "登录成功";
  if (outcome == sign_in_outcome::kWrongPassword) return "密码不对";
  if (outcome == sign_in_outcome::kTooManyAttempts) return "次数太多，未检查密码";
  if (outcome == reason::kAdminRevoked) return "密码正确，但该管理员已被撤销，未能登录";
  if (outcome == reason::kAdminKeyMismatch) return "密码正确，但其密钥与名册不符，未能登录";
  return "未能登录";
}

// The flash line after a redirect (flash.h): fixed texts only, numbers
// parsed; a token of another page, or none, shows nothing.
std::string DoneMessage(std::string_view query) {
  std::optional<Done> done = ParseDone(query);
  if (!done) return "";
  std::string text;
  switch (*done) {
    case Done::kApproved: {
      std::optional<uint64_t> v;
      if (auto raw = FindQueryParam(query, "version")) v = ParseDecimal(*raw);
      text = "已批准，生成第 " + (v ? std::to_string(*v) : std::string("?")) +
             " 版目录（已签名并记入日志）";
      break;
    }
    case Done::kReviewed:
      text = std::string(kWaitingLabel) + "：您的审查签名已记入日志，尚未生成新版本";
      break;
    case Done::kRejected:
      text = "已退回，理由会送回村里";
      break;
    case Done::kResolved:
      text = "冲突已处理，批准时生效";
      break;
    case Done::kStaleReview:
      return "<div class=\"msg err\" role=\"alert\">[stale_review] "
             "待审内容在您打开页面之后变了（新到的变更集或改过的冲突处理），什么也没有批准；"
             "请看下面最新的对比，确认后再批准。</div>";
    default:
      return "";
  }
  return "<div class=\"msg ok\" role=\"status\">" + Esc(text) + "</div>";
}

std::string ConflictHtml(const ConflictView& v, const Catalog& context,
                         const std::map<Hash32, const LoggedChangeSet*>& by_id,
                         const std::string& csrf, bool forms) {
  const Conflict& c = v.conflict;
  bool field = c.kind == ConflictKind::kField || c.kind == ConflictKind::kEmptiedRequired;
  std::string out = "<div class=\"card conflict\" id=\"" + Esc(c.conflict_id) + "\"><h3>冲突 " +
                    Esc(c.conflict_id) + " · " + Esc(RowTitle(context, c.row_id));
  if (c.field) out += " · 栏目 " + Esc(Spec(*c.field).label);
  out += "</h3><p class=\"meta\">" + Esc(ConflictKindLabel(c.kind)) + "</p><div class=\"side\">";
  out += "<div><h4>原值（双方修改前）</h4>" + (field ? ValueHtml(c.base) : std::string("—")) +
         "</div>";
  out += "<div class=\"proposed\"><h4>待审目录现值 ← " + Esc(SideName(c.proposed_by, by_id)) +
         "</h4>" + (field ? ValueHtml(c.proposed) : std::string("—")) + "</div>";
  out += "<div class=\"incoming\"><h4>本变更集要改成 ← " + Esc(SideName(c.changeset, by_id)) +
         "</h4>" +
         (field ? ValueHtml(c.incoming)
                : std::string(c.kind == ConflictKind::kRetireEdited ? "撤销" : "—")) +
         "</div></div>";
  if (v.resolution) {
    const Resolution& r = v.resolution->resolution;
    std::string choice = r.action == ResolutionAction::kValue ? "取值 " + r.value
                         : r.action == ResolutionAction::kIncoming
                             ? "采用 " + SideName(c.changeset, by_id)
                             : std::string("保留待审目录现值");
    out += "<p class=\"msg ok\">已选择: " + Esc(choice) + "（" + Esc(v.resolution->admin) +
           "，批准时生效；可以重新选择）</p>";
  } else {
    out += "<p class=\"msg err\">未解决：批准前请选择一个结果</p>";
  }
  if (!forms) return out + "</div>";
  std::string hidden = CsrfInput(MaskCsrfToken(csrf)) +
                       "<input type=\"hidden\" name=\"conflict\" value=\"" + Esc(c.conflict_id) +
                       "\">";
  if (c.kind != ConflictKind::kEmptiedRequired) {  // taking it would empty the field
    out += "<form method=\"post\" action=\"/admin/resolve\" class=\"inline\">" + hidden +
           "<input type=\"hidden\" name=\"action\" value=\"take\"><input type=\"hidden\" "
           "name=\"take\" value=\"" +
           HexEncode(c.changeset) + "\"><button type=\"submit\">采用本变更集</button></form> ";
  }
  out += "<form method=\"post\" action=\"/admin/resolve\" class=\"inline\">" + hidden +
         "<input type=\"hidden\" name=\"action\" value=\"keep\"><button type=\"submit\" "
         "class=\"secondary\">保留现值</button></form>";
  if (field) {
    out += "<form method=\"post\" action=\"/admin/resolve\">" + hidden +
           "<input type=\"hidden\" name=\"action\" value=\"value\"><label>或者取值 "
           "<input type=\"text\" name=\"value\" value=\"" +
           Esc(c.incoming) +
           "\" aria-label=\"取值\"></label><button type=\"submit\" "
           "class=\"secondary\">用这个值</button></form>";
  }
  return out + "</div>";
}

}  // namespace

// ?select=1&pick=ID&pick=… (the 只批准其中几个 form): the review of just
// those change sets (BuildProposedHead with a pick); without select=, all.
HttpResponse WebApp::QueuePage(const Session& s, std::string_view query) {
  // The approval policy and the reviews of the next version
  // (hub/review/approval_reviews.h), read in the same snapshot.
  std::string policy_html;
  std::optional<std::vector<Hash32>> picked;
  if (FindQueryParam(query, "select")) {
    picked.emplace();
    for (std::string_view raw : FindQueryParams(query, "pick")) {
      std::optional<Hash32> id = HexDecodeHash(raw);
      if (!id) return ErrorPage(400, "bad_query", "pick= 应当是 64 位十六进制的变更集编号");
      picked->push_back(*id);
    }
  }
  Result<ProposedHead> head = [&] {
    std::lock_guard<std::mutex> lock(db_mu_);
    Status begin = db_.db().Exec("BEGIN");
    if (!begin.ok()) return Result<ProposedHead>(begin);
    Result<ProposedHead> h = picked ? BuildProposedHead(db_, *picked) : BuildProposedHead(db_);
    Result<PolicyInForce> policy = ReadApprovalPolicy(db_);
    Result<std::vector<ReviewView>> reviews =
        h.ok() ? ReviewsOfProposal(db_, *h) : Result<std::vector<ReviewView>>(h.status());
    (void)db_.db().Exec("ROLLBACK");
    if (!policy.ok()) return Result<ProposedHead>(policy.status());
    if (!reviews.ok()) return Result<ProposedHead>(reviews.status());
    policy_html =
        "<p class=\"policy\">" + Esc(PolicyText(policy->approvals, policy->log_index)) + "</p>";
    for (const ReviewView& r : *reviews) {
      if (r.state != ReviewState::kWaiting) continue;
      policy_html += "<p class=\"msg ok review-waiting\" role=\"status\">" + Esc(kWaitingLabel) +
                     "（管理员 " + Esc(r.admin) + "，日志第 " + std::to_string(r.log_index) +
                     " 条）</p>";
    }
    return h;
  }();
  if (!head.ok() && picked && head.status().code() != Code::kUnavailable &&
      head.status().code() != Code::kDataLoss && head.status().code() != Code::kInternal) {
    return ActionError(head.status());  // unknown_changeset, listed_twice, nothing_to_approve
  }
  if (!head.ok()) return DbErrorPage(head.status());
  std::map<Hash32, const LoggedChangeSet*> by_id;
  std::vector<const LoggedChangeSet*> pending = AllPending(*head);
  for (const LoggedChangeSet* l : pending) by_id[l->meta.id] = l;
  std::map<Hash32, size_t> conflicts_of;
  for (const ConflictView& v : head->conflicts) conflicts_of[v.conflict.changeset]++;
  const Catalog& context = head->proposed;
  const std::string next_version = std::to_string(head->approved.version + 1);

  PageFrame f = AdminFrame(s, picked ? "待审的变更 · 只批准所选的" : "待审的变更");
  f.body += DoneMessage(query);
  f.body += policy_html;
  f.body += "<p class=\"summary\">已批准目录: 第 " + std::to_string(head->approved.version) +
            " 版（哈希 " + HexEncode(head->approved.hash).substr(0, 16) + "…）· 待审变更集 " +
            std::to_string(pending.size()) + " 个" +
            (picked ? "，选了其中 " + std::to_string(head->undecided.size()) + " 个" : "") +
            " · 冲突 " + std::to_string(head->conflicts.size()) + " 个（未解决 " +
            std::to_string(head->unresolved) + " 个）</p>";
  if (pending.empty()) {
    f.body += "<p class=\"card\">没有待审的变更集。</p>";
    return HtmlResponse(200, RenderPage(f));
  }
  if (picked) {
    std::string left;
    for (const LoggedChangeSet& l : head->left_out) {
      left += (left.empty() ? "" : "、") + Esc(ChangeSetName(l)) + " <span class=\"code\">" +
              ShortHex(l.meta.id) + "</span>";
    }
    f.body += "<p class=\"msg picked\">下面是只批准所选变更集的合并结果，还没有签名。" +
              (left.empty() ? std::string("（全部都选了）") : "没有选的留在待审里: " + left) +
              " <a href=\"/admin\">返回全部待审</a></p>";
  }
  for (const LeftOutDependency& d : head->dependencies) {
    f.body += "<div class=\"msg err dependency\" role=\"alert\">所选的 " +
              Esc(SideName(d.changeset, by_id)) + " 要修改的 " + Esc(RowTitle(context, d.row_id)) +
              " " + Esc(d.row_id.substr(0, 8)) + " 是没有选的 " + Esc(SideName(d.needs, by_id)) +
              " 新建的：不选它，这一项就无法合并。请把它一起选上，或者不选 " +
              Esc(SideName(d.changeset, by_id)) + "。</div>";
  }
  for (const auto& [id, st] : head->invalid_rows) {
    f.body += "<div class=\"msg err\">合并后的 " + Esc(RowTitle(context, id)) +
              " 不合格: " + Esc(st.message()) + "；请退回其中一个变更集</div>";
  }
  if (!head->conflicts.empty()) {
    f.body += "<section><h3>冲突（左右对照）</h3>";
    if (picked) {
      f.body +=
          "<p class=\"meta\">这是所选的变更集合并时的冲突。冲突的处理在 <a "
          "href=\"/admin\">全部待审</a> 页面上选择；只在这样选时才有的冲突（例如没有选它依赖的"
          "变更集）无法处理，请改变所选。</p>";
    }
    size_t shown = 0;
    for (const ConflictView& v : head->conflicts) {
      if (shown++ == opts_.queue_conflicts) break;
      f.body += ConflictHtml(v, context, by_id, s.csrf, !picked);
    }
    if (head->conflicts.size() > opts_.queue_conflicts) {
      f.body += "<p class=\"msg err\">冲突共 " + std::to_string(head->conflicts.size()) +
                " 个，这里只显示前 " + std::to_string(opts_.queue_conflicts) +
                " 个；处理完这些后刷新，或用 gongkai-hub pending 查看全部。</p>";
    }
    f.body += "</section>";
  }
  f.body += ApproveSectionHtml(s, *head, picked.has_value());
  f.body += PickSectionHtml(*head, pending);
  f.body += "<section><h3>变更集（逐项对比）</h3>";
  for (const LoggedChangeSet& l : head->undecided) {
    f.body += ChangeSetCardHtml(s, l, context, conflicts_of[l.meta.id]);
  }
  f.body += "</section>";
  return HtmlResponse(200, RenderPage(f));
}

// The approve form: what it signs is named on the button.
std::string WebApp::ApproveSectionHtml(const Session& s, const ProposedHead& head, bool picked) {
  std::string what = picked ? "批准所选的 " + std::to_string(head.undecided.size()) + " 个变更集"
                            : "批准全部 " + std::to_string(head.undecided.size()) + " 个变更集";
  size_t blocked = head.unresolved;
  return "<section id=\"approve\"><h3>批准</h3><form method=\"post\" action=\"/admin/approve\" "
         "class=\"card\">" +
         CsrfInput(MaskCsrfToken(s.csrf)) + ReviewedInputs(head) +
         "<label for=\"note\">说明（可不填）</label><textarea id=\"note\" name=\"note\" "
         "maxlength=\"1000\"></textarea><button type=\"submit\" id=\"approve-button\">" +
         what + "，生成第 " + std::to_string(head.approved.version + 1) + " 版</button>" +
         (blocked > 0
              ? "<p class=\"meta\">还有 " + std::to_string(blocked) +
                    " 个冲突未解决，先在上面处理" + (picked ? "，或改变所选" : "") + "。</p>"
              : std::string()) +
         "</form></section>";
}

// 只批准其中几个: a GET form (no signature, no token) back to /admin with
// the picked ids; the page it draws shows the conflicts the pick implies
// and an approve form for exactly those.
std::string WebApp::PickSectionHtml(const ProposedHead& head,
                                    const std::vector<const LoggedChangeSet*>& pending) {
  std::set<Hash32> picked;
  for (const LoggedChangeSet& l : head.undecided) picked.insert(l.meta.id);
  std::string out =
      "<section id=\"pick\"><h3>只批准其中几个</h3><form method=\"get\" action=\"/admin\" "
      "class=\"card\"><input type=\"hidden\" name=\"select\" value=\"1\"><p class=\"meta\">"
      "勾选这次要批准的变更集，点“查看所选的合并结果”：先显示这样选会有的冲突（例如没有选它所依赖的"
      "变更集），看过以后再签名批准。没有选的留在待审里。</p><ul class=\"picks\">";
  for (const LoggedChangeSet* l : pending) {
    std::string hex = HexEncode(l->meta.id);
    out += "<li><label><input type=\"checkbox\" name=\"pick\" value=\"" + hex + "\"" +
           (picked.count(l->meta.id) ? " checked" : "") + "> " + Esc(ChangeSetName(*l)) +
           " <span class=\"code\">" + hex.substr(0, 8) + "</span> · " +
           std::to_string(l->ics.cs.ops.size()) + " 项修改</label></li>";
  }
  return out +
         "</ul><button type=\"submit\" class=\"secondary\" id=\"pick-button\">查看所选的合并结果"
         "（不签名）</button></form></section>";
}

std::string WebApp::ChangeSetCardHtml(const Session& s, const LoggedChangeSet& l,
                                      const Catalog& context, size_t conflicts) {
  std::string hex = HexEncode(l.meta.id);
  std::string out =
      "<div class=\"card changeset\" id=\"cs-" + hex.substr(0, 8) + "\"><h3>" +
      Esc(l.meta.station) + " 第 " + std::to_string(l.meta.seq) + " 批 <span class=\"code\">" +
      hex.substr(0, 8) + "</span></h3><p class=\"meta\">提交 " +
      Esc(LocalTimeText(l.ics.cs.created_at)) + " · 基于第 " + std::to_string(l.meta.base_version) +
      " 版 · 日志第 " + std::to_string(l.meta.log_index) + " 条" +
      (conflicts ? " · ⚠ 冲突 " + std::to_string(conflicts) + " 个" : std::string()) + "</p>";
  if (!l.ics.cs.note.empty()) out += "<p>说明: " + Esc(l.ics.cs.note) + "</p>";
  const std::vector<Op>& ops = l.ics.cs.ops;
  size_t shown = std::min(ops.size(), opts_.queue_ops_per_changeset);
  out += "<table class=\"rows diff\">" + OpTableHead() + "<tbody>";
  for (size_t i = 0; i < shown; ++i) out += OpRowHtml(ops[i], context);
  out += "</tbody></table>";
  if (shown < ops.size()) {
    out += "<p class=\"meta\">共 " + std::to_string(ops.size()) + " 项修改，这里显示前 " +
           std::to_string(shown) + " 项；<a href=\"/admin/changesets/" + hex +
           "\">逐页查看全部修改</a></p>";
  }
  // Not signed yet: POST /admin/reject without confirmed=1 answers the
  // confirmation page (RejectConfirmPage).
  return out + "<form method=\"post\" action=\"/admin/reject\">" +
         CsrfInput(MaskCsrfToken(s.csrf)) + "<input type=\"hidden\" name=\"changeset\" value=\"" +
         hex +
         "\"><label>退回理由 <input type=\"text\" name=\"reason\" required maxlength=\"1000\" "
         "aria-label=\"退回理由\"></label><button type=\"submit\" "
         "class=\"secondary\">退回这个变更集…</button></form></div>";
}

// The step before a rejection is signed (docs/hub-web.md § Rejecting):
// what will be rejected and the reason, editable; only 确认退回 posts
// confirmed=1. Works without script.
HttpResponse WebApp::RejectConfirmPage(const Session& s, const RejectPreview& p) {
  const LoggedChangeSet& l = p.changeset;
  std::string hex = HexEncode(l.meta.id);
  PageFrame f = AdminFrame(s, "确认退回");
  f.body += "<div class=\"card confirm\"><p>要退回 <strong>" + Esc(ChangeSetName(l)) +
            "</strong> <span class=\"code\">" + hex.substr(0, 8) + "</span>（" +
            std::to_string(l.ics.cs.ops.size()) + " 项修改，提交 " +
            Esc(LocalTimeText(l.ics.cs.created_at)) + "）。退回会以您（" + Esc(s.admin) +
            "）的名义签名、记入日志，不能撤回；村里下次同步时会看到理由。</p>" +
            "<form method=\"post\" action=\"/admin/reject\">" + CsrfInput(MaskCsrfToken(s.csrf)) +
            "<input type=\"hidden\" name=\"changeset\" value=\"" + hex +
            "\"><input type=\"hidden\" name=\"confirmed\" value=\"1\"><label "
            "for=\"reason\">退回理由（必填，村里会看到）</label><textarea id=\"reason\" "
            "name=\"reason\" required maxlength=\"1000\">" +
            Esc(p.reason) +
            "</textarea><button type=\"submit\" id=\"confirm-reject\">确认退回并签名</button> "
            "<a href=\"/admin#cs-" +
            hex.substr(0, 8) + "\">不退回，返回待审</a></form></div>";
  return HtmlResponse(200, RenderPage(f));
}

// One undecided change set's ops, opts_.changeset_page_ops per page
// (?page=N from 0), against the proposed catalog like the review page.
HttpResponse WebApp::ChangeSetPage(const Session& s, std::string_view hex, std::string_view query) {
  std::optional<Hash32> id = HexDecodeHash(hex);
  if (!id) return ErrorPage(404, "unknown_changeset", "没有这个待审的变更集");
  uint64_t page = 0;
  if (auto raw = FindQueryParam(query, "page")) page = ParseDecimal(*raw).value_or(0);
  Result<ProposedHead> head = [&] {
    std::lock_guard<std::mutex> lock(db_mu_);
    Status begin = db_.db().Exec("BEGIN");
    if (!begin.ok()) return Result<ProposedHead>(begin);
    Result<ProposedHead> h = BuildProposedHead(db_);
    (void)db_.db().Exec("ROLLBACK");
    return h;
  }();
  if (!head.ok()) return DbErrorPage(head.status());
  const LoggedChangeSet* found = nullptr;
  for (const LoggedChangeSet& l : head->undecided) {
    if (l.meta.id == *id) found = &l;
  }
  if (!found)
    return ErrorPage(404, "unknown_changeset", "没有这个待审的变更集（也许已经批准或退回）");
  const std::vector<Op>& ops = found->ics.cs.ops;
  const size_t per = std::max<size_t>(1, opts_.changeset_page_ops);
  const uint64_t pages = (ops.size() + per - 1) / per;
  if (page >= pages) page = pages - 1;
  size_t begin = static_cast<size_t>(page) * per;
  size_t end = std::min(ops.size(), begin + per);
  std::string full = HexEncode(*id);
  PageFrame f = AdminFrame(
      s, "变更集 " + found->meta.station + " 第 " + std::to_string(found->meta.seq) + " 批");
  f.body += "<p class=\"meta\">共 " + std::to_string(ops.size()) + " 项修改 · 第 " +
            std::to_string(begin + 1) + "–" + std::to_string(end) +
            " 项 · 编号 <span class=\"code\">" + full + "</span></p>";
  f.body += "<table class=\"rows diff\">" + OpTableHead() + "<tbody>";
  for (size_t i = begin; i < end; ++i) f.body += OpRowHtml(ops[i], head->proposed);
  f.body += "</tbody></table><p>";
  if (page > 0) {
    f.body += "<a href=\"/admin/changesets/" + full + "?page=" + std::to_string(page - 1) +
              "\">上一页</a> ";
  }
  if (page + 1 < pages) {
    f.body += "<a href=\"/admin/changesets/" + full + "?page=" + std::to_string(page + 1) +
              "\">下一页</a> ";
  }
  f.body += "<a href=\"/admin#cs-" + full.substr(0, 8) + "\">返回待审的变更</a></p>";
  return HtmlResponse(200, RenderPage(f));
}

// The sign-in trail (hub/store/sign_in_table.h), newest first,
// opts_.signins_page_rows a page; ?before=ID shows the page of older ones.
HttpResponse WebApp::SignInsPage(const Session& s, std::string_view query) {
  int64_t before = 0;
  if (auto raw = FindQueryParam(query, "before")) {
    std::optional<uint64_t> n = ParseDecimal(*raw);
    if (!n || *n == 0 || *n > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return ErrorPage(400, "bad_query", "before= 应当是记录编号（正整数）");
    }
    before = static_cast<int64_t>(*n);
  }
  const size_t per = std::max<size_t>(1, opts_.signins_page_rows);
  std::unique_lock<std::mutex> lock(db_mu_);
  // One more than a page: whether there is an older page.
  Result<std::vector<SignInRecord>> trail = ListSignIns(db_, before, per + 1);
  Result<int64_t> total = CountSignIns(db_);
  lock.unlock();
  if (!trail.ok()) return DbErrorPage(trail.status());
  if (!total.ok()) return DbErrorPage(total.status());
  bool older = trail->size() > per;
  if (older) trail->resize(per);
  PageFrame f = AdminFrame(s, "登录记录");
  f.body += "<p class=\"meta\">共保存 " + std::to_string(*total) + " 次登录尝试（最多保留最近 " +
            std::to_string(kMaxSignIns) +
            " 次，服务重启后仍在）。“已登录过的浏览器”不受别人输错密码的影响。</p>";
  f.body +=
      "<table class=\"rows\"><thead><tr><th>编号</th><th>时间</th><th>管理员</th><th>地址</th>"
      "<th>浏览器</th><th>结果</th></tr></thead><tbody>";
  for (const SignInRecord& a : *trail) {
    std::string result = SignInOutcomeLabel(a.outcome);
    if (a.locked_seconds > 0) {
      result += "，之后暂停 " + std::to_string(a.locked_seconds) + " 秒";
    }
    f.body += "<tr><td data-label=\"编号\">" + std::to_string(a.id) +
              "</td><td data-label=\"时间\">" + Esc(LocalTimeText(a.at)) +
              "</td><td data-label=\"管理员\">" + Esc(a.admin) + "</td><td data-label=\"地址\">" +
              Esc(a.address) + "</td><td data-label=\"浏览器\">" +
              (a.known_device ? "已登录过的浏览器" : "新浏览器") + "</td><td data-label=\"结果\">" +
              result + " <span class=\"code\">" + Esc(a.outcome) + "</span></td></tr>";
  }
  f.body += "</tbody></table><p>";
  if (before > 0) f.body += "<a href=\"/admin/signins\">最新的记录</a> ";
  if (older) {
    f.body += "<a href=\"/admin/signins?before=" + std::to_string(trail->back().id) +
              "\" id=\"older-signins\">更早的记录</a>";
  }
  f.body += "</p>";
  return HtmlResponse(200, RenderPage(f));
}

HttpResponse WebApp::VersionsPage(const Session& s) {
  PageFrame f = AdminFrame(s, "目录版本");
  std::lock_guard<std::mutex> lock(db_mu_);
  Status begin = db_.db().Exec("BEGIN");
  if (!begin.ok()) return DbErrorPage(begin);
  struct Undo {
    HubDb& db;
    ~Undo() { (void)db.db().Exec("ROLLBACK"); }
  } undo{db_};
  Result<ApprovedHead> latest = LatestVersion(db_);
  if (!latest.ok()) return DbErrorPage(latest.status());
  if (latest->version == 0) {
    f.body = "<p class=\"card\">还没有批准过任何版本（第 0 版是空目录）。</p>";
    return HtmlResponse(200, RenderPage(f));
  }
  Result<std::vector<VersionRecord>> versions = ListVersions(db_, 1, latest->version);
  if (!versions.ok()) return DbErrorPage(versions.status());
  f.body +=
      "<table class=\"rows\"><thead><tr><th>版本</th><th>批准时间</th><th>管理员</th>"
      "<th>包含的变更集</th><th>说明</th><th>目录哈希</th><th>日志</th></tr></thead><tbody>";
  for (auto it = versions->rbegin(); it != versions->rend(); ++it) {
    const VersionRecord& v = *it;
    std::string included;
    Result<LoggedApproval> a = ReadLoggedApproval(db_, v.log_index);
    if (a.ok()) {
      for (const IdentifiedChangeSet& ics : a->included) {
        included += Esc(ics.cs.station) + " 第 " + std::to_string(ics.cs.seq) +
                    " 批 <span class=\"code\">" + HexEncode(ics.id).substr(0, 8) + "</span><br>";
      }
      if (!a->approval.resolutions.empty()) {
        included += "<span class=\"meta\">处理冲突 " +
                    std::to_string(a->approval.resolutions.size()) + " 个</span>";
      }
    } else {
      included = std::to_string(v.changesets) + " 个";
    }
    f.body += "<tr><td data-label=\"版本\">第 " + std::to_string(v.version) +
              " 版</td><td data-label=\"批准时间\">" + Esc(LocalTimeText(v.decided_at)) +
              "</td><td data-label=\"管理员\">" + Esc(v.admin) +
              "</td><td data-label=\"包含的变更集\">" + included + "</td><td data-label=\"说明\">" +
              Esc(v.note) + "</td><td data-label=\"目录哈希\" class=\"code\">" +
              HexEncode(v.hash).substr(0, 16) + "…</td><td data-label=\"日志\">第 " +
              std::to_string(v.log_index) + " 条</td></tr>";
  }
  f.body += "</tbody></table>";
  return HtmlResponse(200, RenderPage(f));
}

namespace {

std::string RefusedHtml(const std::vector<const RefusedUpload*>& rows) {
  if (rows.empty()) return "";
  std::string out = "<ul class=\"refused\">";
  for (const RefusedUpload* r : rows) {
    out += "<li>被拒收 " + std::to_string(r->count) + " 次 <span class=\"code\">" + Esc(r->code) +
           "</span> 最近 " + Esc(LocalTimeText(r->last_at));
    if (r->seq != 0) out += "（第 " + std::to_string(r->seq) + " 批）";
    out += ": " + Esc(r->message) + "</li>";
  }
  return out + "</ul>";
}

}  // namespace

HttpResponse WebApp::StationsPage(const Session& s, const std::string& query) {
  PageFrame f = AdminFrame(s, "站点");
  std::lock_guard<std::mutex> lock(db_mu_);
  Result<std::vector<StationRecord>> stations = ListStations(db_);
  if (!stations.ok()) return DbErrorPage(stations.status());
  Result<std::vector<RefusedUpload>> refused = ListRefusedUploads(db_);
  if (!refused.ok()) return DbErrorPage(refused.status());
  Result<std::vector<UploadAttempt>> attempts = ListUploadAttempts(db_);
  if (!attempts.ok()) return DbErrorPage(attempts.status());
  std::map<std::string, std::vector<const RefusedUpload*>> refused_of;
  for (const RefusedUpload& r : *refused) refused_of[r.station].push_back(&r);
  if (ParseDone(query) == Done::kEnrolled) {
    f.body += "<p class=\"msg ok\">已登记。请确认已打电话与村里核对过公钥。</p>";
  }
  f.body +=
      "<table class=\"rows\"><thead><tr><th>站点</th><th>单位</th><th>登记</th>"
      "<th>最后联系（最近一次收到变更集）</th><th>已收变更集</th><th>状态</th></tr></thead><tbody>";
  for (const StationRecord& st : *stations) {
    Result<std::optional<AcceptedChangeSet>> last = LastChangeSet(db_, st.id);
    std::string contact = "还没有上传过";
    std::string count = "0";
    if (last.ok() && *last) {
      contact = LocalTimeText((*last)->received_at);
      count = "第 1–" + std::to_string((*last)->seq) + " 批";
    }
    const std::vector<const RefusedUpload*>& mine = refused_of[st.id];
    std::string state = st.revoked ? "已撤销: " + Esc(st.revoke_reason)
                                   : std::string(mine.empty() ? "正常" : "上传被拒收");
    f.body += "<tr><td data-label=\"站点\">" + Esc(st.id) + "</td><td data-label=\"单位\">" +
              Esc(st.unit) + "</td><td data-label=\"登记\">" + Esc(LocalTimeText(st.enrolled_at)) +
              "（" + Esc(st.enrolled_by) + "）</td><td data-label=\"最后联系\">" + Esc(contact) +
              "</td><td data-label=\"已收变更集\">" + Esc(count) + "</td><td data-label=\"状态\">" +
              state + RefusedHtml(mine) + "</td></tr>";
  }
  f.body +=
      "</tbody></table><p class=\"meta\">“最后联系”是集镇中心最近一次接收该站点变更集的时间；"
      "只下载目录的同步不记录。“被拒收”列出该站点最近一次被接收之后被拒收的上传及原因代码。</p>";
  if (!attempts->empty()) {
    f.body +=
        "<h2>未登记的站点尝试上传</h2><p class=\"meta\">这些站点编号向集镇中心上传过，但没有登记"
        "（或已撤销、换了新公钥）。登记前请打电话与村里核对公钥：村里运行 gongkai-station config "
        "显示的“本站公钥”必须与这里完全一致。</p>"
        "<table class=\"rows\"><thead><tr><th>站点</th><th>单位</th><th>公钥</th><th>尝试次数</th>"
        "<th>最近一次</th><th>登记</th></tr></thead><tbody>";
    for (const UploadAttempt& a : *attempts) {
      std::string key = a.key ? MakeVerifierKey(a.station, *a.key).ToString() : std::string();
      std::string form;
      if (a.key) {
        form = "<form method=\"post\" action=\"/admin/stations/enroll\">" +
               CsrfInput(MaskCsrfToken(s.csrf)) +
               "<input type=\"hidden\" name=\"station\" value=\"" + Esc(a.station) +
               "\"><label>单位 <input type=\"text\" name=\"unit\" value=\"" +
               Esc(a.unit.value_or("")) +
               "\" aria-label=\"单位\"></label><button type=\"submit\">已核对公钥，登记</button>"
               "</form>";
      } else {
        form = "上传时没有附上公钥：请向村里要公钥，用 gongkai-hub station add --key 登记";
      }
      f.body += "<tr><td data-label=\"站点\">" + Esc(a.station) + (a.revoked ? "（已撤销）" : "") +
                "</td><td data-label=\"单位\">" + Esc(a.unit.value_or("（未附）")) +
                "</td><td data-label=\"公钥\" class=\"code\">" +
                Esc(a.key ? key : std::string("（未附）")) + "</td><td data-label=\"尝试次数\">" +
                std::to_string(a.count) + "</td><td data-label=\"最近一次\">" +
                Esc(LocalTimeText(a.last_at)) + "</td><td data-label=\"登记\">" + form +
                "</td></tr>";
    }
    f.body += "</tbody></table>";
  }
  return HtmlResponse(200, RenderPage(f));
}

}  // namespace gongkai::hub::web
