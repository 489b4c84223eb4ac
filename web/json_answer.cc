#include "web/json_answer.h"

#include <boost/json.hpp>

#include "core/base/utf8.h"

namespace gongkai {

std::string ValidUtf8(std::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    size_t len = lead < 0x80                    ? 1
                 : lead >= 0xC2 && lead <= 0xDF ? 2
                 : lead >= 0xE0 && lead <= 0xEF ? 3
                 : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                : 0;
    if (len > 0 && i + len <= s.size() && IsValidUtf8(s.substr(i, len))) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out.append("\xEF\xBF\xBD");  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    }
  }
  return out;
}

HttpResponse JsonAnswer(int status, const boost::json::value& v, std::string error_code) {
  HttpResponse r;
  r.status = status;
  r.body = boost::json::serialize(v);
  r.body.push_back('\n');
  r.error_code = std::move(error_code);
  return r;
}

boost::json::object ErrorObject(const std::string& code, const std::string& message) {
  return boost::json::object{{"code", ValidUtf8(code)}, {"message", ValidUtf8(message)}};
}

HttpResponse JsonError(int status, const std::string& code, const std::string& message) {
  return JsonAnswer(status, boost::json::object{{"error", ErrorObject(code, message)}}, code);
}

}  // namespace gongkai
