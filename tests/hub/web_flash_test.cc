// The done= tokens of the administrator's redirects (hub/web/flash.h):
// what an action writes is what the page reads.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "hub/web/flash.h"

namespace gongkai::hub::web {
namespace {

TEST(WebFlashTest, EveryTokenReadsBackAsWhatWasWritten) {
  std::set<std::string> seen;
  for (Done d :
       {Done::kApproved, Done::kReviewed, Done::kRejected, Done::kResolved, Done::kStaleReview,
        Done::kEnrolled, Done::kAdminAdded, Done::kAdminRevoked, Done::kAdminRekeyed}) {
    const std::string token(DoneToken(d));
    EXPECT_FALSE(token.empty());
    EXPECT_TRUE(seen.insert(token).second) << token << " twice";
    const std::string url = DoneUrl("/admin", d);
    EXPECT_EQ(url, "/admin?done=" + token);
    EXPECT_EQ(ParseDone(url.substr(url.find('?') + 1)), d) << url;
    EXPECT_EQ(ParseDone("done=" + token + "&version=5"), d);
  }
}

TEST(WebFlashTest, AnEditedOrMissingTokenShowsNothing) {
  EXPECT_EQ(ParseDone(""), std::nullopt);
  EXPECT_EQ(ParseDone("done="), std::nullopt);
  EXPECT_EQ(ParseDone("done=APPROVED"), std::nullopt);
  EXPECT_EQ(ParseDone("done=<script>"), std::nullopt);
  EXPECT_EQ(ParseDone("xdone=enrolled"), std::nullopt) << "another parameter";
}

}  // namespace
}  // namespace gongkai::hub::web
