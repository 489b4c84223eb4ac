#include "core/catalog/row_codec.h"

#include "core/catalog/validate.h"
#include "core/crypto/sha256.h"

namespace gongkai {
namespace {
constexpr size_t kMaxValueBytes = 64 * 1024;  // far above any field's limit
}

void EncodeRow(WireWriter& w, const Row& row) {
  w.Str(row.id);
  w.Str(row.unit);
  w.Bool(row.retired);
  w.U8(static_cast<uint8_t>(kFieldCount));
  for (const auto& v : row.values) w.Str(v);
}

bool DecodeRow(WireReader& r, Row* row, bool validate) {
  uint8_t count = 0;
  if (!r.Str(&row->id, 64, "id") || !r.Str(&row->unit, 1024, "unit") || !r.Bool(&row->retired) ||
      !r.U8(&count)) {
    return false;
  }
  if (count != kFieldCount) {
    r.Fail(DataLoss("malformed", "row has " + std::to_string(count) + " fields, expected 15"));
    return false;
  }
  for (auto& v : row->values) {
    if (!r.Str(&v, kMaxValueBytes, "value")) return false;
  }
  if (!validate) return true;
  Status s = ValidateRow(*row);
  if (!s.ok()) {
    r.Fail(s);
    return false;
  }
  return true;
}

Hash32 RowHash(const Row& row) {
  WireWriter w;
  EncodeRow(w, row);
  return Sha256(w.bytes());
}

}  // namespace gongkai
