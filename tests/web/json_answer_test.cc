// web/json_answer.h: the JSON answers and the error body of
// docs/http-api.md § Errors, byte for byte, with invalid UTF-8 replaced.
#include "web/json_answer.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/testing/text_cases.h"

namespace gongkai {
namespace {

TEST(JsonAnswer, TheErrorBodyIsOneLineOfJsonWithItsCodeForTheLog) {
  HttpResponse r = JsonError(404, "not_found", "没有这个路径: /v1/x");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(r.body, "{\"error\":{\"code\":\"not_found\",\"message\":\"没有这个路径: /v1/x\"}}\n");
  EXPECT_EQ(r.error_code, "not_found");
  EXPECT_TRUE(r.headers.empty());
}

TEST(JsonAnswer, AnyValueIsSerializedWithANewlineAndNoErrorCode) {
  HttpResponse r = JsonAnswer(200, boost::json::object{{"status", "ok"}, {"size", 3}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "{\"status\":\"ok\",\"size\":3}\n");
  EXPECT_EQ(r.error_code, "");
}

TEST(JsonAnswer, InvalidUtf8BecomesTheReplacementCharacterAndValidTextIsKept) {
  ExpectEachGives(ValidUtf8, {{"红旗村 ok", "红旗村 ok"},
                              {"", ""},
                              // A stray continuation byte, a lead byte without its continuation,
                              // an overlong encoding, a surrogate and bytes never valid: one
                              // U+FFFD each.
                              {"a\x80z", "a\xEF\xBF\xBDz"},
                              {"\xE7\xBA", "\xEF\xBF\xBD\xEF\xBF\xBD"},
                              {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},
                              {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
                              {"/v1/\xFA\xF7", "/v1/\xEF\xBF\xBD\xEF\xBF\xBD"}});
}

TEST(JsonAnswer, AnErrorQuotingInvalidBytesStillParsesAsJson) {
  HttpResponse r = JsonError(404, "not_found", "没有这个路径: /v1/\xFA\xF7");
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(r.body, ec);
  ASSERT_FALSE(ec) << r.body;
  EXPECT_EQ(v.at("error").at("message").as_string(), "没有这个路径: /v1/\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
}  // namespace gongkai
