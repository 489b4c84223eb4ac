// gongkai-station attach: keep a file (photo of the notice board, a scan,
// a PDF) in the station's attachment folder, checked and named by its
// SHA-256 (station/attachments/attachment_store.h); the next sync sends it
// to the hub. Records (公开记录) refer to attachments by this reference.
#include "station/attachments/attach_command.h"

#include <boost/json.hpp>

#include "core/base/hex.h"
#include "station/attachments/attachment_store.h"
#include "station/cli/open_store.h"
#include "station/cli/row_json.h"

namespace gongkai::station {
namespace {

Status RunAttach(CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(StationStore store, OpenStore(ctx));
  AttachmentStore folder(store.dir());
  // Every file is checked before any is kept: one refused file keeps none
  // (each is read again to be kept, so no more than one is in memory).
  for (const std::string& path : ctx.args.positional()) {
    Result<PreparedAttachment> checked = AttachmentStore::PrepareFile(path);
    if (!checked.ok()) return checked.status().WithContext(path + ": ");
  }
  boost::json::array list;
  for (const std::string& path : ctx.args.positional()) {
    Result<AttachmentInfo> info = folder.Put(path);
    if (!info.ok()) return info.status().WithContext(path + ": ");
    std::string name = path.substr(path.find_last_of('/') + 1);
    if (ctx.Json()) {
      list.push_back(boost::json::object{{"file_name", name},
                                         {"sha256", HexEncode(info->sha256)},
                                         {"size", info->size},
                                         {"media_type", info->media_type}});
    } else {
      ctx.out << "已保存附件 " << name << "  " << info->media_type << "  " << info->size
              << " 字节  sha256 " << HexEncode(info->sha256) << "\n";
    }
  }
  if (ctx.Json()) {
    PrintJsonLine(ctx.out, boost::json::serialize(boost::json::object{{"attachments", list}}));
  } else {
    ctx.out << "下次同步 (gongkai-station sync) 时上传到镇服务器。\n";
  }
  return Status::Ok();
}

}  // namespace

CommandSpec AttachCommand() {
  return {.name = "attach",
          .flags = {DirFlag(), JsonFlag()},
          .min_args = 1,
          .max_args = 100,
          .run = RunAttach};
}

}  // namespace gongkai::station
