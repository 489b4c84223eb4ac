// Migration 2 of the hub database: the transparency log's Merkle nodes and
// signed checkpoints (owned by hub/log/).
#pragma once

namespace gongkai::hub {

extern const char* const kLogSchemaMigration;

}  // namespace gongkai::hub
