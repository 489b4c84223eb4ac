// A batch of encoded envelopes: the body of POST /v1/changesets
// (docs/formats/http-changesets.md).
//
//   batch := archive{ u64 count, string envelope[count] }
//
// Each element is the exact bytes of one EncodeEnvelope() result, kept
// opaque here so that the hub can store and log the bytes it was sent.
// The decoder checks the count against the caller's cap before it reads
// anything else, allocates nothing beyond the input, and refuses trailing
// bytes.
#pragma once

#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai {

// An envelope is its body (<= kMaxEnvelopeBody) plus a few hundred bytes.
inline constexpr size_t kMaxEncodedEnvelope = (32u << 20) + 1024;

Bytes EncodeEnvelopeBatch(const std::vector<Bytes>& envelopes);
// Reasons: malformed, truncated, trailing_bytes (kDataLoss), empty_batch
// (kInvalidArgument), too_many_changesets, too_long (kResourceExhausted).
Result<std::vector<Bytes>> DecodeEnvelopeBatch(const Bytes& bytes, size_t max_count);

}  // namespace gongkai
