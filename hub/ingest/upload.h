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
// own thread when it knows the key already (VerifyUploadSignature; a
// station's key never changes, so a cached key is as good as the table),
// else by the committer.
#pragma once

#include <optional>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/changeset/changeset.h"
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
};

Upload DecodeUpload(size_t index, Bytes bytes);
// For a decoded upload: verifies the envelope signature with `key` (the
// station's enrolled key) and records the result — verified_key, or
// error = Unauthenticated "bad_signature".
void VerifyUploadSignature(Upload& up, const PublicKey& key);

}  // namespace gongkai::hub
