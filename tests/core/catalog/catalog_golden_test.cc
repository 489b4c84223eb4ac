// Golden bytes: the canonical row encoding and the catalog hash are pinned.
// A change here breaks agreement between hubs and stations: it needs a new
// format version, never a silent edit.
#include <gtest/gtest.h>

#include "core/base/hex.h"
#include "core/catalog/catalog.h"
#include "core/catalog/row_codec.h"
#include "core/crypto/sha256.h"
#include "tests/testing/le_bytes.h"
#include "tests/testing/sample_rows.h"

namespace gongkai {
namespace {

LeBytes RowByHand(const Row& r) {
  LeBytes b;
  b.Str(r.id).Str(r.unit).U8(r.retired ? 1 : 0).U8(15);
  for (const auto& v : r.values) b.Str(v);
  return b;
}

TEST(RowCodecGolden, MatchesHandWrittenGrammar) {
  WireWriter w;
  EncodeRow(w, SampleRow());
  EXPECT_EQ(w.bytes(), RowByHand(SampleRow()).bytes());
}

TEST(RowCodecGolden, RowHashPinned) {
  EXPECT_EQ(HexEncode(RowHash(SampleRow())), "0c75ceb3957596db65db0f8558d90097759afd7b847732679f96abe1b9d02ea6");
}

// `r` written by EncodeRow and read back by DecodeRow from exactly those
// bytes; the reader's status where it refuses them.
Result<Row> EncodeThenDecode(const Row& r) {
  WireWriter w;
  EncodeRow(w, r);
  Bytes b = w.bytes();
  WireReader rd(b);
  Row back;
  if (!DecodeRow(rd, &back)) return rd.status();
  if (Status finished = rd.Finish(); !finished.ok()) return finished;
  return back;
}

TEST(RowCodec, RoundTripAndRetiredFlag) {
  Row r = SampleVillageRow();
  r.retired = true;
  Result<Row> back = EncodeThenDecode(r);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, r);
}

TEST(RowCodec, DecodeRejectsInvalidRowValue) {
  Row r = SampleRow();
  r.Set(Field::kMode, "被动");
  EXPECT_EQ(EncodeThenDecode(r).status().reason(), "unknown_value");
}

TEST(CatalogHashGolden, EmptyCatalog) {
  LeBytes b;
  b.Str("gongkai-catalog-v1").U64(0);
  EXPECT_EQ(Catalog().Hash(), Sha256(b.bytes()));
  EXPECT_EQ(HexEncode(Catalog().Hash()), "6c192b45bf4c6d40e337687fafb19de28488bd808f3b0f49a6c37075d74f1c7f");
}

TEST(CatalogHashGolden, TwoRowsSortedById) {
  Catalog c;
  c.Put(SampleVillageRow());  // inserted out of order on purpose
  c.Put(SampleRow());
  LeBytes b;
  b.Str("gongkai-catalog-v1").U64(2);
  Bytes r1 = RowByHand(SampleRow()).bytes();
  Bytes r2 = RowByHand(SampleVillageRow()).bytes();
  b.Raw(Bytes(r1.begin() + 1, r1.end())).Raw(Bytes(r2.begin() + 1, r2.end()));
  EXPECT_EQ(c.Hash(), Sha256(b.bytes()));
  EXPECT_EQ(HexEncode(c.Hash()), "c57e9aae16703d34676f3a0a4f91d66325756cd8c7a23f92e843bad85dad2421");
}

TEST(CatalogHash, ChangesWithAnyField) {
  Catalog a;
  a.Put(SampleRow());
  Catalog b = a;
  Row r = SampleRow();
  r.Set(Field::kNotes, "备注");
  b.Put(r);
  EXPECT_NE(a.Hash(), b.Hash());
}

}  // namespace
}  // namespace gongkai
