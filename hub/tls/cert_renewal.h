// Renewing the hub's TLS certificate without visiting the villages
// (docs/operations.md § Renewing the TLS certificate,
// docs/decisions/0019-certificate-announcements.md).
//
//   1. RenewTls: a new key and certificate (self-signed, or given as files)
//      are written to D/tls-next.key and D/tls-next.crt, then a certificate
//      announcement (core/record/certificate.h) signed by the log key is
//      appended to the log, in one transaction. Stations learn it on their
//      next pull (or from a catalog bundle).
//   2. SwitchTls: once the villages have pulled, the announced pair becomes
//      D/tls.key, D/tls.crt (the pair before it kept as D/tls-old.*);
//      `gongkai-hub serve` presents it from its next start.
//
// Crash safety: the next pair is written before the announcement is logged,
// so a crash leaves either nothing announced (renew again: an unannounced
// next pair is replaced) or an announced pair waiting. SwitchTls writes
// tls-old.* first, then tls.key, then tls.crt, each atomically, and removes
// tls-next.* last; run again after a crash it completes the switch (it
// recognises a tls.key already replaced and does not overwrite tls-old.*).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "core/record/certificate.h"
#include "hub/store/hub_db.h"
#include "hub/store/hub_paths.h"
#include "hub/tls/cert_fingerprint.h"
#include "hub/tls/tls_material.h"

namespace gongkai::hub {

struct AnnouncedCertificate {
  uint64_t log_index = 0;
  CertificateAnnouncement announcement;
};
// Every certificate announcement in the log, in log order.
Result<std::vector<AnnouncedCertificate>> ListCertificateAnnouncements(HubDb& db);

struct RenewRequest {
  TlsSource source;
  std::string reason;
  int64_t now = 0;
};
struct RenewOutcome {
  CertFacts next;
  bool key_changed = true;  // the new certificate has another public key
  uint64_t log_index = 0;   // of the announcement
};
// Reasons: TlsMaterial's, empty_reason (and the other reason-text checks),
// bad_validity, same_certificate (InvalidArgument: it is the one in use),
// renewal_pending (FailedPrecondition: an announced pair waits for
// `tls switch`), log_key_unavailable (FailedPrecondition), file errors.
// Nothing is logged when any check fails.
Result<RenewOutcome> RenewTls(HubDb& db, const HubPaths& paths, const RenewRequest& request);

struct SwitchOutcome {
  CertFacts before;  // the pair now kept as tls-old.*
  CertFacts now;     // the pair now in tls.*
  uint64_t announced_at_index = 0;
};
// Reasons: no_renewal (FailedPrecondition: nothing waits in tls-next.*),
// not_announced (FailedPrecondition: the waiting certificate is not in the
// log — run `tls renew` again), key_mismatch, bad_certificate, file errors.
Result<SwitchOutcome> SwitchTls(HubDb& db, const HubPaths& paths);

struct TlsState {
  CertFacts current;
  std::optional<CertFacts> next;           // tls-next.crt, if any
  std::optional<uint64_t> next_announced;  // the log index announcing it
  std::vector<AnnouncedCertificate> announced;
};
Result<TlsState> ReadTlsState(HubDb& db, const HubPaths& paths);

}  // namespace gongkai::hub
