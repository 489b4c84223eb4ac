// Building the Merkle nodes of log entries that have none: a hub whose log
// was written before the merkle_nodes table existed (schema migration 2)
// has entries [0, n) and no nodes. HubDb::Open calls BackfillMerkleNodes,
// so every reader and writer afterwards finds nodes for every entry.
//
// Appending never recomputes the tree; only this catch-up reads the entries
// (once, in index order, in chunks) and stores their nodes.
#pragma once

#include "core/base/status.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

// Stores the nodes of entries [leaf count, log size) inside the caller's
// transaction. DataLoss "merkle_nodes_ahead" if the nodes cover more leaves
// than the log has entries (the entries table lost rows).
Status BuildMissingNodes(HubDb& db);

// A cheap check (two indexed lookups); when nodes are missing, one
// BEGIN IMMEDIATE transaction running BuildMissingNodes. Nodes ahead of the
// entries are left for the auditors to see, not an error here.
Status BackfillMerkleNodes(HubDb& db);

}  // namespace gongkai::hub
