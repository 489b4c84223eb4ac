#include "station/audit/hub_log_source.h"

#include <boost/json.hpp>
#include <cstring>

#include "core/base/base64.h"
#include "core/base/reasons.h"
#include "core/feed/api_paths.h"
#include "station/sync/hub_error.h"
#include "station/sync/json_field.h"

namespace gongkai::station {
namespace json = boost::json;
namespace {

Status BadAnswer(const std::string& what) {
  return DataLoss("bad_hub_answer", "集镇中心的回答格式不对 (" + what + ")");
}

Result<json::object> ParseObject(const std::string& body, const std::string& what) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return BadAnswer(what + ": not a JSON object");
  return v.as_object();
}

Result<std::vector<Hash32>> HashList(const json::object& o, const std::string& what) {
  const json::value* p = o.if_contains("proof");
  if (!p || !p->is_array()) return BadAnswer(what + ": no proof array");
  std::vector<Hash32> out;
  for (const json::value& v : p->as_array()) {
    if (!v.is_string()) return BadAnswer(what + ": proof item is not a string");
    std::optional<Bytes> b = Base64Decode(v.as_string());
    if (!b || b->size() != 32) return BadAnswer(what + ": proof item is not a base64 hash");
    Hash32 h;
    std::memcpy(h.data(), b->data(), 32);
    out.push_back(h);
  }
  return out;
}

}  // namespace

HubLogSource::HubLogSource(HttpsEndpoint endpoint, HttpsTimeouts timeouts)
    : endpoint_(endpoint), client_(std::move(endpoint), timeouts) {}

std::string HubLogSource::Describe() const {
  return "https://" + endpoint_.host + ":" + std::to_string(endpoint_.port);
}

Result<HttpsResponse> HubLogSource::Get(const std::string& target) {
  GK_ASSIGN_OR_RETURN(HttpsResponse r, client_.Request("GET", target, "", ""));
  if (r.status == 200) return r;
  HubError err = ParseHubError(r.body);
  std::string code = err.code.empty() ? "hub_error" : err.code;
  std::string message = err.message.empty() ? "HTTP " + std::to_string(r.status) : err.message;
  std::string text = "集镇中心拒绝了请求 " + target + ": " + message;
  // db_corrupt: the hub says it cannot serve what it holds (exit 3, never
  // "verified"); log_entry_missing stays itself — an entry the signed
  // checkpoint covers and the hub cannot serve is evidence (exit 1).
  if (r.status >= 500 && code == reason::kDbCorrupt)
    return HubRefusal(r.status, err, "请求 " + target);
  if (r.status >= 500) return Unavailable(code, text);
  return InvalidArgument(code, text);
}

Result<std::string> HubLogSource::CheckpointNote() {
  GK_ASSIGN_OR_RETURN(HttpsResponse r, Get(std::string(api_path::kCheckpoint)));
  return r.body;
}

Result<std::vector<Bytes>> HubLogSource::Entries(uint64_t start, uint64_t end) {
  GK_ASSIGN_OR_RETURN(HttpsResponse r, Get(std::string(api_path::kLogEntries) + "?start=" +
                                           std::to_string(start) + "&end=" + std::to_string(end)));
  GK_ASSIGN_OR_RETURN(json::object o, ParseObject(r.body, "entries"));
  std::optional<uint64_t> s = JsonUint(o, "start");  // never throws on hub input
  const json::value* list = o.if_contains("entries");
  if (!s || *s != start || !list || !list->is_array()) {
    return BadAnswer("entries: wrong start or no entries array");
  }
  std::vector<Bytes> out;
  for (const json::value& v : list->as_array()) {
    if (!v.is_string()) return BadAnswer("entries: item is not a string");
    std::optional<Bytes> b = Base64Decode(v.as_string());
    if (!b) return BadAnswer("entries: item is not base64");
    out.push_back(std::move(*b));
  }
  if (out.empty() || out.size() > end - start) return BadAnswer("entries: wrong number of entries");
  return out;
}

Result<std::vector<Hash32>> HubLogSource::InclusionProof(uint64_t index, uint64_t size) {
  GK_ASSIGN_OR_RETURN(HttpsResponse r,
                      Get(std::string(api_path::kInclusionProof) +
                          "?index=" + std::to_string(index) + "&size=" + std::to_string(size)));
  GK_ASSIGN_OR_RETURN(json::object o, ParseObject(r.body, "inclusion proof"));
  return HashList(o, "inclusion proof");
}

Result<std::vector<Hash32>> HubLogSource::ConsistencyProof(uint64_t from, uint64_t to) {
  GK_ASSIGN_OR_RETURN(HttpsResponse r, Get(std::string(api_path::kConsistencyProof) + "?from=" +
                                           std::to_string(from) + "&to=" + std::to_string(to)));
  GK_ASSIGN_OR_RETURN(json::object o, ParseObject(r.body, "consistency proof"));
  return HashList(o, "consistency proof");
}

Result<std::vector<uint64_t>> HubLogSource::CosignedSizes() {
  GK_ASSIGN_OR_RETURN(HttpsResponse r, Get(std::string(api_path::kCosigned)));
  GK_ASSIGN_OR_RETURN(json::object o, ParseObject(r.body, "cosigned"));
  const json::value* p = o.if_contains("sizes");
  if (!p || !p->is_array()) return BadAnswer("cosigned: no sizes array");
  std::vector<uint64_t> out;
  for (const json::value& v : p->as_array()) {
    if (!v.is_uint64() && !(v.is_int64() && v.as_int64() >= 0)) {
      return BadAnswer("cosigned: a size is not a number");
    }
    out.push_back(v.is_uint64() ? v.as_uint64() : static_cast<uint64_t>(v.as_int64()));
  }
  return out;
}

Result<std::string> HubLogSource::CheckpointNoteOfSize(uint64_t size) {
  GK_ASSIGN_OR_RETURN(HttpsResponse r,
                      Get(std::string(api_path::kCheckpoint) + "?size=" + std::to_string(size)));
  return r.body;
}

Result<std::optional<std::string>> HubLogSource::Attachment(const std::string& sha256_hex) {
  const std::string target = std::string(api_path::kAttachmentsPrefix) + sha256_hex;
  GK_ASSIGN_OR_RETURN(HttpsResponse r, client_.Request("GET", target, "", ""));
  if (r.status == 404) return std::optional<std::string>();
  if (r.status != 200) {
    HubError err = ParseHubError(r.body);
    std::string code = err.code.empty() ? "hub_error" : err.code;
    return Unavailable(code, "集镇中心没有给出附件 " + sha256_hex + ": HTTP " +
                                 std::to_string(r.status) + " " + err.message);
  }
  return std::optional<std::string>(std::move(r.body));
}

}  // namespace gongkai::station
