// Where an auditor reads a log from: a hub over HTTPS (hub_log_source.h) or
// an exported log file (file_log_source.h). Nothing a source returns is
// trusted: the checkpoint is opened with the hub key given out of band,
// every entry is checked by core/audit's LogVerifier, and every proof is
// verified against a signed checkpoint.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai::station {

class LogSource {
 public:
  virtual ~LogSource() = default;

  // "https://host:port" or the file name, for messages.
  virtual std::string Describe() const = 0;
  // The latest signed checkpoint note (not yet verified).
  virtual Result<std::string> CheckpointNote() = 0;
  // Entries [start, end) in order; may return fewer (at least one), never
  // more. A hub that cannot serve entry `start` answers an error whose
  // reason is the hub's code (e.g. log_entry_missing).
  virtual Result<std::vector<Bytes>> Entries(uint64_t start, uint64_t end) = 0;
  // RFC 9162 proofs of the source's tree (docs/formats/merkle.md).
  virtual Result<std::vector<Hash32>> InclusionProof(uint64_t index, uint64_t size) = 0;
  virtual Result<std::vector<Hash32>> ConsistencyProof(uint64_t from, uint64_t to) = 0;
  // Whether the proofs come from a tree other than the entries just read
  // (the hub's stored tree), so that they can say which entry differs from
  // the signed root. A file's proofs are computed from its own entries: a
  // wrong one agrees with itself and could only ever point at entry 0.
  virtual bool ProofsLocateDifferences() const { return true; }

  // Witnessed checkpoints (gongkai-audit postings): the sizes the source
  // holds cosignatures for, and the signed note of a size with its
  // cosignature lines. Neither is trusted: each note is opened with the hub
  // key and each cosignature verified with the witness keys. A file holds
  // only its own checkpoint.
  virtual Result<std::vector<uint64_t>> CosignedSizes() = 0;
  virtual Result<std::string> CheckpointNoteOfSize(uint64_t size) = 0;
  // The bytes of an attachment (GET /v1/attachments/{sha256}); nullopt if
  // the source says it has none (404), an error if it cannot be asked.
  virtual Result<std::optional<std::string>> Attachment(const std::string& sha256_hex) = 0;
};

}  // namespace gongkai::station
