// A row's posting records (公开记录) as HTML for the public pages
// (docs/hub-web.md § Public pages, docs/postings.md): period, posted date,
// channels, display period (公示期), note, and the attachments — photos as
// thumbnails (<img> of GET /v1/attachments/{sha256}) linking to the full
// image, other files (PDF) as links. Every value is escaped (hub/web/html.h).
#pragma once

#include <string>
#include <vector>

#include "hub/store/posting_table.h"

namespace gongkai::hub::web {

// The section "最近的公开记录" (id "postings") for records newest first, as
// LatestPostingsOfRow gives them (superseded ones are not among them).
std::string LatestPostingsHtml(const std::vector<StoredPosting>& records);

// One line for the catalog table: the latest record's period and posted
// date ("2026年11月 · 2026-11-03 公开"), or "暂无记录".
std::string LatestPostingSummaryHtml(const std::vector<StoredPosting>& records);

}  // namespace gongkai::hub::web
