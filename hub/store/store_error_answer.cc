#include "hub/store/store_error_answer.h"

#include "core/base/reasons.h"
#include "web/json_answer.h"

namespace gongkai::hub {

HttpResponse StoreErrorResponse(const Status& s) {
  if (s.code() == Code::kUnavailable) {
    HttpResponse r = JsonError(503, s.reason(), s.message());
    r.headers.emplace_back("Retry-After", "1");
    return r;
  }
  if (s.reason() == reason::kDbCorrupt || s.reason() == reason::kLogEntryMissing ||
      s.reason() == reason::kMerkleNodeMissing) {
    return JsonError(500, s.reason(),
                     "集镇中心的数据库已损坏，请管理员运行 gongkai-hub check: " + s.message());
  }
  return JsonError(500, "internal", "集镇中心内部错误，请联系管理员 (" + s.reason() + ")");
}

}  // namespace gongkai::hub
