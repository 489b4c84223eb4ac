// Canonical binary encoding of a row (docs/formats/catalog.md):
//   row := string id, string unit, bool retired, u8 field_count (=15),
//          string value[field_count]   (in Field order, canonical text)
// It is used inside change sets (create ops), catalog snapshots and the
// catalog hash, so hub and stations agree byte for byte.
#pragma once

#include "core/base/bytes.h"
#include "core/catalog/row.h"
#include "core/codec/wire.h"

namespace gongkai {

void EncodeRow(WireWriter& w, const Row& row);
// Decodes and, unless validate is false, validates (ValidateRow); errors are
// recorded in the reader. Pass false only when the caller validates the row
// itself right after (as DecodeChangeSet does), never for trusted storage.
bool DecodeRow(WireReader& r, Row* row, bool validate = true);

// SHA-256 of a standalone archive holding the row: the "base" of a retire op.
Hash32 RowHash(const Row& row);

}  // namespace gongkai
