// C2SP tlog-witness (https://c2sp.org/tlog-witness) add-checkpoint: the
// request body a log sends and the witness's decision, as pure functions.
// The witness's I/O (witness/) and the hub's sender (hub/witness/) are
// shells around this. See docs/formats/witness.md.
//
//   request = "old " decimal(old size) "\n"
//             *63(base64(hash[32]) "\n")        consistency proof, RFC 6962
//             "\n"
//             checkpoint note (text, blank line, signature lines)
//
// Decision, in this order (the HTTP status the witness answers):
//   body not of the grammar above, note or checkpoint malformed  400
//   origin not configured                                        404
//   no signature by the log key configured for the origin        403
//   old size > checkpoint size; old size 0 with a proof          400
//   old size != size of the latest cosigned checkpoint           409 (body: that size "\n",
//                                                                     text/x.tlog.size)
//   old size == checkpoint size but another root hash            409 (same body)
//   the proof does not lead from the stored root to the new one  422
//   otherwise: cosign, store the checkpoint as the latest        200
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/crypto/verifier_key.h"

namespace gongkai {

inline constexpr size_t kMaxConsistencyProofLines = 63;
inline constexpr std::string_view kTlogSizeContentType = "text/x.tlog.size";

struct AddCheckpointRequest {
  uint64_t old_size = 0;
  std::vector<Hash32> proof;
  std::string checkpoint;  // the whole signed note

  bool operator==(const AddCheckpointRequest&) const = default;
};

std::string FormatAddCheckpointRequest(const AddCheckpointRequest& req);
// InvalidArgument: bad_old_size, bad_proof_line, too_many_proof_lines,
// missing_blank_line.
Result<AddCheckpointRequest> ParseAddCheckpointRequest(std::string_view body);

// What the witness knows of one log.
struct WitnessedLog {
  std::string origin;
  VerifierKey log_key;  // type 0x01
  uint64_t size = 0;    // latest cosigned size; 0 and the empty root if never
  Hash32 root{};
};

struct WitnessDecision {
  int status = 200;          // HTTP status: 200, 400, 403, 404, 409, 422
  std::string reason;        // machine-readable, empty when 200
  std::string message;       // one sentence for the log / the caller
  uint64_t latest_size = 0;  // 409: the size of the latest cosigned checkpoint
  // The log signed a checkpoint that contradicts what the witness saw:
  // smaller than the latest cosigned one (a rollback), the same size with
  // another root, or no valid proof (a fork). Worth keeping as evidence.
  bool misbehaviour = false;
  // 200: the checkpoint text to cosign and its size and root (the new state).
  std::string text;
  uint64_t size = 0;
  Hash32 root{};
};

// The origin named by the checkpoint of a request (to look the log up), or
// a 400 decision.
Result<std::string> RequestOrigin(const AddCheckpointRequest& req);

// `log` is the record for RequestOrigin(req), or nullopt if none (404).
WitnessDecision DecideAddCheckpoint(const AddCheckpointRequest& req,
                                    const std::optional<WitnessedLog>& log);

}  // namespace gongkai
