// Fuzz target: the binary catalog answer (core/feed/catalog_answer.h), the
// body of GET /v1/catalog?form=bin and the inside of a catalog USB bundle.
//
// Properties for every accepted answer: it re-encodes to exactly the input
// bytes, and the re-encoding decodes again to the same bytes. Format 3,
// which leaves the origin out, is read with the seeds' origin.
#include "core/feed/catalog_answer.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/sample_log.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Bytes in = fuzz::InputBytes(data, size);
  Result<CatalogAnswer> a = DecodeCatalogAnswer(in, fuzz::kOrigin);
  if (!a.ok()) {
    FUZZ_CHECK(!a.status().reason().empty(), "an error without a reason");
    return 0;
  }
  Bytes again = EncodeCatalogAnswer(*a);
  Result<CatalogAnswer> back = DecodeCatalogAnswer(again, fuzz::kOrigin);
  FUZZ_CHECK(back.ok(), back.ok() ? "" : fuzz::Why(back.status()));
  FUZZ_CHECK(EncodeCatalogAnswer(*back) == again, "answer changed after a round trip");
  FUZZ_CHECK(again == in, "re-encoding differs from the accepted answer");
  return 0;
}
