#include "core/audit/log_verifier.h"

#include "core/audit/audit_state_codec.h"
#include "core/audit/changeset_rules.h"
#include "core/audit/decision_rules.h"
#include "core/audit/record_rules.h"
#include "core/base/hex.h"
#include "core/log/merkle.h"
#include "core/record/envelope.h"

namespace gongkai {

std::string EntryPrefix(uint64_t index) {
  std::string n = std::to_string(index);
  return "第 " + n + " 条记录 / entry " + n + ": ";
}

Result<LogVerifier> LogVerifier::LoadState(const Bytes& state) {
  GK_ASSIGN_OR_RETURN(AuditState st, DecodeAuditState(state));
  LogVerifier v;
  v.state_ = std::move(st);
  return v;
}

Bytes LogVerifier::SaveState() const { return EncodeAuditState(state_); }

Status LogVerifier::Add(uint64_t index, const Bytes& leaf) {
  if (index != size()) {
    return InvalidArgument("out_of_order", EntryPrefix(index) + "应按顺序核验，下一条应为第 " +
                                               std::to_string(size()) + " 条 (expected entry " +
                                               std::to_string(size()) + ")");
  }
  Status s = Apply(index, leaf);
  if (!s.ok()) return s.WithContext(EntryPrefix(index));
  return Status::Ok();
}

void LogVerifier::CollectSignatures(const std::vector<Bytes>& leaves, SignatureBatch* batch) const {
  for (const Bytes& leaf : leaves) {
    Result<Envelope> env = DecodeEnvelope(leaf);
    if (!env.ok()) continue;
    const PublicKey* key = nullptr;
    switch (env->kind) {
      case EnvelopeKind::kChangeSet: {
        auto it = state_.stations.find(env->signer);
        if (it != state_.stations.end()) key = &it->second.key;
        break;
      }
      case EnvelopeKind::kEnrollment:
      case EnvelopeKind::kRevocation:
      case EnvelopeKind::kApproval:
      case EnvelopeKind::kRejection:
      case EnvelopeKind::kPolicy:
      case EnvelopeKind::kReview: {
        auto it = state_.admins.find(env->signer);
        if (it != state_.admins.end()) key = &it->second.key;
        break;
      }
      default:  // the genesis carries its own key; it is checked alone
        break;
    }
    if (key) batch->Add(*key, SignedMessage(env->kind, env->body), env->signature);
  }
}

// Decodes the entry, checks it against the state of the entries before it
// (changing nothing), then commits: the leaf joins the Merkle range, the
// record joins the state, the observers hear of it.
Status LogVerifier::Apply(uint64_t index, const Bytes& leaf) {
  Result<Envelope> decoded = DecodeEnvelope(leaf);
  if (!decoded.ok()) return decoded.status().WithContext("记录无法解析 (envelope): ");
  const Envelope& env = *decoded;

  // L3/L4: the genesis is entry 0 and only entry 0.
  if (index == 0 && env.kind != EnvelopeKind::kGenesis) {
    return DataLoss("missing_genesis", std::string("日志的第一条记录必须是创世记录，实为 ") +
                                           EnvelopeKindName(env.kind) +
                                           " (entry 0 must be the genesis)");
  }
  if (index != 0 && env.kind == EnvelopeKind::kGenesis) {
    return DataLoss("unexpected_genesis",
                    "只有第 0 条记录可以是创世记录 (a second genesis record)");
  }

  auto commit_leaf = [&] { state_.tree.Append(LeafHash(leaf)); };
  switch (env.kind) {
    case EnvelopeKind::kGenesis: {
      GK_ASSIGN_OR_RETURN(Genesis g, CheckGenesis(state_, env));
      commit_leaf();
      ApplyGenesis(state_, index, g);
      for (LogObserver* o : observers_) o->OnGenesis(index, g);
      return Status::Ok();
    }
    case EnvelopeKind::kEnrollment: {
      GK_ASSIGN_OR_RETURN(Enrollment e, CheckEnrollment(state_, env));
      commit_leaf();
      ApplyEnrollment(state_, index, e);
      for (LogObserver* o : observers_) o->OnEnrollment(index, e);
      return Status::Ok();
    }
    case EnvelopeKind::kRevocation: {
      GK_ASSIGN_OR_RETURN(Revocation r, CheckRevocation(state_, env));
      commit_leaf();
      ApplyRevocation(state_, index, r);
      for (LogObserver* o : observers_) o->OnRevocation(index, r);
      return Status::Ok();
    }
    case EnvelopeKind::kChangeSet: {
      GK_ASSIGN_OR_RETURN(IdentifiedChangeSet ics, CheckChangeSet(state_, env));
      commit_leaf();
      const IdentifiedChangeSet& stored = ApplyChangeSet(state_, index, std::move(ics));
      for (LogObserver* o : observers_) o->OnChangeSet(index, stored.id, stored.cs);
      return Status::Ok();
    }
    case EnvelopeKind::kApproval: {
      GK_ASSIGN_OR_RETURN(CheckedApproval checked, CheckApproval(state_, env));
      commit_leaf();
      ApplyApproval(state_, checked.approval, std::move(checked.result));
      for (LogObserver* o : observers_) o->OnApproval(index, checked.approval, state_.catalog);
      return Status::Ok();
    }
    case EnvelopeKind::kRoster: {
      GK_ASSIGN_OR_RETURN(RosterChange r, CheckRoster(state_, env));
      commit_leaf();
      ApplyRoster(state_, index, r);
      for (LogObserver* o : observers_) o->OnRoster(index, r);
      return Status::Ok();
    }
    case EnvelopeKind::kPolicy: {
      GK_ASSIGN_OR_RETURN(ApprovalPolicy p, CheckPolicy(state_, env));
      commit_leaf();
      ApplyPolicy(state_, index, p);
      for (LogObserver* o : observers_) o->OnPolicy(index, p);
      return Status::Ok();
    }
    case EnvelopeKind::kReview: {
      GK_ASSIGN_OR_RETURN(Review v, CheckReview(state_, env));
      commit_leaf();
      ApplyReview(state_, index, leaf);
      for (LogObserver* o : observers_) o->OnReview(index, v);
      return Status::Ok();
    }
    case EnvelopeKind::kCertificate: {
      GK_ASSIGN_OR_RETURN(CertificateAnnouncement c, CheckCertificate(state_, env));
      commit_leaf();
      for (LogObserver* o : observers_) o->OnCertificate(index, c);
      return Status::Ok();
    }
    case EnvelopeKind::kRejection: {
      GK_ASSIGN_OR_RETURN(Rejection r, CheckRejection(state_, env));
      commit_leaf();
      ChangeSet rejected = ApplyRejection(state_, r);
      for (LogObserver* o : observers_) o->OnRejection(index, r, rejected);
      return Status::Ok();
    }
  }
  return InvalidArgument("unknown_kind", "未知记录类型 (unknown kind)");
}

namespace {
Status EmptyLog() {
  return FailedPrecondition("empty_log",
                            "尚未核验任何记录，请先核验第 0 条创世记录 (verify entry 0 first)");
}
}  // namespace

Status LogVerifier::CheckLogKey(const VerifierKey& given) const {
  if (size() == 0) return EmptyLog();
  if (given.name != state_.origin || given.key != state_.log_key) {
    return Unauthenticated("log_key_mismatch",
                           "给定的集镇中心公钥 " + given.ToString() + " 与日志创世记录中的 " +
                               log_verifier_key().ToString() +
                               " 不一致，这不是你要核验的那个日志 (log key mismatch)");
  }
  return Status::Ok();
}

Status LogVerifier::CheckCheckpoint(const Checkpoint& cp) const {
  if (size() == 0) return EmptyLog();
  if (cp.origin != state_.origin) {
    return Unauthenticated("origin_mismatch", "检查点属于日志 " + cp.origin +
                                                  "，而创世记录中的日志是 " + state_.origin +
                                                  " (checkpoint origin mismatch)");
  }
  if (cp.size != size()) {
    return DataLoss("size_mismatch", "检查点记录了 " + std::to_string(cp.size) +
                                         " 条记录，已核验 " + std::to_string(size()) +
                                         " 条 (checkpoint size differs)");
  }
  if (cp.root != Root()) {
    return DataLoss("root_mismatch",
                    "检查点的根哈希与按 " + std::to_string(size()) +
                        " 条记录重算的不符：历史被改写过 (checkpoint root hash mismatch)");
  }
  if (cp.catalog_version != state_.catalog_version) {
    return DataLoss("catalog_version_mismatch",
                    "检查点写的目录版本是 " + std::to_string(cp.catalog_version) +
                        "，日志中最新批准的是 " + std::to_string(state_.catalog_version) +
                        " (catalog version mismatch)");
  }
  if (cp.catalog_hash != state_.catalog_hash) {
    return DataLoss("catalog_hash_mismatch", "检查点中第 " + std::to_string(cp.catalog_version) +
                                                 " 版目录的哈希 " + HexEncode(cp.catalog_hash) +
                                                 " 与日志重算的 " + HexEncode(state_.catalog_hash) +
                                                 " 不符 (catalog hash mismatch)");
  }
  return Status::Ok();
}

}  // namespace gongkai
