#include "core/catalog/catalog_snapshot.h"

#include "core/catalog/row_codec.h"
#include "core/codec/wire.h"

namespace gongkai {
namespace {
constexpr const char* kTag = "gongkai-catalog-v1";
}  // namespace

Bytes EncodeCatalogSnapshot(const Catalog& catalog) {
  WireWriter w;
  w.Str(kTag);
  w.U64(catalog.size());
  for (const auto& [id, row] : catalog.rows()) EncodeRow(w, row);
  return w.bytes();
}

Bytes EncodeCatalogSnapshotHeader(uint64_t row_count) {
  WireWriter w;
  w.Str(kTag);
  w.U64(row_count);
  return w.bytes();
}

Result<Catalog> DecodeCatalogSnapshot(const Bytes& bytes) {
  WireReader r(bytes);
  std::string tag;
  uint64_t n = 0;
  if (r.Str(&tag, 64, "tag") && tag != kTag) {
    r.Fail(InvalidArgument("not_snapshot", "这不是目录快照 (not a catalog snapshot)"));
  }
  if (r.U64(&n) && (n > kMaxSnapshotRows || n > r.remaining())) {
    r.Fail(InvalidArgument("too_many_rows",
                           "目录快照的条目数 " + std::to_string(n) + " 超出范围 (too many rows)"));
  }
  Catalog catalog;
  std::string last;
  for (uint64_t i = 0; r.status().ok() && i < n; ++i) {
    Row row;
    if (!DecodeRow(r, &row)) break;
    if (i > 0 && !(last < row.id)) {
      r.Fail(DataLoss("rows_not_sorted",
                      "目录快照中的条目没有按编号严格递增排列 (rows not sorted): " + row.id));
      break;
    }
    last = row.id;
    catalog.Put(std::move(row));
  }
  GK_RETURN_IF_ERROR(r.Finish());
  return catalog;
}

}  // namespace gongkai
