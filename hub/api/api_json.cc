#include "hub/api/api_json.h"

#include <boost/json.hpp>

#include "core/base/hex.h"
#include "core/feed/receipts_answer.h"
#include "web/json_answer.h"

namespace gongkai::hub {
namespace json = boost::json;
namespace {

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

HttpResponse ReceiptsResponse(const std::vector<Receipt>& receipts, bool compact,
                              std::optional<bool> nothing_new, bool short_push) {
  bool all_ok = true;
  for (size_t i = 0; i < receipts.size(); ++i) {
    all_ok = all_ok && receipts[i].ok() && receipts[i].id && receipts[i].index == i;
  }
  if (compact && all_ok) {
    std::vector<CompactReceipt> list;
    list.reserve(receipts.size());
    for (const Receipt& r : receipts) {
      list.push_back(
          CompactReceipt{r.status == ReceiptStatus::kDuplicate, r.seq, *r.id, r.log_index});
    }
    Bytes body = short_push ? EncodeShortReceipts(list, nothing_new.value_or(false))
                            : EncodeCompactReceipts(list, nothing_new);
    HttpResponse out;
    // The short push's answer is bare: only a station asks for it, and it
    // reads the format byte.
    out.content_type = short_push ? "" : kReceiptsMediaType;
    out.station_only = true;
    out.body.assign(body.begin(), body.end());
    return out;
  }
  json::array list;
  const Receipt* first_rejected = nullptr;
  for (const Receipt& r : receipts) {
    list.push_back(ReceiptJson(r));
    if (!r.ok() && !first_rejected) first_rejected = &r;
  }
  json::object o;
  if (first_rejected) o["error"] = ErrorObject(first_rejected->code, first_rejected->message);
  o["receipts"] = std::move(list);
  if (!first_rejected) return JsonAnswer(200, o);
  return JsonAnswer(first_rejected->http_status, o, first_rejected->code);
}

HttpResponse HealthResponse(const HealthInfo& info) {
  return JsonAnswer(200, json::object{{"status", "ok"},
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
  return JsonAnswer(200, json::object{{"station", station},
                                      {"revoked", revoked},
                                      {"receipts", std::move(list)},
                                      {"more", more}});
}

}  // namespace gongkai::hub
