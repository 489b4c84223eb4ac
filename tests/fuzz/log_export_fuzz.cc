// Fuzz target: exported logs (core/log/log_export.h), the file
// `gongkai-audit verify --file` reads.
//
// Properties for every accepted file: it re-encodes to exactly the input
// bytes; its checkpoint note parses or is refused with a reason.
#include "core/log/log_export.h"
#include "core/log/note.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Bytes in = fuzz::InputBytes(data, size);
  Result<LogExport> e = DecodeLogExport(in);
  if (!e.ok()) {
    FUZZ_CHECK(!e.status().reason().empty(), "an error without a reason");
    return 0;
  }
  FUZZ_CHECK(EncodeLogExport(*e) == in, "re-encoding differs from the accepted export");
  (void)ParseNote(e->checkpoint);
  return 0;
}
