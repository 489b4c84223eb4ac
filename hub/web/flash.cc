#include "hub/web/flash.h"

#include <array>
#include <utility>

#include "web/query_param.h"

namespace gongkai::hub::web {
namespace {

constexpr std::array<std::pair<Done, std::string_view>, 9> kTokens = {{
    {Done::kApproved, "approved"},
    {Done::kReviewed, "reviewed"},
    {Done::kRejected, "rejected"},
    {Done::kResolved, "resolved"},
    {Done::kStaleReview, "stale_review"},
    {Done::kEnrolled, "enrolled"},
    {Done::kAdminAdded, "added"},
    {Done::kAdminRevoked, "revoked"},
    {Done::kAdminRekeyed, "rekeyed"},
}};

}  // namespace

std::string_view DoneToken(Done d) {
  for (const auto& [done, token] : kTokens) {
    if (done == d) return token;
  }
  return "";
}

std::optional<Done> ParseDone(std::string_view query) {
  std::optional<std::string_view> raw = FindQueryParam(query, "done");
  if (!raw) return std::nullopt;
  for (const auto& [done, token] : kTokens) {
    if (token == *raw) return done;
  }
  return std::nullopt;
}

std::string DoneUrl(std::string_view path, Done d) {
  return std::string(path) + "?done=" + std::string(DoneToken(d));
}

}  // namespace gongkai::hub::web
