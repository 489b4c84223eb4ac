// What an administrator's form just did, carried to the page that shows it
// once (post/redirect/get: /admin?done=approved&version=5). The actions
// write the token and the pages read it through this one list, so the two
// cannot drift apart; a token not in it (an edited URL) shows nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gongkai::hub::web {

enum class Done {
  kApproved,     // /admin, with &version=N
  kReviewed,     // /admin: a review under policy 2, no version yet
  kRejected,     // /admin
  kResolved,     // /admin
  kStaleReview,  // /admin: the reviewed content changed, nothing approved
  kEnrolled,     // /admin/stations
  kAdminAdded,   // /admin/roster
  kAdminRevoked,
  kAdminRekeyed,
};

// The URL token of `d` ("approved", "stale_review", "added", …).
std::string_view DoneToken(Done d);
// The done= parameter of a query, when it names one of the list.
std::optional<Done> ParseDone(std::string_view query);
// `path` + "?done=" + the token ("/admin?done=rejected").
std::string DoneUrl(std::string_view path, Done d);

}  // namespace gongkai::hub::web
