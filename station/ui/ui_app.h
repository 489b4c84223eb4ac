// The clerk's page as a plain function from request to response
// (docs/station-ui.md): no sockets, no Beast — ui_server.cc calls Handle()
// for each request, tests call it directly.
//
//   GET  /login?key=K         trades the launch key (once) for the session cookie
//                             and redirects to /s/TOKEN/ — every path below is
//                             under that prefix (ui_guard.h), links are relative
//   GET  /                    status + sync button + catalog (?area=&q=&msg=)
//   GET  /api/status          the status as JSON (the script polls it)
//   POST /sync                starts a sync in the background
//   GET  /row/new             the empty form;  POST /row/new      adds
//   GET  /row/ID              one row
//   GET  /row/ID/edit         the form;        POST /row/ID/edit  edits
//   GET  /row/ID/retire       confirmation;    POST /row/ID/retire retires
//   POST /row/ID/record       a posting record (multipart: period, posted,
//                             channel…, from, to, note, attach…), as
//                             `gongkai-station record` (posting_entry.h)
//   GET  /due[?period=]       本期应公开: due, overdue, done (due_report.h)
//   GET  /import              the upload form; POST /import (multipart) imports
//   GET  /export.csv[?mine=1] the working view as a spreadsheet (CSV)
//   GET  /export.xlsx[?mine=1] the same as an .xlsx workbook
//   GET  /assets/app.css, /assets/app.js
//
// Every request passes the guard first (ui_guard.h): loopback peer, Host
// 127.0.0.1:PORT or localhost:PORT, the session cookie (except /login and
// the assets); every POST also the CSRF token and a same-origin Origin or
// Referer. A refusal is 403 with a Chinese page and the header
// X-Gongkai-Reason: not_loopback | bad_host | no_session | bad_origin |
// bad_csrf | bad_key, and nothing is read or written.
//
// Each change is one store action (StationStore::RecordAction, one
// transaction) planned by the functions the command line uses
// (station/edits/edit_plan.h); a refused change writes nothing.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "station/ui/posting_page.h"
#include "station/ui/row_form.h"
#include "station/ui/row_form_page.h"
#include "station/ui/ui_guard.h"
#include "station/ui/ui_http.h"
#include "station/ui/ui_sync.h"

namespace gongkai::station::ui {

struct UiOptions {
  std::string dir;    // the station's data directory
  uint16_t port = 0;  // the port the server listens on (Host/Origin checks)
  UiSecrets secrets;  // MakeSecrets() per launch
  SyncFn sync = RunSyncOnce;
  std::function<int64_t()> clock;  // unix seconds; default time(nullptr)
};

inline constexpr size_t kMaxFormBytes = 1u << 20;  // a form post (not an import)

class UiApp {
 public:
  explicit UiApp(UiOptions opts);

  UiResponse Handle(const UiRequest& req);

  // "http://127.0.0.1:PORT/login?key=…": what the command prints. The key
  // works once.
  std::string LaunchUrl() const;
  // Waits for a sync started by POST /sync (tests, shutdown).
  void WaitForSync() { runner_.Wait(); }

 private:
  struct Posted;
  // The store, its working view and the row a typed id names in it.
  struct OpenedRow;
  Result<std::unique_ptr<OpenedRow>> OpenRow(const std::string& typed_id);
  UiResponse Route(const UiRequest& req, const std::string& path, const std::string& query,
                   const Posted* posted);
  UiResponse CatalogPage(const std::string& query);
  UiResponse StatusApi();
  UiResponse RowView(const std::string& id, const std::string& query);
  // The row page; after a refused posting, its form as sent with the reason.
  UiResponse RowPage(const std::string& id, const std::string& msg,
                     const PostingFormModel* refused);
  UiResponse RecordPosting(const std::string& id, const Posted& posted);
  UiResponse DuePage(const std::string& query);
  UiResponse NewRowForm();
  UiResponse AddRow(const Posted& posted);
  UiResponse EditRowForm(const std::string& id);
  UiResponse EditRow(const std::string& id, const Posted& posted);
  UiResponse RetireConfirm(const std::string& id);
  UiResponse RetireRow(const std::string& id);
  UiResponse DiscardRow(const std::string& id);
  UiResponse ImportForm();
  UiResponse Import(const Posted& posted);
  UiResponse Export(const std::string& query, bool xlsx);
  UiResponse StartSync();

  UiResponse Page(int status, const std::string& title, const std::string& nav,
                  const std::string& body);
  UiResponse FormPage(int status, const RowFormModel& model);
  int64_t Now() const;

  // "/s/TOKEN", or "" without a path token.
  std::string Prefix() const;
  // The launch key (the session key when a test gives none).
  std::string LaunchKey() const;
  UiResponse Redirect(const std::string& inner) const;

  UiOptions opts_;
  std::atomic<bool> launch_spent_{false};
  std::string station_label_;  // "红旗村 · hongqi-01", read once
  std::string unit_;
  SyncRunner runner_;
};

}  // namespace gongkai::station::ui
