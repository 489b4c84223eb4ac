#include "station/sync/sync_round.h"

#include <cmath>

#include "core/text/html.h"
#include "station/log/accepted_checkpoints.h"
#include "station/sync/hub_error.h"
#include "station/sync/reasons.h"
#include "station/sync/upload_attachments.h"

namespace gongkai::station {
namespace {

// The hub says its own store is damaged (hub_error.h): a log alarm, recorded
// in a transaction of its own (once while the hub stays damaged, not once a
// round), then the same failure goes on to the caller (exit 10).
Status NoteHubDamage(StationStore& store, Status s, int64_t now) {
  if (s.reason() != kHubDamaged) return s;
  Result<std::vector<LogAlarm>> alarms = LogAlarms(store.db());
  if (alarms.ok() && !alarms->empty() && alarms->back().reason == kHubDamaged) return s;
  Transaction tx(store.db());
  Status recorded = tx.status();
  if (recorded.ok()) recorded = RecordLogAlarm(store.db(), s, "", now);
  if (recorded.ok()) recorded = tx.Commit();
  if (!recorded.ok()) {
    return s.WithContext("[警报未能记录 (alarm not recorded): " + recorded.message() + "] ");
  }
  return s;
}

std::string RetryLine(int attempt, const Result<HttpsResponse>& got, std::chrono::milliseconds wait) {
  std::string why;
  if (!got.ok()) {
    why = ShortReason(got.status()) + " [" + got.status().reason() + "]";
  } else {
    why = "镇服务器暂时忙 (HTTP " + std::to_string(got->status) + ")";
  }
  long seconds = std::lround(static_cast<double>(wait.count()) / 1000.0);
  return "第 " + std::to_string(attempt) + " 次尝试没有成功: " + why + "，" +
         (seconds > 0 ? std::to_string(seconds) + " 秒后" : std::string("马上")) + "重试…";
}

HttpsStats Since(const HttpsStats& before, HttpsStats after) {
  after.bytes_sent -= before.bytes_sent;
  after.bytes_received -= before.bytes_received;
  after.connections -= before.connections;
  after.resumed_connections -= before.resumed_connections;
  return after;
}

}  // namespace

std::string ShortReason(const Status& s) {
  const std::string& r = s.reason();
  if (r == reason::kHubUnreachable) return "连不上镇服务器";
  if (r == reason::kHubTimeout) return "镇服务器没有及时回应";
  if (r == reason::kHubIo) return "与镇服务器的连接中断";
  if (r == reason::kTlsFailed) return "无法与镇服务器建立加密连接";
  if (r == reason::kCertPinMismatch) return "镇服务器的证书指纹不符，已拒绝连接";
  if (r == reason::kCertExpired) return "镇服务器的证书已过期，已拒绝连接";
  if (r == kEditsHeld) return "有修改被镇服务器退回，等待修改";
  if (s.code() == Code::kUnavailable) return "镇服务器暂时无法处理";
  return s.message();
}

Result<HttpsEndpoint> ConfiguredHub(StationStore& store) {
  GK_ASSIGN_OR_RETURN(HubSettings hub, store.LoadHub());
  if (!hub.url || !hub.cert_sha256) {
    return FailedPrecondition(
        "hub_not_configured",
        "还没有设置镇服务器的地址和证书指纹，无法同步。请向镇管理员索取后运行: gongkai-station "
        "config --hub https://地址:端口 --hub-key 公钥 --hub-cert-sha256 指纹");
  }
  GK_ASSIGN_OR_RETURN(HttpsEndpoint ep, ParseHubUrl(*hub.url));
  ep.cert_sha256 = *hub.cert_sha256;
  GK_ASSIGN_OR_RETURN(std::vector<HubCertificate> announced, store.AnnouncedCertificates());
  for (const HubCertificate& c : announced) ep.announced_sha256.push_back(c.cert_sha256);
  return ep;
}

Status HeldStatus(const std::vector<HeldRow>& held) {
  std::string rows;
  for (size_t i = 0; i < held.size() && i < 3; ++i) {
    rows += (i ? "、" : "") + held[i].row_id.substr(0, 8);
  }
  if (held.size() > 3) rows += " 等";
  return FailedPrecondition(
      kEditsHeld, "有 " + std::to_string(held.size()) + " 个条目 (" + rows +
                      ") 的修改被镇服务器退回，还保存在本站：请按 gongkai-station status "
                      "中的理由修改这些条目后再同步，或用 gongkai-station discard 编号（或 "
                      "discard --held 全部）放弃它们的修改。");
}

// Posting records the hub refused in this round: they are out of the outbox
// (records shows each with the hub's reason), so the next sync succeeds —
// this one must not look like success.
static Status RefusedPostingsStatus(const std::vector<ReturnedReport>& returned) {
  size_t n = 0;
  std::string first;
  for (const ReturnedReport& r : returned) {
    n += r.refused_postings;
    if (r.refused_postings > 0 && first.empty()) first = r.message + " (" + r.code + ")";
  }
  if (n == 0) return Status::Ok();
  return FailedPrecondition("postings_refused",
                            "有 " + std::to_string(n) + " 条公开记录被镇服务器拒收（" + first +
                                "）：请用 gongkai-station records 查看理由，改正后重新登记；"
                                "其余的已照常上传。");
}

Result<SyncRoundResult> RunSyncRound(StationStore& store, HubTransport& client,
                                     const SyncRoundOptions& options, int64_t now) {
  SyncRoundResult round;
  const HttpsStats before = client.Stats();
  GK_ASSIGN_OR_RETURN(PrivateKey key, store.LoadKey());
  GK_ASSIGN_OR_RETURN(SealResult sealed, store.Seal(key, options.note, now));
  round.sealed = sealed.change_sets.size();

  RetryClock clock = RealRetryClock(options.stop);
  if (options.progress) {
    clock.on_retry = [&options](int attempt, const Result<HttpsResponse>& got,
                                std::chrono::milliseconds wait) {
      options.progress(RetryLine(attempt, got, wait));
    };
  }
  // Until the hub has accepted one of its change sets (or while it says the
  // station is not enrolled), the station introduces itself, so the town's
  // administrator sees its key and unit and can enrol it in one step.
  GK_ASSIGN_OR_RETURN(bool introduce, store.NeedsIntroduction());
  HttpHeaders headers;
  if (introduce) {
    headers.emplace_back("Gongkai-Station-Key", store.info().VerifierKey());
    headers.emplace_back("Gongkai-Station-Unit", UrlEncode(store.info().unit));
  }
  // Attachments before the change sets that refer to them.
  Result<AttachmentUploadReport> attached =
      SendAttachments(store, client, key, options.policy, clock);
  if (!attached.ok()) return NoteHubDamage(store, attached.status(), now);
  round.attachments = *attached;
  // The push names the poll the pull would send: when the hub answers that
  // it would be a 304, the pull is skipped (docs/decisions/0032-the-push-
  // answers-the-poll.md). A poll that cannot be planned is left to the pull
  // to report.
  Result<std::optional<std::string>> next_poll = NextPollRest(store);
  PostFn post =
      RetryingPost(ShortPushFirst(
                       [&client, &headers](const std::string& target, const std::string& type,
                                           const std::string& body) {
                         return client.Request("POST", target, type, body, headers, false);
                       },
                       next_poll.ok() ? *next_poll : std::nullopt),
                   options.policy, clock);
  // A certificate the hub's log key announced, accepted by a handshake of
  // this round (the push's, or the pull's when there was nothing to push),
  // becomes the pin.
  auto follow = [&]() -> Status {
    std::optional<std::string> followed = client.FollowedAnnouncement();
    if (!followed || round.pin_moved_to == followed) return Status::Ok();
    GK_RETURN_IF_ERROR(store.FollowAnnouncedCertificate(*followed));
    round.pin_moved_to = *followed;
    return Status::Ok();
  };
  Result<PushReport> pushed = PushOutbox(store, key, post, PushOptions{}, now);
  GK_RETURN_IF_ERROR(follow());
  if (!pushed.ok()) return NoteHubDamage(store, pushed.status(), now);
  round.pushed = std::move(pushed).value();

  GetFn get = RetryingGet(
      [&client](const std::string& target) {
        return client.Request("GET", target, "", "", {}, ImpliesDeflate(target));
      },
      options.policy, clock);
  std::optional<std::string> answered;
  if (round.pushed.nothing_new == true && next_poll.ok()) answered = *next_poll;
  Result<PullReport> pulled = PullCatalog(store, get, now, answered);
  GK_RETURN_IF_ERROR(follow());
  if (!pulled.ok()) {
    // A whole refusal says more about what to do than a failed pull after it.
    if (round.pushed.refused_whole) {
      round.outcome = *round.pushed.refused_whole;
      round.wire = Since(before, client.Stats());
      return round;
    }
    return NoteHubDamage(store, pulled.status(), now);
  }
  round.pulled = std::move(pulled).value();
  GK_RETURN_IF_ERROR(store.RecordSync(now));
  GK_ASSIGN_OR_RETURN(round.held, store.HeldRows());
  if (round.pushed.refused_whole) {
    round.outcome = *round.pushed.refused_whole;
  } else if (!round.held.empty()) {
    round.outcome = HeldStatus(round.held);
  } else if (Status refused = RefusedPostingsStatus(round.pushed.returned); !refused.ok()) {
    round.outcome = refused;
  }
  round.wire = Since(before, client.Stats());
  return round;
}

}  // namespace gongkai::station
