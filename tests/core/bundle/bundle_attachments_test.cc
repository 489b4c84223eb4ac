// USB bundles with attachments (format 2, docs/formats/bundle.md,
// decision 0026): golden bytes by hand, the writer and reader in pieces,
// every truncation (inside an attachment too), every flipped byte, and the
// attachment checks of the HTTP upload path — each refusal found by Open(),
// before a caller could store anything.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/bundle/bundle_file.h"
#include "core/crypto/sha256.h"
#include "core/store/atomic_file.h"
#include "tests/core/bundle/flipped_bytes.h"
#include "tests/testing/le_bytes.h"
#include "tests/testing/temp_dir.h"

namespace gongkai {
namespace {

const std::string kJpeg("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20);
const std::string kPng("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR", 16);

Bytes Payload() { return Bytes{0x01, 0xDE, 0xAD, 0xBE, 0xEF}; }

AttachmentInfo InfoOf(const std::string& bytes, const std::string& type) {
  return AttachmentInfo{Sha256(bytes), bytes.size(), type};
}

// Format 2 by hand: magic, 02, kind, L, payload, m, m × {sha, size, type, bytes}, SHA-256.
Bytes ByHand(uint8_t kind, const std::vector<std::pair<AttachmentInfo, std::string>>& files) {
  LeBytes b;
  b.Raw(Bytes{'G', 'K', 'B', 'U', 'N', 'D', 'L', 'E', 0x02, kind}).U64(5).Raw(Payload());
  b.U64(files.size());
  for (const auto& [info, bytes] : files) {
    b.Raw(Bytes(info.sha256.begin(), info.sha256.end())).U64(info.size).Str(info.media_type);
    b.Raw(Bytes(bytes.begin(), bytes.end()));
  }
  Bytes out(b.bytes().begin() + 1, b.bytes().end());  // the framing has no archive flag
  Hash32 d = Sha256(out);
  out.insert(out.end(), d.begin(), d.end());
  return out;
}

Result<std::unique_ptr<BundleReader>> Open(const Bytes& file,
                                           BundleKind kind = BundleKind::kChangeSets) {
  return BundleReader::Open(
      std::make_unique<std::istringstream>(std::string(file.begin(), file.end())), kind);
}

std::string Reason(const Bytes& file) {
  Result<std::unique_ptr<BundleReader>> r = Open(file);
  return r.ok() ? "ok" : r.status().reason();
}

Bytes ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return Bytes(s.begin(), s.end());
}

class BundleAttachmentsTest : public ::testing::Test {
 protected:
  // Writes a changesets bundle with the two files through BundleWriter.
  Result<uint64_t> Write(const std::string& path) {
    GK_ASSIGN_OR_RETURN(std::unique_ptr<BundleWriter> w,
                        BundleWriter::Start(path, BundleKind::kChangeSets, Payload(), 2));
    std::istringstream a(kJpeg), b(kPng);
    GK_RETURN_IF_ERROR(w->AddAttachment(InfoOf(kJpeg, "image/jpeg"), a));
    GK_RETURN_IF_ERROR(w->AddAttachment(InfoOf(kPng, "image/png"), b));
    return w->Finish();
  }
  Bytes Golden() {
    return ByHand(1, {{InfoOf(kJpeg, "image/jpeg"), kJpeg}, {InfoOf(kPng, "image/png"), kPng}});
  }
  TempDir tmp_;
};

TEST_F(BundleAttachmentsTest, GoldenBytesWrittenInPiecesAndReadBack) {
  std::string path = tmp_.path() + "/up.gkb";
  Result<uint64_t> size = Write(path);
  ASSERT_TRUE(size.ok()) << size.status().ToString();
  Bytes file = ReadAll(path);
  EXPECT_EQ(file, Golden());
  EXPECT_EQ(*size, file.size());
  // 18 header + 5 payload + 8 count + (48 + 10 + 20) + (48 + 9 + 16) + 32 digest
  EXPECT_EQ(file.size(), 18u + 5u + 8u + 78u + 73u + 32u);

  Result<std::unique_ptr<BundleReader>> r = BundleReader::OpenFile(path, BundleKind::kChangeSets);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)->format(), kBundleFormatAttachments);
  EXPECT_EQ((*r)->payload(), Payload());
  ASSERT_EQ((*r)->attachments().size(), 2u);
  EXPECT_EQ((*r)->attachments()[0].info.media_type, "image/jpeg");
  EXPECT_EQ((*r)->attachments()[0].offset, 18u + 5u + 8u + 48u + 10u);
  EXPECT_EQ((*r)->attachments()[1].info.sha256, Sha256(kPng));
  // In pieces of 7 bytes, from byte 3: what a resumed store asks for.
  std::string got;
  std::vector<size_t> pieces;
  ASSERT_TRUE((*r)->ReadAttachment(0, 3, 7,
                                   [&](std::string_view p) {
                                     got += p;
                                     pieces.push_back(p.size());
                                     return Status::Ok();
                                   })
                  .ok());
  EXPECT_EQ(got, kJpeg.substr(3));
  EXPECT_EQ(pieces, (std::vector<size_t>{7, 7, 3}));
  // The payload alone, as ReadBundleFile gives it.
  Result<Bytes> payload = ReadBundleFile(path, BundleKind::kChangeSets);
  ASSERT_TRUE(payload.ok()) << payload.status().ToString();
  EXPECT_EQ(*payload, Payload());
}

TEST_F(BundleAttachmentsTest, WithoutAttachmentsTheWriterMakesFormat1) {
  std::string path = tmp_.path() + "/b.gkb";
  Result<std::unique_ptr<BundleWriter>> w =
      BundleWriter::Start(path, BundleKind::kCatalog, Payload(), 0);
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->Finish().ok());
  EXPECT_EQ(ReadAll(path), SealBundle(BundleKind::kCatalog, Payload()));
}

TEST_F(BundleAttachmentsTest, EveryTruncationIsRefusedAsTruncated) {
  Bytes full = Golden();
  for (size_t n = 0; n < full.size(); ++n) {
    EXPECT_EQ(Reason(Bytes(full.begin(), full.begin() + n)), "bundle_truncated") << "length " << n;
  }
  // Cut inside the second attachment's bytes: truncated, and nothing
  // for a caller to store (Open failed).
  size_t inside = full.size() - 32 - 5;
  EXPECT_EQ(Reason(Bytes(full.begin(), full.begin() + inside)), "bundle_truncated");
}

TEST_F(BundleAttachmentsTest, EveryFlippedByteIsRefused) {
  Bytes full = Golden();
  testing::ExpectEveryFlippedByteRefused(full, Reason);
  Bytes in_photo = full;
  in_photo[18 + 5 + 8 + 48 + 10 + 4] ^= 1;
  EXPECT_EQ(Reason(in_photo), "bundle_corrupt");
  Bytes longer = full;
  longer.push_back(0);
  EXPECT_EQ(Reason(longer), "bundle_corrupt");
}

// Bytes that do not match their name, with a digest made to match: the
// file is whole, the attachment is not what the record names.
TEST_F(BundleAttachmentsTest, AttachmentNotMatchingItsHashIsRefused) {
  std::string other = kJpeg;
  other.back() = 'X';
  AttachmentInfo named = InfoOf(kJpeg, "image/jpeg");
  EXPECT_EQ(Reason(ByHand(1, {{named, other}})), "attachment_hash_mismatch");
  // The second one bad, the first good: refused all the same.
  std::string png = kPng;
  png.back() = 'X';
  EXPECT_EQ(Reason(ByHand(1, {{named, kJpeg}, {InfoOf(kPng, "image/png"), png}})),
            "attachment_hash_mismatch");
}

TEST_F(BundleAttachmentsTest, TheChecksOfTheUploadPathApply) {
  // A PNG labelled as a JPEG.
  EXPECT_EQ(Reason(ByHand(1, {{InfoOf(kPng, "image/jpeg"), kPng}})), "media_type_mismatch");
  // HTML is no attachment.
  std::string html = "<html><body>x</body></html>";
  EXPECT_EQ(Reason(ByHand(1, {{InfoOf(html, "text/html"), html}})), "unsupported_media_type");
  EXPECT_EQ(Reason(ByHand(1, {{InfoOf("", "image/jpeg"), ""}})), "empty_attachment");
  std::string big = kJpeg + std::string(kMaxAttachmentBytes, 'x');
  EXPECT_EQ(Reason(ByHand(1, {{InfoOf(big, "image/jpeg"), big}})), "attachment_too_large");
}

TEST_F(BundleAttachmentsTest, FramingRules) {
  // No attachments is format 1: a format 2 file with m = 0 has another encoding.
  EXPECT_EQ(Reason(ByHand(1, {})), "bundle_corrupt");
  // Catalog bundles carry none.
  Result<std::unique_ptr<BundleReader>> catalog =
      Open(ByHand(2, {{InfoOf(kJpeg, "image/jpeg"), kJpeg}}), BundleKind::kCatalog);
  EXPECT_EQ(catalog.status().reason(), "bundle_corrupt");
  // The other kind than expected.
  Result<std::unique_ptr<BundleReader>> wrong = Open(Golden(), BundleKind::kCatalog);
  EXPECT_EQ(wrong.status().reason(), "bundle_wrong_kind");
  // OpenBundle (bytes in memory) gives the payload of a format 2 bundle.
  Result<Bytes> payload = OpenBundle(Golden(), BundleKind::kChangeSets);
  ASSERT_TRUE(payload.ok()) << payload.status().ToString();
  EXPECT_EQ(*payload, Payload());
}

TEST_F(BundleAttachmentsTest, WriterRefusesAChangedFileAndLeavesNothing) {
  std::string path = tmp_.path() + "/up.gkb";
  Result<std::unique_ptr<BundleWriter>> w =
      BundleWriter::Start(path, BundleKind::kChangeSets, Payload(), 1);
  ASSERT_TRUE(w.ok());
  std::istringstream changed(kPng);  // not the bytes named
  EXPECT_EQ((*w)->AddAttachment(InfoOf(kJpeg, "image/jpeg"), changed).reason(),
            "attachment_hash_mismatch");
  w->reset();
  std::ifstream none(path);
  EXPECT_FALSE(none.good()) << "no bundle under the final name";
  // Fewer than declared: refused at Finish, nothing written.
  Result<std::unique_ptr<BundleWriter>> short_one =
      BundleWriter::Start(path, BundleKind::kChangeSets, Payload(), 2);
  ASSERT_TRUE(short_one.ok());
  std::istringstream a(kJpeg);
  ASSERT_TRUE((*short_one)->AddAttachment(InfoOf(kJpeg, "image/jpeg"), a).ok());
  EXPECT_EQ((*short_one)->Finish().status().reason(), "too_few");
  short_one->reset();
  std::ifstream still_none(path);
  EXPECT_FALSE(still_none.good());
}

}  // namespace
}  // namespace gongkai
