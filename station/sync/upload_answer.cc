#include "station/sync/upload_answer.h"

#include <boost/json.hpp>

#include "core/base/hex.h"
#include "core/feed/receipts_answer.h"
#include "station/sync/json_field.h"
#include "station/sync/reasons.h"

namespace gongkai::station {
namespace json = boost::json;
namespace {

Status Bad(const std::string& why) {
  return DataLoss("bad_hub_answer", "镇服务器的回答无法理解 (" + why + ")；请稍后重试或联系管理员");
}

std::string Str(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

Result<UploadAnswer> ParseCompact(const std::string& body) {
  Result<CompactReceipts> compact = DecodeCompactReceipts(Bytes(body.begin(), body.end()));
  if (!compact.ok()) return Bad("receipts: " + compact.status().reason());
  UploadAnswer answer;
  answer.nothing_new = compact->nothing_new;
  for (size_t i = 0; i < compact->receipts.size(); ++i) {
    const CompactReceipt& c = compact->receipts[i];
    answer.receipts.push_back(UploadReceipt{i,
                                            c.duplicate ? std::string(receipt_status::kDuplicate)
                                                        : std::string(receipt_status::kAccepted),
                                            c.seq,
                                            c.id,
                                            c.log_index,
                                            {},
                                            {},
                                            {}});
  }
  return answer;
}

}  // namespace

Result<UploadAnswer> ParseUploadAnswer(const std::string& body) {
  if (!body.empty() && body[0] == 0x01) return ParseCompact(body);
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return Bad("not a JSON object");
  const json::object& top = v.as_object();
  UploadAnswer answer;
  if (const json::value* err = top.if_contains("error")) {
    if (!err->is_object()) return Bad("error is not an object");
    answer.error_code = Str(err->as_object(), "code");
    answer.error_message = Str(err->as_object(), "message");
    if (answer.error_code.empty()) return Bad("error without code");
  }
  if (const json::value* list = top.if_contains("receipts")) {
    if (!list->is_array()) return Bad("receipts is not an array");
    for (const json::value& item : list->as_array()) {
      if (!item.is_object()) return Bad("receipt is not an object");
      const json::object& o = item.as_object();
      UploadReceipt r;
      std::optional<uint64_t> index = JsonUint(o, "index");
      if (!index) return Bad("receipt without index");
      r.index = static_cast<size_t>(*index);
      r.status = Str(o, "status");
      if (r.status != receipt_status::kAccepted && r.status != receipt_status::kDuplicate &&
          r.status != receipt_status::kRejected) {
        return Bad("unknown receipt status " + r.status);
      }
      r.seq = JsonUint(o, "seq").value_or(0);
      if (std::string id = Str(o, "id"); !id.empty()) {
        r.id = HexDecodeHash(id);
        if (!r.id) return Bad("bad change set id");
      }
      r.log_index = JsonUint(o, "log_index");
      if (r.status != receipt_status::kRejected && !r.log_index)
        return Bad("accepted receipt without log_index");
      r.code = Str(o, "code");
      r.message = Str(o, "message");
      if (const json::value* ops = o.if_contains("ops")) {
        if (!ops->is_array()) return Bad("ops is not an array");
        for (const json::value& i : ops->as_array()) {
          if (!i.is_uint64() && !(i.is_int64() && i.as_int64() >= 0)) return Bad("bad op index");
          r.ops.push_back(static_cast<size_t>(i.to_number<uint64_t>()));
        }
      }
      answer.receipts.push_back(std::move(r));
    }
  } else if (answer.error_code.empty()) {
    return Bad("neither receipts nor error");
  }
  return answer;
}

}  // namespace gongkai::station
