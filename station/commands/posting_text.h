// How the station shows a posting record (公开记录): one line for people,
// one JSON object for scripts (docs/postings.md § Station commands).
#pragma once

#include <boost/json.hpp>
#include <string>

#include "station/store/station_store.h"

namespace gongkai::station {

// "2026年11月 · 2026-11-03 公开于 村公示栏 · 公示 2026-11-03 至 2026-11-10 · 2 个附件"
std::string PostingSummary(const PostingOp& op);
// 未发送 / 已发送 / 镇里已收到 / 镇里拒收
std::string PostingStateLabel(const std::string& state);
// {"record_id","row_id","period","posted","channels","display_from",
//  "display_to","note","attachments":[{"sha256","size","media_type",
//  "file_name"}],"supersedes","seq","state", "code","reason" (refused)}
boost::json::object PostingJson(const StationPosting& p);

}  // namespace gongkai::station
