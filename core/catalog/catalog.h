// The catalog state: every row of a town, keyed and ordered by id, and its
// canonical hash (docs/formats/catalog.md):
//   catalog_hash = SHA-256( archive{ string "gongkai-catalog-v1",
//                                    u64 row_count, row* sorted by id } )
// An empty catalog (version 0) hashes the tag and a zero count.
#pragma once

#include <map>
#include <string>

#include "core/base/bytes.h"
#include "core/catalog/row.h"

namespace gongkai {

class Catalog {
 public:
  const Row* Find(const std::string& id) const;
  void Put(Row row);  // insert or replace by id
  size_t size() const { return rows_.size(); }
  const std::map<std::string, Row>& rows() const { return rows_; }
  Hash32 Hash() const;

  bool operator==(const Catalog&) const = default;

 private:
  std::map<std::string, Row> rows_;
};

}  // namespace gongkai
