#include "core/witness/add_checkpoint.h"

#include <algorithm>

#include "core/base/base64.h"
#include "core/base/decimal.h"
#include "core/log/checkpoint.h"
#include "core/log/merkle.h"
#include "core/log/note.h"

namespace gongkai {
namespace {

Status Bad(const std::string& reason, const std::string& why) {
  return InvalidArgument(reason, "见证请求格式错误 (malformed add-checkpoint request): " + why);
}

WitnessDecision Refuse(int status, const std::string& reason, const std::string& message) {
  WitnessDecision d;
  d.status = status;
  d.reason = reason;
  d.message = message;
  return d;
}

WitnessDecision FromStatus(int status, const Status& s) {
  return Refuse(status, s.reason(), s.message());
}

}  // namespace

std::string FormatAddCheckpointRequest(const AddCheckpointRequest& req) {
  std::string out = "old " + std::to_string(req.old_size) + "\n";
  for (const Hash32& h : req.proof) {
    out += Base64Encode(h.data(), h.size());
    out += '\n';
  }
  out += '\n';
  out += req.checkpoint;
  return out;
}

Result<AddCheckpointRequest> ParseAddCheckpointRequest(std::string_view body) {
  AddCheckpointRequest req;
  size_t eol = body.find('\n');
  if (eol == std::string_view::npos) return Bad("bad_old_size", "no \"old\" line");
  std::string_view first = body.substr(0, eol);
  if (!first.starts_with("old ")) return Bad("bad_old_size", "first line must be \"old <size>\"");
  std::optional<uint64_t> old = ParseCanonicalDecimal(first.substr(4));
  if (!old) return Bad("bad_old_size", "old size must be decimal without leading zeros");
  req.old_size = *old;
  body.remove_prefix(eol + 1);
  for (;;) {
    eol = body.find('\n');
    if (eol == std::string_view::npos) {
      return Bad("missing_blank_line", "no blank line before the checkpoint");
    }
    std::string_view line = body.substr(0, eol);
    body.remove_prefix(eol + 1);
    if (line.empty()) break;
    if (req.proof.size() == kMaxConsistencyProofLines) {
      return Bad("too_many_proof_lines", "more than 63 consistency proof lines");
    }
    std::optional<Bytes> h = Base64Decode(line);
    if (!h || h->size() != 32) return Bad("bad_proof_line", "proof line is not base64 of 32 bytes");
    Hash32 hash;
    std::copy(h->begin(), h->end(), hash.begin());
    req.proof.push_back(hash);
  }
  req.checkpoint = std::string(body);
  return req;
}

Result<std::string> RequestOrigin(const AddCheckpointRequest& req) {
  GK_ASSIGN_OR_RETURN(ParsedNote note, ParseNote(req.checkpoint));
  GK_ASSIGN_OR_RETURN(CheckpointHead head, ParseCheckpointHead(note.text));
  return head.origin;
}

WitnessDecision DecideAddCheckpoint(const AddCheckpointRequest& req,
                                    const std::optional<WitnessedLog>& log) {
  Result<ParsedNote> parsed = ParseNote(req.checkpoint);
  if (!parsed.ok()) return FromStatus(400, parsed.status());
  Result<CheckpointHead> head = ParseCheckpointHead(parsed->text);
  if (!head.ok()) return FromStatus(400, head.status());
  if (!log || log->origin != head->origin) {
    return Refuse(404, "unknown_origin",
                  "见证者不认识这个日志 (unknown log origin " + head->origin + ")");
  }
  const VerifierKey keys[] = {log->log_key};
  Result<OpenedNote> opened = OpenNote(req.checkpoint, keys);
  if (!opened.ok()) {
    return Refuse(403, opened.status().reason(),
                  "检查点没有该日志公钥的有效签名 (no valid signature by the log key)");
  }
  if (req.old_size > head->size) {
    return Refuse(400, "old_size_too_large", "old size is larger than the checkpoint size");
  }
  if (req.old_size == 0 && !req.proof.empty()) {
    return Refuse(400, "proof_not_empty", "the proof must be empty when old size is 0");
  }
  if (req.old_size != log->size) {
    WitnessDecision d = Refuse(409, "old_size_mismatch",
                               "old size " + std::to_string(req.old_size) +
                                   " is not the latest cosigned size " + std::to_string(log->size));
    d.latest_size = log->size;
    d.misbehaviour = head->size < log->size;
    return d;
  }
  if (req.old_size == head->size && !(log->size == 0 && head->size == 0) &&
      head->root != log->root) {
    WitnessDecision d = Refuse(409, "root_mismatch",
                               "同样大小的日志有不同的根哈希 (same size, different root: a fork)");
    d.latest_size = log->size;
    d.misbehaviour = true;
    return d;
  }
  const Hash32 old_root = log->size == 0 ? EmptyTreeRoot() : log->root;
  Status consistent = VerifyConsistency(req.old_size, head->size, old_root, head->root, req.proof);
  if (!consistent.ok()) {
    WitnessDecision d =
        Refuse(422, "inconsistent",
               "一致性证明不成立 (consistency proof does not verify: " + consistent.reason() + ")");
    d.misbehaviour = true;
    return d;
  }
  WitnessDecision d;
  d.status = 200;
  d.text = parsed->text;
  d.size = head->size;
  d.root = head->root;
  return d;
}

}  // namespace gongkai
