#include "hub/review/auto_approver.h"

#include <ctime>
#include <iostream>

#include "core/catalog/validate.h"
#include "core/merge/merge.h"
#include "hub/admin/admin_roster.h"
#include "hub/admin/approval_policy.h"
#include "hub/review/proposed_head.h"
#include "hub/review/review_store.h"

namespace gongkai::hub {
namespace {

bool MergesCleanly(const Catalog& approved, const std::vector<IdentifiedChangeSet>& in_order) {
  Result<MergeResult> m = Merge(approved, in_order, {});
  if (!m.ok() || !m->unresolved.empty()) return false;
  for (const auto& [id, row] : m->catalog.rows()) {
    const Row* old = approved.Find(id);
    if (old && *old == row) continue;
    if (!ValidateRow(row).ok()) return false;
  }
  return true;
}

}  // namespace

Result<std::optional<ApproveOutcome>> AutoApproveOnce(HubDb& db, const AdminSigner& admin,
                                                      const std::set<std::string>& stations,
                                                      int64_t now) {
  if (stations.empty()) return std::optional<ApproveOutcome>();
  Transaction tx(db.db());
  GK_RETURN_IF_ERROR(tx.status());
  GK_RETURN_IF_ERROR(RequireActiveAdmin(db, admin));
  // Under the two-person rule every version needs two people: nothing is
  // approved (or reviewed) automatically.
  GK_ASSIGN_OR_RETURN(PolicyInForce policy, ReadApprovalPolicy(db));
  if (policy.approvals > 1) return std::optional<ApproveOutcome>();
  GK_ASSIGN_OR_RETURN(std::vector<LoggedChangeSet> undecided, ListUndecided(db));
  GK_ASSIGN_OR_RETURN(Catalog approved, LoadApprovedRows(db));
  std::vector<IdentifiedChangeSet> picked;
  std::vector<Hash32> ids;
  for (const LoggedChangeSet& l : undecided) {
    if (!stations.count(l.meta.station)) continue;
    picked.push_back(l.ics);
    if (MergesCleanly(approved, picked)) {
      ids.push_back(l.meta.id);
    } else {
      picked.pop_back();
    }
  }
  if (ids.empty()) return std::optional<ApproveOutcome>();
  GK_ASSIGN_OR_RETURN(ApproveOutcome out,
                      ApproveInTransaction(db, admin, ids, "自动批准 (auto-approve)", now));
  GK_RETURN_IF_ERROR(tx.Commit());
  return std::optional<ApproveOutcome>(std::move(out));
}

Result<std::set<std::string>> ParseStationList(const std::string& text) {
  std::set<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string item =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) {
      GK_RETURN_IF_ERROR(ValidateStationId(item));
      out.insert(item);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

Result<std::unique_ptr<AutoApprover>> AutoApprover::Start(const std::string& db_path,
                                                          AdminSigner admin,
                                                          std::set<std::string> stations,
                                                          std::chrono::milliseconds interval) {
  GK_ASSIGN_OR_RETURN(HubDb db, HubDb::Open(db_path));
  std::unique_ptr<AutoApprover> a(
      new AutoApprover(std::move(db), std::move(admin), std::move(stations), interval));
  a->thread_ = std::thread([p = a.get()] { p->Loop(); });
  return a;
}

AutoApprover::AutoApprover(HubDb db, AdminSigner admin, std::set<std::string> stations,
                           std::chrono::milliseconds interval)
    : db_(std::move(db)),
      admin_(std::move(admin)),
      stations_(std::move(stations)),
      interval_(interval) {}

AutoApprover::~AutoApprover() { Stop(); }

void AutoApprover::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void AutoApprover::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    lock.unlock();
    Result<std::optional<ApproveOutcome>> r =
        AutoApproveOnce(db_, admin_, stations_, static_cast<int64_t>(std::time(nullptr)));
    if (!r.ok()) {
      std::cerr << "自动批准失败，稍后重试: " << r.status().ToString() << std::endl;
    } else if (*r) {
      std::cerr << "自动批准了第 " << (*r)->version << " 版目录（" << (*r)->included.size()
                << " 个变更集），日志第 " << (*r)->log_index << " 条" << std::endl;
    }
    lock.lock();
    cv_.wait_for(lock, interval_, [this] { return stop_; });
  }
}

}  // namespace gongkai::hub
