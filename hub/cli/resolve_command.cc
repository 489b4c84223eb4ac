// gongkai-hub resolve CONFLICT --value V | --take CHANGESET | --keep
#include <iostream>

#include "core/base/hex.h"
#include "hub/admin/admin_signer.h"
#include "hub/cli/commands.h"
#include "hub/cli/review_cli.h"
#include "hub/review/resolve.h"
#include "hub/store/hub_paths.h"

namespace gongkai::hub {

int RunResolve(const Args& args) {
  Result<Flags> flags = Flags::Parse(args, {{"dir", "value", "take", "admin", "as"}, {"keep", "json"}});
  if (!flags.ok()) return ReportError(flags.status());
  int given =
      (flags->Has("value") ? 1 : 0) + (flags->Has("take") ? 1 : 0) + (flags->Has("keep") ? 1 : 0);
  if (flags->positional().size() != 1 || given != 1) {
    return ReportError(InvalidArgument(
        "usage", "用法: gongkai-hub resolve --dir D 冲突编号 --value 值 | --take 变更集 | --keep"));
  }
  Result<OpenedHub> hub = OpenHubDir(*flags);
  if (!hub.ok()) return ReportError(hub.status());
  Result<AdminSigner> admin =
      LoadAdminSigner(hub->db, HubPaths{hub->dir}, SignerFlag(*flags));
  if (!admin.ok()) return ReportError(admin.status());
  ResolveRequest req;
  req.conflict_id = flags->positional()[0];
  req.admin = admin->name;
  req.now = NowSeconds();
  if (flags->Has("value")) {
    req.kind = ResolveKind::kValue;
    req.text = *flags->Get("value");
  } else if (flags->Has("take")) {
    req.kind = ResolveKind::kTake;
    req.text = *flags->Get("take");
  } else {
    req.kind = ResolveKind::kKeep;
  }
  Result<ResolveOutcome> out = Resolve(hub->db, req);
  if (!out.ok()) return ReportError(out.status());
  const Resolution& r = out->resolution;
  const char* action = ResolutionActionName(r.action);
  if (flags->Has("json")) {
    std::cout << boost::json::serialize(boost::json::object{{"conflict", out->conflict.conflict_id},
                                                            {"changeset", HexEncode(r.changeset)},
                                                            {"op_index", r.op_index},
                                                            {"action", action},
                                                            {"value", r.value}})
              << "\n";
    return 0;
  }
  std::cout << "冲突 " << out->conflict.conflict_id << " 已处理: "
            << (r.action == ResolutionAction::kValue      ? "取值 " + ShowValue(r.value)
                : r.action == ResolutionAction::kIncoming ? "采用变更集 " + ShortHex(r.changeset)
                                                          : std::string("保留待审目录的值"))
            << "。批准时生效（gongkai-hub approve）。\n";
  return 0;
}

}  // namespace gongkai::hub
