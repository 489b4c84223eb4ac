#include "station/edits/coalesce.h"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

#include "core/catalog/row_codec.h"

namespace gongkai::station {

struct Coalescer::State {
  struct RowSlots {
    std::optional<size_t> create;
    std::optional<size_t> retire;
    std::map<Field, size_t> sets;
    bool dropped = false;
  };

  // Ops in order of their first edit; a dead slot was folded away. A deque
  // grows without copying what it holds.
  std::deque<CoalescedOp> slots;
  std::vector<bool> dead;
  std::unordered_map<std::string, RowSlots> rows;
  std::vector<int64_t> cancelled;

  size_t NewSlot(Op op, std::vector<int64_t> edit_ids) {
    slots.push_back(CoalescedOp{std::move(op), std::move(edit_ids)});
    dead.push_back(false);
    return slots.size() - 1;
  }

  void Kill(size_t slot) {
    dead[slot] = true;
    slots[slot] = CoalescedOp{};  // free the row it held
  }

  void Add(PendingEdit e) {
    RowSlots& r = rows[e.row_id];
    if (r.dropped) {  // C2: the row no longer exists locally
      cancelled.push_back(e.edit_id);
      return;
    }
    if (r.retire) {  // C6
      slots[*r.retire].edit_ids.push_back(e.edit_id);
      return;
    }
    switch (e.kind) {
      case EditKind::kCreate:
        return AddCreate(r, std::move(e));
      case EditKind::kSet:
        return AddSet(r, std::move(e));
      case EditKind::kRetire:
        return AddRetire(r, std::move(e));
    }
  }

  void AddCreate(RowSlots& r, PendingEdit e) {
    if (r.create) {  // a second create of one id cannot happen with fresh UUIDs
      slots[*r.create].edit_ids.push_back(e.edit_id);
      return;
    }
    r.create = NewSlot(CreateOp{std::move(e.row)}, {e.edit_id});
  }

  void AddSet(RowSlots& r, PendingEdit e) {
    if (r.create) {  // C1
      CoalescedOp& c = slots[*r.create];
      std::get<CreateOp>(c.op).row.Set(e.field, std::move(e.value));
      c.edit_ids.push_back(e.edit_id);
      return;
    }
    auto it = r.sets.find(e.field);
    if (it != r.sets.end()) {  // C3
      CoalescedOp& c = slots[it->second];
      std::get<SetOp>(c.op).value = std::move(e.value);
      c.edit_ids.push_back(e.edit_id);
      return;
    }
    Field field = e.field;
    r.sets[field] = NewSlot(
        SetOp{std::move(e.row_id), field, std::move(e.base), std::move(e.value)}, {e.edit_id});
  }

  void AddRetire(RowSlots& r, PendingEdit e) {
    if (r.create) {  // C2
      CoalescedOp& c = slots[*r.create];
      cancelled.insert(cancelled.end(), c.edit_ids.begin(), c.edit_ids.end());
      cancelled.push_back(e.edit_id);
      Kill(*r.create);
      r.create.reset();
      r.dropped = true;
      return;
    }
    // C5: rebuild the row as it was before this station's pending sets.
    Row original = std::move(e.row);
    original.retired = false;
    std::vector<int64_t> ids;
    std::optional<size_t> first_slot;
    for (auto& [field, slot] : r.sets) {
      original.Set(field, std::get<SetOp>(slots[slot].op).base);
      ids.insert(ids.end(), slots[slot].edit_ids.begin(), slots[slot].edit_ids.end());
      if (!first_slot || slot < *first_slot) first_slot = slot;
      Kill(slot);
    }
    r.sets.clear();
    ids.push_back(e.edit_id);
    std::sort(ids.begin(), ids.end());
    Op op = RetireOp{e.row_id, RowHash(original)};
    if (first_slot) {  // C6: the retire takes the place of the row's first set
      slots[*first_slot] = CoalescedOp{std::move(op), std::move(ids)};
      dead[*first_slot] = false;
      r.retire = *first_slot;
    } else {
      r.retire = NewSlot(std::move(op), std::move(ids));
    }
  }

  Coalesced Finish() {
    Coalesced out;
    out.cancelled = std::move(cancelled);
    rows.clear();
    // Compact in place, so the ops are never held twice.
    size_t kept = 0;
    for (size_t i = 0; i < slots.size(); ++i) {
      if (dead[i]) continue;
      if (const auto* s = std::get_if<SetOp>(&slots[i].op); s && s->base == s->value) {  // C4
        out.cancelled.insert(out.cancelled.end(), slots[i].edit_ids.begin(),
                             slots[i].edit_ids.end());
        continue;
      }
      if (kept != i) slots[kept] = std::move(slots[i]);
      ++kept;
    }
    slots.resize(kept);
    out.ops = std::move(slots);
    std::sort(out.cancelled.begin(), out.cancelled.end());
    return out;
  }
};

Coalescer::Coalescer() : state_(std::make_unique<State>()) {}
Coalescer::~Coalescer() = default;
Coalescer::Coalescer(Coalescer&&) noexcept = default;
Coalescer& Coalescer::operator=(Coalescer&&) noexcept = default;

void Coalescer::Add(PendingEdit edit) { state_->Add(std::move(edit)); }

Coalesced Coalescer::Finish() && { return state_->Finish(); }

Coalesced CoalescePendingEdits(std::vector<PendingEdit> edits) {
  Coalescer c;
  for (PendingEdit& e : edits) c.Add(std::move(e));
  edits.clear();
  return std::move(c).Finish();
}

}  // namespace gongkai::station
