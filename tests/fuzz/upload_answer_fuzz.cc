// Fuzz target: the station's parser of the hub's answer to
// POST /v1/changesets (station/sync/upload_answer.h) from the network: the
// same bytes as JSON and as the compact receipts (core/feed/receipts_answer.h).
//
// Property: ParseUploadAnswer accepts or refuses with a reason; it never
// crashes, throws or reads out of bounds; a compact answer it accepts
// re-encodes to the same bytes.
#include <string>

#include "core/feed/receipts_answer.h"
#include "station/sync/upload_answer.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Result<station::UploadAnswer> a =
      station::ParseUploadAnswer(std::string(fuzz::InputText(data, size)));
  if (!a.ok()) FUZZ_CHECK(!a.status().reason().empty(), "an error without a reason");
  Bytes bytes = fuzz::InputBytes(data, size);
  Result<CompactReceipts> c = DecodeCompactReceipts(bytes);
  if (c.ok()) {
    // Format 3 (the short push's, decision 0033) has its own encoder.
    const bool short_form = bytes.size() > 1 && bytes[1] == kShortReceiptsFormat;
    Bytes again = short_form ? EncodeShortReceipts(c->receipts, c->nothing_new.value_or(false))
                             : EncodeCompactReceipts(c->receipts, c->nothing_new);
    FUZZ_CHECK(again == bytes, "compact receipts do not re-encode");
  } else {
    FUZZ_CHECK(!c.status().reason().empty(), "an error without a reason");
  }
  if (size > 0 && data[0] == 0x01) {
    FUZZ_CHECK(a.ok() == c.ok(), "the station reads compact receipts as the codec does");
    if (a.ok()) FUZZ_CHECK(a->nothing_new == c->nothing_new, "the station reads the verdict");
  }
  return 0;
}
