#include "station/cli/open_store.h"

namespace gongkai::station {

Result<StationStore> OpenStore(const CommandContext& ctx) {
  GK_ASSIGN_OR_RETURN(std::string dir, ctx.Dir());
  return StationStore::Open(dir);
}

}  // namespace gongkai::station
