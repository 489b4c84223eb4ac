// The shipped example configs (packaging/config/*.conf, installed as
// /etc/gongkai/*.conf) parse with the programs' key lists and mention every
// key, set or as a commented-out default ("# key = …").
#include "core/config/config_keys.h"

#include <gtest/gtest.h>

#include "core/config/config_file.h"
#include "core/store/atomic_file.h"
#include "core/text/pattern.h"

namespace gongkai {
namespace {

void ExpectExampleCovers(const std::string& name, const std::vector<std::string_view>& keys) {
  std::string path = std::string(GONGKAI_SOURCE_DIR) + "/packaging/config/" + name;
  Result<ConfigFile> c = ReadConfigFile(path, keys);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  Result<std::string> text = ReadFile(path);
  ASSERT_TRUE(text.ok());
  for (std::string_view key : keys) {
    Pattern line("(^|\n)(# )?" + std::string(key) + " =");
    EXPECT_TRUE(line.Search(*text)) << name << " does not mention " << key;
  }
}

TEST(ConfigKeys, HubExampleParsesAndMentionsEveryKey) {
  ExpectExampleCovers("hub.conf", HubConfigKeys());
}

TEST(ConfigKeys, StationExampleParsesAndMentionsEveryKey) {
  ExpectExampleCovers("station.conf", StationConfigKeys());
}

TEST(ConfigKeys, PackagedDefaults) {
  std::string dir = std::string(GONGKAI_SOURCE_DIR) + "/packaging/config/";
  Result<ConfigFile> hub = ReadConfigFile(dir + "hub.conf", HubConfigKeys());
  ASSERT_TRUE(hub.ok());
  EXPECT_EQ(hub->GetString("dir"), "/var/lib/gongkai/hub");
  EXPECT_EQ(hub->GetString("listen"), "127.0.0.1:8443");
  EXPECT_TRUE(hub->GetList("auto_approve_stations").empty());
  // Empty: the package must not create a hub nobody asked for.
  EXPECT_EQ(hub->GetString("origin"), std::nullopt);
  EXPECT_EQ(hub->GetString("admin"), std::nullopt);

  Result<ConfigFile> station = ReadConfigFile(dir + "station.conf", StationConfigKeys());
  ASSERT_TRUE(station.ok());
  EXPECT_EQ(station->GetString("dir"), "/var/lib/gongkai/station");
  EXPECT_EQ(station->GetString("id"), std::nullopt);
  EXPECT_EQ(station->GetString("unit"), std::nullopt);
}

}  // namespace
}  // namespace gongkai
