#include "core/changeset/changeset.h"

#include "core/catalog/row_codec.h"
#include "core/catalog/validate.h"
#include "core/codec/wire.h"
#include "core/crypto/sha256.h"

namespace gongkai {
namespace {

enum OpTag : uint8_t { kCreate = 1, kSet = 2, kRetire = 3 };
constexpr size_t kMaxValueBytes = 64 * 1024;

void EncodeOp(WireWriter& w, const Op& op) {
  if (const auto* c = std::get_if<CreateOp>(&op)) {
    w.U8(kCreate);
    EncodeRow(w, c->row);
  } else if (const auto* s = std::get_if<SetOp>(&op)) {
    w.U8(kSet);
    w.Str(s->id);
    w.U8(static_cast<uint8_t>(s->field));
    w.Str(s->base);
    w.Str(s->value);
  } else {
    const auto& r = std::get<RetireOp>(op);
    w.U8(kRetire);
    w.Str(r.id);
    w.Fixed(r.base);
  }
}

bool DecodeOp(WireReader& r, uint8_t tag, Op* op) {
  switch (tag) {
    case kCreate: {
      CreateOp c;
      // Validated with the whole change set (ValidateChangeSet) below.
      if (!DecodeRow(r, &c.row, /*validate=*/false)) return false;
      *op = std::move(c);
      return true;
    }
    case kSet: {
      SetOp s;
      uint8_t field = 0;
      if (!r.Str(&s.id, 64, "id") || !r.U8(&field) || !r.Str(&s.base, kMaxValueBytes, "base") ||
          !r.Str(&s.value, kMaxValueBytes, "value")) {
        return false;
      }
      if (field >= kFieldCount) {
        r.Fail(InvalidArgument("unknown_field", "未知字段编号 " + std::to_string(field), "field"));
        return false;
      }
      s.field = static_cast<Field>(field);
      *op = std::move(s);
      return true;
    }
    case kRetire: {
      RetireOp t;
      if (!r.Str(&t.id, 64, "id") || !r.Fixed(&t.base)) return false;
      *op = std::move(t);
      return true;
    }
    default:
      r.Fail(InvalidArgument("unknown_op", "未知操作类型 " + std::to_string(tag)));
      return false;
  }
}

Status ValidateOp(const Op& op) {
  if (const auto* c = std::get_if<CreateOp>(&op)) {
    GK_RETURN_IF_ERROR(ValidateRow(c->row));
    if (c->row.retired) return InvalidArgument("bad_op", "新建的条目不能是已撤销状态", "retired");
    return Status::Ok();
  }
  if (const auto* s = std::get_if<SetOp>(&op)) {
    GK_RETURN_IF_ERROR(ValidateRowId(s->id));
    GK_RETURN_IF_ERROR(ValidateFieldValue(s->field, s->base));
    GK_RETURN_IF_ERROR(ValidateFieldValue(s->field, s->value));
    const FieldSpec& spec = Spec(s->field);
    if (spec.required && s->value.empty()) {
      return InvalidArgument("empty_required", std::string(spec.label) + " 不能为空", spec.key);
    }
    return Status::Ok();
  }
  return ValidateRowId(std::get<RetireOp>(op).id);
}

}  // namespace

Status CheckChangeSetVisible(const ChangeSet& cs, std::optional<size_t>* bad_op) {
  GK_RETURN_IF_ERROR(CheckVisibleText(cs.note, "说明", "note"));
  for (size_t i = 0; i < cs.ops.size(); ++i) {
    Status s;
    if (const auto* c = std::get_if<CreateOp>(&cs.ops[i])) {
      s = CheckVisibleRow(c->row);
    } else if (const auto* set = std::get_if<SetOp>(&cs.ops[i])) {
      s = CheckVisibleText(set->value, Spec(set->field).label, Spec(set->field).key);
    }
    if (!s.ok()) {
      if (bad_op) *bad_op = i;
      return s.WithContext("第 " + std::to_string(i + 1) + " 项修改: ");
    }
  }
  for (size_t j = 0; j < cs.postings.size(); ++j) {
    const PostingOp& p = cs.postings[j];
    Status s = CheckVisibleText(p.period, "期间", "period");
    if (s.ok()) s = CheckVisibleText(p.note, "说明", "note");
    for (size_t k = 0; s.ok() && k < p.channels.size(); ++k) {
      s = CheckVisibleText(p.channels[k], "公开渠道", "channels");
    }
    for (size_t k = 0; s.ok() && k < p.attachments.size(); ++k) {
      s = CheckVisibleText(p.attachments[k].file_name, "附件文件名", "file_name");
    }
    if (!s.ok()) {
      size_t i = cs.ops.size() + j;
      if (bad_op) *bad_op = i;
      return s.WithContext("第 " + std::to_string(i + 1) + " 项（公开记录）: ");
    }
  }
  return Status::Ok();
}

Status ValidateChangeSet(const ChangeSet& cs, std::optional<size_t>* bad_op) {
  if (cs.format != kChangeSetFormat) {
    return InvalidArgument("unsupported_format",
                           "不支持的变更集格式版本 " + std::to_string(cs.format));
  }
  GK_RETURN_IF_ERROR(ValidateStationId(cs.station));
  if (cs.seq == 0)
    return InvalidArgument("bad_seq", "变更集序号从 1 开始 (seq starts at 1)", "seq");
  bool prev_zero = cs.prev == Hash32{};
  if ((cs.seq == 1) != prev_zero) {
    return InvalidArgument("bad_prev", "第 1 个变更集的 prev 必须为全零，其余的不能为全零", "prev");
  }
  GK_RETURN_IF_ERROR(ValidateText(cs.note, kMaxNoteChars, true, "note"));
  if (cs.op_count() == 0) return InvalidArgument("no_ops", "变更集中没有任何修改 (no ops)");
  if (cs.op_count() > kMaxOpsPerChangeSet) {
    return ResourceExhausted("too_many_ops",
                             "变更集的修改条数超过上限 " + std::to_string(kMaxOpsPerChangeSet));
  }
  for (size_t i = 0; i < cs.ops.size(); ++i) {
    Status s = ValidateOp(cs.ops[i]);
    if (!s.ok() && bad_op) *bad_op = i;
    if (!s.ok()) return s.WithContext("第 " + std::to_string(i + 1) + " 项修改: ");
  }
  for (size_t j = 0; j < cs.postings.size(); ++j) {
    Status s = ValidatePosting(cs.postings[j]);
    size_t i = cs.ops.size() + j;
    if (!s.ok() && bad_op) *bad_op = i;
    if (!s.ok()) return s.WithContext("第 " + std::to_string(i + 1) + " 项（公开记录）: ");
  }
  return Status::Ok();
}

Bytes EncodeChangeSet(const ChangeSet& cs) {
  WireWriter w;
  w.Put(cs.format, cs.station, cs.seq, cs.prev, cs.base_version, cs.created_at, cs.note,
        uint64_t{cs.op_count()});
  for (const Op& op : cs.ops) EncodeOp(w, op);
  for (const PostingOp& p : cs.postings) {
    w.U8(kPostingOpTag);
    EncodePostingFields(w, p);
  }
  return w.bytes();
}

Result<ChangeSet> DecodeChangeSet(const Bytes& body, std::optional<size_t>* bad_op) {
  WireReader r(body);
  ChangeSet cs;
  uint64_t op_count = 0;
  GK_RETURN_IF_ERROR(r.Format({kChangeSetFormat}, "不支持的变更集格式版本 ", &cs.format));
  if (r.Str(&cs.station, kMaxStationIdLen, "station") && r.U64(&cs.seq) && r.Fixed(&cs.prev) &&
      r.U64(&cs.base_version) && r.I64(&cs.created_at) &&
      r.Str(&cs.note, kMaxNoteChars * 4, "note") && r.U64(&op_count)) {
    if (op_count > kMaxOpsPerChangeSet) {
      return ResourceExhausted("too_many_ops",
                               "变更集的修改条数超过上限 " + std::to_string(kMaxOpsPerChangeSet));
    }
    for (uint64_t i = 0; i < op_count; ++i) {
      uint8_t tag = 0;
      if (!r.U8(&tag)) break;
      if (tag == kPostingOpTag) {
        PostingOp p;
        if (!DecodePostingFields(r, &p)) break;
        cs.postings.push_back(std::move(p));
        continue;
      }
      if (!cs.postings.empty() && tag >= kCreate && tag <= kRetire) {
        r.Fail(InvalidArgument("edit_after_posting", "变更集中的修改必须排在公开记录之前"));
        break;
      }
      Op op;
      if (!DecodeOp(r, tag, &op)) break;
      cs.ops.push_back(std::move(op));
    }
  }
  GK_RETURN_IF_ERROR(r.Finish());
  GK_RETURN_IF_ERROR(ValidateChangeSet(cs, bad_op));
  return cs;
}

Hash32 ChangeSetId(const Bytes& body) { return Sha256(body); }

const std::string& OpRowId(const Op& op) {
  if (const auto* c = std::get_if<CreateOp>(&op)) return c->row.id;
  if (const auto* s = std::get_if<SetOp>(&op)) return s->id;
  return std::get<RetireOp>(op).id;
}

}  // namespace gongkai
