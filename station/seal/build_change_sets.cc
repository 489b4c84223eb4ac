#include "station/seal/build_change_sets.h"

#include "core/catalog/validate.h"
#include "core/record/envelope.h"

namespace gongkai::station {
namespace {

// An upper bound of the op's encoded size: each string costs its bytes and
// an 8-byte length, plus tags and fixed fields.
size_t EncodedSizeBound(const Op& op) {
  if (const auto* c = std::get_if<CreateOp>(&op)) {
    size_t n = 1 + 8 + c->row.id.size() + 8 + c->row.unit.size() + 2;
    for (const auto& v : c->row.values) n += 8 + v.size();
    return n;
  }
  if (const auto* s = std::get_if<SetOp>(&op)) {
    return 1 + 8 + s->id.size() + 1 + 8 + s->base.size() + 8 + s->value.size();
  }
  return 1 + 8 + std::get<RetireOp>(op).id.size() + 32;
}

// The sizes of the chunks the ops are cut into, in order.
std::vector<size_t> ChunkSizes(const std::deque<CoalescedOp>& ops, const SealLimits& limits) {
  std::vector<size_t> sizes;
  size_t count = 0, bytes = 0;
  for (const CoalescedOp& op : ops) {
    size_t op_bytes = EncodedSizeBound(op.op);
    if (count > 0 && (count >= limits.max_ops || bytes + op_bytes > limits.max_body_bytes)) {
      sizes.push_back(count);
      count = 0;
      bytes = 0;
    }
    ++count;
    bytes += op_bytes;
  }
  if (count > 0) sizes.push_back(count);
  return sizes;
}

}  // namespace

Status BuildChangeSets(std::deque<CoalescedOp> ops, const SealHeader& header, const PrivateKey& key,
                       const SealLimits& limits,
                       const std::function<Status(SealedChangeSet)>& emit) {
  GK_RETURN_IF_ERROR(ValidateText(header.note, kMaxSealNoteChars, true, "note"));
  if (ops.empty()) return InvalidArgument("no_ops", "没有需要封存的修改 (nothing to seal)");
  const std::vector<size_t> chunks = ChunkSizes(ops, limits);

  uint64_t seq = header.after_seq;
  Hash32 prev = header.after_id;
  for (size_t c = 0; c < chunks.size(); ++c) {
    ChangeSet cs;
    cs.station = header.station;
    cs.seq = ++seq;
    cs.prev = prev;
    cs.base_version = header.base_version;
    cs.created_at = header.created_at;
    cs.note = header.note;
    if (chunks.size() > 1) {
      cs.note += " [" + std::to_string(c + 1) + "/" + std::to_string(chunks.size()) + "]";
    }
    SealedChangeSet sealed;
    cs.ops.reserve(chunks[c]);
    for (size_t i = 0; i < chunks[c]; ++i) {
      CoalescedOp& op = ops.front();
      cs.ops.push_back(std::move(op.op));
      sealed.edit_ids.insert(sealed.edit_ids.end(), op.edit_ids.begin(), op.edit_ids.end());
      ops.pop_front();
    }
    Status valid = ValidateChangeSet(cs);
    if (!valid.ok()) {
      return Internal("seal_invalid",
                      "封存的变更集未通过检查 (sealed change set invalid): " + valid.message());
    }
    Bytes body = EncodeChangeSet(cs);
    sealed.seq = cs.seq;
    sealed.id = ChangeSetId(body);
    sealed.prev = prev;
    sealed.op_count = cs.ops.size();
    sealed.note = cs.note;
    cs = ChangeSet();  // free the ops before signing a copy of the body
    sealed.envelope = EncodeEnvelope(
        SignEnvelope(EnvelopeKind::kChangeSet, header.station, std::move(body), key));
    prev = sealed.id;
    GK_RETURN_IF_ERROR(emit(std::move(sealed)));
  }
  return Status::Ok();
}

Result<std::vector<SealedChangeSet>> BuildChangeSets(std::deque<CoalescedOp> ops,
                                                     const SealHeader& header,
                                                     const PrivateKey& key,
                                                     const SealLimits& limits) {
  std::vector<SealedChangeSet> out;
  GK_RETURN_IF_ERROR(BuildChangeSets(std::move(ops), header, key, limits, [&](SealedChangeSet s) {
    out.push_back(std::move(s));
    return Status::Ok();
  }));
  return out;
}

}  // namespace gongkai::station
