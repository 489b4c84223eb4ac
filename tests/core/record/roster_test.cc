// Golden bytes and decoding errors of the roster record
// (docs/formats/records.md § Roster).
#include "core/record/roster.h"

#include <gtest/gtest.h>

#include "core/base/hex.h"
#include "core/record/envelope.h"

namespace gongkai {
namespace {

RosterChange Sample() {
  RosterChange r;
  r.action = RosterAction::kAdd;
  r.name = "li";
  r.key.fill(0x44);
  r.admin = "zhang";
  r.at = 1700000180;
  return r;
}

const char kGoldenHex[] =
    "01"                                                                // archive flag
    "0100"                                                              // u16 format = 1
    "01"                                                                // action 1 = add
    "0200000000000000"                                                  // u64 length 2
    "6c69"                                                              // "li"
    "4444444444444444444444444444444444444444444444444444444444444444"  // key
    "0500000000000000"                                                  // u64 length 5
    "7a68616e67"                                                        // "zhang"
    "b4f1536500000000";                                                 // i64 at 1700000180

TEST(RosterTest, GoldenBytes) { EXPECT_EQ(HexEncode(EncodeRosterChange(Sample())), kGoldenHex); }

TEST(RosterTest, RevokeGoldenBytesDifferOnlyInTheActionByte) {
  RosterChange r = Sample();
  r.action = RosterAction::kRevoke;
  std::string hex = kGoldenHex;
  hex[7] = '2';  // the action byte: 01 → 02
  EXPECT_EQ(HexEncode(EncodeRosterChange(r)), hex);
}

TEST(RosterTest, RoundTrip) {
  Result<RosterChange> r = DecodeRosterChange(*HexDecode(kGoldenHex));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, Sample());
}

TEST(RosterTest, EveryTruncationIsRefused) {
  Bytes b = EncodeRosterChange(Sample());
  for (size_t n = 0; n < b.size(); ++n) {
    Bytes cut(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_FALSE(DecodeRosterChange(cut).ok()) << n;
  }
}

TEST(RosterTest, TrailingByteIsRefused) {
  Bytes b = EncodeRosterChange(Sample());
  b.push_back(0);
  EXPECT_EQ(DecodeRosterChange(b).status().reason(), "trailing_bytes");
}

TEST(RosterTest, UnknownFormatIsRefused) {
  Bytes b = EncodeRosterChange(Sample());
  b[2] = 1;  // format 0x0101
  EXPECT_EQ(DecodeRosterChange(b).status().reason(), "unsupported_format");
}

TEST(RosterTest, UnknownActionIsRefused) {
  for (uint8_t action : {0, 3, 255}) {
    Bytes b = EncodeRosterChange(Sample());
    b[3] = action;
    EXPECT_EQ(DecodeRosterChange(b).status().reason(), "bad_action") << int(action);
  }
}

TEST(RosterTest, BadNamesAreRefused) {
  RosterChange r = Sample();
  r.name = "Li Ming";
  EXPECT_EQ(DecodeRosterChange(EncodeRosterChange(r)).status().reason(), "bad_admin_name");
  r = Sample();
  r.admin = "";
  EXPECT_EQ(DecodeRosterChange(EncodeRosterChange(r)).status().reason(), "bad_admin_name");
}

TEST(RosterTest, TravelsAsEnvelopeKind7Roster) {
  EXPECT_STREQ(EnvelopeKindName(EnvelopeKind::kRoster), "roster");
  Envelope env{EnvelopeKind::kRoster, "zhang", EncodeRosterChange(Sample()), {}};
  Result<Envelope> back = DecodeEnvelope(EncodeEnvelope(env));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->kind, EnvelopeKind::kRoster);
  Bytes b = EncodeEnvelope(env);
  b[3] = 200;  // the kind byte after flag and format: no kind 200
  EXPECT_EQ(DecodeEnvelope(b).status().reason(), "unknown_kind");
}

}  // namespace
}  // namespace gongkai
