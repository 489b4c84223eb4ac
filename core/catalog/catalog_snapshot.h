// A whole catalog as bytes (docs/formats/catalog-snapshot.md): exactly the
// canonical encoding whose SHA-256 is the catalog hash (catalog.md), so
//
//   SHA-256(EncodeCatalogSnapshot(c)) == c.Hash()
//
//   snapshot := archive{ string "gongkai-catalog-v1", u64 row_count,
//                        row[row_count] }        ; rows sorted by id, unique
//
// The hub sends it in GET /v1/catalog when a station is too far behind to
// replay the decisions; the station checks its hash against the signed
// approval of that version before taking it.
#pragma once

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/catalog/catalog.h"

namespace gongkai {

inline constexpr size_t kMaxSnapshotRows = 1'000'000;

Bytes EncodeCatalogSnapshot(const Catalog& catalog);
// The bytes before the first row (archive flag, tag, row_count): a
// snapshot written row by row is this, then each row's encoding
// (core/catalog/row_codec.h) in id order.
Bytes EncodeCatalogSnapshotHeader(uint64_t row_count);
// Reasons: framing reasons of wire.md (malformed, truncated,
// trailing_bytes), not_snapshot (wrong tag), too_many_rows, row reasons of
// ValidateRow, rows_not_sorted (ids not strictly increasing).
Result<Catalog> DecodeCatalogSnapshot(const Bytes& bytes);

}  // namespace gongkai
