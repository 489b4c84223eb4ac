// A small, valid hub log built in memory for the fuzz targets and the seed
// generator: genesis, two enrolled stations, change sets with every op kind,
// an approval with a resolved conflict, a rejection and a revocation. Keys
// are derived from the signer's name (KeyFor), so a harness can re-sign any
// envelope a fuzzer produced with the key its signer name implies and reach
// the rules behind the signature check.
#pragma once

#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/catalog/catalog.h"
#include "core/changeset/changeset.h"
#include "core/crypto/ed25519.h"
#include "core/record/envelope.h"

namespace gongkai::fuzz {

inline constexpr const char* kOrigin = "hub.fuzz.example/gongkai";
inline constexpr const char* kAdmin = "fuzz-admin";

// Ed25519 key with seed SHA-256("gongkai-fuzz-key\n" + name).
const PrivateKey& KeyFor(const std::string& name);

// Signs env.body again with KeyFor(env.signer) (in place).
void Resign(Envelope& env);

struct SampleLog {
  std::vector<Bytes> leaves;      // exact log entries (encoded envelopes)
  std::vector<Bytes> changesets;  // change set bodies, in log order
  Catalog approved;               // the catalog after the approval
  std::string checkpoint_note;    // signed checkpoint over all leaves
};

// Deterministic.
SampleLog BuildSampleLog();

// Two rows of 红旗村 and one of 东风村 (valid, distinct ids).
std::vector<Row> SampleRows();

}  // namespace gongkai::fuzz
