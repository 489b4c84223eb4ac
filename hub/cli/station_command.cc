#include <boost/json.hpp>
#include <ctime>
#include <iostream>

#include "core/crypto/verifier_key.h"
#include "hub/admin/admin_signer.h"
#include "hub/admin/station_enrollment.h"
#include "hub/cli/commands.h"
#include "hub/cli/flags.h"
#include "hub/store/changeset_table.h"
#include "hub/store/station_table.h"

namespace gongkai::hub {
namespace {

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

std::string FormatTime(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm;
  localtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

struct Opened {
  std::string dir;
  HubDb db;
};

Result<Opened> OpenHub(const Flags& flags) {
  GK_ASSIGN_OR_RETURN(std::string dir, DataDir(flags));
  GK_ASSIGN_OR_RETURN(HubDb db, HubDb::Open(HubPaths{dir}.db()));
  return Opened{dir, std::move(db)};
}

int Add(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir", "id", "unit", "key", "admin"}, {}});
  if (!flags.ok()) return ReportError(flags.status());
  for (const char* name : {"id", "unit", "key"}) {
    if (Result<std::string> v = flags->Require(name); !v.ok()) return ReportError(v.status());
  }
  Result<VerifierKey> key = ParseVerifierKey(*flags->Get("key"));
  if (!key.ok()) return ReportError(key.status());
  Result<Opened> hub = OpenHub(*flags);
  if (!hub.ok()) return ReportError(hub.status());
  Result<AdminSigner> admin =
      LoadAdminSigner(hub->db, HubPaths{hub->dir}, flags->GetOr("admin", ""));
  if (!admin.ok()) return ReportError(admin.status());
  std::string id = *flags->Get("id");
  std::string unit = *flags->Get("unit");
  Result<uint64_t> index = EnrollStation(hub->db, *admin, id, unit, *key, Now());
  if (!index.ok()) return ReportError(index.status());
  std::cout << "已登记站点 " << id << "（" << unit << "），由管理员 " << admin->name
            << " 签名，日志序号 " << *index << "\n";
  return 0;
}

int Revoke(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir", "id", "reason", "admin"}, {}});
  if (!flags.ok()) return ReportError(flags.status());
  for (const char* name : {"id", "reason"}) {
    if (Result<std::string> v = flags->Require(name); !v.ok()) return ReportError(v.status());
  }
  Result<Opened> hub = OpenHub(*flags);
  if (!hub.ok()) return ReportError(hub.status());
  Result<AdminSigner> admin =
      LoadAdminSigner(hub->db, HubPaths{hub->dir}, flags->GetOr("admin", ""));
  if (!admin.ok()) return ReportError(admin.status());
  std::string id = *flags->Get("id");
  Result<uint64_t> index = RevokeStation(hub->db, *admin, id, *flags->Get("reason"), Now());
  if (!index.ok()) return ReportError(index.status());
  std::cout << "已撤销站点 " << id << "，由管理员 " << admin->name << " 签名，日志序号 " << *index
            << "\n";
  return 0;
}

int List(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir"}, {"json"}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<Opened> hub = OpenHub(*flags);
  if (!hub.ok()) return ReportError(hub.status());
  Result<std::vector<StationRecord>> stations = ListStations(hub->db);
  if (!stations.ok()) return ReportError(stations.status());
  boost::json::array out;
  for (const StationRecord& s : *stations) {
    Result<std::optional<AcceptedChangeSet>> last = LastChangeSet(hub->db, s.id);
    if (!last.ok()) return ReportError(last.status());
    uint64_t last_seq = *last ? (*last)->seq : 0;
    std::string vkey = MakeVerifierKey(s.id, s.key).ToString();
    if (flags->Has("json")) {
      boost::json::object o{{"id", s.id},
                            {"unit", s.unit},
                            {"key", vkey},
                            {"enrolled_by", s.enrolled_by},
                            {"enrolled_at", s.enrolled_at},
                            {"enrollment_index", s.enrollment_index},
                            {"revoked", s.revoked},
                            {"last_seq", last_seq}};
      if (s.revoked) {
        o["revoked_by"] = s.revoked_by;
        o["revoked_at"] = s.revoked_at;
        o["revoke_reason"] = s.revoke_reason;
        o["revocation_index"] = s.revocation_index;
      }
      out.push_back(std::move(o));
      continue;
    }
    std::cout << s.id << "\t" << s.unit << "\t"
              << (s.revoked ? "已撤销 (" + s.revoke_reason + ")" : std::string("有效")) << "\t"
              << "登记于 " << FormatTime(s.enrolled_at) << "\t已收变更集 " << last_seq << "\t"
              << vkey << "\n";
  }
  if (flags->Has("json")) {
    std::cout << boost::json::serialize(out) << "\n";
  } else if (stations->empty()) {
    std::cout << "还没有登记任何站点。用 gongkai-hub station add 登记。\n";
  }
  return 0;
}

}  // namespace

int RunStation(const Args& args) {
  if (args.empty()) {
    return ReportError(InvalidArgument(
        "usage", "用法: gongkai-hub station add|revoke|list --dir D ...（见 gongkai-hub help）"));
  }
  Args rest(args.begin() + 1, args.end());
  if (args[0] == "add") return Add(rest);
  if (args[0] == "revoke") return Revoke(rest);
  if (args[0] == "list") return List(rest);
  return ReportError(
      InvalidArgument("usage", "不认识的子命令 station " + args[0] + "；可用: add, revoke, list"));
}

}  // namespace gongkai::hub
