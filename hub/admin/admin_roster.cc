#include "hub/admin/admin_roster.h"

#include <sys/stat.h>
#include <unistd.h>

#include <map>

#include "core/record/envelope.h"
#include "core/record/genesis.h"
#include "core/record/roster.h"
#include "hub/admin/admin_key_file.h"
#include "hub/admin/approval_policy.h"
#include "hub/admin/password_kdf.h"
#include "hub/store/log_table.h"

namespace gongkai::hub {
namespace {

Result<uint64_t> AppendRoster(HubDb& db, const AdminSigner& signer, RosterAction action,
                              const std::string& name, const PublicKey& key, int64_t now) {
  RosterChange r{action, name, key, signer.name, now};
  GK_RETURN_IF_ERROR(ValidateRosterChange(r));
  Envelope env = SignEnvelope(EnvelopeKind::kRoster, signer.name, EncodeRosterChange(r), signer.key);
  GK_ASSIGN_OR_RETURN(uint64_t index,
                      AppendLogEntry(db, EnvelopeKind::kRoster, EncodeEnvelope(env), now));
  GK_RETURN_IF_ERROR(InsertRosterRow(
      db, RosterRow{index, RosterActionName(action), name, key, signer.name, now}));
  return index;
}

// The revoke half, inside the caller's transaction.
Result<uint64_t> RevokeInTransaction(HubDb& db, const AdminSigner& signer, const std::string& name,
                                     int64_t now) {
  GK_RETURN_IF_ERROR(ValidateAdminName(name));
  GK_ASSIGN_OR_RETURN(std::optional<AdminRecord> target, FindAdmin(db, name));
  if (!target) return NotFound("unknown_admin", "集镇中心没有名为 " + name + " 的管理员");
  if (!target->active()) {
    return FailedPrecondition("already_revoked", "管理员 " + name + " 已在第 " +
                                                     std::to_string(*target->revoked_index) +
                                                     " 条记录被撤销了");
  }
  GK_ASSIGN_OR_RETURN(std::vector<std::string> active, ActiveAdminNames(db));
  if (active.size() <= 1) {
    return FailedPrecondition(
        "last_admin", "管理员 " + name +
                          " 是最后一位在任管理员，不能撤销；请先用 gongkai-hub admin add 增加一位");
  }
  GK_ASSIGN_OR_RETURN(uint64_t index,
                      AppendRoster(db, signer, RosterAction::kRevoke, name, target->key, now));
  GK_RETURN_IF_ERROR(MarkAdminRevoked(db, name, index));
  return index;
}

// The new key, sealed and written to D/admins/NAME.key.enc before the
// transaction commits: a crash in between leaves a key file the admins
// table does not name (refused as admin_key_mismatch, replaced by the next
// try), never an administrator in the log whose key was lost.
Result<std::pair<PrivateKey, std::string>> NewSealedKey(const HubPaths& paths,
                                                        const NewAdminKey& add) {
  GK_RETURN_IF_ERROR(ValidateAdminName(add.name));
  GK_RETURN_IF_ERROR(CheckNewPassword(add.password));
  GK_ASSIGN_OR_RETURN(PrivateKey key, PrivateKey::Generate());
  GK_ASSIGN_OR_RETURN(AdminKeyFile sealed, SealAdminKey(key, add.password, add.params));
  std::string path = AdminEncryptedKeyPath(paths, add.name);
  GK_RETURN_IF_ERROR(SaveAdminKeyFile(path, sealed));
  return std::make_pair(std::move(key), path);
}

// A name may be added when it was never an administrator or was revoked.
Result<std::optional<AdminRecord>> CheckAddable(HubDb& db, const std::string& name) {
  GK_RETURN_IF_ERROR(ValidateAdminName(name));
  GK_ASSIGN_OR_RETURN(std::optional<AdminRecord> existing, FindAdmin(db, name));
  if (existing && existing->active()) {
    return Status(Code::kAlreadyExists, "admin_exists",
                  "管理员 " + name +
                      " 已经在任；忘了密码请由另一位管理员运行 gongkai-hub admin rekey --name " +
                      name,
                  "name");
  }
  return existing;
}

// The add half, inside the caller's transaction.
Result<uint64_t> AddInTransaction(HubDb& db, const AdminSigner& signer, const std::string& name,
                                  const PublicKey& key, int64_t now) {
  GK_ASSIGN_OR_RETURN(std::optional<AdminRecord> existing, CheckAddable(db, name));
  GK_ASSIGN_OR_RETURN(bool used, AdminKeyEverUsed(db, key));
  if (used) return FailedPrecondition("key_in_use", "新密钥与以前的管理员密钥相同，请重试");
  GK_ASSIGN_OR_RETURN(uint64_t index, AppendRoster(db, signer, RosterAction::kAdd, name, key, now));
  AdminRecord rec{name, key, index, std::nullopt};
  GK_RETURN_IF_ERROR(existing ? ReplaceAdminKey(db, rec) : InsertAdmin(db, rec));
  return index;
}

// A plaintext key of an earlier key of this name would shadow the new
// encrypted one in LoadAdminSigner: it is removed once the change is logged.
void RemoveOldPlaintext(const HubPaths& paths, const std::string& name) {
  ::unlink(paths.admin_key(name).c_str());
}

}  // namespace

Status RequireActiveAdmin(HubDb& db, const std::string& name, const PublicKey& key) {
  GK_ASSIGN_OR_RETURN(std::optional<AdminRecord> rec, FindAdmin(db, name));
  if (!rec) return PermissionDenied("unknown_admin", "集镇中心没有名为 " + name + " 的管理员");
  if (rec->key != key) {
    return PermissionDenied("admin_key_mismatch",
                            "这把密钥不是管理员 " + name + " 现在登记的密钥（可能已被重新生成）");
  }
  if (!rec->active()) {
    return PermissionDenied("admin_revoked",
                            "管理员 " + name + " 已在第 " + std::to_string(*rec->revoked_index) +
                                " 条记录被撤销，不能再签名；请由在任管理员签名（gongkai-hub admin "
                                "list 列出在任管理员）");
  }
  return Status::Ok();
}

namespace {

// add and rekey: refuse early (before the slow key sealing and the key
// file) what the transaction would refuse, seal the new key, then in one
// transaction revoke the name's key in force (rekey) and add the new one.
Result<RosterOutcome> NewKey(HubDb& db, const HubPaths& paths, const AdminSigner& signer,
                             const NewAdminKey& add, int64_t now, bool rekey) {
  GK_RETURN_IF_ERROR(RequireActiveAdmin(db, signer));
  if (rekey) {
    GK_RETURN_IF_ERROR(ValidateAdminName(add.name));
    GK_ASSIGN_OR_RETURN(std::optional<AdminRecord> target, FindAdmin(db, add.name));
    if (!target) return NotFound("unknown_admin", "集镇中心没有名为 " + add.name + " 的管理员");
  } else {
    GK_RETURN_IF_ERROR(CheckAddable(db, add.name).status());
  }
  GK_ASSIGN_OR_RETURN(auto sealed, NewSealedKey(paths, add));
  Transaction tx(db.db());
  GK_RETURN_IF_ERROR(tx.status());
  GK_RETURN_IF_ERROR(RequireActiveAdmin(db, signer));
  RosterOutcome out;
  out.name = add.name;
  out.key = sealed.first.public_key();
  out.key_file = sealed.second;
  if (rekey) {
    GK_ASSIGN_OR_RETURN(std::optional<AdminRecord> target, FindAdmin(db, add.name));
    if (target && target->active()) {
      GK_ASSIGN_OR_RETURN(out.revoke_index, RevokeInTransaction(db, signer, add.name, now));
    }
  }
  GK_ASSIGN_OR_RETURN(out.add_index, AddInTransaction(db, signer, add.name, out.key, now));
  GK_RETURN_IF_ERROR(tx.Commit());
  RemoveOldPlaintext(paths, add.name);
  return out;
}

}  // namespace

Result<RosterOutcome> AddAdmin(HubDb& db, const HubPaths& paths, const AdminSigner& signer,
                               const NewAdminKey& add, int64_t now) {
  return NewKey(db, paths, signer, add, now, false);
}

Result<RosterOutcome> RevokeAdmin(HubDb& db, const AdminSigner& signer, const std::string& name,
                                  int64_t now) {
  Transaction tx(db.db());
  GK_RETURN_IF_ERROR(tx.status());
  GK_RETURN_IF_ERROR(RequireActiveAdmin(db, signer));
  // Under the two-person rule a plain revoke may not leave fewer active
  // administrators than each version needs (a re-key may: it adds back).
  GK_ASSIGN_OR_RETURN(PolicyInForce policy, ReadApprovalPolicy(db));
  GK_ASSIGN_OR_RETURN(std::vector<std::string> active, ActiveAdminNames(db));
  if (active.size() > 1 && active.size() - 1 < policy.approvals) {
    return FailedPrecondition(
        "policy_needs_admins",
        "审批规则（日志第 " + std::to_string(policy.log_index) + " 条）要求每版 " +
            std::to_string(policy.approvals) + " 位管理员签名，撤销 " + name +
            " 后在任管理员不够；请先增加一位管理员，或先改审批规则 (gongkai-hub admin policy "
            "--approvals 1)");
  }
  RosterOutcome out;
  out.name = name;
  GK_ASSIGN_OR_RETURN(out.revoke_index, RevokeInTransaction(db, signer, name, now));
  GK_ASSIGN_OR_RETURN(std::optional<AdminRecord> rec, FindAdmin(db, name));
  out.key = rec->key;
  GK_RETURN_IF_ERROR(tx.Commit());
  return out;
}

Result<RosterOutcome> RekeyAdmin(HubDb& db, const HubPaths& paths, const AdminSigner& signer,
                                 const NewAdminKey& add, int64_t now) {
  if (add.name == signer.name) {
    return InvalidArgument("rekey_self",
                           "不能为自己重新生成密钥；记得密码请用 gongkai-hub admin passwd 改密码，"
                           "忘了密码请另一位在任管理员来做",
                           "name");
  }
  return NewKey(db, paths, signer, add, now, true);
}

Result<std::vector<AdminListing>> ListAdminRoster(HubDb& db) {
  GK_ASSIGN_OR_RETURN(std::vector<AdminRecord> admins, ListAdmins(db));
  GK_ASSIGN_OR_RETURN(std::vector<RosterRow> rows, ListRosterRows(db));
  std::map<uint64_t, const RosterRow*> by_index;
  for (const RosterRow& r : rows) by_index[r.log_index] = &r;
  std::vector<AdminListing> out;
  for (AdminRecord& a : admins) {
    AdminListing l;
    auto added = by_index.find(a.log_index);
    if (added != by_index.end()) l.added_by = added->second->signed_by;
    if (a.revoked_index) {
      auto revoked = by_index.find(*a.revoked_index);
      if (revoked != by_index.end()) l.revoked_by = revoked->second->signed_by;
    }
    l.admin = std::move(a);
    out.push_back(std::move(l));
  }
  return out;
}

Result<std::vector<std::string>> ActiveAdminNames(HubDb& db) {
  GK_ASSIGN_OR_RETURN(std::vector<AdminRecord> admins, ListAdmins(db));
  std::vector<std::string> out;
  for (const AdminRecord& a : admins) {
    if (a.active()) out.push_back(a.name);
  }
  return out;
}

}  // namespace gongkai::hub
