// The hub's Merkle node store: core/log's MerkleNodeStore over the
// merkle_nodes table (hub/store/log_schema.cc). Reads and writes go through
// the HubDb's statement cache, inside whatever transaction the caller has
// open, so AppendLogEntry stores a leaf and its nodes atomically.
//
// PutNode is idempotent for the same hash and refuses a different hash at
// an occupied position (DataLoss "merkle_node_conflict").
#pragma once

#include <optional>

#include "core/log/merkle.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

class SqliteNodeStore : public MerkleNodeStore {
 public:
  explicit SqliteNodeStore(HubDb& db) : db_(db) {}

  Result<std::optional<Hash32>> GetNode(uint32_t level, uint64_t index) override;
  Status PutNode(uint32_t level, uint64_t index, const Hash32& hash) override;

  // Number of leaves that have a level-0 node (one more than the largest
  // stored leaf index; 0 if none).
  Result<uint64_t> LeafCount();

 private:
  HubDb& db_;
};

}  // namespace gongkai::hub
