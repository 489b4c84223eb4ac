#include "station/sync/json_field.h"

namespace gongkai::station {

std::optional<uint64_t> JsonUint(const boost::json::object& o, const char* key) {
  const boost::json::value* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_uint64()) return v->as_uint64();
  if (v->is_int64() && v->as_int64() >= 0) return static_cast<uint64_t>(v->as_int64());
  return std::nullopt;
}

}  // namespace gongkai::station
