#include "station/edits/sheet_lines.h"

namespace gongkai::station {

Status NothingImported(const Status& s) {
  return Status(s.code(), s.reason(),
                s.message() + "；整个文件都没有导入，改正后请重新导入 (nothing was imported)",
                s.field());
}

}  // namespace gongkai::station
