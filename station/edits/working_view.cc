#include "station/edits/working_view.h"

#include "core/catalog/row_codec.h"

namespace gongkai::station {

const char* RowOriginName(RowOrigin origin) {
  switch (origin) {
    case RowOrigin::kApproved:
      return "approved";
    case RowOrigin::kOutbox:
      return "outbox";
    case RowOrigin::kPending:
      return "pending";
  }
  return "unknown";
}

const ViewRow* WorkingView::Find(const std::string& id) const {
  auto it = rows_.find(id);
  return it == rows_.end() ? nullptr : &it->second;
}

void WorkingView::PutApproved(Row row) {
  std::string id = row.id;
  rows_.insert_or_assign(std::move(id), ViewRow{std::move(row), RowOrigin::kApproved});
}

bool WorkingView::Apply(Op op, RowOrigin origin) {
  bool matched = true;
  StaleOp stale;
  if (auto* c = std::get_if<CreateOp>(&op)) {
    std::string id = c->row.id;
    matched = rows_.find(id) == rows_.end();
    stale.row_id = id;
    stale.kind = "create";
    rows_.insert_or_assign(std::move(id), ViewRow{std::move(c->row), origin});
  } else if (auto* s = std::get_if<SetOp>(&op)) {
    auto it = rows_.find(s->id);
    stale.row_id = s->id;
    stale.field = s->field;
    stale.base = s->base;
    if (it == rows_.end()) {
      matched = false;
      stale.row_missing = true;
    } else {
      std::string& current = it->second.row.values[Index(s->field)];
      matched = current == s->base && !it->second.row.retired;
      stale.current = current;
      current = std::move(s->value);
      it->second.origin = origin;
    }
  } else {
    auto& r = std::get<RetireOp>(op);
    auto it = rows_.find(r.id);
    stale.row_id = r.id;
    stale.kind = "retire";
    if (it == rows_.end()) {
      matched = false;
      stale.row_missing = true;
    } else {
      matched = !it->second.row.retired && RowHash(it->second.row) == r.base;
      it->second.row.retired = true;
      it->second.origin = origin;
    }
  }
  if (!matched && origin == RowOrigin::kPending) {
    ++stale_ops_;
    stale_.push_back(std::move(stale));
  }
  return matched;
}

}  // namespace gongkai::station
