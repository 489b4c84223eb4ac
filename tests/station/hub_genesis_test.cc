// The kept hub genesis (station/store/hub_genesis.h): none at first, kept
// by ApplyPulled, the same bytes again are a no-op, other bytes are refused
// (genesis_conflict) and nothing is written.
#include "station/store/hub_genesis.h"

#include <gtest/gtest.h>

#include "tests/station/station_fixture.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::station {
namespace {

TEST(HubGenesisTest, KeptOnceAndNeverReplaced) {
  TempDir tmp;
  StationStore store = testing::InitStore(tmp.path() + "/st");
  Result<std::optional<Bytes>> none = store.LoadGenesis();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  Bytes genesis = {1, 2, 3};
  ASSERT_TRUE(store.ApplyPulled(std::nullopt, {}, testing::kNow, std::nullopt, &genesis).ok());
  Result<std::optional<Bytes>> kept = store.LoadGenesis();
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(**kept, genesis);

  EXPECT_TRUE(store.ApplyPulled(std::nullopt, {}, testing::kNow, std::nullopt, &genesis).ok());
  Bytes other = {9};
  Status s = store.ApplyPulled(std::nullopt, {}, testing::kNow, std::nullopt, &other);
  EXPECT_EQ(s.reason(), "genesis_conflict");
  EXPECT_EQ(**store.LoadGenesis(), genesis);
}

}  // namespace
}  // namespace gongkai::station
