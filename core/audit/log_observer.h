// Callbacks from LogVerifier, so that one pass over a log can both verify
// it and build views of it (RowHistory, summaries, progress).
//
// Contract: a callback is made only for an entry that passed every rule of
// docs/formats/log-entry.md, after the verifier's state includes it, in
// log order, once per entry. A refused entry produces no callback. The
// references are valid only during the call.
#pragma once

#include <cstdint>

#include "core/base/bytes.h"
#include "core/catalog/catalog.h"
#include "core/changeset/changeset.h"
#include "core/record/certificate.h"
#include "core/record/decision.h"
#include "core/record/enrollment.h"
#include "core/record/genesis.h"
#include "core/record/policy.h"
#include "core/record/revocation.h"
#include "core/record/roster.h"

namespace gongkai {

class LogObserver {
 public:
  virtual ~LogObserver() = default;

  virtual void OnGenesis(uint64_t /*index*/, const Genesis& /*g*/) {}
  virtual void OnEnrollment(uint64_t /*index*/, const Enrollment& /*e*/) {}
  virtual void OnRevocation(uint64_t /*index*/, const Revocation& /*r*/) {}
  virtual void OnRoster(uint64_t /*index*/, const RosterChange& /*r*/) {}
  virtual void OnPolicy(uint64_t /*index*/, const ApprovalPolicy& /*p*/) {}
  virtual void OnReview(uint64_t /*index*/, const Review& /*r*/) {}
  virtual void OnCertificate(uint64_t /*index*/, const CertificateAnnouncement& /*c*/) {}
  virtual void OnChangeSet(uint64_t /*index*/, const Hash32& /*id*/, const ChangeSet& /*cs*/) {}
  // `result` is the catalog of approval.version.
  virtual void OnApproval(uint64_t /*index*/, const Approval& /*approval*/,
                          const Catalog& /*result*/) {}
  // `rejected` is the change set the rejection decided.
  virtual void OnRejection(uint64_t /*index*/, const Rejection& /*rejection*/,
                           const ChangeSet& /*rejected*/) {}
};

}  // namespace gongkai
