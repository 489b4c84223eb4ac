// The administrator's actions (docs/hub-web.md § Actions): the same
// hub/review functions as `gongkai-hub resolve|approve|reject`, in the
// same single transactions, signed with the key of the signed-in
// administrator (unlocked at sign-in). Session and CSRF token are checked
// before these run (web_app.cc). A refusal is an error page with the
// function's reason as the code; it wrote nothing.
#include "core/base/hex.h"
#include "core/base/http_status.h"
#include "hub/admin/admin_roster.h"
#include "hub/admin/station_enrollment.h"
#include "hub/review/approve.h"
#include "hub/review/op_text.h"
#include "hub/review/reasons.h"
#include "hub/review/reject.h"
#include "hub/review/resolve.h"
#include "hub/web/flash.h"
#include "hub/web/form.h"
#include "hub/web/web_app.h"
#include "hub/web/web_response.h"

namespace gongkai::hub::web {

HttpResponse WebApp::ActionError(const Status& s) {
  return ErrorPage(HttpStatusFor(s), s.reason(), s.message() + "（什么也没有改）");
}

HttpResponse WebApp::Resolve(const Session& s, const Form& form) {
  auto get = [&](const char* name) { return FormValue(form, name); };
  ResolveRequest req;
  req.conflict_id = get("conflict");
  std::string action = get("action");
  if (action == "value") {
    req.kind = ResolveKind::kValue;
    req.text = get("value");
  } else if (action == "take") {
    req.kind = ResolveKind::kTake;
    req.text = get("take");
  } else if (action == "keep") {
    req.kind = ResolveKind::kKeep;
  } else {
    return ErrorPage(400, "bad_resolution",
                     "不认识的处理方式（应为 value、take 或 keep），什么也没有改");
  }
  req.admin = s.admin;
  req.now = Now();
  std::lock_guard<std::mutex> lock(db_mu_);
  // A resolution is not signed, but only an administrator still on the
  // roster may choose one (signed actions check this in their transaction).
  if (Status active = RequireActiveAdmin(db_, *s.signer); !active.ok()) return ActionError(active);
  Result<ResolveOutcome> out = hub::Resolve(db_, req);
  if (!out.ok()) return ActionError(out.status());
  return Redirect(DoneUrl("/admin", Done::kResolved));
}

namespace {

// "ID,ID,…" (64 hex digits each) → ids; nullopt if any is not an id.
std::optional<std::vector<Hash32>> ParseIdList(std::string_view rest) {
  std::vector<Hash32> ids;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::optional<Hash32> id = HexDecodeHash(rest.substr(0, comma));
    if (!id) return std::nullopt;
    ids.push_back(*id);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return ids;
}

}  // namespace

// The form carries what the page showed (admin_pages.cc ReviewedInputs):
// `expect`, the proposed result hash, `changesets`, the ids it merges (all
// pending, or those picked), and `pending`, every id pending when the page
// was drawn (a form without it: the same as `changesets`). The hub
// approves exactly `changesets` — `gongkai-hub approve ID…` — if the
// pending set and the result are still those; else stale_review, and the
// administrator sees the new review.
HttpResponse WebApp::Approve(const Session& s, const Form& form) {
  ApproveRequest req;
  req.note = FormValue(form, "note");
  auto expect = form.find("expect");
  auto listed = form.find("changesets");
  if (expect != form.end()) req.expect_hash = HexDecodeHash(expect->second);
  if (expect == form.end() || !req.expect_hash || listed == form.end()) {
    return Redirect(
        DoneUrl("/admin", Done::kStaleReview));  // a page without them: show the current one
  }
  req.expect_ids = ParseIdList(listed->second);
  auto pending = form.find("pending");
  req.expect_pending = pending == form.end() ? req.expect_ids : ParseIdList(pending->second);
  if (!req.expect_ids || !req.expect_pending)
    return Redirect(DoneUrl("/admin", Done::kStaleReview));
  for (const Hash32& id : *req.expect_ids) req.changesets.push_back(HexEncode(id));
  req.now = Now();
  std::lock_guard<std::mutex> lock(db_mu_);
  Result<ApproveOutcome> out = hub::Approve(db_, *s.signer, req);
  if (!out.ok() && out.status().reason() == reason::kStaleReview) {
    return Redirect(DoneUrl("/admin", Done::kStaleReview));
  }
  if (!out.ok()) return ActionError(out.status());
  if (out->reviewed)
    return Redirect(DoneUrl("/admin", Done::kReviewed));  // policy 2: no version yet
  return Redirect(DoneUrl("/admin", Done::kApproved) + "&version=" + std::to_string(out->version));
}

// Two steps (docs/hub-web.md § Rejecting): without confirmed=1 the change
// set and reason are checked (PrepareReject, nothing written) and the
// confirmation page is the answer; with it, Reject signs.
HttpResponse WebApp::Reject(const Session& s, const Form& form) {
  std::string ref = FormValue(form, "changeset");
  std::string reason = FormValue(form, "reason");
  std::lock_guard<std::mutex> lock(db_mu_);
  if (FormValue(form, "confirmed") != "1") {
    if (Status begin = db_.db().Exec("BEGIN"); !begin.ok()) return ActionError(begin);
    Result<RejectPreview> p = PrepareReject(db_, ref, reason);
    (void)db_.db().Exec("ROLLBACK");
    if (!p.ok()) return ActionError(p.status());
    return RejectConfirmPage(s, *p);
  }
  Result<RejectOutcome> out = hub::Reject(db_, *s.signer, ref, reason, Now());
  if (!out.ok()) return ActionError(out.status());
  return Redirect(DoneUrl("/admin", Done::kRejected));
}

// "未登记的站点尝试上传" → 登记: hub/admin/station_enrollment.h, the same
// function as `gongkai-hub station add --from-attempt`; the unit field,
// when not blank, overrides the unit the station offered.
HttpResponse WebApp::EnrollFromAttempt(const Session& s, const Form& form) {
  auto station = form.find("station");
  std::optional<std::string> unit;
  if (auto it = form.find("unit"); it != form.end()) {
    std::string_view u = it->second;
    while (!u.empty() && (u.front() == ' ' || u.front() == '\t')) u.remove_prefix(1);
    while (!u.empty() && (u.back() == ' ' || u.back() == '\t')) u.remove_suffix(1);
    if (!u.empty()) unit = std::string(u);
  }
  std::lock_guard<std::mutex> lock(db_mu_);
  Result<AttemptEnrollment> out = EnrollStationFromAttempt(
      db_, *s.signer, station == form.end() ? "" : station->second, unit, Now());
  if (!out.ok()) return ActionError(out.status());
  return Redirect(DoneUrl("/admin/stations", Done::kEnrolled));
}

}  // namespace gongkai::hub::web
