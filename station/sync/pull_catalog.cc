#include "station/sync/pull_catalog.h"

#include <boost/json.hpp>
#include <chrono>
#include <cstring>
#include <map>
#include <thread>

#include "core/audit/decision_rules.h"
#include "core/audit/record_rules.h"
#include "core/base/base64.h"
#include "core/base/hex.h"
#include "core/base/reasons.h"
#include "core/catalog/catalog_snapshot.h"
#include "core/changeset/changeset.h"
#include "core/crypto/sha256.h"
#include "core/feed/api_paths.h"
#include "core/log/compact_range.h"
#include "core/log/merkle.h"
#include "core/log/witness_policy.h"
#include "core/merge/replay.h"
#include "core/record/decision.h"
#include "core/record/enrollment.h"
#include "core/record/envelope.h"
#include "core/record/genesis.h"
#include "station/log/accepted_checkpoints.h"
#include "station/log/checkpoint_check.h"
#include "station/store/witness_settings.h"
#include "station/sync/hub_error.h"
#include "station/sync/reasons.h"

namespace gongkai::station {
namespace {

// How often, and how long apart, a sync asks again for a checkpoint that is
// not cosigned yet before refusing it.
constexpr int kWitnessAttempts = 4;
constexpr std::chrono::milliseconds kWitnessPause{1500};

Status BadAnswer(const std::string& why) {
  return DataLoss("bad_hub_answer",
                  "镇服务器发来的目录无法理解 (" + why + ")；未采用，请稍后重试或联系镇政务公开办");
}

std::string At(const FeedEntry& e) { return "（日志第 " + std::to_string(e.index) + " 条）"; }

Result<Envelope> DecodeAs(const FeedEntry& e, EnvelopeKind kind) {
  Result<Envelope> env = DecodeEnvelope(e.entry);
  if (!env.ok())
    return BadAnswer("entry " + std::to_string(e.index) + ": " + env.status().reason());
  if (env->kind != kind || e.kind != EnvelopeKindName(kind)) {
    return BadAnswer("entry " + std::to_string(e.index) + " is not a " + EnvelopeKindName(kind));
  }
  return env;
}

// The genesis, after checking it is the pinned hub's.
Result<Genesis> CheckGenesis(const FeedEntry& e, const VerifierKey& hub_key) {
  GK_ASSIGN_OR_RETURN(Envelope env, DecodeAs(e, EnvelopeKind::kGenesis));
  Result<Genesis> g = DecodeGenesis(env.body);
  if (!g.ok()) return BadAnswer("genesis: " + g.status().reason());
  if (g->origin != hub_key.name || g->log_key != hub_key.key || env.signer != g->origin) {
    return Unauthenticated(
        "hub_key_mismatch",
        "镇服务器的日志公钥与本站设置的 (--hub-key) 不一致，目录未采用——可能连到了"
        "别的镇服务器。请向镇政务公开办核对公钥 (gongkai-hub info) (hub key mismatch)");
  }
  Status sig = VerifyEnvelope(env, g->log_key);
  if (!sig.ok()) {
    return Unauthenticated("bad_signature",
                           "镇服务器创世记录的签名无效，目录未采用 (bad genesis signature)");
  }
  return g;
}

std::string RefusedBecause(const FeedEntry& e) {
  return "决定" + At(e) + "未采用，目录保持原样；请联系镇政务公开办: ";
}

// The administrators in force at an entry: the roster of the genesis and of
// every roster record before it, checked by the auditor's own rules
// (core/audit/record_rules.h, docs/formats/log-entry.md rules O*). A
// decision signed by an administrator revoked before it, or never added,
// is refused (admin_revoked, unknown_admin).
Status CheckAdminSignature(const Envelope& env, const FeedEntry& e, const AuditState& roster,
                           const std::string& body_admin) {
  Status s = VerifyAdminEnvelope(roster, env);
  if (s.ok()) s = CheckSigner(env, body_admin, "admin");
  if (!s.ok()) return s.WithContext(RefusedBecause(e));
  return Status::Ok();
}

// A change set an approval includes must be signed by its station with the
// key the log enrolled for it: the latest enrolment of that station logged
// before the change set (entries come in log order, so it is already in
// `enrolled`). A hub that sends change sets without any enrolment is older
// than this check (or hides them): refused without an alarm. A present,
// administrator-signed enrolment whose key does not verify the change set
// is evidence against the hub: changeset_forged, a log alarm.
Status CheckStationSignature(
    const Envelope& env, const ChangeSet& cs, const FeedEntry& e,
    const std::map<std::string, std::vector<std::pair<uint64_t, PublicKey>>>& enrolled,
    bool any_enrollment) {
  const std::string what = "变更集" + At(e) + "（村站 " + cs.station + "）";
  if (!any_enrollment) {
    return FailedPrecondition(
        "enrollments_missing",
        "镇服务器没有随变更集发来村站的登记记录，本站无法核对" + what +
            "的签名，目录未采用；镇服务器的 gongkai-hub 可能太旧，请镇里升级 "
            "(the hub sent no enrolment entries with the change sets)");
  }
  auto it = enrolled.find(cs.station);
  const PublicKey* key = nullptr;
  if (it != enrolled.end()) {
    for (const auto& [index, k] : it->second) {
      if (index < e.index) key = &k;
    }
  }
  if (!key) {
    return FailedPrecondition("changeset_not_enrolled",
                              "镇服务器没有发来" + what +
                                  "之前的村站登记记录，无法核对它的签名，目录未采用；请稍后重试或"
                                  "联系镇政务公开办 (no enrolment for the change set's station)");
  }
  if (env.signer != cs.station || !VerifyEnvelope(env, *key).ok()) {
    return DataLoss("changeset_forged",
                    what + "不是用日志中为该村站登记的密钥签名的：镇服务器发来了村站没有签过的"
                           "修改，目录未采用 (change set not signed with the enrolled station "
                           "key)");
  }
  return Status::Ok();
}

// GET /v1/log/proof/consistency?from=M&to=N → the proof hashes.
Result<std::vector<Hash32>> FetchConsistencyProof(const GetFn& get, uint64_t from, uint64_t to) {
  GK_ASSIGN_OR_RETURN(HttpsResponse resp, get(std::string(api_path::kConsistencyProof) + "?from=" +
                                              std::to_string(from) + "&to=" + std::to_string(to)));
  if (resp.status != 200) return HubRefusal(resp.status, resp.body, "日志一致性证明请求");
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(resp.body, ec);
  const boost::json::value* list =
      !ec && v.is_object() ? v.as_object().if_contains("proof") : nullptr;
  if (!list || !list->is_array()) return BadAnswer("consistency proof: no proof array");
  std::vector<Hash32> out;
  for (const boost::json::value& h : list->as_array()) {
    std::optional<Bytes> b = h.is_string() ? Base64Decode(h.as_string()) : std::nullopt;
    if (!b || b->size() != 32) return BadAnswer("consistency proof: item is not a base64 hash");
    Hash32 hash;
    std::memcpy(hash.data(), b->data(), 32);
    out.push_back(hash);
  }
  return out;
}

// Checks the answer's checkpoint against the last one this station
// accepted (with the consistency proof the answer carries, else fetching
// it) and every entry's inclusion in it — the genesis too unless it is the
// one the station kept. Returns the checkpoint to accept with the catalog;
// *reached is the compact range of its tree when a range proved it.
Result<Checkpoint> CheckAnswerLog(const CatalogAnswer& a, const VerifierKey& hub_key,
                                  const std::optional<AcceptedCheckpoint>& last, const GetFn& get,
                                  bool offline, bool genesis_kept, bool* fetched,
                                  std::optional<CompactRange>* reached) {
  if (!a.checkpoint) return BadAnswer("no checkpoint");
  // First only the signature and the size, to know which proof to ask for.
  Result<Checkpoint> unchecked = OpenCheckpoint(*a.checkpoint, hub_key, hub_key.name);
  if (!unchecked.ok()) {
    if (unchecked.status().code() != Code::kUnauthenticated) return unchecked.status();
    return Unauthenticated("hub_key_mismatch",
                           "镇服务器的日志检查点不是用本站设置的公钥 (--hub-key) 签名的，目录未采用"
                           "——可能连到了别的镇服务器。请向镇政务公开办核对公钥 (gongkai-hub info) "
                           "(checkpoint not signed by the pinned hub key: " +
                               unchecked.status().reason() + ")");
  }
  std::vector<Hash32> consistency;
  std::optional<Checkpoint> last_cp;
  if (last) {
    last_cp = last->checkpoint;
    if (offline && unchecked->size < last->checkpoint.size) {
      return FailedPrecondition(
          "bundle_stale", "这个U盘文件里的日志（" + std::to_string(unchecked->size) +
                              " 条）比本站已核对过的（" + std::to_string(last->checkpoint.size) +
                              " 条）旧，未采用；请向镇里要一个新导出的文件 (bundle older than "
                              "the log this station verified)");
    }
    if (last->checkpoint.size < unchecked->size && !a.range) {
      if (a.consistency && a.consistency->from == last->checkpoint.size) {
        consistency = a.consistency->proof;
      } else {
        GK_ASSIGN_OR_RETURN(consistency,
                            FetchConsistencyProof(get, last->checkpoint.size, unchecked->size));
        *fetched = true;
      }
    }
  }
  // The station's own bytes, not the hub's, failed a check: no evidence
  // against the hub (the caller asks for the change sets whole).
  auto own_differs = [](uint64_t index) {
    return FailedPrecondition(std::string(reason::kOwnChangeSetDiffers),
                              "本站发件箱中的变更集与日志第 " + std::to_string(index) +
                                  " 条不同 (own change set differs from the logged one)");
  };
  // Set once a compact range proved the new checkpoint: only then do the
  // entries it covers need no inclusion proof. A range that rides with a
  // checkpoint no larger than the verified one proves nothing.
  bool ranged = false;
  auto check_log = [&]() -> Result<Checkpoint> {
    // A checkpoint no larger than the verified one is checked as always
    // (rewound, or the same size with another root: an alarm), whatever
    // else the answer carries.
    if (!a.range || (last && unchecked->size <= last->checkpoint.size)) {
      return CheckNewCheckpoint(*a.checkpoint, hub_key, last_cp, consistency);
    }
    // A compact range from the size this station verified (format 2,
    // docs/decisions/0033-compact-range-and-checkpoint.md): the entries
    // from there on are checked by it, not by inclusion proofs. Its shape
    // is checked first — a malformed range is a bad answer, not evidence.
    const RangeProof& range = *a.range;
    if (!last || range.from != last->checkpoint.size) return BadAnswer("range from another size");
    std::map<uint64_t, Hash32> held;
    std::optional<uint64_t> mine;
    for (const FeedEntry& e : a.entries) {
      if (e.index < range.from) continue;
      if (e.index >= unchecked->size) return BadAnswer("an entry beyond the checkpoint");
      held[e.index] = LeafHash(e.entry);
      if (e.from_outbox) mine = e.index;
    }
    Result<CompactRange> frontier = CompactRange::FromHashes(range.from, range.frontier);
    if (!frontier.ok() || range.leaves.size() != unchecked->size - range.from - held.size()) {
      return BadAnswer("a range of the wrong shape");
    }
    CompactRange to;
    Result<Checkpoint> checked =
        CheckNewCheckpoint(*a.checkpoint, hub_key, last_cp, range, held, &to);
    if (checked.ok()) {
      ranged = true;
      *reached = std::move(to);
    }
    // A frontier that folds to the verified root and leaves that do not
    // reach the signed one: with this station's own bytes among them, the
    // bytes may be its own doing (re-signed by `rekey`) — asked whole.
    if (!checked.ok() && mine && checked.status().reason() == reason::kCheckpointForked &&
        frontier->Root() == last->checkpoint.root) {
      return own_differs(*mine);
    }
    return checked;
  };
  GK_ASSIGN_OR_RETURN(Checkpoint cp, check_log());
  auto included = [&](const FeedEntry& e) -> Status {
    if (ranged && e.index >= a.range->from) return Status::Ok();
    if (!e.inclusion) return BadAnswer("entry " + std::to_string(e.index) + " without inclusion");
    Status in = CheckIncluded(e.entry, e.index, cp, *e.inclusion);
    if (!in.ok() && e.from_outbox) return own_differs(e.index);
    return in;
  };
  if (!a.genesis) return BadAnswer("no genesis");
  if (a.genesis->index != 0) return BadAnswer("genesis is not entry 0");
  if (!genesis_kept) GK_RETURN_IF_ERROR(included(*a.genesis));
  for (const FeedEntry& e : a.entries) GK_RETURN_IF_ERROR(included(e));
  return cp;
}

}  // namespace

Result<VerifiedPull> VerifyCatalogAnswer(const CatalogAnswer& a, const ApprovedSnapshot& held,
                                         const VerifierKey& hub_key,
                                         const std::string& station_id) {
  if (!a.genesis) return BadAnswer("no genesis");
  GK_ASSIGN_OR_RETURN(Genesis genesis, CheckGenesis(*a.genesis, hub_key));
  AuditState roster;
  ApplyGenesis(roster, 0, genesis);
  if (a.since > held.version) {
    return DataLoss("version_gap", "镇服务器的回答是给第 " + std::to_string(a.since) +
                                       " 版的，本站只有第 " + std::to_string(held.version) +
                                       " 版；目录未采用");
  }
  if (a.version < held.version) {
    return FailedPrecondition(
        "catalog_rollback",
        "镇服务器给出的目录是第 " + std::to_string(a.version) + " 版，比本站已有的第 " +
            std::to_string(held.version) +
            " 版还旧，未采用——镇服务器可能被回滚或替换，请联系镇政务公开办 (rollback refused)");
  }
  VerifiedPull out;
  out.mode = a.mode;
  std::vector<std::pair<const FeedEntry*, Approval>> approvals;
  std::map<Hash32, IdentifiedChangeSet> changesets;
  std::vector<ApprovedChangeSet> included_all;
  // station → its enrolments in the answer (log order): index, key.
  std::map<std::string, std::vector<std::pair<uint64_t, PublicKey>>> enrolled;
  bool any_enrollment = false;
  for (const FeedEntry& e : a.entries) {
    if (e.kind == EnvelopeKindName(EnvelopeKind::kEnrollment)) {
      GK_ASSIGN_OR_RETURN(Envelope env, DecodeAs(e, EnvelopeKind::kEnrollment));
      Result<Enrollment> en = DecodeEnrollment(env.body);
      if (!en.ok())
        return BadAnswer("enrollment " + std::to_string(e.index) + ": " + en.status().reason());
      GK_RETURN_IF_ERROR(CheckAdminSignature(env, e, roster, en->admin));
      enrolled[en->station].emplace_back(e.index, en->station_key);
      any_enrollment = true;
    } else if (e.kind == EnvelopeKindName(EnvelopeKind::kChangeSet)) {
      GK_ASSIGN_OR_RETURN(Envelope env, DecodeAs(e, EnvelopeKind::kChangeSet));
      Result<ChangeSet> cs = DecodeChangeSet(env.body);
      if (!cs.ok())
        return BadAnswer("change set " + std::to_string(e.index) + ": " + cs.status().reason());
      GK_RETURN_IF_ERROR(CheckStationSignature(env, *cs, e, enrolled, any_enrollment));
      Hash32 id = ChangeSetId(env.body);
      changesets[id] = IdentifiedChangeSet{id, std::move(cs).value()};
    } else if (e.kind == kOwnChangeSetKind) {
      // This station's own envelope, put back from its outbox by the pull
      // (PutBackOwnChangeSets): signed by this station, checked when sealed
      // and by `check`; the log check has proved it is the logged entry.
      if (!e.from_outbox) return BadAnswer("own change set " + std::to_string(e.index));
      Result<Envelope> env = DecodeEnvelope(e.entry);
      Result<ChangeSet> cs = env.ok() ? DecodeChangeSet(env->body) : env.status();
      if (!cs.ok() || env->kind != EnvelopeKind::kChangeSet || cs->station != station_id) {
        return BadAnswer("own change set " + std::to_string(e.index) + " is not in the outbox");
      }
      Hash32 id = ChangeSetId(env->body);
      changesets[id] = IdentifiedChangeSet{id, std::move(cs).value()};
    } else if (e.kind == EnvelopeKindName(EnvelopeKind::kApproval)) {
      GK_ASSIGN_OR_RETURN(Envelope env, DecodeAs(e, EnvelopeKind::kApproval));
      Result<Approval> ap = DecodeApproval(env.body);
      if (!ap.ok())
        return BadAnswer("approval " + std::to_string(e.index) + ": " + ap.status().reason());
      GK_RETURN_IF_ERROR(CheckAdminSignature(env, e, roster, ap->admin));
      // The approval policy in force at its index (rule A8): under policy 2
      // it must carry a valid review by another active administrator.
      if (Status rv = CheckApprovalReviews(roster, env, *ap, /*logged=*/false); !rv.ok()) {
        return rv.WithContext(RefusedBecause(e));
      }
      approvals.emplace_back(&e, std::move(ap).value());
    } else if (e.kind == EnvelopeKindName(EnvelopeKind::kRejection)) {
      GK_ASSIGN_OR_RETURN(Envelope env, DecodeAs(e, EnvelopeKind::kRejection));
      Result<Rejection> rj = DecodeRejection(env.body);
      if (!rj.ok())
        return BadAnswer("rejection " + std::to_string(e.index) + ": " + rj.status().reason());
      GK_RETURN_IF_ERROR(CheckAdminSignature(env, e, roster, rj->admin));
      if (rj->station == station_id) {
        Receipt r;
        r.seq = rj->seq;
        r.changeset_id = rj->changeset;
        r.kind = Receipt::Kind::kRejected;
        r.code = "rejected_by_admin";
        r.reason = rj->reason;
        out.rejections.push_back(std::move(r));
      }
    } else if (e.kind == EnvelopeKindName(EnvelopeKind::kRoster)) {
      GK_ASSIGN_OR_RETURN(Envelope env, DecodeAs(e, EnvelopeKind::kRoster));
      Result<RosterChange> r = CheckRoster(roster, env);
      if (!r.ok()) {
        return r.status().WithContext("管理员名册记录" + At(e) + "无效，目录未采用: ");
      }
      ApplyRoster(roster, e.index, *r);
    } else if (e.kind == EnvelopeKindName(EnvelopeKind::kPolicy)) {
      GK_ASSIGN_OR_RETURN(Envelope env, DecodeAs(e, EnvelopeKind::kPolicy));
      Result<ApprovalPolicy> p = CheckPolicy(roster, env);
      if (!p.ok()) {
        return p.status().WithContext("审批规则记录" + At(e) + "无效，目录未采用: ");
      }
      ApplyPolicy(roster, e.index, *p);
    } else if (e.kind == EnvelopeKindName(EnvelopeKind::kCertificate)) {
      GK_ASSIGN_OR_RETURN(Envelope env, DecodeAs(e, EnvelopeKind::kCertificate));
      Result<CertificateAnnouncement> c = CheckCertificate(roster, env);
      if (!c.ok()) {
        return c.status().WithContext("证书公告" + At(e) + "无效，目录和证书都未采用: ");
      }
      out.certificates.push_back(HubCertificate{HexEncode(c->cert_sha256),
                                                HexEncode(c->spki_sha256), c->not_before,
                                                c->not_after, e.index, c->reason});
    } else {
      return BadAnswer("unexpected entry kind " + e.kind);
    }
  }
  // Versions follow on from the answer's `since` (the version held, or an
  // older one in a bundle), without a gap, up to the answer's.
  uint64_t expect = a.since + 1;
  for (const auto& [e, ap] : approvals) {
    if (ap.version != expect) {
      return DataLoss("version_gap", "镇服务器发来的审批版本不连续：应为第 " +
                                         std::to_string(expect) + " 版，实为第 " +
                                         std::to_string(ap.version) + " 版；目录未采用");
    }
    ++expect;
  }
  if (expect - 1 != a.version) {
    return DataLoss("version_gap", "镇服务器说最新是第 " + std::to_string(a.version) +
                                       " 版，却只给出到第 " + std::to_string(expect - 1) +
                                       " 版的审批；目录未采用");
  }
  // Approvals of versions the station holds already (an older bundle):
  // its own version must be the one it holds; then they are skipped.
  while (!approvals.empty() && approvals.front().second.version <= held.version) {
    const Approval& ap = approvals.front().second;
    if (ap.version == held.version && ap.result_hash != held.hash) {
      return DataLoss("catalog_fork",
                      "镇服务器的第 " + std::to_string(ap.version) +
                          " 版目录与本站的不同，未采用——请联系镇政务公开办 (catalog fork)");
    }
    approvals.erase(approvals.begin());
  }
  for (const auto& [e, ap] : approvals) {
    for (const Hash32& id : ap.changesets) included_all.push_back({id, ap.version});
  }
  out.approvals = approvals.size();
  if (approvals.empty()) {
    if (a.hash != held.hash) {
      return DataLoss("catalog_fork",
                      "镇服务器的第 " + std::to_string(a.version) +
                          " 版目录与本站的不同，未采用——请联系镇政务公开办 (catalog fork)");
    }
    return out;
  }
  const Approval& last = approvals.back().second;
  Catalog result;
  if (a.mode == "snapshot") {
    if (!a.snapshot || a.snapshot->version != last.version ||
        Sha256(a.snapshot->catalog) != last.result_hash) {
      return DataLoss("snapshot_mismatch",
                      "镇服务器发来的目录快照与第 " + std::to_string(last.version) +
                          " 版的签名审批不符，未采用 (snapshot does not match the signed hash)");
    }
    Result<Catalog> c = DecodeCatalogSnapshot(a.snapshot->catalog);
    if (!c.ok()) return BadAnswer("snapshot: " + c.status().reason());
    result = std::move(c).value();
  } else {
    result = held.rows;
    for (const auto& [e, ap] : approvals) {
      std::vector<IdentifiedChangeSet> included;
      for (const Hash32& id : ap.changesets) {
        auto it = changesets.find(id);
        if (it == changesets.end()) {
          return DataLoss("missing_changeset",
                          "第 " + std::to_string(ap.version) + " 版审批包含的变更集 " +
                              HexEncode(id).substr(0, 8) + " 不在镇服务器的回答中；目录未采用");
        }
        included.push_back(it->second);
      }
      Result<Catalog> next = ReplayApproval(result, ap, included);
      if (!next.ok()) {
        return next.status().WithContext("核对第 " + std::to_string(ap.version) +
                                         " 版审批失败，目录未采用: ");
      }
      result = std::move(next).value();
    }
  }
  if (result.Hash() != last.result_hash || a.hash != last.result_hash) {
    return DataLoss("hash_mismatch", "按审批重算的第 " + std::to_string(last.version) +
                                         " 版目录哈希与镇服务器给出的不符，未采用 (hash mismatch)");
  }
  out.update =
      ApprovedUpdate{last.version, last.result_hash, std::move(result), std::move(included_all)};
  return out;
}

namespace {

// The pinned hub key, refusing to go on without one.
Result<VerifierKey> PinnedHubKey(StationStore& store) {
  GK_ASSIGN_OR_RETURN(HubSettings hub, store.LoadHub());
  if (!hub.key) {
    return FailedPrecondition("hub_key_not_configured",
                              "还没有设置镇服务器的公钥，无法核对目录。请向镇管理员索取后运行: "
                              "gongkai-station config --hub-key 公钥");
  }
  return ParseVerifierKey(*hub.key);
}

// The kept genesis, if it is the pinned hub's (a station re-pointed at
// another hub does not claim to hold that hub's genesis).
Result<std::optional<Bytes>> KeptGenesis(StationStore& store, const VerifierKey& hub_key) {
  GK_ASSIGN_OR_RETURN(std::optional<Bytes> kept, store.LoadGenesis());
  if (!kept) return kept;
  if (!CheckGenesis(FeedEntry{0, "genesis", *kept, std::nullopt}, hub_key).ok()) {
    return std::optional<Bytes>();
  }
  return kept;
}

// Puts this station's envelopes, from its outbox, in place of the entries
// that name them by seq (kind own_changeset; the kind stays, the bytes are
// then the envelope, marked from_outbox: VerifyCatalogAnswer takes them as
// the station's own, and CheckAnswerLog checks their inclusion like any
// entry's — a failure there is own_changeset_differs, and the pull asks
// for every change set whole). False when the outbox does not hold the
// seq as logged — e.g. a station restored from an older backup.
Result<bool> PutBackOwnChangeSets(StationStore& store, CatalogAnswer& answer) {
  for (FeedEntry& e : answer.entries) {
    if (e.kind != kOwnChangeSetKind) continue;
    std::optional<uint64_t> seq = ParseOwnChangeSetRef(e.entry);
    if (!seq) return BadAnswer("own change set reference at " + std::to_string(e.index));
    GK_ASSIGN_OR_RETURN(std::optional<OutboxEntry> mine, LoadOutboxEntry(store.db(), *seq));
    // Only one the hub has acknowledged, at that index if the station
    // recorded it: anything else (a seq sealed again after a restore, one
    // whose receipt was lost) is asked for whole.
    const bool logged =
        mine && (mine->state == OutboxState::kAccepted || mine->state == OutboxState::kApproved);
    if (!logged || (mine->log_index && *mine->log_index != e.index)) return false;
    e.entry = std::move(mine->envelope);
    e.from_outbox = true;
  }
  return true;
}

// The long form without own=: every change set whole.
Result<CatalogAnswer> AskWhole(const GetFn& get, const std::string& target,
                               std::string_view origin) {
  GK_ASSIGN_OR_RETURN(HttpsResponse resp, get(target));
  if (resp.status != 200) return HubRefusal(resp.status, resp.body, "目录请求");
  return ParseCatalogAnswerBody(resp.body, origin);
}

// Verifies and applies an answer against what PullCatalog or
// ApplyCatalogAnswer loaded.
Result<PullReport> ApplyAnswer(StationStore& store, CatalogAnswer answer, const GetFn& get,
                               int64_t now, const ApplyOptions& opts, const VerifierKey& hub_key,
                               const ApprovedSnapshot& held, const std::optional<Bytes>& kept);

// What PullCatalog asks, from what the station holds.
struct PullPlan {
  VerifierKey hub_key;
  ApprovedSnapshot held;
  std::optional<AcceptedCheckpoint> last;
  std::optional<Bytes> kept;
  WitnessPolicy witness;
  std::string target;       // the long form, with own=
  std::string without_own;  // the long form without own=: every change set whole
  // The short poll's rest after /v1/poll/, when the station can be told
  // "nothing new" (if_new).
  std::optional<std::string> poll_rest;
  // The same without "/o/STATION", which does not change whether the
  // answer is a 304: what a push names for its verdict (decision 0033).
  std::optional<std::string> verdict_rest;
  // The catalog answer format asked: "3" when the station keeps the
  // frontier of the tree it verified (decision 0034), else "2".
  std::string answer_format;
};

Result<PullPlan> PlanPull(StationStore& store) {
  PullPlan plan;
  GK_ASSIGN_OR_RETURN(plan.hub_key, PinnedHubKey(store));
  GK_ASSIGN_OR_RETURN(plan.held, store.LoadApproved());
  GK_ASSIGN_OR_RETURN(plan.last, LatestAcceptedCheckpoint(store.db()));
  GK_ASSIGN_OR_RETURN(plan.kept, KeptGenesis(store, plan.hub_key));
  GK_ASSIGN_OR_RETURN(plan.witness, LoadWitnessPolicy(store.db()));
  auto& [hub_key, held, last, kept, witness, target, without_own, poll_rest, verdict_rest,
         answer_format] = plan;
  target = std::string(api_path::kCatalog) + "?since=" + std::to_string(held.version) +
           "&form=bin&enrollments=1";
  if (last) target += "&have_log=" + std::to_string(last->checkpoint.size);
  if (kept) target += "&have_genesis=1";
  if (witness.required()) target += "&cosigned=1";
  // Catalog answer format 2: the checkpoint compacted, a compact range
  // instead of the proofs when smaller (decision 0033); format 3 when the
  // station keeps the frontier of its verified tree: compact integers, no
  // origin, a range without that frontier (decision 0034). An older hub
  // answers the newest format it writes up to the one asked (or format 1).
  answer_format = last && last->frontier && last->checkpoint.origin == hub_key.name ? "3" : "2";
  target += "&answer=" + answer_format;
  // Holding a verified checkpoint and the genesis, the station can be told
  // "nothing new" in a few bytes: 304, no body (docs/formats/catalog-answer.md
  // § Nothing new). An older hub ignores if_new and answers in full.
  const bool if_new = last && kept;
  // With it, the start of the root it verified: a hub whose log at that
  // size is another answers in full, and the station sees the fork at once
  // (docs/decisions/0031-nothing-new-for-you.md).
  const std::string root = last ? HexEncode(last->checkpoint.root).substr(0, 8) : "";
  if (if_new) target += "&if_new=1&have_root=" + root;
  // This station's own change sets by reference: it holds them in its
  // outbox (docs/decisions/0031-nothing-new-for-you.md). An older hub
  // ignores the parameter and sends them whole.
  const std::string& me = store.info().station_id;
  without_own = target;
  target += "&own=" + me;
  // Then the same request has a short form, /v1/poll/V/N (docs/http-api.md §
  // The short poll): some 50 bytes fewer on every idle round. A hub older
  // than it answers 404, one older than its "/o/STATION" 400; the long
  // form is asked instead.
  if (if_new) {
    const std::string sizes = std::to_string(held.version) + "/" +
                              std::to_string(last->checkpoint.size) +
                              (witness.required() ? "/c" : "");
    poll_rest = sizes + "/o/" + me + "/r/" + root;
    verdict_rest = sizes + "/r/" + root;
  }
  return plan;
}

}  // namespace

bool ImpliesDeflate(std::string_view target) {
  return target.starts_with(api_path::kPollPrefix) && target.ends_with("/a/3");
}

Result<std::optional<std::string>> NextPollRest(StationStore& store) {
  GK_ASSIGN_OR_RETURN(PullPlan plan, PlanPull(store));
  return plan.verdict_rest;
}

Result<PullReport> PullCatalog(StationStore& store, const GetFn& get, int64_t now,
                               const std::optional<std::string>& answered) {
  GK_ASSIGN_OR_RETURN(PullPlan plan, PlanPull(store));
  const auto& [hub_key, held, last, kept, witness, target, without_own, poll_rest, verdict_rest,
               answer_format] = plan;
  // Format 3 leaves the origin out: the pinned hub key's name, which every
  // checkpoint must carry (OpenCheckpoint).
  const std::string& origin = hub_key.name;
  // The hub's log still has the size this station verified (or gained only
  // change sets) and its version is the latest: nothing to check, nothing
  // to write — told by a 304, or by the push's answer (decision 0032).
  const PullReport current{.from_version = held.version,
                           .to_version = held.version,
                           .hash = held.hash,
                           .mode = "current"};
  if (answered && answered == verdict_rest) return current;
  std::optional<std::string> poll;
  if (poll_rest) poll = std::string(api_path::kPollPrefix) + *poll_rest + "/a/" + answer_format;
  CatalogAnswer answer;
  // A checkpoint the hub has just signed may not be cosigned yet (its
  // sender asks the witnesses about once a second): ask again a few times
  // before the missing cosignature counts against the hub.
  for (int attempt = 1;; ++attempt) {
    GK_ASSIGN_OR_RETURN(HttpsResponse resp, get(poll.value_or(target)));
    if (poll && (resp.status == 404 || resp.status == 400)) {
      poll.reset();
      GK_ASSIGN_OR_RETURN(resp, get(target));
    }
    if (resp.status == 304 && poll_rest) return current;
    if (resp.status != 200) return HubRefusal(resp.status, resp.body, "目录请求");
    GK_ASSIGN_OR_RETURN(answer, ParseCatalogAnswerBody(resp.body, origin));
    GK_ASSIGN_OR_RETURN(bool complete, PutBackOwnChangeSets(store, answer));
    if (!complete) {
      // The outbox does not hold one of them as logged (restored from an
      // older backup): the same answer with every change set whole.
      GK_ASSIGN_OR_RETURN(answer, AskWhole(get, without_own, origin));
    }
    if (!witness.required() || attempt >= kWitnessAttempts || !answer.checkpoint) break;
    Result<std::vector<Cosignature>> w = CheckWitnessed(*answer.checkpoint, witness, now);
    if (w.ok() || w.status().reason() != reason::kCheckpointNotWitnessed) break;
    std::this_thread::sleep_for(kWitnessPause);
  }
  if (answer.since != held.version) return BadAnswer("answer is for another version");
  Result<PullReport> applied =
      ApplyAnswer(store, std::move(answer), get, now, {}, hub_key, held, kept);
  if (applied.ok() || applied.status().reason() != reason::kOwnChangeSetDiffers) return applied;
  // An envelope of the outbox is not the one the log holds at that index
  // (re-signed by `rekey` after the hub had it, or sealed again after a
  // restore): nothing was written; ask for every change set whole, which
  // is then checked like any other station's.
  GK_ASSIGN_OR_RETURN(CatalogAnswer whole, AskWhole(get, without_own, origin));
  if (whole.since != held.version) return BadAnswer("answer is for another version");
  return ApplyAnswer(store, std::move(whole), get, now, {}, hub_key, held, kept);
}

Result<PullReport> ApplyCatalogAnswer(StationStore& store, CatalogAnswer answer, const GetFn& get,
                                      int64_t now, const ApplyOptions& opts) {
  GK_ASSIGN_OR_RETURN(VerifierKey hub_key, PinnedHubKey(store));
  GK_ASSIGN_OR_RETURN(ApprovedSnapshot held, store.LoadApproved());
  GK_ASSIGN_OR_RETURN(std::optional<Bytes> kept, KeptGenesis(store, hub_key));
  if (!opts.offline && answer.since != held.version) {
    return BadAnswer("answer is for another version");
  }
  return ApplyAnswer(store, std::move(answer), get, now, opts, hub_key, held, kept);
}

namespace {

Result<PullReport> ApplyAnswer(StationStore& store, CatalogAnswer answer, const GetFn& get,
                               int64_t now, const ApplyOptions& opts, const VerifierKey& hub_key,
                               const ApprovedSnapshot& held, const std::optional<Bytes>& kept) {
  bool genesis_kept = false;
  if (!answer.genesis) {
    if (!kept) return BadAnswer("no genesis");
    answer.genesis = FeedEntry{0, "genesis", *kept, std::nullopt};
    genesis_kept = true;
  }
  // A reference the station did not resolve from its outbox (a hub that
  // sends one unasked, in JSON or in the answer without own=) proves
  // nothing and is not log evidence: a bad answer.
  for (const FeedEntry& e : answer.entries) {
    if (e.kind == kOwnChangeSetKind && !e.from_outbox) {
      return BadAnswer("own change set reference " + std::to_string(e.index) + " not asked for");
    }
  }
  // The transparency log first: a forked or rewound history is an alarm,
  // recorded on its own; the catalog stays as it is.
  GK_ASSIGN_OR_RETURN(std::optional<AcceptedCheckpoint> last, LatestAcceptedCheckpoint(store.db()));
  // A format-3 range leaves out the frontier the station keeps (decision
  // 0034); without one of that size the range is refused as misshapen.
  if (answer.format >= kCatalogAnswerLeanFormat && answer.range && last && last->frontier &&
      answer.range->from == last->checkpoint.size) {
    answer.range->frontier = *last->frontier;
  }
  bool fetched = false;
  std::optional<CompactRange> reached;
  Result<Checkpoint> cp =
      CheckAnswerLog(answer, hub_key, last, get, opts.offline, genesis_kept, &fetched, &reached);
  // With county witnesses required, a checkpoint they did not cosign is
  // refused like a forked one: it may be a history shown to this station
  // alone (docs/station-sync.md § Witnesses).
  GK_ASSIGN_OR_RETURN(WitnessPolicy witness, LoadWitnessPolicy(store.db()));
  if (cp.ok() && witness.required()) {
    Result<std::vector<Cosignature>> w = CheckWitnessed(*answer.checkpoint, witness, now);
    if (!w.ok()) cp = w.status();
  }
  // Recorded in a transaction of its own; the catalog stays as it is.
  auto alarm = [&](const Status& s) {
    Transaction tx(store.db());
    Status recorded = tx.status();
    if (recorded.ok()) recorded = RecordLogAlarm(store.db(), s, *answer.checkpoint, now);
    if (recorded.ok()) recorded = tx.Commit();
    std::string loud =
        "！！警报 (ALARM): 镇服务器的日志与本站核对过的历史不一致，本站没有采用它的目录"
        "（目录保持原样）。请立即报告县政务公开办；gongkai-station status 会一直显示此警报。"
        "(The hub's transparency log contradicts the history this station verified before; "
        "nothing was applied. Report this to the county office.) ";
    if (!recorded.ok()) loud += "[警报未能记录 (alarm not recorded): " + recorded.message() + "] ";
    return s.WithContext(loud);
  };
  if (!cp.ok()) {
    if (!IsHistoryAlarm(cp.status())) return cp.status();
    // An entry that is not in the log proves nothing against the hub when
    // it came in an unsigned file: only a signed checkpoint is evidence.
    if (opts.offline && cp.status().reason() == reason::kEntryNotInLog) return cp.status();
    return alarm(cp.status());
  }
  // A change set under a signed checkpoint and an administrator's approval
  // that its enrolled station never signed is evidence too.
  Result<VerifiedPull> verified =
      VerifyCatalogAnswer(answer, held, hub_key, store.info().station_id);
  if (!verified.ok() && verified.status().reason() == reason::kChangesetForged) {
    return alarm(verified.status());
  }
  GK_ASSIGN_OR_RETURN(VerifiedPull v, std::move(verified));
  // The signed checkpoint must vouch for the catalog being applied.
  if (cp->catalog_version != answer.version || cp->catalog_hash != answer.hash) {
    return DataLoss("checkpoint_catalog_mismatch",
                    "镇服务器签名的检查点说目录是第 " + std::to_string(cp->catalog_version) +
                        " 版，与它发来的第 " + std::to_string(answer.version) +
                        " 版不符，未采用；请稍后重试或联系镇政务公开办 (checkpoint does not "
                        "match the catalog)");
  }
  std::vector<Receipt> receipts = v.rejections;
  size_t extra = 0;
  if (opts.receipts) {
    GK_ASSIGN_OR_RETURN(std::vector<Receipt> more, opts.receipts(*cp));
    extra = more.size();
    receipts.insert(receipts.end(), more.begin(), more.end());
  }
  AcceptedCheckpoint accepted{*cp, *answer.checkpoint, now, std::nullopt};
  if (reached) accepted.frontier = reached->hashes();
  const Bytes* genesis = kept ? nullptr : &answer.genesis->entry;
  GK_RETURN_IF_ERROR(store.ApplyPulled(v.update, receipts, now, accepted, genesis, v.certificates));
  PullReport report;
  report.from_version = held.version;
  report.to_version = v.update ? v.update->version : held.version;
  report.hash = v.update ? v.update->hash : held.hash;
  report.mode = v.mode;
  report.approvals = v.approvals;
  report.rejected_mine = v.rejections.size();
  report.receipts = extra;
  report.certificates = v.certificates.size();
  report.consistency_fetched = fetched;
  report.changed = report.to_version != report.from_version || !kept || !last ||
                   last->checkpoint.size != cp->size;
  return report;
}

}  // namespace

}  // namespace gongkai::station
