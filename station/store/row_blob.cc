#include "station/store/row_blob.h"

#include "core/catalog/row_codec.h"
#include "core/codec/wire.h"

namespace gongkai::station {

Bytes EncodeRowBlob(const Row& row) {
  WireWriter w;
  EncodeRow(w, row);
  return w.bytes();
}

Result<Row> DecodeRowBlob(const Bytes& blob) {
  WireReader r(blob);
  Row row;
  DecodeRow(r, &row);
  Status s = r.Finish();
  if (!s.ok()) {
    return DataLoss("store_corrupt",
                    "本地数据库中的条目已损坏，请运行 gongkai-station check 并联系镇政务公开办 "
                    "(stored row does not decode): " +
                        s.message());
  }
  return row;
}

}  // namespace gongkai::station
