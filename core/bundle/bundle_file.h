// A USB bundle file (docs/formats/bundle.md): the framing that makes a file
// carried on a stick self-checking. Byte layout (all integers little endian):
//
//   offset  size  field
//   0       8     magic "GKBUNDLE"
//   8       1     format = 1
//   9       1     kind: 1 changesets (station → hub), 2 catalog (hub → station)
//   10      8     u64 payload length L (≤ kMaxBundlePayload)
//   18      L     payload: a wire archive (changeset_bundle.h, catalog_bundle.h)
//   18+L    32    SHA-256 of bytes [0, 18+L)
//
// The digest catches a truncated, torn or damaged copy before anything is
// decoded; it is not a signature. What makes a bundle trustworthy is inside
// the payload: station-signed change sets, the hub-signed checkpoint with
// its proofs, administrator-signed decisions (docs/decisions/0004).
//
// Reasons (in the order checked; kDataLoss unless noted):
//   bundle_truncated          shorter than its header or than 18 + L + 32
//   not_a_bundle              wrong magic (kInvalidArgument)
//   bundle_unsupported_format format byte is not 1 (kInvalidArgument)
//   bundle_too_large          L above the limit (kResourceExhausted)
//   bundle_corrupt            longer than 18 + L + 32, digest mismatch,
//                             unknown kind, or a payload that does not decode
//   bundle_wrong_kind         the other kind than expected (kInvalidArgument)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai {

inline constexpr std::string_view kBundleMagic = "GKBUNDLE";
inline constexpr uint8_t kBundleFormat = 1;
inline constexpr size_t kBundleHeaderBytes = 18;
inline constexpr size_t kMaxBundlePayload = size_t{512} << 20;  // 512 MiB

enum class BundleKind : uint8_t { kChangeSets = 1, kCatalog = 2 };
// "changesets" / "catalog"; in Chinese for messages: 变更集 / 目录.
const char* BundleKindName(BundleKind kind);

Bytes SealBundle(BundleKind kind, const Bytes& payload);
// Checks the framing and digest and returns the payload.
Result<Bytes> OpenBundle(const Bytes& file, BundleKind expected);

// Writes a sealed bundle atomically (core/store/atomic_file.h), mode 0644.
Status WriteBundleFile(const std::string& path, BundleKind kind, const Bytes& payload);
// Reads and opens one: file_missing, bundle_too_large, the reasons above.
Result<Bytes> ReadBundleFile(const std::string& path, BundleKind expected);

}  // namespace gongkai
