// The hub's web pages (docs/hub-web.md), served by `gongkai-hub serve` on
// the API's HTTPS port: a plain function from HttpRequest to HttpResponse
// like the API (hub/api/hub_api.h), which routes these paths here.
//
//   GET  /                      public: the approved catalog, searchable (q, area)
//   GET  /rows/{id}             public: one row and its history (indexed at append)
//   GET  /catalog.xlsx, /catalog.csv  public: the latest approved catalog to download
//   GET  /static/hub.css        the embedded style sheet
//   GET  /admin/login           sign-in form            POST /admin/login   sign in
//   GET  /admin                 pending queue: diffs, conflicts side by side, approve/reject
//   GET  /admin/versions        approved versions and what each included
//   GET  /admin/signins         the sign-in trail, ?before=ID pages (sign_in_table.h)
//   GET  /admin/changesets/{id} one undecided change set's ops, page by page
//   GET  /admin?select=1&pick=ID…  the review of just the picked change sets
//   GET  /admin/stations        stations and their last contact
//   GET  /admin/roster          administrators; add, revoke, re-key forms
//   GET  /admin/compliance      公开情况: ?period=TEXT [&unit=NAME]; .csv / .xlsx downloads
//   POST /admin/resolve         conflict, action=value|take|keep [, value]
//   POST /admin/approve         expect, changesets, pending [, note]: the change sets shown
//   POST /admin/reject          changeset, reason → confirmation page; with confirmed=1 → signed
//   POST /admin/roster/add|revoke|rekey  roster changes, after the signer's password
//   POST /admin/logout
//
// Every /admin page except the sign-in form needs a session
// (hub/web/session_store.h): without one, GET → 303 to the sign-in page and
// POST → 401 "not_signed_in". Every POST needs the session's CSRF token in
// the form field "csrf" → else 403 "bad_csrf_token"; nothing is written.
// Approvals, rejections and resolutions call the same hub/review functions
// as the command line, signed with the signed-in administrator's key.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/deadline/period.h"
#include "hub/postings/compliance.h"
#include "hub/review/catalog_history.h"
#include "hub/review/proposed_head.h"
#include "hub/review/reject.h"
#include "hub/store/hub_db.h"
#include "hub/store/hub_paths.h"
#include "hub/web/session_store.h"
#include "hub/web/sign_in_guard.h"
#include "hub/web/web_options.h"
#include "web/http_message.h"

namespace gongkai::hub::web {

class WebApp {
 public:
  // `checkpoint` gives the current signed checkpoint note (the text of GET
  // /v1/checkpoint). The database is opened on a connection of its own.
  static Result<std::unique_ptr<WebApp>> Create(const std::string& hub_dir,
                                                std::function<std::string()> checkpoint,
                                                WebOptions opts = {});

  static bool Serves(std::string_view path);
  HttpResponse Handle(const HttpRequest& req);

 private:
  using Form = std::map<std::string, std::string>;
  WebApp(HubPaths paths, HubDb db, std::function<std::string()> checkpoint, WebOptions opts);
  int64_t Now() const;
  HttpResponse HandleAdmin(const HttpRequest& req, std::string_view path, std::string_view query);
  HttpResponse HandleRosterPost(const HttpRequest& req, const std::string& session_id,
                                const Session& s, std::string_view path, const Form& form);

  // public_pages.cc
  HttpResponse CatalogPage(std::string_view host, std::string_view query);
  // The section telling anyone how to check this hub's history: the
  // certificate fingerprint, the log key and the exact gongkai-audit command.
  std::string AuditHtml(std::string_view host);
  HttpResponse CatalogDownload(bool xlsx);
  // The latest approved catalog; false with *error set to the page (503
  // while the database is busy, else 500) when it cannot be read.
  bool ReadLatestCatalog(VersionedCatalog* out, HttpResponse* error);
  HttpResponse RowPage(const std::string& row_id);
  // sign_in.cc
  HttpResponse SignInForm(int status, const std::string& error, const std::string& code);
  HttpResponse SignIn(const HttpRequest& req);
  // admin_pages.cc
  HttpResponse QueuePage(const Session& s, std::string_view query);
  HttpResponse VersionsPage(const Session& s);
  HttpResponse StationsPage(const Session& s, const std::string& query);
  HttpResponse SignInsPage(const Session& s, std::string_view query);
  HttpResponse ChangeSetPage(const Session& s, std::string_view hex, std::string_view query);
  HttpResponse RejectConfirmPage(const Session& s, const RejectPreview& p);
  std::string ApproveSectionHtml(const Session& s, const ProposedHead& head, bool picked);
  std::string PickSectionHtml(const ProposedHead& head,
                              const std::vector<const LoggedChangeSet*>& pending);
  std::string ChangeSetCardHtml(const Session& s, const LoggedChangeSet& l, const Catalog& context,
                                size_t conflicts);
  // compliance_pages.cc
  HttpResponse CompliancePage(const Session& s, std::string_view query);
  HttpResponse ComplianceDownload(std::string_view query, bool xlsx);
  Result<ComplianceReport> ReadCompliance(const deadline::Period& period, deadline::Date today);
  // roster_pages.cc
  HttpResponse RosterPage(const Session& s, std::string_view query);
  // The signed-in administrator's password, checked like a sign-in (the
  // sign-in guard's limits apply); nullopt when it is right, else the
  // refusal to answer.
  std::optional<HttpResponse> ConfirmPassword(const HttpRequest& req, const Session& s,
                                              const Form& form);
  // admin_actions.cc
  HttpResponse Resolve(const Session& s, const Form& form);
  HttpResponse Approve(const Session& s, const Form& form);
  HttpResponse Reject(const Session& s, const Form& form);
  HttpResponse EnrollFromAttempt(const Session& s, const Form& form);
  HttpResponse ActionError(const Status& status);

  HubPaths paths_;
  std::mutex db_mu_;  // guards db_
  HubDb db_;
  std::function<std::string()> checkpoint_;
  std::string cert_sha256_;  // of paths_.tls_cert(), read once (guarded by db_mu_)
  WebOptions opts_;
  SessionStore sessions_;
  SignInGuard guard_;
  // /rows/{id} reads the row's history from row_changes
  // (hub/store/row_history_table.h), written when each log entry was
  // appended: no log entry is read or verified per request or per restart.
};

}  // namespace gongkai::hub::web
