#include "core/attachment/attachment.h"

#include <gtest/gtest.h>

#include "core/attachment/jpeg_exif.h"

namespace gongkai {
namespace {

const std::string kJpeg("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20);
const std::string kPng("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR", 16);
const std::string kWebp("RIFF\x10\x00\x00\x00WEBPVP8 ", 16);
const std::string kPdf("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", 15);
const std::string kHtml("<!DOCTYPE html><html>");

TEST(AttachmentType, SniffsTheFourTypesByTheirBytes) {
  EXPECT_EQ(SniffMediaType(kJpeg), "image/jpeg");
  EXPECT_EQ(SniffMediaType(kPng), "image/png");
  EXPECT_EQ(SniffMediaType(kWebp), "image/webp");
  EXPECT_EQ(SniffMediaType(kPdf), "application/pdf");
  EXPECT_FALSE(SniffMediaType(kHtml));
  EXPECT_FALSE(SniffMediaType(""));
  EXPECT_FALSE(SniffMediaType("\xFF\xD8"));  // too short to be a JPEG
  // HEIC ("ftypheic" at 4) is not accepted (decision 0022).
  EXPECT_FALSE(
      SniffMediaType(std::string("\x00\x00\x00\x18"
                                 "ftypheic",
                                 12)));
}

TEST(AttachmentType, NameOfAnotherTypeIsMediaTypeMismatch) {
  Result<std::string> pdf_as_jpg = CheckAttachmentType("公示栏.jpg", kPdf);
  ASSERT_FALSE(pdf_as_jpg.ok());
  EXPECT_EQ(pdf_as_jpg.status().reason(), "media_type_mismatch");
  Result<std::string> png_as_pdf = CheckAttachmentType("scan.PDF", kPng);
  ASSERT_FALSE(png_as_pdf.ok());
  EXPECT_EQ(png_as_pdf.status().reason(), "media_type_mismatch");
}

TEST(AttachmentType, HtmlNamedJpgIsUnsupported) {
  Result<std::string> r = CheckAttachmentType("photo.jpg", kHtml);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "unsupported_media_type");
}

TEST(AttachmentType, MatchingOrUnknownExtensionTakesTheSniffedType) {
  EXPECT_EQ(CheckAttachmentType("a.JPEG", kJpeg).value(), "image/jpeg");
  EXPECT_EQ(CheckAttachmentType("dir.x/scan", kPdf).value(), "application/pdf");
  EXPECT_EQ(CheckAttachmentType("photo.bin", kPng).value(), "image/png");
}

TEST(AttachmentType, DeclaredLabelMustMatchTheBytes) {
  EXPECT_TRUE(CheckDeclaredType("image/png", kPng).ok());
  EXPECT_EQ(CheckDeclaredType("image/jpeg", kPdf).reason(), "media_type_mismatch");
  EXPECT_EQ(CheckDeclaredType("text/html", kHtml).reason(), "unsupported_media_type");
}

TEST(AttachmentSize, EmptyAndOversizeAreRefused) {
  EXPECT_EQ(CheckAttachmentSize(0).reason(), "empty_attachment");
  EXPECT_TRUE(CheckAttachmentSize(1).ok());
  EXPECT_TRUE(CheckAttachmentSize(kMaxAttachmentBytes).ok());
  Status big = CheckAttachmentSize(kMaxAttachmentBytes + 1);
  EXPECT_EQ(big.reason(), "attachment_too_large");
  EXPECT_EQ(big.code(), Code::kResourceExhausted);
}

// A little-endian JPEG with an EXIF block: IFD0 holds DateTime (0x0132,
// ASCII 20) and the GPS pointer (0x8825); the GPS IFD holds GPSLatitudeRef
// (inline "N") and GPSLatitude (3 rationals at an offset).
std::string JpegWithGps() {
  std::string tiff;
  auto u16 = [&](uint32_t v) {
    tiff += static_cast<char>(v & 0xFF);
    tiff += static_cast<char>(v >> 8);
  };
  auto u32 = [&](uint32_t v) {
    u16(v & 0xFFFF);
    u16(v >> 16);
  };
  tiff += "II*";
  tiff += '\0';
  u32(8);  // IFD0 at 8
  u16(2);  // two entries
  u16(0x0132);
  u16(2);
  u32(20);
  u32(38);  // DateTime at 38
  u16(0x8825);
  u16(4);
  u32(1);
  u32(58);                                           // GPS IFD at 58
  u32(0);                                            // no next IFD (ends at 8+2+24+4 = 38)
  tiff += std::string("2026:11:05 09:30:00\0", 20);  // 38..58
  u16(2);                                            // GPS IFD: two entries (58)
  u16(0x0001);
  u16(2);
  u32(2);
  tiff += std::string("N\0\0\0", 4);
  u16(0x0002);
  u16(5);
  u32(3);
  u32(88);                                                    // latitude at 88
  u32(0);                                                     // ends at 58+2+24+4 = 88
  for (uint32_t v : {31u, 1u, 15u, 1u, 4242u, 100u}) u32(v);  // 88..112
  std::string app1 = std::string("Exif\0\0", 6) + tiff;
  size_t len = app1.size() + 2;
  std::string jpeg("\xFF\xD8\xFF\xE1", 4);
  jpeg += static_cast<char>(len >> 8);
  jpeg += static_cast<char>(len & 0xFF);
  jpeg += app1;
  jpeg += std::string("\xFF\xDA\x00\x02\x12\x34\xFF\xD9", 8);
  return jpeg;
}

TEST(JpegExif, GpsBlockIsBlankedAndTimeKept) {
  std::string jpeg = JpegWithGps();
  const std::string before = jpeg;
  Result<bool> r = StripJpegGps(jpeg);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(*r);
  EXPECT_EQ(jpeg.size(), before.size());
  EXPECT_NE(jpeg.find("2026:11:05 09:30:00"), std::string::npos);  // time kept
  const size_t tiff = 4 + 2 + 6;
  // GPS IFD (58..88) and the latitude values (88..112) are all zeros.
  EXPECT_EQ(jpeg.substr(tiff + 58, 54), std::string(54, '\0'));
  // Everything else is unchanged.
  EXPECT_EQ(jpeg.substr(0, tiff + 58), before.substr(0, tiff + 58));
  EXPECT_EQ(jpeg.substr(tiff + 112), before.substr(tiff + 112));
  // A second pass finds nothing more to strip.
  EXPECT_FALSE(StripJpegGps(jpeg).value());
}

TEST(JpegExif, JpegWithoutExifIsUnchanged) {
  std::string jpeg = kJpeg + std::string("\xFF\xDA\x00\x02\xFF\xD9", 6);
  const std::string before = jpeg;
  EXPECT_FALSE(StripJpegGps(jpeg).value());
  EXPECT_EQ(jpeg, before);
}

TEST(JpegExif, GpsPointerOutsideTheSegmentIsBadExif) {
  std::string jpeg = JpegWithGps();
  const size_t tiff = 4 + 2 + 6;
  jpeg[tiff + 8 + 2 + 12 + 8] = '\x7F';  // GPS offset 58 → 127 (past the segment)
  const std::string before = jpeg;
  Result<bool> r = StripJpegGps(jpeg);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "bad_exif");
}

}  // namespace
}  // namespace gongkai
