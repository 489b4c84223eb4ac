// hub/api/content_coding.h: deflated request bodies are inflated within the
// body limit, other codings are refused, and answers are deflated for
// clients that accept it — all without a socket.
#include "hub/api/content_coding.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/codec/deflate.h"

namespace gongkai::hub {
namespace {

HttpRequest Post(std::string body, std::string coding) {
  HttpRequest r;
  r.method = "POST";
  r.target = "/v1/changesets";
  r.content_type = "application/octet-stream";
  r.body = std::move(body);
  r.content_encoding = std::move(coding);
  return r;
}

std::string ErrorCode(const HttpResponse& r) {
  return std::string(boost::json::parse(r.body).at("error").at("code").as_string());
}

std::string Header(const HttpResponse& r, const std::string& name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return "";
}

TEST(DecodeRequestBodyTest, PlainAndIdentityBodiesPassUntouched) {
  for (const char* coding : {"", "identity", "IDENTITY"}) {
    HttpRequest req = Post("plain bytes", coding);
    EXPECT_FALSE(DecodeRequestBody(req, 1000).has_value()) << coding;
    EXPECT_EQ(req.body, "plain bytes");
  }
}

TEST(DecodeRequestBodyTest, InflatesADeflatedBody) {
  std::string plain(50'000, 'z');
  for (const char* coding : {"deflate", "Deflate", " deflate "}) {
    HttpRequest req = Post(Deflate(plain), coding);
    EXPECT_FALSE(DecodeRequestBody(req, 1u << 20).has_value()) << coding;
    EXPECT_EQ(req.body, plain);
    EXPECT_EQ(req.content_encoding, "");
  }
}

TEST(DecodeRequestBodyTest, BadStreamIs400) {
  std::string packed = Deflate(std::string(5000, 'q'));
  for (const std::string& bad :
       {std::string("not zlib at all"), packed.substr(0, packed.size() - 1), packed + "x",
        std::string()}) {
    HttpRequest req = Post(bad, "deflate");
    std::optional<HttpResponse> r = DecodeRequestBody(req, 1u << 20);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 400);
    EXPECT_EQ(ErrorCode(*r), "bad_compressed_body");
    EXPECT_EQ(r->error_code, "bad_compressed_body");
  }
}

TEST(DecodeRequestBodyTest, BombIs413AtTheBodyLimit) {
  HttpRequest req = Post(Deflate(std::string(20u << 20, '\0')), "deflate");
  ASSERT_LT(req.body.size(), 100'000u);
  std::optional<HttpResponse> r = DecodeRequestBody(req, 8u << 20);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(ErrorCode(*r), "body_too_large");
}

TEST(DecodeRequestBodyTest, OtherCodingsAre415) {
  for (const char* coding : {"gzip", "br", "x-gzip", "deflate, gzip", "compress"}) {
    HttpRequest req = Post("x", coding);
    std::optional<HttpResponse> r = DecodeRequestBody(req, 1000);
    ASSERT_TRUE(r.has_value()) << coding;
    EXPECT_EQ(r->status, 415);
    EXPECT_EQ(ErrorCode(*r), "unsupported_encoding");
  }
}

TEST(AcceptsDeflateTest, ReadsTheListWithQValues) {
  EXPECT_TRUE(AcceptsDeflate("deflate"));
  EXPECT_TRUE(AcceptsDeflate("gzip, deflate, br"));
  EXPECT_TRUE(AcceptsDeflate("gzip;q=1.0, DEFLATE;q=0.5"));
  EXPECT_TRUE(AcceptsDeflate("*"));
  EXPECT_FALSE(AcceptsDeflate(""));
  EXPECT_FALSE(AcceptsDeflate("gzip, br"));
  EXPECT_FALSE(AcceptsDeflate("deflate;q=0"));
  EXPECT_FALSE(AcceptsDeflate("deflate;q=0.000"));
  EXPECT_FALSE(AcceptsDeflate("*, deflate;q=0"));
  EXPECT_FALSE(AcceptsDeflate("*;q=0"));
  EXPECT_FALSE(AcceptsDeflate("identity"));
  EXPECT_FALSE(AcceptsDeflate("deflated"));
  EXPECT_FALSE(AcceptsDeflate("deflate;q=garbage"));
}

HttpResponse Big(size_t n) {
  HttpResponse r;
  for (size_t i = 0; r.body.size() < n; ++i) r.body += "{\"row\":" + std::to_string(i) + "},";
  r.body.resize(n);
  return r;
}

TEST(EncodeResponseBodyTest, DeflatesLargeAnswersForClientsThatAccept) {
  HttpResponse r = Big(20'000);
  std::string plain = r.body;
  EncodeResponseBody(r, "deflate");
  EXPECT_EQ(Header(r, "Content-Encoding"), "deflate");
  EXPECT_EQ(Header(r, "Vary"), "Accept-Encoding");
  EXPECT_LT(r.body.size(), plain.size() / 3);
  Result<std::string> back = Inflate(r.body, 1u << 20);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, plain);
}

TEST(EncodeResponseBodyTest, LeavesSmallOrUnacceptedAnswersPlain) {
  HttpResponse small = Big(kMinCompressBytes - 1);
  EncodeResponseBody(small, "deflate");
  EXPECT_EQ(Header(small, "Content-Encoding"), "");
  EXPECT_EQ(Header(small, "Vary"), "");

  HttpResponse big = Big(20'000);
  std::string plain = big.body;
  EncodeResponseBody(big, "gzip");
  EXPECT_EQ(big.body, plain);
  EXPECT_EQ(Header(big, "Content-Encoding"), "");
  EXPECT_EQ(Header(big, "Vary"), "Accept-Encoding");
}

TEST(EncodeResponseBodyTest, KeepsIncompressibleAnswersPlain) {
  HttpResponse r;
  uint64_t x = 88172645463325252ull;
  for (int i = 0; i < 4000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    r.body.push_back(static_cast<char>(x));
  }
  std::string plain = r.body;
  EncodeResponseBody(r, "deflate");
  EXPECT_EQ(r.body, plain);
  EXPECT_EQ(Header(r, "Content-Encoding"), "");
}

}  // namespace
}  // namespace gongkai::hub
