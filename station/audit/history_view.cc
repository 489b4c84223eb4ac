#include "station/audit/history_view.h"

#include <sstream>

#include "core/base/base64.h"
#include "core/base/hex.h"
#include "station/cli/row_json.h"
#include "station/cli/text_layout.h"

namespace gongkai::station {
namespace json = boost::json;
namespace {

std::string Shown(const std::string& v) { return v.empty() ? "（空）" : "「" + v + "」"; }

const char* ResolutionText(ResolutionAction a) {
  switch (a) {
    case ResolutionAction::kValue:
      return "冲突由管理员指定了新值";
    case ResolutionAction::kIncoming:
      return "冲突时采用了这次修改";
    case ResolutionAction::kKeep:
      return "冲突时保留了原值，这次修改未生效";
  }
  return "";
}

void WriteDecision(std::ostringstream& out, const RowChange& c) {
  const RowDecision& d = c.decision;
  switch (d.state) {
    case DecisionState::kPending:
      out << "   结果: 等待审批\n";
      return;
    case DecisionState::kRejected:
      out << "   结果: 已退回 — 管理员 " << d.admin << "，" << LocalTime(d.decided_at) << "（第 "
          << d.log_index << " 条记录）\n      理由: " << d.reason << "\n";
      return;
    case DecisionState::kApproved:
      out << "   结果: 已批准，进入第 " << d.version << " 版 — 管理员 " << d.admin << "，"
          << LocalTime(d.decided_at) << "（第 " << d.log_index << " 条记录）\n";
      if (d.resolution) {
        out << "      " << ResolutionText(*d.resolution);
        if (*d.resolution == ResolutionAction::kValue) out << ": " << Shown(d.resolution_value);
        out << "\n";
      }
      if (!d.exists_after) {
        out << "      该版本中没有这一条目\n";
      } else if (c.kind == RowOpKind::kSet) {
        out << "      批准后的值: " << Shown(d.value_after) << "\n";
      }
      if (d.exists_after && d.retired_after) out << "      批准后该条目已停用\n";
      return;
  }
}

}  // namespace

std::string HistoryText(const RowHistory& h, const AuditReport& report) {
  std::ostringstream out;
  out << "条目 " << h.row_id() << " 的修改历史\n"
      << "（来自 " << report.source << "，已逐条核验全部 " << report.checkpoint.size
      << " 条日志记录，最新批准版本 " << report.checkpoint.catalog_version << "）\n";
  if (h.approved_row()) {
    out << "最新批准版本中（第 " << h.approved_version() << " 版）该条目属于 "
        << h.approved_row()->unit << (h.approved_row()->retired ? "，已停用" : "") << "\n";
  } else {
    out << "该条目目前不在任何批准版本中\n";
  }
  if (h.changes().empty()) {
    out << "\n日志中没有对这一条目的任何修改。\n";
    return out.str();
  }
  size_t n = 0;
  for (const RowChange& c : h.changes()) {
    out << "\n"
        << ++n << ". 第 " << c.log_index << " 条记录 · 站点 " << c.station << " 的第 " << c.seq
        << " 号变更集 · " << LocalTime(c.created_at) << "（站点时钟）\n"
        << "   变更集编号: " << c.changeset_id << "\n";
    if (!c.note.empty()) out << "   说明: " << c.note << "\n";
    switch (c.kind) {
      case RowOpKind::kCreate:
        out << "   新建条目（单位 " << (c.created_row ? c.created_row->unit : "?") << "）\n";
        if (c.created_row) {
          for (const FieldSpec& f : AllFields()) {
            const std::string& v = c.created_row->Get(f.field);
            if (!v.empty()) out << "      " << f.label << ": " << v << "\n";
          }
        }
        break;
      case RowOpKind::kSet:
        out << "   修改「" << c.field_label << "」: " << Shown(c.old_value) << " → "
            << Shown(c.new_value) << "\n";
        break;
      case RowOpKind::kRetire:
        out << "   停用条目\n";
        break;
    }
    WriteDecision(out, c);
  }
  return out.str();
}

json::object HistoryJson(const RowHistory& h, const AuditReport& report) {
  json::array changes;
  for (const RowChange& c : h.changes()) {
    json::object o{
        {"log_index", c.log_index},       {"station", c.station},         {"seq", c.seq},
        {"changeset_id", c.changeset_id}, {"created_at", c.created_at},   {"note", c.note},
        {"op_index", c.op_index},         {"kind", RowOpKindName(c.kind)}};
    if (c.kind == RowOpKind::kSet) {
      o["field"] = c.field_key;
      o["field_label"] = c.field_label;
      o["old_value"] = c.old_value;
      o["new_value"] = c.new_value;
    }
    if (c.created_row) o["row"] = RowJson(*c.created_row);
    if (c.kind == RowOpKind::kRetire) o["retire_base"] = c.retire_base;
    const RowDecision& d = c.decision;
    json::object dj{{"state", DecisionStateName(d.state)}};
    if (d.state != DecisionState::kPending) {
      dj["log_index"] = d.log_index;
      dj["admin"] = d.admin;
      dj["decided_at"] = d.decided_at;
    }
    if (d.state == DecisionState::kRejected) dj["reason"] = d.reason;
    if (d.state == DecisionState::kApproved) {
      dj["version"] = d.version;
      dj["exists_after"] = d.exists_after;
      dj["retired_after"] = d.retired_after;
      if (c.kind == RowOpKind::kSet && d.exists_after) dj["value_after"] = d.value_after;
      if (d.resolution) {
        dj["resolution"] = ResolutionActionName(*d.resolution);
        if (*d.resolution == ResolutionAction::kValue) dj["resolution_value"] = d.resolution_value;
      }
    }
    o["decision"] = std::move(dj);
    changes.push_back(std::move(o));
  }
  json::object out{{"row_id", h.row_id()},
                   {"origin", report.checkpoint.origin},
                   {"log_size", report.checkpoint.size},
                   {"catalog_version", report.checkpoint.catalog_version},
                   {"approved_version", h.approved_version()},
                   {"changes", std::move(changes)}};
  out["approved_row"] = h.approved_row() ? json::value(RowJson(*h.approved_row())) : json::value();
  return out;
}

}  // namespace gongkai::station
