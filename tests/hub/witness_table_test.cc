// The hub's witnesses and cosignatures tables (hub/store/witness_table.h):
// every refusal of `witness add` with nothing written, and cosignature lines
// carried by the checkpoint the hub serves — after its own signature, the
// note its log key signed unchanged.
#include "hub/store/witness_table.h"

#include <gtest/gtest.h>

#include "core/log/cosignature.h"
#include "core/log/note.h"
#include "hub/log/checkpoints.h"
#include "hub/store/meta_table.h"
#include "tests/hub/hub_fixture.h"

namespace gongkai::hub {
namespace {

constexpr char kPin[] = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

class WitnessTableTest : public testing::HubFixture {
 protected:
  PrivateKey witness_ = testing::KeyFromByte(0x61);
  std::string WitnessKey() {
    return MakeVerifierKey("county.example/w", witness_.public_key(), kCosignatureV1KeyType)
        .ToString();
  }
  int64_t Witnesses() { return ::gongkai::testing::CountRows(db_path(), "witnesses"); }
};

TEST_F(WitnessTableTest, AddListRemove) {
  ASSERT_TRUE(AddWitness(*db_, WitnessKey(), "https://127.0.0.1:8444", kPin, 1700000000).ok());
  std::vector<WitnessEntry> list = ListWitnesses(*db_).value();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].name, "county.example/w");
  EXPECT_EQ(list[0].key, WitnessKey());
  EXPECT_EQ(list[0].size, 0u);
  EXPECT_EQ(RemoveWitness(*db_, "county.example/w").code(), Code::kOk);
  EXPECT_EQ(Witnesses(), 0);
}

TEST_F(WitnessTableTest, RefusalsWriteNothing) {
  const std::string log_key = MakeVerifierKey("town", witness_.public_key()).ToString();
  EXPECT_EQ(AddWitness(*db_, log_key, "https://127.0.0.1:8444", kPin, 0).reason(),
            "bad_verifier_key");
  EXPECT_EQ(AddWitness(*db_, WitnessKey(), "http://127.0.0.1:8444", kPin, 0).reason(),
            "bad_witness_url");
  EXPECT_EQ(AddWitness(*db_, WitnessKey(), "https://127.0.0.1:8444", "00", 0).reason(),
            "bad_cert_sha256");
  std::string upper = kPin;
  upper[10] = 'A';
  EXPECT_EQ(AddWitness(*db_, WitnessKey(), "https://127.0.0.1:8444", upper, 0).reason(),
            "bad_cert_sha256");
  EXPECT_EQ(Witnesses(), 0);
  ASSERT_TRUE(AddWitness(*db_, WitnessKey(), "https://127.0.0.1:8444", kPin, 0).ok());
  EXPECT_EQ(AddWitness(*db_, WitnessKey(), "https://127.0.0.1:9999", kPin, 0).reason(),
            "witness_exists");
  EXPECT_EQ(ListWitnesses(*db_)->at(0).url, "https://127.0.0.1:8444");
  EXPECT_EQ(RemoveWitness(*db_, "nobody").reason(), "unknown_witness");
}

TEST_F(WitnessTableTest, ServedCheckpointCarriesCosignaturesAfterTheLogSignature) {
  ASSERT_TRUE(AddWitness(*db_, WitnessKey(), "https://127.0.0.1:8444", kPin, 0).ok());
  HubMeta meta = ReadMeta(*db_).value();
  PrivateKey log_key = PrivateKey::LoadPem(paths_.log_key()).value();
  SignedCheckpoint plain = LatestCheckpoint(*db_, meta.origin, log_key, 1700000000).value();
  ParsedNote parsed = ParseNote(plain.note).value();
  ASSERT_EQ(parsed.signatures.size(), 1u);
  const std::string line = Cosign(parsed.text, "county.example/w", witness_, 1700000100).value();
  ASSERT_TRUE(
      RecordCosignature(*db_, "county.example/w", plain.checkpoint.size, line, 1700000100).ok());
  SignedCheckpoint served = LatestCheckpoint(*db_, meta.origin, log_key, 1700000200).value();
  EXPECT_EQ(served.note, plain.note + line);
  EXPECT_EQ(ListWitnesses(*db_)->at(0).cosigned_size, plain.checkpoint.size);
  EXPECT_EQ(CosignedAt(*db_, "county.example/w", plain.checkpoint.size).value(), 1700000100);
  // The stored note the log key signed did not change.
  ::gongkai::testing::SqlFile sql(db_path());
  EXPECT_EQ(sql.Text("SELECT note FROM checkpoints WHERE size = " +
                     std::to_string(plain.checkpoint.size)),
            plain.note);
  // It still opens with the log key alone (old readers).
  const VerifierKey lk = MakeVerifierKey(meta.origin, log_key.public_key());
  EXPECT_TRUE(OpenCheckpoint(served.note, lk, meta.origin).ok());
}

TEST_F(WitnessTableTest, CosignedSizesListsEachSizeOnceAscending) {
  EXPECT_TRUE(CosignedSizes(*db_).value().empty());
  ASSERT_TRUE(AddWitness(*db_, WitnessKey(), "https://127.0.0.1:8444", kPin, 0).ok());
  PrivateKey other = testing::KeyFromByte(0x62);
  const std::string other_key =
      MakeVerifierKey("county.example/v", other.public_key(), kCosignatureV1KeyType).ToString();
  ASSERT_TRUE(AddWitness(*db_, other_key, "https://127.0.0.1:8445", kPin, 0).ok());
  // The lines' bytes do not matter to the list (the auditor verifies them).
  ASSERT_TRUE(RecordCosignature(*db_, "county.example/w", 7, "— a\n", 100).ok());
  ASSERT_TRUE(RecordCosignature(*db_, "county.example/w", 3, "— b\n", 90).ok());
  ASSERT_TRUE(RecordCosignature(*db_, "county.example/v", 7, "— c\n", 101).ok());
  EXPECT_EQ(CosignedSizes(*db_).value(), (std::vector<uint64_t>{3, 7}));
}

}  // namespace
}  // namespace gongkai::hub
