// The attachment endpoints as a request → response function
// (hub/attachments/attachment_api.h): a chunked upload that completes and
// is served, and every bad chunk refused with its code and nothing stored.
#include <sys/stat.h>

#include "core/attachment/chunk_claim.h"
#include "core/base/base64.h"
#include "core/crypto/sha256.h"
#include "core/store/atomic_file.h"
#include "hub/admin/station_enrollment.h"
#include "hub/attachments/attachment_store.h"
#include "tests/hub/api_fixture.h"

namespace gongkai::hub::testing {
namespace {

// A PDF of n bytes (the type is read from the first bytes only).
std::string Pdf(size_t n, char fill = 'x') {
  std::string s = "%PDF-1.7\n";
  s.resize(n, fill);
  return s;
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

class AttachmentApiTest : public ApiFixture {
 protected:
  struct Chunk {
    std::string station;
    std::string file;  // the whole attachment
    Hash32 sha{};      // its name (Sha256(file) unless changed)
    std::string media_type = "application/pdf";
    uint64_t size = 0;  // declared (file.size() unless changed)
    uint64_t offset = 0;
    uint64_t length = 0;  // declared
    std::string body;     // sent
    Hash32 chunk_sha{};   // declared
    const PrivateKey* key = nullptr;
  };

  // The honest chunk [offset, offset+length) of file from station st.
  Chunk Honest(const TestStation& st, const std::string& file, uint64_t offset, uint64_t length) {
    Chunk c;
    c.station = st.id;
    c.file = file;
    c.sha = Sha256(file);
    c.size = file.size();
    c.offset = offset;
    c.length = length;
    c.body = file.substr(offset, length);
    c.chunk_sha = Sha256(c.body);
    c.key = &st.key;
    return c;
  }

  HttpResponse Put(const Chunk& c) {
    ChunkClaim claim{c.station, c.sha, c.media_type, c.size, c.offset, c.length, c.chunk_sha};
    std::string m = ChunkSigningMessage(claim);
    Signature sig = c.key->Sign(reinterpret_cast<const uint8_t*>(m.data()), m.size());
    HttpRequest req;
    req.method = "PUT";
    req.target = "/v1/attachments/" + HexEncode(c.sha) + "?offset=" + std::to_string(c.offset);
    req.content_type = "application/octet-stream";
    req.body = c.body;
    req.gongkai_headers = {{"Gongkai-Station", c.station},
                           {"Gongkai-Media-Type", c.media_type},
                           {"Gongkai-Attachment-Size", std::to_string(c.size)},
                           {"Gongkai-Chunk-Length", std::to_string(c.length)},
                           {"Gongkai-Chunk-Sha256", HexEncode(c.chunk_sha)},
                           {"Gongkai-Signature", Base64Encode(sig.data(), sig.size())}};
    return api_->HandleSync(req);
  }

  std::string FinalPath(const Hash32& sha) const {
    return paths_.dir + "/attachments/" + HexEncode(sha);
  }
  std::string PartialPath(const std::string& station, const Hash32& sha) const {
    return paths_.dir + "/attachments/partial/" + station + "/" + HexEncode(sha);
  }
  int64_t Rows() {
    auto st = db_->db().Prepare("SELECT COUNT(*) FROM attachments");
    EXPECT_TRUE(st.ok());
    EXPECT_TRUE(st->Step().value());
    return st->ColumnInt(0);
  }
  uint64_t Received(const TestStation& st, const Hash32& sha) {
    HttpResponse r = Get("/v1/attachments/" + HexEncode(sha) + "/status?station=" + st.id);
    EXPECT_EQ(r.status, 200) << r.body;
    return Json(r)["received"].to_number<uint64_t>();
  }
  // The refusal of c: its status and code, and nothing stored beyond
  // `partial` bytes of the station's partial file.
  void ExpectRefused(const Chunk& c, int status, const std::string& code, uint64_t partial = 0,
                     int64_t rows = 0) {
    HttpResponse r = Put(c);
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(ErrorCode(r), code) << r.body;
    EXPECT_FALSE(Exists(FinalPath(c.sha))) << code;
    struct stat st;
    uint64_t have = ::stat(PartialPath(c.station, c.sha).c_str(), &st) == 0 ? st.st_size : 0;
    EXPECT_EQ(have, partial) << code;
    EXPECT_EQ(Rows(), rows) << code;
  }
};

TEST_F(AttachmentApiTest, ChunksCompleteTheFileWhichIsServedWithItsType) {
  const std::string file = Pdf(2500);
  const Hash32 sha = Sha256(file);
  EXPECT_EQ(Received(hongqi_, sha), 0u);
  HttpResponse r1 = Put(Honest(hongqi_, file, 0, 1000));
  ASSERT_EQ(r1.status, 200) << r1.body;
  EXPECT_FALSE(Json(r1)["complete"].as_bool());
  EXPECT_EQ(Received(hongqi_, sha), 1000u);
  // Not visible before it is whole.
  EXPECT_EQ(Get("/v1/attachments/" + HexEncode(sha)).status, 404);
  ASSERT_EQ(Put(Honest(hongqi_, file, 1000, 1000)).status, 200);
  HttpResponse r3 = Put(Honest(hongqi_, file, 2000, 500));
  ASSERT_EQ(r3.status, 201) << r3.body;
  EXPECT_TRUE(Json(r3)["complete"].as_bool());
  EXPECT_EQ(Json(r3)["size"].to_number<uint64_t>(), 2500u);
  EXPECT_EQ(Rows(), 1);
  EXPECT_FALSE(Exists(PartialPath(hongqi_.id, sha)));
  EXPECT_EQ(ReadFile(FinalPath(sha)).value(), file);

  HttpResponse got = Get("/v1/attachments/" + HexEncode(sha));
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.content_type, "application/pdf");
  EXPECT_EQ(got.body_file, FinalPath(sha));  // streamed from the file, not read whole
  EXPECT_TRUE(got.body.empty());
  bool etag = false;
  for (const auto& [n, v] : got.headers)
    etag = etag || (n == "ETag" && v == "\"" + HexEncode(sha) + "\"");
  EXPECT_TRUE(etag);

  // Sending it again (another station too) stores nothing new.
  HttpResponse again = Put(Honest(dongfeng_, file, 0, 1000));
  EXPECT_EQ(again.status, 201);
  EXPECT_TRUE(Json(again)["complete"].as_bool());
  EXPECT_EQ(Rows(), 1);
  EXPECT_EQ(Received(dongfeng_, sha), 2500u);
}

TEST_F(AttachmentApiTest, TruncatedChunkIsRefused) {
  Chunk c = Honest(hongqi_, Pdf(2000), 0, 1000);
  c.body.resize(600);  // the connection gave fewer bytes than signed
  ExpectRefused(c, 400, "truncated_chunk");
}

TEST_F(AttachmentApiTest, ChunkWithWrongHashIsRefused) {
  Chunk c = Honest(hongqi_, Pdf(2000), 0, 1000);
  c.body[500] ^= 1;
  ExpectRefused(c, 400, "chunk_hash_mismatch");
}

TEST_F(AttachmentApiTest, OffsetGapIsRefusedWithTheHubsCount) {
  const std::string file = Pdf(3000);
  ASSERT_EQ(Put(Honest(hongqi_, file, 0, 1000)).status, 200);
  Chunk c = Honest(hongqi_, file, 2000, 1000);
  ExpectRefused(c, 409, "offset_gap", 1000);
  EXPECT_EQ(Json(Put(c))["received"].to_number<uint64_t>(), 1000u);
  // A chunk the hub has already: overlap, nothing appended.
  ExpectRefused(Honest(hongqi_, file, 0, 1000), 409, "offset_overlap", 1000);
}

TEST_F(AttachmentApiTest, OversizeTotalIsRefused) {
  Chunk c = Honest(hongqi_, Pdf(1000), 0, 1000);
  c.size = kMaxAttachmentBytes + 1;
  ExpectRefused(c, 413, "attachment_too_large");
}

TEST_F(AttachmentApiTest, MislabelledTypeIsRefused) {
  Chunk c = Honest(hongqi_, Pdf(1000), 0, 1000);
  c.media_type = "image/jpeg";  // a PDF called a photo
  ExpectRefused(c, 422, "media_type_mismatch");
  Chunk html = Honest(hongqi_, std::string("<html><script>alert(1)</script></html>"), 0, 38);
  html.media_type = "text/html";
  ExpectRefused(html, 415, "unsupported_media_type");
  Chunk html_as_png = html;
  html_as_png.media_type = "image/png";
  ExpectRefused(html_as_png, 422, "media_type_mismatch");
}

TEST_F(AttachmentApiTest, ChunkPastTheEndIsRefused) {
  Chunk c = Honest(hongqi_, Pdf(1000), 0, 1000);
  c.size = 800;
  ExpectRefused(c, 400, "chunk_past_end");
}

TEST_F(AttachmentApiTest, WholeFileOfAnotherHashIsDiscarded) {
  const std::string file = Pdf(1500);
  Chunk a = Honest(hongqi_, file, 0, 1000);
  a.sha = Sha256(std::string_view("another file"));
  ASSERT_EQ(Put(a).status, 200);
  Chunk b = Honest(hongqi_, file, 1000, 500);
  b.sha = a.sha;
  ExpectRefused(b, 422, "hash_mismatch");  // partial deleted: it can never become right
  EXPECT_EQ(Received(hongqi_, a.sha), 0u);
}

TEST_F(AttachmentApiTest, SignatureOfAnotherKeyIsRefused) {
  Chunk c = Honest(hongqi_, Pdf(1000), 0, 1000);
  c.key = &dongfeng_.key;
  ExpectRefused(c, 401, "bad_signature");
}

TEST_F(AttachmentApiTest, UnknownAndRevokedStationsAreRefused) {
  Chunk c = Honest(hongqi_, Pdf(1000), 0, 1000);
  c.station = "nobody-01";
  ExpectRefused(c, 403, "unknown_station");
  ASSERT_TRUE(RevokeStation(*db_, *admin_, hongqi_.id, "设备丢失", 1700000100).ok());
  ExpectRefused(Honest(hongqi_, Pdf(1000), 0, 1000), 403, "station_revoked");
}

TEST_F(AttachmentApiTest, MissingHeaderAndBadPathAreRefused) {
  HttpRequest req;
  req.method = "PUT";
  req.target = "/v1/attachments/" + std::string(64, 'a') + "?offset=0";
  req.content_type = "application/octet-stream";
  req.body = Pdf(100);
  HttpResponse r = api_->HandleSync(req);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorCode(r), "bad_chunk_header");
  EXPECT_EQ(Get("/v1/attachments/xyz").status, 404);
  EXPECT_EQ(ErrorCode(Get("/v1/attachments/" + std::string(64, 'b'))), "attachment_not_found");
}

TEST_F(AttachmentApiTest, QuotaPerStationIsEnforced) {
  api_.reset();
  ApiOptions opts;
  opts.attachment_quota_bytes = 1500;
  auto api = HubApi::Create(db_path(), ingest_.get(), opts);
  ASSERT_TRUE(api.ok());
  api_ = std::move(api).value();
  const std::string first = Pdf(1000, 'a');
  ASSERT_EQ(Put(Honest(hongqi_, first, 0, 1000)).status, 201);
  ExpectRefused(Honest(hongqi_, Pdf(1000, 'b'), 0, 1000), 413, "attachment_quota_exceeded", 0, 1);
}

}  // namespace
}  // namespace gongkai::hub::testing
