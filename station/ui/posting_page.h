// The posting parts of the clerk's page (docs/station-ui.md § 公开记录):
// the row page's "记录公开" form and its list of records, and the page
// 本期应公开 (what is due, overdue and done for the unit). HTML only; the
// data come from station/commands/posting_entry.h and due_report.h, as
// for `gongkai-station record` and `due`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "station/commands/due_report.h"
#include "station/commands/posting_entry.h"
#include "station/store/station_store.h"

namespace gongkai::station::ui {

// What the form shows: the row's channels to tick, the values (pre-filled
// or as the clerk sent them) and, after a refusal, its reason.
struct PostingFormModel {
  std::string row_id;
  std::vector<std::string> choices;  // ChannelChoices(row)
  PostingEntry values;               // period, posted, channels (ticked), from, to, note
  std::optional<Status> error;
};

// The row page's section: the form when `form` is given (else `why_not`,
// e.g. 已撤销), then the row's records, latest first, superseded and
// refused ones marked.
std::string RenderPostingSection(const PostingFormModel* form, const std::string& why_not,
                                 const std::vector<StationPosting>& records,
                                 const std::string& csrf);

// 本期应公开: 已逾期, 待公开, 已公开 and 不判定 tables, or kNoRowsYet.
std::string RenderDuePage(const DueReport& report);

}  // namespace gongkai::station::ui
