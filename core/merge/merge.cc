#include "core/merge/merge.h"

#include "core/base/hex.h"
#include "core/catalog/row_codec.h"
#include "core/catalog/set_value.h"
#include "core/catalog/validate.h"
#include "core/crypto/sha256.h"

namespace gongkai {
namespace {

// Who last wrote each (row, field) in the proposed head, for showing both
// sides of a conflict. Field index kFieldCount stands for "the whole row".
using Provenance = std::map<std::pair<std::string, size_t>, Hash32>;

Conflict NewConflict(ConflictKind kind, const Hash32& cs, uint32_t index, const std::string& row) {
  Conflict c;
  c.kind = kind;
  c.changeset = cs;
  c.op_index = index;
  c.row_id = row;
  return c;
}

class Merger {
 public:
  Merger(const Catalog& approved, const std::vector<Resolution>& resolutions)
      : catalog_(approved) {
    for (const auto& r : resolutions) by_key_[{r.changeset, r.op_index}] = &r;
  }

  Status Apply(const IdentifiedChangeSet& ics) {
    for (uint32_t i = 0; i < ics.cs.ops.size(); ++i) {
      GK_RETURN_IF_ERROR(ApplyOp(ics.id, i, ics.cs.ops[i]));
    }
    return Status::Ok();
  }

  MergeResult Take() { return MergeResult{std::move(catalog_), std::move(unresolved_), std::move(used_)}; }

 private:
  const Resolution* Find(const Hash32& cs, uint32_t op) const {
    auto it = by_key_.find({cs, op});
    return it == by_key_.end() ? nullptr : it->second;
  }

  Hash32 WhoWrote(const std::string& row, size_t field) const {
    auto it = prov_.find({row, field});
    if (it != prov_.end()) return it->second;
    auto whole = prov_.find({row, kFieldCount});
    return whole == prov_.end() ? Hash32{} : whole->second;
  }

  // Records a conflict or settles it. Returns the action to take, or nullopt
  // to skip the op (unresolved or kept).
  Result<std::optional<ResolutionAction>> Settle(Conflict c) {
    c.conflict_id = ConflictId(c.changeset, c.op_index);
    const Resolution* r = Find(c.changeset, c.op_index);
    if (!r) {
      unresolved_.push_back(std::move(c));
      return std::optional<ResolutionAction>();
    }
    bool fits = r->action == ResolutionAction::kKeep ||
                (r->action == ResolutionAction::kValue && (c.kind == ConflictKind::kField ||
                                                             c.kind == ConflictKind::kEmptiedRequired)) ||
                (r->action == ResolutionAction::kIncoming &&
                 (c.kind == ConflictKind::kField || c.kind == ConflictKind::kRetireEdited ||
                  c.kind == ConflictKind::kCreateExists));
    if (!fits) {
      return InvalidArgument("bad_resolution",
                             "冲突 " + c.conflict_id + " (" + ConflictKindName(c.kind) +
                                 ") 不能用这种方式解决");
    }
    if (r->action == ResolutionAction::kValue) {
      Status s = ValidateFieldValue(*c.field, r->value);
      if (s.ok() && (Spec(*c.field).required || c.kind == ConflictKind::kEmptiedRequired) &&
          r->value.empty()) {
        s = InvalidArgument("empty_required", std::string(Spec(*c.field).label) + " 不能为空",
                            Spec(*c.field).key);
      }
      if (!s.ok()) {
        return Status(s.code(), "bad_resolution",
                      "冲突 " + c.conflict_id + " 给出的取值无效: " + s.message(), s.field());
      }
    }
    used_.push_back(*r);
    if (r->action == ResolutionAction::kKeep) return std::optional<ResolutionAction>();
    return std::optional<ResolutionAction>(r->action);
  }

  Status ApplyOp(const Hash32& cs, uint32_t index, const Op& op) {
    if (const auto* c = std::get_if<CreateOp>(&op)) return ApplyCreate(cs, index, *c);
    if (const auto* s = std::get_if<SetOp>(&op)) return ApplySet(cs, index, *s);
    return ApplyRetire(cs, index, std::get<RetireOp>(op));
  }

  Status ApplyCreate(const Hash32& cs, uint32_t index, const CreateOp& op) {
    const Row* existing = catalog_.Find(op.row.id);
    if (existing && *existing == op.row) return Status::Ok();
    if (existing) {
      Conflict c = NewConflict(ConflictKind::kCreateExists, cs, index, op.row.id);
      c.proposed_by = WhoWrote(op.row.id, kFieldCount);
      GK_ASSIGN_OR_RETURN(auto action, Settle(std::move(c)));
      if (!action) return Status::Ok();
    }
    catalog_.Put(op.row);
    prov_[{op.row.id, kFieldCount}] = cs;
    for (size_t f = 0; f < kFieldCount; ++f) prov_.erase({op.row.id, f});
    return Status::Ok();
  }

  Status ApplySet(const Hash32& cs, uint32_t index, const SetOp& op) {
    const Row* row = catalog_.Find(op.id);
    const size_t fi = Index(op.field);
    Conflict c = NewConflict(ConflictKind::kField, cs, index, op.id);
    c.field = op.field;
    c.base = op.base;
    c.incoming = op.value;
    if (!row || row->retired) {
      c.kind = row ? ConflictKind::kSetRetired : ConflictKind::kMissingRow;
      c.proposed_by = WhoWrote(op.id, kFieldCount);
      GK_ASSIGN_OR_RETURN(auto action, Settle(std::move(c)));
      (void)action;  // only kKeep fits: the op is skipped either way
      return Status::Ok();
    }
    const std::string& proposed = row->Get(op.field);
    Row updated = *row;
    if (Spec(op.field).is_set) {
      std::string merged = MergeSetValues(op.field, op.base, proposed, op.value);
      // 公开渠道和载体 is required together with 其他渠道 (ValidateRow).
      bool required = Spec(op.field).required ||
                      (op.field == Field::kChannels && row->Get(Field::kChannelsOther).empty());
      if (merged.empty() && required && !proposed.empty()) {
        // Each side kept something, together they keep nothing: a person
        // chooses the value (or keeps the proposed one).
        c.kind = ConflictKind::kEmptiedRequired;
        c.proposed = proposed;
        c.proposed_by = WhoWrote(op.id, fi);
        auto resolution = Find(cs, index);
        GK_ASSIGN_OR_RETURN(auto action, Settle(std::move(c)));
        if (!action) return Status::Ok();
        merged = resolution->value;  // only kValue fits
      }
      updated.Set(op.field, std::move(merged));
    } else if (proposed == op.base) {
      updated.Set(op.field, op.value);
    } else if (proposed == op.value) {
      return Status::Ok();
    } else {
      c.kind = ConflictKind::kField;
      c.proposed = proposed;
      c.proposed_by = WhoWrote(op.id, fi);
      auto resolution = Find(cs, index);
      GK_ASSIGN_OR_RETURN(auto action, Settle(std::move(c)));
      if (!action) return Status::Ok();
      updated.Set(op.field, *action == ResolutionAction::kValue ? resolution->value : op.value);
    }
    catalog_.Put(std::move(updated));
    prov_[{op.id, fi}] = cs;
    return Status::Ok();
  }

  Status ApplyRetire(const Hash32& cs, uint32_t index, const RetireOp& op) {
    const Row* row = catalog_.Find(op.id);
    if (row && row->retired) return Status::Ok();
    if (!row || RowHash(*row) != op.base) {
      Conflict c = NewConflict(row ? ConflictKind::kRetireEdited : ConflictKind::kMissingRow, cs,
                               index, op.id);
      c.proposed_by = WhoWrote(op.id, kFieldCount);
      GK_ASSIGN_OR_RETURN(auto action, Settle(std::move(c)));
      if (!action) return Status::Ok();
    }
    Row updated = *catalog_.Find(op.id);
    updated.retired = true;
    catalog_.Put(std::move(updated));
    prov_[{op.id, kFieldCount}] = cs;
    return Status::Ok();
  }

  Catalog catalog_;
  std::map<std::pair<Hash32, uint32_t>, const Resolution*> by_key_;
  Provenance prov_;
  std::vector<Conflict> unresolved_;
  std::vector<Resolution> used_;
};

}  // namespace

const char* ConflictKindName(ConflictKind k) {
  switch (k) {
    case ConflictKind::kField: return "field";
    case ConflictKind::kRetireEdited: return "retire_edited";
    case ConflictKind::kSetRetired: return "set_retired";
    case ConflictKind::kMissingRow: return "missing_row";
    case ConflictKind::kCreateExists: return "create_exists";
    case ConflictKind::kEmptiedRequired: return "emptied_required";
  }
  return "unknown";
}

const char* ConflictKindLabel(ConflictKind k) {
  switch (k) {
    case ConflictKind::kField: return "同一栏目改成了不同的值";
    case ConflictKind::kRetireEdited: return "撤销的条目同时被别人修改";
    case ConflictKind::kSetRetired: return "修改的条目已被撤销";
    case ConflictKind::kMissingRow: return "修改的条目不存在";
    case ConflictKind::kCreateExists: return "新增的条目编号已存在且内容不同";
    case ConflictKind::kEmptiedRequired: return "两处删减合起来会清空必填栏目";
  }
  return "";
}

const char* ResolutionActionName(ResolutionAction a) {
  switch (a) {
    case ResolutionAction::kValue:
      return "value";
    case ResolutionAction::kIncoming:
      return "incoming";
    case ResolutionAction::kKeep:
      return "keep";
  }
  return "unknown";
}

std::string ConflictId(const Hash32& changeset, uint32_t op_index) {
  Bytes msg(changeset.begin(), changeset.end());
  for (int s = 24; s >= 0; s -= 8) msg.push_back(static_cast<uint8_t>(op_index >> s));
  return "c-" + HexEncode(Sha256(msg)).substr(0, 10);
}

Result<MergeResult> Merge(const Catalog& approved, std::span<const IdentifiedChangeSet> in_order,
                          const std::vector<Resolution>& resolutions) {
  Merger m(approved, resolutions);
  for (const auto& ics : in_order) GK_RETURN_IF_ERROR(m.Apply(ics));
  return m.Take();
}

}  // namespace gongkai
