#include "hub/api/content_coding.h"

#include <string>

#include "core/base/reasons.h"
#include "core/codec/deflate.h"
#include "hub/api/api_json.h"

namespace gongkai::hub {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// The q-value of one list element "coding;q=0.5" (1 when absent; 0 when
// malformed, so a garbled element never switches compression on).
double QValue(std::string_view params) {
  while (!params.empty()) {
    size_t semi = params.find(';');
    std::string_view p = Trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (p.size() >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      std::string v(Trim(p.substr(2)));
      if (v.empty() || v.size() > 5) return 0;
      for (char c : v) {
        if ((c < '0' || c > '9') && c != '.') return 0;
      }
      try {
        return std::stod(v);
      } catch (...) {
        return 0;
      }
    }
  }
  return 1;
}

}  // namespace

std::optional<HttpResponse> DecodeRequestBody(HttpRequest& req, size_t max_body_bytes) {
  std::string_view coding = Trim(req.content_encoding);
  if (coding.empty() || IEquals(coding, "identity")) return std::nullopt;
  if (!IEquals(coding, "deflate")) {
    return JsonError(415, "unsupported_encoding",
                     "不支持的请求压缩方式 (Content-Encoding: " + std::string(coding) +
                         ")；只接受 deflate");
  }
  Result<std::string> plain = Inflate(req.body, max_body_bytes);
  if (!plain.ok()) {
    if (plain.status().reason() == reason::kBodyTooLarge) {
      return JsonError(413, "body_too_large",
                       "解压后的请求体超过上限 " + std::to_string(max_body_bytes) +
                           " 字节；请分几次提交");
    }
    return JsonError(400, "bad_compressed_body",
                     "请求体不是有效的 deflate (zlib) 压缩数据，无法解压");
  }
  req.body = std::move(plain).value();
  req.content_encoding.clear();
  return std::nullopt;
}

bool AcceptsDeflate(std::string_view accept_encoding) {
  bool deflate_named = false, deflate_ok = false, star_ok = false;
  std::string_view rest = accept_encoding;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    size_t semi = item.find(';');
    std::string_view name = Trim(item.substr(0, semi));
    double q = semi == std::string_view::npos ? 1 : QValue(item.substr(semi + 1));
    if (IEquals(name, "deflate")) {
      deflate_named = true;
      deflate_ok = q > 0;
    } else if (name == "*") {
      star_ok = q > 0;
    }
  }
  return deflate_named ? deflate_ok : star_ok;
}

void EncodeResponseBody(HttpResponse& res, std::string_view accept_encoding) {
  if (res.body.size() < kMinCompressBytes) return;
  for (const auto& [name, value] : res.headers) {
    if (IEquals(name, "Content-Encoding")) return;  // already coded
  }
  res.headers.emplace_back("Vary", "Accept-Encoding");
  if (!AcceptsDeflate(accept_encoding)) return;
  std::string packed = Deflate(res.body);
  if (packed.size() >= res.body.size()) return;
  res.body = std::move(packed);
  res.headers.emplace_back("Content-Encoding", "deflate");
}

}  // namespace gongkai::hub
