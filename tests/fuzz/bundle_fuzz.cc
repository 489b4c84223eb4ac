// Fuzz target: USB bundle files (core/bundle/): the framing with its
// digest (bundle_file.h) and both payloads (changeset_bundle.h,
// catalog_bundle.h).
//
// Input: one selector byte, then bytes.
//   0, 1: the bytes are a payload (0 changesets, 1 catalog); the harness
//         seals them (SealBundle), so the digest is right and the payload
//         decoder is reached. OpenBundle must give back the payload; an
//         accepted payload must re-encode to exactly its bytes.
//   2, 3: the bytes are a whole file, opened as it is (framing checks).
#include "core/bundle/bundle_file.h"
#include "core/bundle/catalog_bundle.h"
#include "core/bundle/changeset_bundle.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gongkai;

namespace {

void Payload(BundleKind kind, const Bytes& payload) {
  if (kind == BundleKind::kChangeSets) {
    Result<ChangeSetBundle> b = DecodeChangeSetBundle(payload);
    if (b.ok()) FUZZ_CHECK(EncodeChangeSetBundle(*b) == payload, "changesets re-encoding differs");
  } else {
    Result<CatalogBundle> b = DecodeCatalogBundle(payload);
    if (b.ok()) FUZZ_CHECK(EncodeCatalogBundle(*b) == payload, "catalog re-encoding differs");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  Bytes rest(data + 1, data + size);
  BundleKind kind = data[0] % 2 == 0 ? BundleKind::kChangeSets : BundleKind::kCatalog;
  if (data[0] % 4 < 2) {
    Bytes file = SealBundle(kind, rest);
    Result<Bytes> opened = OpenBundle(file, kind);
    FUZZ_CHECK(opened.ok() && *opened == rest, "a sealed bundle does not open to its payload");
    Payload(kind, rest);
  } else {
    Result<Bytes> opened = OpenBundle(rest, kind);
    if (opened.ok()) Payload(kind, *opened);
  }
  return 0;
}
