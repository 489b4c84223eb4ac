#include "station/store/hub_genesis.h"

namespace gongkai::station {

const char* const kHubGenesisMigration = R"sql(
CREATE TABLE hub_genesis (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  entry     BLOB    NOT NULL
);
)sql";

Result<std::optional<Bytes>> LoadHubGenesis(Database& db) {
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare("SELECT entry FROM hub_genesis WHERE singleton = 1"));
  GK_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<Bytes>();
  return std::optional<Bytes>(st.ColumnBlob(0));
}

Status StoreHubGenesis(Database& db, const Bytes& entry) {
  GK_ASSIGN_OR_RETURN(std::optional<Bytes> kept, LoadHubGenesis(db));
  if (kept) {
    if (*kept == entry) return Status::Ok();
    return DataLoss("genesis_conflict",
                    "镇服务器的创世记录与本站保存的不同，未采用——请联系镇政务公开办 "
                    "(genesis differs from the one kept)");
  }
  GK_ASSIGN_OR_RETURN(Statement st,
                      db.Prepare("INSERT INTO hub_genesis (singleton, entry) VALUES (1, ?)"));
  st.Bind(1, entry);
  return st.Run();
}

}  // namespace gongkai::station
