// Golden bytes of the catalog snapshot (docs/formats/catalog-snapshot.md):
// built by hand from the written grammar, and hashed to the catalog hashes
// pinned in docs/formats/catalog.md.
#include <gtest/gtest.h>

#include "core/base/hex.h"
#include "core/catalog/catalog_snapshot.h"
#include "core/catalog/row_codec.h"
#include "core/crypto/sha256.h"
#include "tests/testing/le_bytes.h"
#include "tests/testing/sample_rows.h"

namespace gongkai {
namespace {

Bytes RowBytes(const Row& r) {
  LeBytes b;
  b.Str(r.id).Str(r.unit).U8(r.retired ? 1 : 0).U8(kFieldCount);
  for (const std::string& v : r.values) b.Str(v);
  const Bytes& all = b.bytes();
  return Bytes(all.begin() + 1, all.end());  // no archive flag inside the snapshot
}

TEST(CatalogSnapshotGoldenTest, EmptyCatalog) {
  Bytes expected = LeBytes().Str("gongkai-catalog-v1").U64(0).bytes();
  Bytes got = EncodeCatalogSnapshot(Catalog());
  EXPECT_EQ(HexEncode(got), HexEncode(expected));
  EXPECT_EQ(HexEncode(Sha256(got)),
            "6c192b45bf4c6d40e337687fafb19de28488bd808f3b0f49a6c37075d74f1c7f");
  Result<Catalog> back = DecodeCatalogSnapshot(got);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->size(), 0u);
}

TEST(CatalogSnapshotGoldenTest, TwoSampleRowsSortedById) {
  Catalog c;
  c.Put(SampleVillageRow());
  c.Put(SampleRow());
  LeBytes b;
  b.Str("gongkai-catalog-v1").U64(2);
  for (const auto& [id, row] : c.rows()) b.Raw(RowBytes(row));
  Bytes got = EncodeCatalogSnapshot(c);
  EXPECT_EQ(HexEncode(got), HexEncode(b.bytes()));
  EXPECT_EQ(Sha256(got), c.Hash());
  EXPECT_EQ(HexEncode(Sha256(got)),
            "c57e9aae16703d34676f3a0a4f91d66325756cd8c7a23f92e843bad85dad2421");
  Result<Catalog> back = DecodeCatalogSnapshot(got);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, c);
}

TEST(CatalogSnapshotGoldenTest, RefusesBadSnapshots) {
  Catalog c;
  c.Put(SampleVillageRow());
  c.Put(SampleRow());
  Bytes good = EncodeCatalogSnapshot(c);

  Bytes wrong_tag = LeBytes().Str("gongkai-catalog-v2").U64(0).bytes();
  EXPECT_EQ(DecodeCatalogSnapshot(wrong_tag).status().reason(), "not_snapshot");

  Bytes truncated(good.begin(), good.end() - 1);
  EXPECT_EQ(DecodeCatalogSnapshot(truncated).status().reason(), "truncated");

  Bytes trailing = good;
  trailing.push_back(0);
  EXPECT_EQ(DecodeCatalogSnapshot(trailing).status().reason(), "trailing_bytes");

  // Rows out of order.
  LeBytes swapped;
  swapped.Str("gongkai-catalog-v1").U64(2);
  std::vector<Row> rows;
  for (const auto& [id, row] : c.rows()) rows.push_back(row);
  swapped.Raw(RowBytes(rows[1])).Raw(RowBytes(rows[0]));
  EXPECT_EQ(DecodeCatalogSnapshot(swapped.bytes()).status().reason(), "rows_not_sorted");

  // A count larger than the bytes could hold.
  Bytes huge = LeBytes().Str("gongkai-catalog-v1").U64(1ull << 40).bytes();
  EXPECT_EQ(DecodeCatalogSnapshot(huge).status().reason(), "too_many_rows");
}

}  // namespace
}  // namespace gongkai
