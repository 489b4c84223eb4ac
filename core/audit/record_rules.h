// The rules for the identity records of a log: the genesis, enrollments and
// revocations (docs/formats/log-entry.md, rules G*, E*, R*), plus the
// administrator-signature check shared with the decision rules.
//
// Each Check* function looks at one decoded envelope and the state built
// from the entries before it, and changes nothing; each Apply* function
// adds an entry that passed its Check* to the state and cannot fail.
#pragma once

#include <cstdint>

#include "core/audit/audit_state.h"
#include "core/base/status.h"
#include "core/record/certificate.h"
#include "core/record/enrollment.h"
#include "core/record/envelope.h"
#include "core/record/genesis.h"
#include "core/record/policy.h"
#include "core/record/revocation.h"
#include "core/record/roster.h"

namespace gongkai {

// The envelope's signer must be an administrator introduced by an earlier
// entry (PermissionDenied "unknown_admin") whose key verifies the signature
// (Unauthenticated "bad_signature").
Status VerifyAdminEnvelope(const AuditState& st, const Envelope& env);
// The name inside a body must be the envelope's signer (PermissionDenied
// "signer_mismatch"). `what` names the body's field, e.g. "admin".
Status CheckSigner(const Envelope& env, const std::string& named, const char* what);

Result<Genesis> CheckGenesis(const AuditState& st, const Envelope& env);
void ApplyGenesis(AuditState& st, uint64_t index, const Genesis& g);

Result<Enrollment> CheckEnrollment(const AuditState& st, const Envelope& env);
void ApplyEnrollment(AuditState& st, uint64_t index, const Enrollment& e);

Result<Revocation> CheckRevocation(const AuditState& st, const Envelope& env);
void ApplyRevocation(AuditState& st, uint64_t index, const Revocation& r);

// Rules O* (roster): an active administrator adds a name not active (with a
// key never used by any administrator) or revokes an active one (with its
// key in force), never the last active one.
Result<RosterChange> CheckRoster(const AuditState& st, const Envelope& env);
void ApplyRoster(AuditState& st, uint64_t index, const RosterChange& r);

// Rules P* (policy): an active administrator sets how many different
// active administrators sign each version — never more than are active
// (FailedPrecondition "too_few_admins"). In force from the next entry.
Result<ApprovalPolicy> CheckPolicy(const AuditState& st, const Envelope& env);
void ApplyPolicy(AuditState& st, uint64_t index, const ApprovalPolicy& p);

// Rules T* (certificate announcement): signed by the log key of the genesis,
// under the log's origin. It changes no state: a verifier needs nothing
// beyond the log key to judge it.
Result<CertificateAnnouncement> CheckCertificate(const AuditState& st, const Envelope& env);

}  // namespace gongkai
