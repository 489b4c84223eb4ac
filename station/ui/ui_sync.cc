#include "station/ui/ui_sync.h"

#include <ctime>

#include "station/store/station_store.h"
#include "station/sync/https_client.h"
#include "station/sync/pull_catalog.h"
#include "station/sync/push_outbox.h"
#include "station/sync/retry_policy.h"
#include "station/sync/sync_round.h"

namespace gongkai::station::ui {

std::string DescribeSync(const SyncSummary& s) {
  std::string m = "同步完成：";
  if (s.sent == 0) {
    m += "没有要上传的修改";
  } else {
    m += "上传 " + std::to_string(s.sent) + " 个变更集，镇服务器已受理 " +
         std::to_string(s.accepted) + " 个";
    if (s.rejected > 0) m += "，退回 " + std::to_string(s.rejected) + " 个";
  }
  if (s.to_version == 0) {
    m += "；镇里还没有批准过目录";
  } else if (s.to_version != s.from_version) {
    m += "；已收到镇里批准的目录第 " + std::to_string(s.to_version) + " 版";
  } else {
    m += "；目录已是最新（第 " + std::to_string(s.to_version) + " 版）";
  }
  if (s.rejected_by_town > 0) {
    m += "；有 " + std::to_string(s.rejected_by_town) + " 个变更集被镇里退回，理由见下方";
  }
  return m + "。";
}

Result<SyncSummary> RunSyncOnce(const std::string& dir, int64_t now) {
  GK_ASSIGN_OR_RETURN(StationStore store, StationStore::Open(dir));
  GK_ASSIGN_OR_RETURN(HttpsEndpoint ep, ConfiguredHub(store));
  HttpsClient client(ep);
  SyncRoundOptions options;
  options.policy.max_attempts = 4;
  options.policy.max_total = std::chrono::seconds(60);
  Result<SyncRoundResult> r = RunSyncRound(store, client, options, now);
  client.Close();
  if (!r.ok()) return r.status();
  SyncSummary s;
  s.sealed = r->sealed;
  s.sent = r->pushed.results.size();
  s.accepted = r->pushed.Accepted();
  s.rejected = s.sent - s.accepted;
  s.from_version = r->pulled.from_version;
  s.to_version = r->pulled.to_version;
  s.rejected_by_town = r->pulled.rejected_mine;
  s.held = r->held.size();
  s.outcome = r->outcome;
  return s;
}

bool SyncRunner::Start(int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  if (state_.running) return false;
  if (thread_.joinable()) thread_.join();  // the previous one has finished
  state_.running = true;
  state_.ever_ran = true;
  state_.started_at = now;
  state_.message = "正在同步…";
  state_.reason.clear();
  thread_ = std::thread([this, now] {
    Result<SyncSummary> r = fn_(dir_, now);
    std::lock_guard<std::mutex> lock(mu_);
    state_.running = false;
    state_.finished_at = static_cast<int64_t>(std::time(nullptr));
    state_.ok = r.ok() && r->outcome.ok();
    if (r.ok() && r->outcome.ok()) {
      state_.message = DescribeSync(*r);
    } else if (r.ok()) {
      // The round ran but did not deliver everything: say so, never 同步完成.
      state_.message = "同步没有全部完成: " + r->outcome.message();
      state_.reason = r->outcome.reason();
    } else {
      state_.message = "同步没有完成: " + r.status().message();
      state_.reason = r.status().reason();
    }
  });
  return true;
}

SyncState SyncRunner::State() const {
  std::lock_guard<std::mutex> lock(mu_);
  return state_;
}

void SyncRunner::Wait() {
  std::thread t;
  {
    std::lock_guard<std::mutex> lock(mu_);
    t = std::move(thread_);
  }
  if (t.joinable()) t.join();
}

}  // namespace gongkai::station::ui
