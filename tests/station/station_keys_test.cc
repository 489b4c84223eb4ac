// gongkai-station rekey (station/store/station_keys.h): a new key, the
// change sets in flight signed again with the same ids, the old ones still
// verifying, and a crash between the store and the key files finished on
// the next LoadKey.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "core/record/envelope.h"
#include "station/edits/edit_plan.h"
#include "station/store/station_keys.h"
#include "tests/station/station_fixture.h"
#include "tests/testing/sample_rows.h"

namespace gongkai::station {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

void AddAndSeal(StationStore& store, const std::string& id) {
  Row r = SampleVillageRow();
  r.id = id;
  r.unit = testing::kUnit;
  ASSERT_TRUE(store
                  .RecordAction("add", "", kNow,
                                [&](const WorkingView&, const EditSink& emit) {
                                  return emit(MakeCreateEdit(r));
                                })
                  .ok());
  auto key = store.LoadKey();
  ASSERT_TRUE(key.ok());
  ASSERT_TRUE(store.Seal(*key, "", kNow).ok());
}

TEST(StationKeys, RekeySignsWhatIsInFlightAgainAndKeepsTheRest) {
  TempDir tmp;
  std::string dir = tmp.path() + "/st";
  StationStore store = InitStore(dir);
  AddAndSeal(store, "40000000-0000-4000-8000-000000000001");
  AddAndSeal(store, "40000000-0000-4000-8000-000000000002");
  // The first was accepted under the old key; the second is in flight.
  Receipt accepted;
  accepted.seq = 1;
  accepted.changeset_id = store.Outbox()->at(0).changeset_id;
  accepted.log_index = 3;
  ASSERT_TRUE(store.RecordReceipts({accepted}, kNow).ok());
  const PublicKey old_key = store.info().public_key;
  const auto before = store.Outbox().value();
  EXPECT_FALSE(store.NeedsIntroduction().value());

  auto fresh = store.Rekey(kNow + 10);
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  // The hub has accepted nothing signed with the new key yet: the station
  // introduces itself again (its uploads and USB bundles carry the new key).
  EXPECT_TRUE(store.NeedsIntroduction().value());
  EXPECT_NE(*fresh, old_key);
  EXPECT_EQ(store.info().public_key, *fresh);
  auto key = store.LoadKey();
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->public_key(), *fresh);
  EXPECT_TRUE(std::filesystem::exists(dir + "/station.key.old-" + std::to_string(kNow + 10)));
  EXPECT_FALSE(std::filesystem::exists(dir + "/station.key.new"));

  const auto after = store.Outbox().value();
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].envelope, before[0].envelope);  // accepted: as logged
  EXPECT_NE(after[1].envelope, before[1].envelope);  // in flight: signed again
  EXPECT_EQ(after[1].changeset_id, before[1].changeset_id);
  EXPECT_TRUE(VerifyEnvelope(DecodeEnvelope(after[1].envelope).value(), *fresh).ok());
  EXPECT_TRUE(store.VerifyOutboxChain().ok());
  Receipt second;
  second.seq = 2;
  second.changeset_id = after[1].changeset_id;
  second.log_index = 5;
  ASSERT_TRUE(store.RecordReceipts({second}, kNow + 20).ok());
  EXPECT_FALSE(store.NeedsIntroduction().value());

  // Reopened, the store knows its new key.
  auto again = StationStore::Open(dir, OpenOptions{true});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->info().public_key, *fresh);
}

TEST(StationKeys, ACrashBetweenTheStoreAndTheKeyFilesIsFinishedOnLoad) {
  TempDir tmp;
  std::string dir = tmp.path() + "/st";
  StationStore store = InitStore(dir);
  auto fresh = store.Rekey(kNow);
  ASSERT_TRUE(fresh.ok());
  // Put the files back as they were just after the commit.
  std::string old = dir + "/station.key.old-" + std::to_string(kNow);
  ASSERT_EQ(::rename((dir + "/station.key").c_str(), (dir + "/station.key.new").c_str()), 0);
  ASSERT_EQ(::rename(old.c_str(), (dir + "/station.key").c_str()), 0);
  auto reopened = StationStore::Open(dir);
  ASSERT_TRUE(reopened.ok());
  auto key = reopened->LoadKey();
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->public_key(), *fresh);
  EXPECT_FALSE(std::filesystem::exists(dir + "/station.key.new"));
}

TEST(StationKeys, AStrayNewKeyFromARekeyThatNeverCommittedIsIgnored) {
  TempDir tmp;
  std::string dir = tmp.path() + "/st";
  StationStore store = InitStore(dir);
  const PublicKey current = store.info().public_key;
  ASSERT_TRUE(PrivateKey::Generate()->SavePem(dir + "/station.key.new").ok());
  auto key = store.LoadKey();
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->public_key(), current);
  EXPECT_FALSE(std::filesystem::exists(dir + "/station.key.new"));
}

}  // namespace
}  // namespace gongkai::station
