// gongkai-audit: the independent auditor's command line (docs/audit.md).
//
//   gongkai-audit verify  (--hub URL --hub-cert-sha256 HEX | --file FILE)
//                         --hub-key VKEY [--state FILE] [--json] [--quiet]
//   gongkai-audit history (--hub URL --hub-cert-sha256 HEX | --file FILE)
//                         [--hub-key VKEY] [--json] ID
//
// Exit status: 0 verified; 1 the log failed verification (a broken rule, a
// bad signature, a forked or rewound history — evidence against the hub);
// 2 wrong usage; 3 could not check (network, TLS pin, files); 4 (history)
// the log verified but the id names no row in it (unknown_row) or more
// than one (ambiguous_id).
#pragma once

#include <string>
#include <vector>

namespace gongkai::station {

inline constexpr int kAuditOk = 0;
inline constexpr int kAuditInvalid = 1;
inline constexpr int kAuditUsage = 2;
inline constexpr int kAuditCannotCheck = 3;
inline constexpr int kAuditNoSuchRow = 4;

int RunAudit(const std::vector<std::string>& args);

}  // namespace gongkai::station
