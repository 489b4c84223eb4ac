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
  CommandSpec c;
  c.name = "attach";
  c.summary = "保存附件（照片、扫描件、PDF），下次同步时上传 (keep attachments for upload)";
  c.usage = "gongkai-station attach [--dir 目录] 文件… [--json]";
  c.help =
      "把照片（JPEG、PNG、WebP）或 PDF 保存到本站的附件文件夹，以内容的 SHA-256 命名；\n"
      "下次同步时上传到镇服务器，断线后从镇服务器已收到的地方续传。\n"
      "每个附件最大 10 MB；文件类型按内容检查，扩展名与内容不符（如 .jpg 其实是 PDF）会被拒绝；\n"
      "JPEG 照片中的 GPS 位置信息会被去掉，拍摄时间保留。\n"
      "Keeps photos or PDFs (10 MB each at most, type checked by content, JPEG GPS removed)\n"
      "in the station's attachment folder; the next sync uploads them, resuming after a cut.";
  c.examples = {"gongkai-station attach 公示栏-11月.jpg 收支明细.pdf"};
  c.flags = {DirFlag(), JsonFlag()};
  c.min_args = 1;
  c.max_args = 100;
  c.run = RunAttach;
  return c;
}

}  // namespace gongkai::station
