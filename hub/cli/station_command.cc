#include <boost/json.hpp>
#include <ctime>
#include <iostream>
#include <map>
#include <optional>
#include <vector>

#include "core/crypto/verifier_key.h"
#include "core/text/time_text.h"
#include "hub/admin/admin_signer.h"
#include "hub/admin/station_enrollment.h"
#include "hub/cli/commands.h"
#include "hub/cli/flags.h"
#include "hub/store/changeset_table.h"
#include "hub/store/refused_upload_table.h"
#include "hub/store/station_table.h"

namespace gongkai::hub {
namespace {

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

struct Opened {
  std::string dir;
  HubDb db;
};

Result<Opened> OpenHub(const Flags& flags) {
  GK_ASSIGN_OR_RETURN(std::string dir, DataDir(flags));
  GK_ASSIGN_OR_RETURN(HubDb db, HubDb::Open(HubPaths{dir}.db()));
  return Opened{dir, std::move(db)};
}

// The hub and the administrator (--admin, --as) who signs a change to its
// stations.
struct SigningHub {
  Opened hub;
  AdminSigner admin;
};

Result<SigningHub> OpenHubToSign(const Flags& flags) {
  GK_ASSIGN_OR_RETURN(Opened hub, OpenHub(flags));
  GK_ASSIGN_OR_RETURN(AdminSigner admin,
                      LoadAdminSigner(hub.db, HubPaths{hub.dir}, SignerFlag(flags)));
  return SigningHub{std::move(hub), std::move(admin)};
}

// The key as the village must confirm it on the phone.
void PrintKeyCheck(const VerifierKey& key) {
  std::cout << "公钥: " << key.ToString() << "\n"
            << "请先打电话与村里核对这个公钥（村里运行 gongkai-station config 显示的“本站公钥”），"
               "至少核对编号 "
            << key.ToString().substr(key.name.size() + 1, 8)
            << " 和最后 8 个字符；不一致就立刻用 gongkai-hub station revoke 撤销。\n";
}

int Add(const Args& args) {
  Result<Flags> flags =
      Flags::Parse(args, {{"dir", "id", "unit", "key", "admin", "as"}, {"from-attempt"}});
  if (!flags.ok()) return ReportError(flags.status());
  bool from_attempt = flags->Has("from-attempt");
  if (from_attempt && flags->Has("key")) {
    return ReportError(
        InvalidArgument("usage", "--from-attempt 使用站点上传时附上的公钥，不能再给 --key"));
  }
  std::vector<const char*> required = {"id"};
  if (!from_attempt) required = {"id", "unit", "key"};
  for (const char* name : required) {
    if (Result<std::string> v = flags->Require(name); !v.ok()) return ReportError(v.status());
  }
  std::optional<VerifierKey> key;
  if (!from_attempt) {
    Result<VerifierKey> parsed = ParseVerifierKey(*flags->Get("key"));
    if (!parsed.ok()) return ReportError(parsed.status());
    key = *parsed;
  }
  Result<SigningHub> signing = OpenHubToSign(*flags);
  if (!signing.ok()) return ReportError(signing.status());
  auto& [hub, admin] = *signing;
  std::string id = *flags->Get("id");
  if (from_attempt) {
    std::optional<std::string> unit;
    if (flags->Has("unit")) unit = *flags->Get("unit");
    Result<AttemptEnrollment> e = EnrollStationFromAttempt(hub.db, admin, id, unit, Now());
    if (!e.ok()) return ReportError(e.status());
    std::cout << "已按上传记录登记站点 " << id << "（" << e->unit << "），由管理员 " << admin.name
              << " 签名，日志序号 " << e->log_index << "\n";
    PrintKeyCheck(e->key);
    return 0;
  }
  std::string unit = *flags->Get("unit");
  Result<uint64_t> index = EnrollStation(hub.db, admin, id, unit, *key, Now());
  if (!index.ok()) return ReportError(index.status());
  std::cout << "已登记站点 " << id << "（" << unit << "），由管理员 " << admin.name
            << " 签名，日志序号 " << *index << "\n";
  return 0;
}

int Revoke(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir", "id", "reason", "admin", "as"}, {}});
  if (!flags.ok()) return ReportError(flags.status());
  for (const char* name : {"id", "reason"}) {
    if (Result<std::string> v = flags->Require(name); !v.ok()) return ReportError(v.status());
  }
  Result<SigningHub> signing = OpenHubToSign(*flags);
  if (!signing.ok()) return ReportError(signing.status());
  auto& [hub, admin] = *signing;
  std::string id = *flags->Get("id");
  Result<uint64_t> index = RevokeStation(hub.db, admin, id, *flags->Get("reason"), Now());
  if (!index.ok()) return ReportError(index.status());
  std::cout << "已撤销站点 " << id << "，由管理员 " << admin.name << " 签名，日志序号 " << *index
            << "\n";
  return 0;
}

boost::json::array RefusedJson(const std::vector<const RefusedUpload*>& rows) {
  boost::json::array out;
  for (const RefusedUpload* r : rows) {
    out.push_back(boost::json::object{{"code", r->code},
                                      {"message", r->message},
                                      {"count", r->count},
                                      {"first_at", r->first_at},
                                      {"last_at", r->last_at},
                                      {"seq", r->seq}});
  }
  return out;
}

void PrintRefused(const std::vector<const RefusedUpload*>& rows) {
  for (const RefusedUpload* r : rows) {
    std::cout << "  被拒收 " << r->count << " 次 [" << r->code << "] 最近 "
              << LocalTimeText(r->last_at);
    if (r->seq != 0) std::cout << "（变更集 " << r->seq << "）";
    std::cout << ": " << r->message << "\n";
  }
}

int List(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir"}, {"json"}});
  if (!flags.ok()) return ReportError(flags.status());
  Result<Opened> hub = OpenHub(*flags);
  if (!hub.ok()) return ReportError(hub.status());
  Result<std::vector<StationRecord>> stations = ListStations(hub->db);
  if (!stations.ok()) return ReportError(stations.status());
  Result<std::vector<RefusedUpload>> refused = ListRefusedUploads(hub->db);
  if (!refused.ok()) return ReportError(refused.status());
  Result<std::vector<UploadAttempt>> attempts = ListUploadAttempts(hub->db);
  if (!attempts.ok()) return ReportError(attempts.status());
  std::map<std::string, std::vector<const RefusedUpload*>> refused_of;
  for (const RefusedUpload& r : *refused) refused_of[r.station].push_back(&r);
  bool json = flags->Has("json");
  boost::json::array out;
  for (const StationRecord& s : *stations) {
    Result<std::optional<AcceptedChangeSet>> last = LastChangeSet(hub->db, s.id);
    if (!last.ok()) return ReportError(last.status());
    uint64_t last_seq = *last ? (*last)->seq : 0;
    std::string vkey = MakeVerifierKey(s.id, s.key).ToString();
    const std::vector<const RefusedUpload*>& mine = refused_of[s.id];
    if (json) {
      boost::json::object o{{"id", s.id},
                            {"unit", s.unit},
                            {"key", vkey},
                            {"enrolled_by", s.enrolled_by},
                            {"enrolled_at", s.enrolled_at},
                            {"enrollment_index", s.enrollment_index},
                            {"revoked", s.revoked},
                            {"last_seq", last_seq},
                            {"refused", RefusedJson(mine)}};
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
              << (s.revoked ? "已撤销 (" + s.revoke_reason + ")"
                            : std::string(mine.empty() ? "有效" : "有效·上传被拒收"))
              << "\t"
              << "登记于 " << LocalTimeText(s.enrolled_at) << "\t已收变更集 " << last_seq << "\t"
              << vkey << "\n";
    PrintRefused(mine);
  }
  // Ids that tried to upload and are not enrolled (or revoked, offering
  // another key): after the stations, each with "attempt": true.
  if (!json && !attempts->empty()) std::cout << "\n未登记的站点尝试上传:\n";
  for (const UploadAttempt& a : *attempts) {
    std::string vkey = a.key ? MakeVerifierKey(a.station, *a.key).ToString() : std::string();
    if (json) {
      boost::json::object o{{"id", a.station},
                            {"attempt", true},
                            {"revoked", a.revoked},
                            {"count", a.count},
                            {"first_at", a.first_at},
                            {"last_at", a.last_at},
                            {"refused", RefusedJson(refused_of[a.station])}};
      o["key"] = a.key ? boost::json::value(vkey) : boost::json::value(nullptr);
      o["unit"] = a.unit ? boost::json::value(*a.unit) : boost::json::value(nullptr);
      out.push_back(std::move(o));
      continue;
    }
    std::cout << a.station << "\t" << (a.unit ? *a.unit : std::string("（未附单位）")) << "\t"
              << (a.revoked ? "已撤销，换了新公钥" : "未登记") << "\t尝试 " << a.count
              << " 次，最近 " << LocalTimeText(a.last_at) << "\t"
              << (a.key ? vkey : std::string("（未附公钥）")) << "\n";
  }
  if (!json && !attempts->empty()) {
    std::cout << "核对公钥后可一步登记: gongkai-hub station add --id 站点编号 --from-attempt "
                 "[--unit 单位]\n";
  }
  if (json) {
    std::cout << boost::json::serialize(out) << "\n";
  } else if (stations->empty() && attempts->empty()) {
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
