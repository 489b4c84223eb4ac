// The stateless half of ingest: turning the bytes of one uploaded envelope
// into a decoded, validated change set. It runs on any thread, before the
// upload is queued for the committer (hub/ingest/ingest_queue.h), so the
// single writer thread spends its time only on what needs the database.
//
// Checks, in order: the envelope decodes (DecodeEnvelope); its kind is
// kChangeSet ("wrong_kind"); the body decodes and every value is valid
// (DecodeChangeSet: structure, op count, catalog validation); the envelope
// signer is the change set's station ("signer_mismatch").
// The signature is checked against the enrolled key: by the caller on its
// own thread when it knows the key already (TryVerifyUploadSignature with a
// cached key), else — and whenever that fails, since a revoked station may
// have been enrolled again with another key — by the committer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/changeset/changeset.h"
#include "core/crypto/verifier_key.h"
#include "core/record/envelope.h"

namespace gongkai::hub {

struct Upload {
  size_t index = 0;  // position in the request
  Bytes bytes;       // the exact envelope bytes, as logged if accepted
  Status error;      // non-ok: the upload is rejected with this status
  std::optional<size_t> bad_op;  // with error: the op it is about, if one
  Envelope envelope;
  ChangeSet changeset;
  Hash32 id{};  // ChangeSetId(envelope.body)
  // Set once the signature verified with this key; the committer then only
  // checks that it is the station's enrolled key.
  std::optional<PublicKey> verified_key;
  // The envelope decoded and is a change-set envelope (its signer is known,
  // even if the body did not decode).
  bool envelope_ok = false;
  // What the request offered in its Gongkai-Station-Key/-Unit headers, kept
  // only for recording an attempt of a station that is not enrolled (with
  // this key): the key only when named for the signer and verifying this
  // envelope, the unit only when it is valid text (OfferStation).
  std::optional<PublicKey> offered_key;
  std::optional<std::string> offered_unit;
};

Upload DecodeUpload(size_t index, Bytes bytes);
// For a decoded upload: verifies the envelope signature with `key` (the
// station's enrolled key) and records the result — verified_key, or
// error = Unauthenticated "bad_signature".
void VerifyUploadSignature(Upload& up, const PublicKey& key);
// Sets verified_key if the signature verifies with `key`; otherwise leaves
// the upload as it was (the committer checks it against the table) and
// returns false.
bool TryVerifyUploadSignature(Upload& up, const PublicKey& key);
// TryVerifyUploadSignature(uploads[i], *keys[i]) for every upload with a
// key (keys.size() == uploads.size()); from kParallelVerifyFrom uploads on,
// their signatures are verified on every core at once (SignatureBatch).
inline constexpr size_t kParallelVerifyFrom = 8;
void TryVerifyUploadSignatures(std::vector<Upload>& uploads,
                               const std::vector<std::optional<PublicKey>>& keys);

// The station headers of a request, parsed leniently: anything that does
// not parse is as if absent (never an error).
struct OfferedStation {
  std::optional<VerifierKey> key;
  std::optional<std::string> unit;
};
// `key`: a C2SP verifier key as `gongkai-hub station add --key` takes;
// `unit`: UTF-8, percent-encoded, valid as a unit (ValidateUnit).
OfferedStation ParseOfferedStation(std::string_view key, std::string_view unit);
// Records the offer on an upload whose envelope decoded and whose signature
// has not verified with an enrolled key: the key if its name is the signer
// and it verifies the envelope, the unit as parsed.
void OfferStation(Upload& up, const OfferedStation& offer);

}  // namespace gongkai::hub
