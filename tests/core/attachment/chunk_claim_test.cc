// The text a station signs for each attachment chunk
// (docs/formats/attachment-upload.md): golden bytes.
#include "core/attachment/chunk_claim.h"

#include <gtest/gtest.h>

#include "core/crypto/sha256.h"

namespace gongkai {
namespace {

TEST(ChunkClaim, GoldenBytes) {
  ChunkClaim c;
  c.station = "hongqi-01";
  c.sha256 = Sha256(std::string_view("abc"));
  c.media_type = "image/jpeg";
  c.size = 3000000;
  c.offset = 1048576;
  c.length = 1048576;
  c.chunk_sha256 = Sha256(std::string_view(""));
  EXPECT_EQ(ChunkSigningMessage(c),
            "gongkai attachment chunk v1\n"
            "hongqi-01\n"
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n"
            "image/jpeg\n"
            "3000000\n"
            "1048576\n"
            "1048576\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n");
}

}  // namespace
}  // namespace gongkai
