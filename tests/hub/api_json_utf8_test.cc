// JSON answers stay valid UTF-8 when an error message quotes bytes the
// client sent. Found by the hub_http fuzz target (docs/fuzzing.md):
// GET /v1/nv1<0xFA 0xF7 …> got a 404 whose body Boost.JSON (and any strict
// JSON reader) refused to parse.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "hub/api/api_json.h"

namespace gongkai::hub {
namespace {

std::string Message(const HttpResponse& r) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(r.body, ec);
  EXPECT_FALSE(ec) << r.body;
  if (ec) return "";
  return std::string(v.at("error").at("message").as_string());
}

TEST(ApiJsonUtf8, InvalidBytesInAMessageBecomeReplacementCharacters) {
  HttpResponse r = JsonError(404, "not_found", "没有这个地址: /v1/nv1\xFA\xF7m");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Message(r), "没有这个地址: /v1/nv1\xEF\xBF\xBD\xEF\xBF\xBDm");
}

TEST(ApiJsonUtf8, ATruncatedSequenceIsReplacedByteByByte) {
  // 红 is E7 BA A2; its first two bytes alone are not UTF-8.
  EXPECT_EQ(Message(JsonError(400, "bad_query", "x\xE7\xBA")), "x\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(ApiJsonUtf8, ValidTextIsUnchanged) {
  EXPECT_EQ(Message(JsonError(400, "bad_query", "红旗村 \xF0\x9F\x98\x80 \"q\"")),
            "红旗村 \xF0\x9F\x98\x80 \"q\"");
}

}  // namespace
}  // namespace gongkai::hub
