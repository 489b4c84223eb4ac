// Three-way merge of change sets onto a catalog (docs/merge.md).
//
// The hub's proposed head is the approved catalog plus the accepted,
// undecided change sets applied in arrival order. Each op is merged against
// the proposed state at that point:
//
//   set, text field:  proposed == base → apply; proposed == new → already
//                     there; otherwise a conflict.
//   set, set field:   proposed ∪ (new − base) − (base − new); a conflict only
//                     when that would empty a required field (two offices
//                     each removing the other's last 渠道).
//   retire:           RowHash(proposed) == base → retire; already retired →
//                     nothing; otherwise a conflict (the row was edited
//                     concurrently).
//   create:           id absent → insert; an identical row present → nothing;
//                     otherwise a conflict.
//   set or retire of a row that is absent, or a set of a retired row → a
//   conflict that can only be resolved by keeping the proposed state.
//
// A conflict is identified by (change set id, op index) and shown to people
// as "c-" + 10 hex digits of SHA-256(change set id || u32 op index, BE).
// A Resolution settles one conflict; the same pure function replays an
// approval on the hub, on every station and in the auditor, so all of them
// reach the same catalog hash.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/catalog/catalog.h"
#include "core/changeset/changeset.h"

namespace gongkai {

struct IdentifiedChangeSet {
  Hash32 id{};  // ChangeSetId of its body
  ChangeSet cs;
};

enum class ConflictKind : uint8_t {
  kField = 1,        // two different values for one text field
  kRetireEdited = 2, // retire of a row that was edited concurrently
  kSetRetired = 3,   // edit of a row that is retired in the proposed head
  kMissingRow = 4,   // set/retire of a row that does not exist
  kCreateExists = 5, // create of an id that exists with other content
  kEmptiedRequired = 6,  // a set-field merge that would empty a required field
};
const char* ConflictKindName(ConflictKind k);
// What the conflict is, in Chinese, for the people who resolve it.
const char* ConflictKindLabel(ConflictKind k);

struct Conflict {
  std::string conflict_id;  // "c-xxxxxxxxxx"
  ConflictKind kind = ConflictKind::kField;
  Hash32 changeset{};       // the incoming change set
  uint32_t op_index = 0;
  std::string row_id;
  std::optional<Field> field;  // for kField
  std::string base;            // what the incoming station saw
  std::string proposed;        // the value in the proposed head
  std::string incoming;        // the value the incoming change set wants
  Hash32 proposed_by{};        // change set that wrote the proposed value; zero = approved catalog
};

enum class ResolutionAction : uint8_t {
  kValue = 1,      // kField, kEmptiedRequired: the field becomes `value` (must
                   // validate; not empty for a required field)
  kIncoming = 2,   // apply the incoming op (kField: its new value; kRetireEdited: retire;
                   // kCreateExists: replace the row)
  kKeep = 3,       // keep the proposed state, skip the op
};

// "value", "incoming", "keep": the action's name in JSON and in the
// decision feed's text (`pending --json`, `resolve --json`, `history --json`).
const char* ResolutionActionName(ResolutionAction a);

struct Resolution {
  Hash32 changeset{};
  uint32_t op_index = 0;
  ResolutionAction action = ResolutionAction::kKeep;
  std::string value;  // kValue only

  bool operator==(const Resolution&) const = default;
};

std::string ConflictId(const Hash32& changeset, uint32_t op_index);

struct MergeResult {
  Catalog catalog;                   // approved + change sets, conflicts resolved or skipped
  std::vector<Conflict> unresolved;  // conflicts without a resolution (their ops were skipped)
  std::vector<Resolution> used;      // the resolutions that settled a conflict, in op order
};

// Applies the change sets in order. A resolution that does not fit its
// conflict (kValue on a retire, an invalid value, kIncoming on a missing
// row) fails with reason "bad_resolution"; resolutions that match no
// conflict are ignored (and absent from `used`).
Result<MergeResult> Merge(const Catalog& approved, std::span<const IdentifiedChangeSet> in_order,
                          const std::vector<Resolution>& resolutions);

}  // namespace gongkai
