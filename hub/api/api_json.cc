#include "hub/api/api_json.h"

#include <boost/json.hpp>

#include "core/base/hex.h"
#include "core/base/utf8.h"
#include "core/log/reasons.h"
#include "core/store/reasons.h"

namespace gongkai::hub {
namespace json = boost::json;
namespace {

HttpResponse Json(int status, const json::value& v, std::string error_code = {}) {
  HttpResponse r;
  r.status = status;
  r.body = json::serialize(v);
  r.body.push_back('\n');
  r.error_code = std::move(error_code);
  return r;
}

// Messages may quote what the client sent (a path, a field value); JSON must
// be UTF-8, so every byte that is not part of a valid UTF-8 sequence becomes
// U+FFFD. (Boost.JSON copies string bytes as they are.) Found by the
// hub_http fuzz target: GET /v1/<bytes 0xFA 0xF7> gave an unparsable 404.
std::string ValidUtf8(std::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    size_t len = lead < 0x80                    ? 1
                 : lead >= 0xC2 && lead <= 0xDF ? 2
                 : lead >= 0xE0 && lead <= 0xEF ? 3
                 : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                : 0;
    if (len > 0 && i + len <= s.size() && IsValidUtf8(s.substr(i, len))) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out.append("\xEF\xBF\xBD");  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    }
  }
  return out;
}

json::object ErrorObject(const std::string& code, const std::string& message) {
  return json::object{{"code", ValidUtf8(code)}, {"message", ValidUtf8(message)}};
}

json::object ReceiptJson(const Receipt& r) {
  json::object o;
  o["index"] = r.index;
  o["status"] = ReceiptStatusName(r.status);
  if (!r.station.empty()) o["station"] = r.station;
  if (r.seq != 0) o["seq"] = r.seq;
  if (r.id) o["id"] = HexEncode(*r.id);
  if (r.ok()) {
    o["log_index"] = r.log_index;
  } else {
    o["code"] = ValidUtf8(r.code);
    o["message"] = ValidUtf8(r.message);
    if (!r.ops.empty()) {
      json::array ops;
      for (size_t i : r.ops) ops.push_back(i);
      o["ops"] = std::move(ops);
    }
  }
  return o;
}

}  // namespace

HttpResponse JsonError(int status, const std::string& code, const std::string& message) {
  return Json(status, json::object{{"error", ErrorObject(code, message)}}, code);
}

HttpResponse StoreErrorResponse(const Status& s) {
  if (s.code() == Code::kUnavailable) {
    HttpResponse r = JsonError(503, s.reason(), s.message());
    r.headers.emplace_back("Retry-After", "1");
    return r;
  }
  if (s.reason() == reason::kDbCorrupt || s.reason() == reason::kLogEntryMissing ||
      s.reason() == reason::kMerkleNodeMissing) {
    return JsonError(500, s.reason(), "集镇中心的数据库已损坏，请管理员运行 gongkai-hub check: " +
                                          s.message());
  }
  return JsonError(500, "internal", "集镇中心内部错误，请联系管理员 (" + s.reason() + ")");
}

HttpResponse ReceiptsResponse(const std::vector<Receipt>& receipts) {
  json::array list;
  const Receipt* first_rejected = nullptr;
  for (const Receipt& r : receipts) {
    list.push_back(ReceiptJson(r));
    if (!r.ok() && !first_rejected) first_rejected = &r;
  }
  json::object o;
  if (first_rejected) o["error"] = ErrorObject(first_rejected->code, first_rejected->message);
  o["receipts"] = std::move(list);
  if (!first_rejected) return Json(200, o);
  return Json(first_rejected->http_status, o, first_rejected->code);
}

HttpResponse HealthResponse(const HealthInfo& info) {
  return Json(200, json::object{{"status", "ok"},
                                {"origin", info.origin},
                                {"log_size", info.log_size},
                                {"catalog_version", info.catalog_version},
                                {"time", info.time},
                                {"version", GONGKAI_VERSION}});
}

HttpResponse StationReceiptsResponse(const std::string& station, bool revoked,
                                     const std::vector<AcceptedChangeSet>& accepted, bool more) {
  json::array list;
  for (const AcceptedChangeSet& cs : accepted) {
    list.push_back(json::object{{"seq", cs.seq},
                                {"id", HexEncode(cs.id)},
                                {"status", "accepted"},
                                {"log_index", cs.log_index},
                                {"received_at", cs.received_at}});
  }
  return Json(200, json::object{{"station", station},
                                {"revoked", revoked},
                                {"receipts", std::move(list)},
                                {"more", more}});
}

}  // namespace gongkai::hub
