// The gongkai-hub subcommands (docs/hub.md). Each takes the arguments after
// its name and returns the process exit status: 0 done, 1 failed (one line
// on stderr says what and what to do), 2 wrong usage.
#pragma once

#include <string>
#include <vector>

#include "core/base/exit_code.h"
#include "core/base/status.h"

namespace gongkai::hub {

using Args = std::vector<std::string>;

int RunInit(const Args& args);     // init --dir D --origin NAME --admin NAME
int RunInfo(const Args& args);     // info --dir D [--json]
int RunServe(const Args& args);    // serve --dir D --listen HOST:PORT
int RunStation(const Args& args);  // station add|revoke|list ...
// Review (docs/hub.md § Review): hub/cli/{pending,resolve,approve,catalog}_command.cc
int RunPending(const Args& args);  // pending --dir D [--json]
int RunResolve(const Args& args);  // resolve --dir D CONFLICT --value V | --take ID | --keep
int RunApprove(const Args& args);  // approve --dir D [--all | CHANGESET...] [--note TEXT]
int RunReject(const Args& args);   // reject --dir D CHANGESET --reason TEXT
int RunCatalog(const Args& args);  // catalog --dir D [--version N] [--json|--csv]
// compliance --dir D --period TEXT [--json|--csv|--xlsx FILE] (hub/cli/compliance_command.cc)
int RunCompliance(const Args& args);
int RunAdmin(const Args& args);    // admin passwd --dir D [--admin NAME] (hub/cli/admin_command.cc)
int RunWitness(const Args& args);
int RunTls(const Args& args);  // tls renew|switch|status (hub/cli/tls_command.cc)  // witness
                               // add|remove|list|send (hub/cli/witness_command.cc)

// The exit status of gongkai-hub for s (docs/exit-codes.md): 0 done, 2
// usage errors (unknown/missing flags), 7 the store is damaged (db_corrupt),
// 1 any other failure.
int HubExitCode(const Status& s);
// Prints "错误: <message> [reason]" on stderr; returns HubExitCode(s).
int ReportError(const Status& s);

// The store is damaged (db_corrupt): `check` found it, or `serve` refused to
// start on it (hub/log/store_check.h).
inline constexpr int kExitStoreDamaged = static_cast<int>(ExitCode::kDamaged);
int RunCheck(const Args& args);  // check --dir D [--full] [--json]
struct StoreCheckFailure;
// Prints the damage (and --json) and returns kExitStoreDamaged.
int ReportDamage(const StoreCheckFailure& f, bool json);

}  // namespace gongkai::hub
