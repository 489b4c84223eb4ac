// Fuzz target: the station's parser of the hub's GET /v1/catalog answer
// (station/sync/catalog_answer.h), JSON from the network.
//
// Property: ParseCatalogAnswer accepts or refuses with a reason; it never
// crashes, throws or reads out of bounds (Boost.JSON and base64 included).
#include <string>

#include "station/sync/catalog_answer.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string body(fuzz::InputText(data, size));
  Result<station::CatalogAnswer> a = station::ParseCatalogAnswer(body);
  if (!a.ok()) {
    FUZZ_CHECK(!a.status().reason().empty(), "an error without a reason");
    return 0;
  }
  return 0;
}
