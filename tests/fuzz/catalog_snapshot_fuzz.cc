// Fuzz target: catalog snapshots (core/catalog/catalog_snapshot.h), the
// whole catalog a hub sends a station that is too far behind.
//
// Properties for every accepted snapshot: SHA-256 of the input is the
// decoded catalog's Hash() (the snapshot is the canonical encoding), and it
// re-encodes to exactly the input bytes.
#include "core/catalog/catalog_snapshot.h"
#include "core/crypto/sha256.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Bytes in = fuzz::InputBytes(data, size);
  Result<Catalog> c = DecodeCatalogSnapshot(in);
  if (!c.ok()) {
    FUZZ_CHECK(!c.status().reason().empty(), "an error without a reason");
    return 0;
  }
  FUZZ_CHECK(EncodeCatalogSnapshot(*c) == in, "re-encoding differs from the accepted snapshot");
  FUZZ_CHECK(Sha256(in) == c->Hash(), "snapshot bytes do not hash to the catalog hash");
  return 0;
}
