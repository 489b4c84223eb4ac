// Reading the catalog feed's query (hub/review/catalog_feed.h): each bad
// parameter is "bad_query" naming that parameter.
#include <gtest/gtest.h>

#include <string>

#include "hub/review/catalog_feed.h"

namespace gongkai::hub {
namespace {

TEST(FeedQueryTest, FlagsAreZeroOrOneAndDefaultToZero) {
  Result<FeedRequest> none = ParseFeedQuery("since=3");
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->have_genesis || none->enrollments || none->cosigned || none->if_new);
  EXPECT_FALSE(none->binary);

  Result<FeedRequest> all =
      ParseFeedQuery("have_genesis=1&enrollments=1&cosigned=1&if_new=1&form=bin");
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_TRUE(all->have_genesis && all->enrollments && all->cosigned && all->if_new);
  EXPECT_TRUE(all->binary);

  for (const char* name : {"have_genesis", "enrollments", "cosigned", "if_new"}) {
    for (const char* bad : {"2", "-1", "yes", ""}) {
      Result<FeedRequest> r = ParseFeedQuery(std::string(name) + "=" + bad);
      ASSERT_FALSE(r.ok()) << name << "=" << bad;
      EXPECT_EQ(r.status().reason(), "bad_query");
      EXPECT_EQ(r.status().field(), name);
    }
  }
}

TEST(FeedQueryTest, FormIsJsonOrBinForTheFeedAndTheUploadAlike) {
  EXPECT_FALSE(*ParseBinaryForm(""));
  EXPECT_FALSE(*ParseBinaryForm("form=json"));
  EXPECT_TRUE(*ParseBinaryForm("poll=1/2&form=bin"));
  for (const char* bad : {"form=xml", "form=", "form=BIN"}) {
    Result<bool> r = ParseBinaryForm(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().reason(), "bad_query");
    EXPECT_EQ(r.status().field(), "form");
    EXPECT_EQ(ParseFeedQuery(bad).status().field(), "form");
  }
}

}  // namespace
}  // namespace gongkai::hub
