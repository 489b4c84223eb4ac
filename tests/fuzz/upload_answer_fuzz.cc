// Fuzz target: the station's parser of the hub's answer to
// POST /v1/changesets (station/sync/upload_answer.h), JSON from the network.
//
// Property: ParseUploadAnswer accepts or refuses with a reason; it never
// crashes, throws or reads out of bounds.
#include <string>

#include "station/sync/upload_answer.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Result<station::UploadAnswer> a =
      station::ParseUploadAnswer(std::string(fuzz::InputText(data, size)));
  if (!a.ok()) FUZZ_CHECK(!a.status().reason().empty(), "an error without a reason");
  return 0;
}
