// The reasons core/log/ produces that other code decides on, as named
// constants (docs/exit-codes.md § Decisions): compare a Status's reason()
// with these, never with a literal. Producers may still spell the literal;
// the wire and the docs know the text.
#pragma once

#include <string_view>

namespace gongkai::reason {
// Reasons of a tree that does not match its leaves (merkle.cc, hub/log/).
inline constexpr std::string_view kRootMismatch = "root_mismatch";
inline constexpr std::string_view kMerkleNodeMissing = "merkle_node_missing";
inline constexpr std::string_view kLogEntryMissing = "log_entry_missing";

// Reasons of the witness policy (witness_policy.cc).
inline constexpr std::string_view kCheckpointNotWitnessed = "checkpoint_not_witnessed";

// Reasons of cosignature checks (cosignature.cc).
inline constexpr std::string_view kBadCosignature = "bad_cosignature";
}  // namespace gongkai::reason
