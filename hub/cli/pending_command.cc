// gongkai-hub pending: the review queue — every undecided change set as a
// readable diff and every conflict of the proposed head, side by side, with
// the resolution chosen so far (docs/hub.md § Review).
#include <iostream>
#include <map>

#include "core/base/hex.h"
#include "hub/admin/approval_policy.h"
#include "hub/cli/commands.h"
#include "hub/cli/review_cli.h"
#include "hub/review/approval_reviews.h"
#include "hub/review/proposed_head.h"

namespace gongkai::hub {
namespace {

// "3f2a1b2c (hongqi-01/2)" for a change set, "已批准目录 (approved)" for zero.
std::string Side(const Hash32& id, const std::map<Hash32, const LoggedChangeSet*>& by_id) {
  if (id == Hash32{}) return "已批准目录 (approved)";
  auto it = by_id.find(id);
  if (it == by_id.end()) return ShortHex(id);
  return ShortHex(id) + " (" + it->second->meta.station + "/" +
         std::to_string(it->second->meta.seq) + ")";
}

bool ValuedKind(const Conflict& c) {
  return c.kind == ConflictKind::kField || c.kind == ConflictKind::kEmptiedRequired;
}

std::string ConflictValue(const Conflict& c, const std::string& v) {
  return ValuedKind(c) ? ShowValue(v) : std::string("—");
}

}  // namespace

int RunPending(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir"}, {"json"}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<OpenedHub> hub = OpenHubDir(*flags);
  if (!hub.ok()) return ReportError(hub.status());
  Status begin = hub->db.db().Exec("BEGIN");
  if (!begin.ok()) return ReportError(begin);
  Result<ProposedHead> head = BuildProposedHead(hub->db);
  Result<PolicyInForce> policy = ReadApprovalPolicy(hub->db);
  Result<std::vector<ReviewView>> review_views =
      head.ok() ? ReviewsOfProposal(hub->db, *head)
                : Result<std::vector<ReviewView>>(head.status());
  (void)hub->db.db().Exec("ROLLBACK");
  if (!head.ok()) return ReportError(head.status());
  if (!policy.ok()) return ReportError(policy.status());
  if (!review_views.ok()) return ReportError(review_views.status());

  std::map<Hash32, const LoggedChangeSet*> by_id;
  for (const LoggedChangeSet& l : head->undecided) by_id[l.meta.id] = &l;
  std::map<Hash32, std::vector<std::string>> conflicts_of;
  for (const ConflictView& v : head->conflicts) {
    conflicts_of[v.conflict.changeset].push_back(v.conflict.conflict_id);
  }
  // Rows as the administrator knows them: approved, or created in the queue.
  const Catalog& context = head->proposed;

  if (flags->Has("json")) {
    boost::json::array sets;
    for (const LoggedChangeSet& l : head->undecided) {
      boost::json::array ops;
      for (const Op& op : l.ics.cs.ops) ops.push_back(OpJson(op, context));
      boost::json::array ids;
      for (const std::string& c : conflicts_of[l.meta.id]) ids.push_back(boost::json::value(c));
      sets.push_back(boost::json::object{{"id", HexEncode(l.meta.id)},
                                         {"station", l.meta.station},
                                         {"seq", l.meta.seq},
                                         {"note", l.ics.cs.note},
                                         {"created_at", l.ics.cs.created_at},
                                         {"received_at", l.meta.received_at},
                                         {"log_index", l.meta.log_index},
                                         {"base_version", l.meta.base_version},
                                         {"ops", std::move(ops)},
                                         {"conflicts", std::move(ids)}});
    }
    boost::json::array conflicts;
    for (const ConflictView& v : head->conflicts) {
      const Conflict& c = v.conflict;
      boost::json::object o{
          {"id", c.conflict_id},
          {"kind", ConflictKindName(c.kind)},
          {"row_id", c.row_id},
          {"row_title", RowTitle(context, c.row_id)},
          {"base", c.base},
          {"proposed", c.proposed},
          {"proposed_by", c.proposed_by == Hash32{} ? boost::json::value(nullptr)
                                                    : boost::json::value(HexEncode(c.proposed_by))},
          {"incoming", c.incoming},
          {"incoming_changeset", HexEncode(c.changeset)},
          {"op_index", c.op_index}};
      if (c.field) {
        o["field"] = Spec(*c.field).key;
        o["label"] = Spec(*c.field).label;
      }
      if (v.resolution) {
        o["resolution"] =
            boost::json::object{{"action", ResolutionActionName(v.resolution->resolution.action)},
                                {"value", v.resolution->resolution.value},
                                {"admin", v.resolution->admin},
                                {"chosen_at", v.resolution->chosen_at}};
      } else {
        o["resolution"] = nullptr;
      }
      conflicts.push_back(std::move(o));
    }
    boost::json::array reviews;
    for (const ReviewView& r : *review_views) {
      reviews.push_back(boost::json::object{
          {"admin", r.admin}, {"log_index", r.log_index}, {"state", ReviewStateName(r.state)}});
    }
    boost::json::object out{{"version", head->approved.version},
                            {"policy", boost::json::object{{"approvals", policy->approvals},
                                                           {"log_index", policy->log_index}}},
                            {"reviews", std::move(reviews)},
                            {"hash", HexEncode(head->approved.hash)},
                            {"proposed_hash", HexEncode(head->proposed.Hash())},
                            {"changesets", std::move(sets)},
                            {"conflicts", std::move(conflicts)},
                            {"unresolved", head->unresolved}};
    boost::json::array invalid;
    for (const auto& [id, s] : head->invalid_rows) {
      invalid.push_back(boost::json::object{
          {"row_id", id}, {"reason", s.reason()}, {"field", s.field()}, {"message", s.message()}});
    }
    out["invalid_rows"] = std::move(invalid);
    std::cout << boost::json::serialize(out) << "\n";
    return 0;
  }

  std::cout << PolicyText(policy->approvals, policy->log_index) << "\n";
  for (const ReviewView& r : *review_views) {
    std::cout << (r.state == ReviewState::kWaiting
                      ? std::string(kWaitingLabel) + "：管理员 " + r.admin +
                            " 已审查当前提案（日志第 " + std::to_string(r.log_index) +
                            " 条）；请另一位在任管理员运行 gongkai-hub approve "
                            "--all 完成批准"
                  : r.state == ReviewState::kStale
                      ? "管理员 " + r.admin + " 的审查（日志第 " + std::to_string(r.log_index) +
                            " 条）已失效：之后待审内容变了，需要重新审查"
                      : "管理员 " + r.admin + " 的审查（日志第 " + std::to_string(r.log_index) +
                            " 条）不再算数：该管理员已被撤销")
              << "\n";
  }
  std::cout << "已批准目录: 第 " << head->approved.version << " 版（哈希 "
            << HexEncode(head->approved.hash).substr(0, 16) << "…），待审变更集 "
            << head->undecided.size() << " 个，冲突 " << head->conflicts.size() << " 个（未解决 "
            << head->unresolved << " 个）\n";
  if (head->undecided.empty()) {
    std::cout << "没有待审的变更集。\n";
    return 0;
  }
  for (const LoggedChangeSet& l : head->undecided) {
    std::cout << "\n变更集 " << ShortHex(l.meta.id) << "  " << l.meta.station << "/" << l.meta.seq
              << "  " << LocalTimeText(l.ics.cs.created_at) << "  基于第 " << l.meta.base_version
              << " 版  日志第 " << l.meta.log_index << " 条\n";
    if (!l.ics.cs.note.empty()) std::cout << "  说明: " << l.ics.cs.note << "\n";
    for (const Op& op : l.ics.cs.ops) std::cout << OpText(op, context, "  ");
    for (const std::string& c : conflicts_of[l.meta.id]) std::cout << "  ⚠ 冲突 " << c << "\n";
  }
  if (!head->conflicts.empty()) std::cout << "\n冲突 (conflicts):\n";
  for (const ConflictView& v : head->conflicts) {
    const Conflict& c = v.conflict;
    std::cout << "\n  " << c.conflict_id << "  " << RowTitle(context, c.row_id);
    if (c.field) std::cout << "  栏目: " << Spec(*c.field).label;
    std::cout << "  (" << ConflictKindLabel(c.kind) << ")\n";
    if (ValuedKind(c)) {
      std::cout << "    原值 (base):              " << ShowValue(c.base) << "\n";
    }
    std::cout << "    待审目录 (proposed):      " << ConflictValue(c, c.proposed) << "   ← "
              << Side(c.proposed_by, by_id) << "\n"
              << "    本变更集 (incoming):      "
              << (ValuedKind(c) ? ShowValue(c.incoming)
                                : std::string(c.kind == ConflictKind::kRetireEdited ? "撤销" : "—"))
              << "   ← " << Side(c.changeset, by_id) << "\n";
    if (v.resolution) {
      const Resolution& r = v.resolution->resolution;
      std::cout << "    已选择 (resolution):      "
                << (r.action == ResolutionAction::kValue ? "取值 " + ShowValue(r.value)
                    : r.action == ResolutionAction::kIncoming
                        ? "采用 " + Side(c.changeset, by_id)
                        : std::string("保留待审目录的值 (keep)"))
                << "\n";
    } else {
      std::cout << "    未解决: gongkai-hub resolve " << c.conflict_id;
      if (c.kind != ConflictKind::kEmptiedRequired)
        std::cout << " --take " << ShortHex(c.changeset);
      std::cout << " | --keep" << (ValuedKind(c) ? " | --value 值" : "") << "\n";
    }
  }
  for (const auto& [id, s] : head->invalid_rows) {
    std::cout << "\n  ⚠ 合并后的 " << RowTitle(context, id) << " 不合格: " << s.message()
              << "；请退回其中一个变更集\n";
  }
  std::cout << "\n批准以上全部: gongkai-hub approve --all --expect "
            << HexEncode(head->proposed.Hash())
            << " [--note 说明]（此后若有新的变化，批准会被拒绝: stale_review）；退回: gongkai-hub "
               "reject 编号 --reason 理由\n";
  return 0;
}

}  // namespace gongkai::hub
