#include "station/audit/file_log_source.h"

#include <algorithm>

#include "core/store/atomic_file.h"

namespace gongkai::station {
namespace {

constexpr uint64_t kBatch = 1000;
constexpr size_t kMaxExportBytes = size_t{4} << 30;

}  // namespace

Result<std::unique_ptr<FileLogSource>> FileLogSource::Open(const std::string& path) {
  GK_ASSIGN_OR_RETURN(std::string text, ReadFile(path, kMaxExportBytes));
  Bytes bytes(text.begin(), text.end());
  text.clear();
  text.shrink_to_fit();
  GK_ASSIGN_OR_RETURN(LogExport e, DecodeLogExport(bytes));
  return std::unique_ptr<FileLogSource>(new FileLogSource(path, std::move(e)));
}

Result<std::vector<Bytes>> FileLogSource::Entries(uint64_t start, uint64_t end) {
  if (start >= export_.entries.size()) {
    return InvalidArgument("beyond_log", "导出文件只有 " + std::to_string(export_.entries.size()) +
                                             " 条记录，没有第 " + std::to_string(start) + " 条");
  }
  uint64_t stop = std::min({end, static_cast<uint64_t>(export_.entries.size()), start + kBatch});
  return std::vector<Bytes>(export_.entries.begin() + static_cast<ptrdiff_t>(start),
                            export_.entries.begin() + static_cast<ptrdiff_t>(stop));
}

Status FileLogSource::BuildTree() {
  if (tree_) return Status::Ok();
  auto tree = std::make_unique<MemoryNodeStore>();
  for (const Bytes& e : export_.entries) GK_RETURN_IF_ERROR(tree->Append(LeafHash(e)));
  tree_ = std::move(tree);
  return Status::Ok();
}

Result<std::vector<Hash32>> FileLogSource::InclusionProof(uint64_t index, uint64_t size) {
  GK_RETURN_IF_ERROR(BuildTree());
  return gongkai::InclusionProof(*tree_, index, size);
}

Result<std::vector<Hash32>> FileLogSource::ConsistencyProof(uint64_t from, uint64_t to) {
  GK_RETURN_IF_ERROR(BuildTree());
  return gongkai::ConsistencyProof(*tree_, from, to);
}

Result<std::vector<uint64_t>> FileLogSource::CosignedSizes() {
  return std::vector<uint64_t>{export_.entries.size()};
}

Result<std::string> FileLogSource::CheckpointNoteOfSize(uint64_t size) {
  if (size != export_.entries.size()) {
    return NotFound("no_checkpoint", "导出文件只含有它自己的检查点（" +
                                         std::to_string(export_.entries.size()) + " 条）");
  }
  return export_.checkpoint;
}

Result<std::optional<std::string>> FileLogSource::Attachment(const std::string&) {
  return FailedPrecondition("not_supported", "导出文件不含附件：请用 --dir 给出附件目录");
}

}  // namespace gongkai::station
