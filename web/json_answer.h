// JSON answers written by more than one room of the hub (the API, the log
// and attachment endpoints) and by the county witness: any JSON value as a
// response, and the error body of docs/http-api.md § Errors
//   {"error": {"code": "<snake_case>", "message": "<for people>"}}
// Strings are made valid UTF-8 first: JSON must be, and messages may quote
// what a client sent.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "web/http_message.h"

namespace gongkai {

// `s` with every byte that is not part of a valid UTF-8 sequence replaced
// by U+FFFD. (Boost.JSON copies string bytes as they are; found by the
// hub_http fuzz target: GET /v1/<bytes 0xFA 0xF7> gave an unparsable 404.)
std::string ValidUtf8(std::string_view s);

// `status` with `v` serialized and a newline, Content-Type JSON;
// `error_code` goes to the request log.
HttpResponse JsonAnswer(int status, const boost::json::value& v, std::string error_code = {});

// {"code": code, "message": message}, both valid UTF-8.
boost::json::object ErrorObject(const std::string& code, const std::string& message);

// `status` with {"error": ErrorObject(code, message)}.
HttpResponse JsonError(int status, const std::string& code, const std::string& message);

}  // namespace gongkai
