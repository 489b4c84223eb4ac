#include "station/sync/hub_error.h"

#include <boost/json.hpp>

#include "core/base/reasons.h"

namespace gongkai::station {

namespace json = boost::json;

HubError ParseHubError(std::string_view body) {
  HubError out;
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return out;
  const json::value* e = v.as_object().if_contains("error");
  if (!e || !e->is_object()) return out;
  if (const json::value* c = e->as_object().if_contains("code"); c && c->is_string())
    out.code = std::string(c->as_string());
  if (const json::value* m = e->as_object().if_contains("message"); m && m->is_string())
    out.message = std::string(m->as_string());
  return out;
}

Status HubRefusal(int http_status, const HubError& error, const std::string& what) {
  std::string msg = "镇服务器拒绝了" + what + " (HTTP " + std::to_string(http_status) +
                    (error.code.empty() ? "" : " " + error.code) + ")";
  if (!error.message.empty()) msg += ": " + error.message.substr(0, 300);
  if (http_status >= 500 &&
      (error.code == reason::kDbCorrupt || error.code == reason::kLogEntryMissing ||
       error.code == reason::kMerkleNodeMissing)) {
    return DataLoss(std::string(kHubDamaged),
                    "镇服务器报告它自己的数据库已损坏，本站没有采用它的任何回答（本站数据保持原样）。"
                    "请通知镇政务公开办运行 gongkai-hub check --full 并从备份恢复；"
                    "gongkai-station status 会显示此警报 (the hub reports its store is damaged) — " +
                        msg);
  }
  if (http_status == 429 || http_status >= 500) {
    return Unavailable(error.code.empty() ? "hub_busy" : error.code, msg);
  }
  if (http_status == 401 || http_status == 403) {
    return PermissionDenied(error.code.empty() ? "hub_refused" : error.code, msg);
  }
  return FailedPrecondition(error.code.empty() ? "hub_refused" : error.code, msg);
}

Status HubRefusal(int http_status, std::string_view body, const std::string& what) {
  return HubRefusal(http_status, ParseHubError(body), what);
}

}  // namespace gongkai::station
