// An exported log file (docs/formats/log-export.md) as a LogSource, for
// `gongkai-audit verify --file`. Proofs are computed from the file's own
// entries (an in-memory tree, built on first use); they are then checked
// against the file's signed checkpoint like a hub's.
#pragma once

#include <memory>
#include <string>

#include "core/log/log_export.h"
#include "core/log/merkle.h"
#include "station/audit/log_source.h"

namespace gongkai::station {

class FileLogSource : public LogSource {
 public:
  // Reasons: file errors (not_found…), not_log_export, unsupported_format,
  // framing reasons.
  static Result<std::unique_ptr<FileLogSource>> Open(const std::string& path);

  std::string Describe() const override { return path_; }
  Result<std::string> CheckpointNote() override { return export_.checkpoint; }
  Result<std::vector<Bytes>> Entries(uint64_t start, uint64_t end) override;
  Result<std::vector<Hash32>> InclusionProof(uint64_t index, uint64_t size) override;
  Result<std::vector<Hash32>> ConsistencyProof(uint64_t from, uint64_t to) override;
  bool ProofsLocateDifferences() const override { return false; }
  Result<std::vector<uint64_t>> CosignedSizes() override;
  Result<std::string> CheckpointNoteOfSize(uint64_t size) override;
  // A file carries no attachments: not_supported (read them from --dir).
  Result<std::optional<std::string>> Attachment(const std::string& sha256_hex) override;

 private:
  FileLogSource(std::string path, LogExport e) : path_(std::move(path)), export_(std::move(e)) {}
  Status BuildTree();

  std::string path_;
  LogExport export_;
  std::unique_ptr<MemoryNodeStore> tree_;
};

}  // namespace gongkai::station
