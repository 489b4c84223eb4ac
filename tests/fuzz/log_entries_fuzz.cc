// Fuzz target: log entries as the auditor and stations verify them
// (core/audit/log_verifier.h over docs/formats/log-entry.md).
//
// Input: an envelope batch (core/record/envelope_batch.h) whose elements are
// the leaves of a log, entry 0 first. Each element that decodes as an
// envelope is signed again with the key its signer name implies
// (sample_log.h KeyFor, the keys the seed logs were made with), so mutated
// entries get past the signature check and into the rules: chains, units,
// merges replayed by approvals, rejections, revocations. Elements that do
// not decode are offered as they are.
//
// Properties: Add() either accepts or refuses with a reason and leaves the
// verifier at the last good entry; the saved state of the verifier decodes
// (LoadState) and saves again to the same bytes.
#include "core/audit/log_verifier.h"
#include "core/record/envelope.h"
#include "core/record/envelope_batch.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/sample_log.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Result<std::vector<Bytes>> leaves = DecodeEnvelopeBatch(fuzz::InputBytes(data, size), 64);
  if (!leaves.ok()) return 0;
  LogVerifier v;
  for (Bytes& leaf : *leaves) {
    if (Result<Envelope> env = DecodeEnvelope(leaf); env.ok()) {
      fuzz::Resign(*env);
      leaf = EncodeEnvelope(*env);
    }
    uint64_t before = v.size();
    Status s = v.Add(before, leaf);
    if (!s.ok()) {
      FUZZ_CHECK(!s.reason().empty(), "refused without a reason");
      FUZZ_CHECK(v.size() == before, "a refused entry changed the verifier");
      break;
    }
    FUZZ_CHECK(v.size() == before + 1, "an accepted entry did not add one");
  }
  Bytes state = v.SaveState();
  Result<LogVerifier> loaded = LogVerifier::LoadState(state);
  FUZZ_CHECK(loaded.ok(), loaded.ok() ? "" : fuzz::Why(loaded.status()));
  FUZZ_CHECK(loaded->SaveState() == state, "saved state changed after a reload");
  FUZZ_CHECK(loaded->Root() == v.Root(), "root changed after a reload");
  return 0;
}
