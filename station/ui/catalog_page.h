// The main page: the station's status with the sync button, then the
// catalog (the working view: approved catalog + the station's changes the
// town has not approved) as a table, filtered by 领域 and a text search.
// The filter works without script (a GET form: ?area=…&q=…); app.js also
// filters as the clerk types.
#pragma once

#include <optional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "station/edits/working_view.h"
#include "station/log/accepted_checkpoints.h"
#include "station/store/station_store.h"
#include "station/ui/ui_sync.h"

namespace gongkai::station::ui {

struct StatusModel {
  StoreStatus store;
  std::vector<OutboxEntry> rejected;
  std::vector<LogAlarm> alarms;
  SyncState sync;
  bool hub_ready = false;  // false: a hint to finish the hub settings
  std::vector<HeldRow> held;               // rows the hub refused, waiting for the clerk
  std::optional<StationRefusal> refusal;   // the hub refused this station as a whole
  std::string verifier_key;                // this station's, to hand to the town
};

struct CatalogFilter {
  std::string area;   // exact 领域, empty = all
  std::string query;  // substring of any field or the id, empty = all
};

// True if the row passes the filter.
bool RowMatches(const Row& row, const CatalogFilter& filter);

std::string RenderStatusPanel(const StatusModel& m, const std::string& csrf);
// `flash`: a message already chosen by the program (escaped here).
// `held`: ids of rows the hub refused (已退回·待修改).
std::string RenderCatalog(const WorkingView& view, const std::string& unit,
                          const CatalogFilter& filter, const std::string& flash,
                          const std::set<std::string>& held = {});

// The status as JSON for app.js (GET /api/status).
std::string StatusJson(const StatusModel& m);

}  // namespace gongkai::station::ui
