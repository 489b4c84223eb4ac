// HTTP content coding at the hub (docs/http-api.md § Compression), as pure
// functions the server calls around the API — testable without sockets:
//
//  - a request body sent with `Content-Encoding: deflate` (an RFC 1950 zlib
//    stream, docs/formats/deflate.md) is inflated before the API sees it,
//    never beyond the server's body limit. `identity` (or no header) is
//    the body as is. Errors, with the JSON error shape of the API:
//      400 bad_compressed_body   not a valid zlib stream (bad header,
//                                corrupt data, truncated, bad Adler-32,
//                                bytes after it)
//      413 body_too_large        inflated, it would exceed the limit
//      415 unsupported_encoding  any other coding (gzip, br, a list, …)
//  - an answer of at least kMinCompressBytes whose request's
//    Accept-Encoding lists deflate (with q > 0, or `*` with deflate not
//    refused) is deflated — when that makes it smaller — and gets
//    `Content-Encoding: deflate`; every answer that could be compressed
//    (compressed or not) carries `Vary: Accept-Encoding`.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "web/http_message.h"

namespace gongkai::hub {

inline constexpr size_t kMinCompressBytes = 1024;

// Inflates req.body in place when it is deflated (and clears
// content_encoding). Returns the error answer instead when it cannot.
std::optional<HttpResponse> DecodeRequestBody(HttpRequest& req, size_t max_body_bytes);

// Whether an Accept-Encoding header value accepts deflate.
bool AcceptsDeflate(std::string_view accept_encoding);

// Deflates res.body in place when the client accepts it (see above).
void EncodeResponseBody(HttpResponse& res, std::string_view accept_encoding);

}  // namespace gongkai::hub
