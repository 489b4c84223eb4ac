#include "core/audit/record_rules.h"

#include "core/base/hex.h"

namespace gongkai {
namespace {

std::string KindLabel(EnvelopeKind kind) {
  switch (kind) {
    case EnvelopeKind::kGenesis:
      return "创世记录 (genesis)";
    case EnvelopeKind::kEnrollment:
      return "登记记录 (enrollment)";
    case EnvelopeKind::kRevocation:
      return "撤销记录 (revocation)";
    case EnvelopeKind::kChangeSet:
      return "变更集 (changeset)";
    case EnvelopeKind::kApproval:
      return "审批记录 (approval)";
    case EnvelopeKind::kRejection:
      return "退回记录 (rejection)";
    case EnvelopeKind::kRoster:
      return "管理员名册记录 (roster)";
    case EnvelopeKind::kPolicy:
      return "审批规则记录 (policy)";
    case EnvelopeKind::kReview:
      return "审查记录 (review)";
    case EnvelopeKind::kCertificate:
      return "证书公告 (certificate)";
  }
  return "记录";
}

}  // namespace

Status VerifyAdminEnvelope(const AuditState& st, const Envelope& env) {
  auto it = st.admins.find(env.signer);
  if (it == st.admins.end()) {
    return PermissionDenied(
        "unknown_admin", KindLabel(env.kind) + "的签名者 " + env.signer +
                             " 不是此前日志中登记的管理员 (signer is not a known administrator)");
  }
  if (it->second.revoked) {
    return PermissionDenied("admin_revoked",
                            KindLabel(env.kind) + "的签名者 " + env.signer + " 已在第 " +
                                std::to_string(it->second.revoked_index) +
                                " 条记录被撤销管理员资格 (signer is a revoked administrator)");
  }
  Status s = VerifyEnvelope(env, it->second.key);
  if (!s.ok()) {
    return s.WithContext(KindLabel(env.kind) + "，管理员 " + env.signer + ": ");
  }
  return Status::Ok();
}

Status CheckSigner(const Envelope& env, const std::string& named, const char* what) {
  if (named == env.signer) return Status::Ok();
  return PermissionDenied("signer_mismatch",
                          std::string("信封的签名者 ") + env.signer + " 与记录中的 " + what + " " +
                              named + " 不一致 (envelope signer does not match the body)");
}

Result<Genesis> CheckGenesis(const AuditState& /*st*/, const Envelope& env) {
  Result<Genesis> g = DecodeGenesis(env.body);
  if (!g.ok()) return g.status().WithContext("创世记录无法解析 (genesis body): ");
  GK_RETURN_IF_ERROR(CheckSigner(env, g->origin, "origin"));
  Status s = VerifyEnvelope(env, g->log_key);
  if (!s.ok()) return s.WithContext("创世记录未由其中的日志密钥签名 (genesis): ");
  return g;
}

void ApplyGenesis(AuditState& st, uint64_t index, const Genesis& g) {
  st.origin = g.origin;
  st.log_key = g.log_key;
  st.admins[g.admin] = AdminState{g.admin_key, index, false, 0};
  st.admin_keys[g.admin_key] = g.admin;
}

Result<Enrollment> CheckEnrollment(const AuditState& st, const Envelope& env) {
  GK_RETURN_IF_ERROR(VerifyAdminEnvelope(st, env));
  Result<Enrollment> e = DecodeEnrollment(env.body);
  if (!e.ok()) return e.status().WithContext("登记记录无法解析 (enrollment body): ");
  GK_RETURN_IF_ERROR(CheckSigner(env, e->admin, "admin"));
  // A revoked id may be enrolled again (a new key, perhaps a new unit); its
  // chain of change sets continues. An id in force may not.
  auto it = st.stations.find(e->station);
  if (it != st.stations.end() && !it->second.revoked) {
    return DataLoss("station_exists", "站点 " + e->station + " 已在第 " +
                                          std::to_string(it->second.enrolled_index) +
                                          " 条记录登记过，且没有被撤销 (station enrolled twice)");
  }
  for (const auto& [id, other] : st.stations) {
    if (id != e->station && other.key == e->station_key) {
      return DataLoss("key_in_use", "站点 " + e->station + " 的公钥已属于站点 " + id +
                                        " (the key is already enrolled for another station)");
    }
  }
  return e;
}

void ApplyEnrollment(AuditState& st, uint64_t index, const Enrollment& e) {
  // A re-enrollment replaces unit and key and lifts the revocation; the
  // chain (last_seq, last_id) carries on.
  StationState& s = st.stations[e.station];
  s.unit = e.unit;
  s.key = e.station_key;
  s.enrolled_index = index;
  s.revoked = false;
  s.revoked_index = 0;
}

Result<Revocation> CheckRevocation(const AuditState& st, const Envelope& env) {
  GK_RETURN_IF_ERROR(VerifyAdminEnvelope(st, env));
  Result<Revocation> r = DecodeRevocation(env.body);
  if (!r.ok()) return r.status().WithContext("撤销记录无法解析 (revocation body): ");
  GK_RETURN_IF_ERROR(CheckSigner(env, r->admin, "admin"));
  auto it = st.stations.find(r->station);
  if (it == st.stations.end()) {
    return DataLoss(
        "unknown_station",
        "撤销的站点 " + r->station + " 此前没有登记 (revocation of a station never enrolled)");
  }
  if (it->second.revoked) {
    return DataLoss("already_revoked", "站点 " + r->station + " 已在第 " +
                                           std::to_string(it->second.revoked_index) +
                                           " 条记录被撤销 (station revoked twice)");
  }
  return r;
}

void ApplyRevocation(AuditState& st, uint64_t index, const Revocation& r) {
  StationState& s = st.stations.at(r.station);
  s.revoked = true;
  s.revoked_index = index;
}

Result<RosterChange> CheckRoster(const AuditState& st, const Envelope& env) {
  GK_RETURN_IF_ERROR(VerifyAdminEnvelope(st, env));
  Result<RosterChange> r = DecodeRosterChange(env.body);
  if (!r.ok()) return r.status().WithContext("管理员名册记录无法解析 (roster body): ");
  GK_RETURN_IF_ERROR(CheckSigner(env, r->admin, "admin"));
  auto it = st.admins.find(r->name);
  if (r->action == RosterAction::kAdd) {
    if (it != st.admins.end() && !it->second.revoked) {
      return DataLoss("admin_exists", "管理员 " + r->name + " 已在第 " +
                                          std::to_string(it->second.index) +
                                          " 条记录加入，且没有被撤销 (administrator added twice)");
    }
    auto used = st.admin_keys.find(r->key);
    if (used != st.admin_keys.end()) {
      return DataLoss("key_in_use", "新管理员 " + r->name + " 的公钥曾属于管理员 " + used->second +
                                        "，管理员公钥不能重复使用 (administrator key used before)");
    }
    return r;
  }
  if (it == st.admins.end()) {
    return DataLoss("unknown_admin", "撤销的管理员 " + r->name +
                                         " 此前没有加入 (revocation of an unknown administrator)");
  }
  if (it->second.revoked) {
    return DataLoss("already_revoked", "管理员 " + r->name + " 已在第 " +
                                           std::to_string(it->second.revoked_index) +
                                           " 条记录被撤销 (administrator revoked twice)");
  }
  if (it->second.key != r->key) {
    return DataLoss("key_mismatch", "撤销记录中的公钥不是管理员 " + r->name +
                                        " 当前的公钥 (revocation names another key)");
  }
  if (st.active_admins() <= 1) {
    return FailedPrecondition("last_admin", "管理员 " + r->name +
                                                " 是最后一位在任管理员，不能撤销 (the last active "
                                                "administrator cannot be revoked)");
  }
  return r;
}

void ApplyRoster(AuditState& st, uint64_t index, const RosterChange& r) {
  AdminState& a = st.admins[r.name];
  if (r.action == RosterAction::kAdd) {
    a = AdminState{r.key, index, false, 0};
    st.admin_keys[r.key] = r.name;
  } else {
    a.revoked = true;
    a.revoked_index = index;
  }
}

Result<ApprovalPolicy> CheckPolicy(const AuditState& st, const Envelope& env) {
  GK_RETURN_IF_ERROR(VerifyAdminEnvelope(st, env));
  Result<ApprovalPolicy> p = DecodeApprovalPolicy(env.body);
  if (!p.ok()) return p.status().WithContext("审批规则记录无法解析 (policy body): ");
  GK_RETURN_IF_ERROR(CheckSigner(env, p->admin, "admin"));
  if (p->approvals > st.active_admins()) {
    return FailedPrecondition("too_few_admins",
                              "审批规则要求 " + std::to_string(static_cast<int>(p->approvals)) +
                                  " 位管理员签名，但在任管理员只有 " +
                                  std::to_string(st.active_admins()) +
                                  " 位 (more approvals required than active administrators)");
  }
  return p;
}

void ApplyPolicy(AuditState& st, uint64_t index, const ApprovalPolicy& p) {
  st.approvals_required = p.approvals;
  st.policy_index = index;
}

Result<CertificateAnnouncement> CheckCertificate(const AuditState& st, const Envelope& env) {
  // T1: under the log's own name, T2: by the log key.
  if (env.signer != st.origin) {
    return PermissionDenied("signer_mismatch",
                            "证书公告的签名者 " + env.signer + " 不是本日志的名称 " + st.origin +
                                " (a certificate record is signed by the log key)");
  }
  Status s = VerifyEnvelope(env, st.log_key);
  if (!s.ok()) return s.WithContext("证书公告未由日志密钥签名 (certificate): ");
  // T3: the body decodes; T4: it names the same origin.
  Result<CertificateAnnouncement> c = DecodeCertificateAnnouncement(env.body);
  if (!c.ok()) return c.status().WithContext("证书公告无法解析 (certificate body): ");
  GK_RETURN_IF_ERROR(CheckSigner(env, c->origin, "origin"));
  return c;
}

}  // namespace gongkai
