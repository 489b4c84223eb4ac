#include <iostream>

#include "core/base/hex.h"
#include "core/base/reasons.h"
#include "core/changeset/changeset.h"
#include "core/config/config_file.h"
#include "core/config/config_keys.h"
#include "core/store/atomic_file.h"
#include "hub/admin/admin_signer.h"
#include "hub/api/hub_api.h"
#include "hub/cli/commands.h"
#include "hub/cli/flags.h"
#include "hub/ingest/ingest_queue.h"
#include "hub/log/store_check.h"
#include "hub/review/auto_approver.h"
#include "hub/server/listen_address.h"
#include "hub/server/server.h"
#include "hub/store/hub_paths.h"
#include "hub/witness/witness_sender.h"

namespace gongkai::hub {
namespace {

// A config file problem: exit status 2 (the systemd unit does not restart on
// it), one line naming the file and line (the parser's message does).
Status BadConfig(const Status& s) { return InvalidArgument("bad_config", s.message(), s.field()); }

// hub.conf (docs/packaging.md) as flags placed BEFORE the command line's own,
// so a flag given on the command line wins (Flags::Get takes the last value).
// Numbers are checked here so the message names the file's line.
Result<std::vector<std::string>> ConfigFileArgs(const std::string& path) {
  Result<ConfigFile> file = ReadConfigFile(path, HubConfigKeys());
  if (!file.ok()) return BadConfig(file.status());
  std::vector<std::string> out;
  for (const char* key : {"dir", "listen"}) {
    if (std::optional<std::string> v = file->GetString(key)) {
      out.push_back("--" + std::string(key) + "=" + *v);
    }
  }
  struct Num {
    const char* key;
    const char* flag;
    uint64_t min, max;
  };
  for (const Num& n :
       {Num{"threads", "threads", 1, 64}, Num{"max_body_bytes", "max-body-bytes", 1024, 1ull << 30},
        Num{"max_connections", "max-connections", 1, 100000},
        Num{"max_connections_per_address", "max-connections-per-address", 1, 100000},
        Num{"requests_per_second_per_address", "requests-per-second-per-address", 0, 1000000},
        Num{"request_burst_per_address", "request-burst-per-address", 1, 10000000},
        Num{"read_timeout_seconds", "read-timeout", 1, 3600}}) {
    Result<std::optional<uint64_t>> v = file->GetUnsigned(n.key, n.min, n.max);
    if (!v.ok()) return BadConfig(v.status());
    if (*v) out.push_back("--" + std::string(n.flag) + "=" + std::to_string(**v));
  }
  std::vector<std::string> stations = file->GetList("auto_approve_stations");
  if (!stations.empty()) {
    std::string joined;
    for (const std::string& id : stations) joined += (joined.empty() ? "" : ",") + id;
    Result<std::set<std::string>> ok = ParseStationList(joined);
    if (!ok.ok()) {
      const ConfigEntry* e = file->Find("auto_approve_stations");
      return InvalidArgument("bad_config",
                             file->name() + " 第 " + std::to_string(e ? e->line : 0) +
                                 " 行: auto_approve_stations: " + ok.status().message(),
                             "auto_approve_stations");
    }
    out.push_back("--auto-approve=" + joined);
  }
  // origin and admin are read by `init` only (the package's postinst).
  return out;
}

}  // namespace

int RunServe(const Args& command_line) {
  const FlagSpec spec{
      {"dir", "listen", "threads", "max-body-bytes", "max-header-bytes", "max-connections",
       "max-connections-per-address", "requests-per-second-per-address",
       "request-burst-per-address", "max-changesets", "max-ops-per-changeset",
       "max-ops-per-request", "handshake-timeout", "read-timeout", "write-timeout", "drain-timeout",
       "port-file", "auto-approve", "admin", "as", "auto-approve-interval", "config",
       "witness-interval", "witness-refresh"},
      {"print-config", "no-self-check"}};
  Result<Flags> flags = Flags::Parse(command_line, spec);
  if (!flags.ok()) return ReportError(flags.status());
  if (std::optional<std::string> config = flags->Get("config")) {
    Result<std::vector<std::string>> from_file = ConfigFileArgs(*config);
    if (!from_file.ok()) return ReportError(from_file.status());
    std::vector<std::string> args = std::move(from_file).value();
    args.insert(args.end(), command_line.begin(), command_line.end());
    flags = Flags::Parse(args, spec);
    if (!flags.ok()) return ReportError(flags.status());
  }
  Result<std::string> dir = DataDir(*flags);
  if (!dir.ok()) return ReportError(dir.status());
  HubPaths paths{*dir};

  ServerOptions opts;
  opts.cert_file = paths.tls_cert();
  opts.key_file = paths.tls_key();
  ApiOptions api_opts;
  Status s = ParseListen(flags->GetOr("listen", "127.0.0.1:8443"), &opts);
  if (!s.ok()) return ReportError(s);
  struct UintFlag {
    const char* name;
    uint64_t min, max;
    size_t* target;
  };
  size_t threads = 2;
  for (const UintFlag& f :
       {UintFlag{"threads", 1, 64, &threads},
        UintFlag{"max-body-bytes", 1024, 1ull << 30, &opts.max_body_bytes},
        UintFlag{"max-header-bytes", 1024, 1 << 20, &opts.max_header_bytes},
        UintFlag{"max-connections", 1, 100000, &opts.max_connections},
        UintFlag{"max-connections-per-address", 1, 100000, &opts.max_connections_per_address},
        UintFlag{"requests-per-second-per-address", 0, 1000000,
                 &opts.requests_per_second_per_address},
        UintFlag{"request-burst-per-address", 1, 10000000, &opts.request_burst_per_address},
        UintFlag{"max-changesets", 1, 100000, &api_opts.max_changesets_per_request},
        UintFlag{"max-ops-per-changeset", 1, kMaxOpsPerChangeSet, &api_opts.max_ops_per_changeset},
        UintFlag{"max-ops-per-request", 1, 10000000, &api_opts.max_ops_per_request}}) {
    Result<uint64_t> v = flags->GetUint(f.name, *f.target, f.min, f.max);
    if (!v.ok()) return ReportError(v.status());
    *f.target = static_cast<size_t>(*v);
  }
  if (api_opts.max_ops_per_request < api_opts.max_ops_per_changeset) {
    return ReportError(InvalidArgument(
        "bad_number",
        "--max-ops-per-request 不能小于 --max-ops-per-changeset（否则一个变更集也传不上来）",
        "max-ops-per-request"));
  }
  opts.threads = static_cast<int>(threads);
  struct TimeFlag {
    const char* name;
    std::chrono::milliseconds* target;
  };
  for (const TimeFlag& f : {TimeFlag{"handshake-timeout", &opts.handshake_timeout},
                            TimeFlag{"read-timeout", &opts.read_timeout},
                            TimeFlag{"write-timeout", &opts.write_timeout},
                            TimeFlag{"drain-timeout", &opts.drain_timeout}}) {
    Result<int64_t> ms =
        flags->GetSecondsAsMillis(f.name, static_cast<double>(f.target->count()) / 1000.0, 3600);
    if (!ms.ok()) return ReportError(ms.status());
    *f.target = std::chrono::milliseconds(*ms);
  }
  std::optional<std::string> auto_approve = flags->Get("auto-approve");
  if (auto_approve) {
    Result<std::set<std::string>> stations = ParseStationList(*auto_approve);
    if (!stations.ok()) return ReportError(stations.status());
  }

  if (flags->Has("print-config")) {
    // The effective settings (config file, then flags); nothing is opened.
    std::cout << "config = " << flags->GetOr("config", "") << "\n"
              << "dir = " << *dir << "\n"
              << "listen = " << opts.host << ":" << opts.port << "\n"
              << "threads = " << opts.threads << "\n"
              << "max_body_bytes = " << opts.max_body_bytes << "\n"
              << "max_header_bytes = " << opts.max_header_bytes << "\n"
              << "max_connections = " << opts.max_connections << "\n"
              << "max_connections_per_address = " << opts.max_connections_per_address << "\n"
              << "requests_per_second_per_address = " << opts.requests_per_second_per_address
              << "\n"
              << "request_burst_per_address = " << opts.request_burst_per_address << "\n"
              << "max_changesets = " << api_opts.max_changesets_per_request << "\n"
              << "max_ops_per_changeset = " << api_opts.max_ops_per_changeset << "\n"
              << "max_ops_per_request = " << api_opts.max_ops_per_request << "\n"
              << "handshake_timeout_seconds = " << opts.handshake_timeout.count() / 1000.0 << "\n"
              << "read_timeout_seconds = " << opts.read_timeout.count() / 1000.0 << "\n"
              << "write_timeout_seconds = " << opts.write_timeout.count() / 1000.0 << "\n"
              << "drain_timeout_seconds = " << opts.drain_timeout.count() / 1000.0 << "\n"
              << "auto_approve_stations = " << auto_approve.value_or("") << "\n";
    return 0;
  }

  // A damaged store is never served as good: the quick self-check first
  // (hub/log/store_check.h). --no-self-check serves it as it is — only to
  // reproduce a hub that does not check itself (tests of the auditor).
  api_opts.self_check = !flags->Has("no-self-check");
  if (api_opts.self_check) {
    Result<HubDb> db = HubDb::Open(paths.db());
    if (!db.ok()) return ReportError(db.status());
    StoreCheckFailure failure;
    Result<StoreCheckReport> checked = CheckStore(*db, false, &failure);
    if (!checked.ok()) {
      if (checked.status().reason() == reason::kDbCorrupt) return ReportDamage(failure, false);
      return ReportError(checked.status());
    }
  }
  Result<std::unique_ptr<IngestQueue>> ingest = IngestQueue::Start(paths.db());
  if (!ingest.ok()) return ReportError(ingest.status());
  Result<std::unique_ptr<HubApi>> api = HubApi::Create(paths.db(), ingest->get(), api_opts);
  if (!api.ok()) return ReportError(api.status());

  // Optional auto-approve policy (hub/review/auto_approver.h); off by default.
  std::unique_ptr<AutoApprover> auto_approver;
  if (auto_approve) {
    Result<std::set<std::string>> stations = ParseStationList(*auto_approve);
    if (!stations.ok()) return ReportError(stations.status());
    Result<int64_t> every = flags->GetSecondsAsMillis("auto-approve-interval", 1.0, 3600);
    if (!every.ok()) return ReportError(every.status());
    Result<HubDb> admin_db = HubDb::Open(paths.db());
    if (!admin_db.ok()) return ReportError(admin_db.status());
    Result<AdminSigner> admin = LoadAdminSigner(*admin_db, paths, SignerFlag(*flags));
    if (!admin.ok()) return ReportError(admin.status());
    if (!stations->empty()) {
      Result<std::unique_ptr<AutoApprover>> a = AutoApprover::Start(
          paths.db(), std::move(admin).value(), *stations, std::chrono::milliseconds(*every));
      if (!a.ok()) return ReportError(a.status());
      auto_approver = std::move(a).value();
    }
  }

  // County witnesses (hub/witness/witness_sender.h): a thread of its own
  // sends each new checkpoint; it reads the witness list on every pass, so
  // `gongkai-hub witness add` takes effect without a restart.
  WitnessSenderOptions witness_opts;
  Result<int64_t> witness_every = flags->GetSecondsAsMillis("witness-interval", 1.0, 3600);
  if (!witness_every.ok()) return ReportError(witness_every.status());
  witness_opts.interval = std::chrono::milliseconds(*witness_every);
  Result<uint64_t> refresh = flags->GetUint("witness-refresh", 600, 1, 86400);
  if (!refresh.ok()) return ReportError(refresh.status());
  witness_opts.refresh = std::chrono::seconds(*refresh);
  Result<std::unique_ptr<WitnessSender>> witness_sender =
      WitnessSender::Start(paths.db(), paths.log_key(), witness_opts);
  if (!witness_sender.ok()) return ReportError(witness_sender.status());

  std::string port_file = flags->GetOr("port-file", "");
  Status port_status;
  s = RunServer(
      opts, **api,
      [&](uint16_t port) {
        std::cout << "gongkai-hub 正在监听 https://" << opts.host << ":" << port << "/ ("
                  << opts.threads << " 个线程；按 Ctrl-C 停止)" << std::endl;
        if (!port_file.empty()) {
          port_status = WriteFileAtomic(port_file, std::to_string(port) + "\n", 0644);
        }
      },
      [&] {
        (*witness_sender)->Stop();
        if (auto_approver) auto_approver->Stop();
        (*ingest)->Stop();
      });
  if (!s.ok()) return ReportError(s);
  if (!port_status.ok()) return ReportError(port_status);
  std::cout << "gongkai-hub 已停止。" << std::endl;
  return 0;
}

}  // namespace gongkai::hub
