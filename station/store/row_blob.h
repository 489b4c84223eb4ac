// A catalog row as stored in the station's SQLite tables: the canonical
// row encoding of core/catalog/row_codec.h in its own archive (a leading
// 0x01 endianness byte, then the row). Decoding validates the row, so a
// damaged blob is reported as DataLoss rather than shown to the clerk.
#pragma once

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/catalog/row.h"

namespace gongkai::station {

Bytes EncodeRowBlob(const Row& row);
// DataLoss "store_corrupt" when the blob does not decode to a valid row.
Result<Row> DecodeRowBlob(const Bytes& blob);

}  // namespace gongkai::station
