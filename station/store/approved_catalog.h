// The last approved catalog as the station holds it: table `approved_rows`
// (one canonical row blob per id) plus catalog_version and catalog_hash in
// the `station` row. Replaced whole when sync brings a newer version.
// These functions run inside the caller's transaction.
#pragma once

#include <cstdint>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/catalog/catalog.h"
#include "core/store/sqlite.h"

namespace gongkai::station {

struct ApprovedState {
  uint64_t version = 0;
  Hash32 hash{};
};

Result<ApprovedState> LoadApprovedState(Database& db);
// Calls visit(row) for every approved row in id order.
template <typename Visit>
Status ForEachApprovedRow(Database& db, Visit visit);
Result<Catalog> LoadApprovedCatalog(Database& db);
Result<int64_t> CountApprovedRows(Database& db);
// Replaces every approved row and the version and hash.
Status ReplaceApprovedCatalog(Database& db, const Catalog& catalog, uint64_t version,
                              const Hash32& hash);

}  // namespace gongkai::station

#include "station/store/row_blob.h"

namespace gongkai::station {

template <typename Visit>
Status ForEachApprovedRow(Database& db, Visit visit) {
  GK_ASSIGN_OR_RETURN(Statement st, db.Prepare("SELECT body FROM approved_rows ORDER BY id"));
  for (;;) {
    GK_ASSIGN_OR_RETURN(bool has, st.Step());
    if (!has) break;
    GK_ASSIGN_OR_RETURN(Row row, DecodeRowBlob(st.ColumnBlob(0)));
    visit(std::move(row));
  }
  return Status::Ok();
}

}  // namespace gongkai::station
