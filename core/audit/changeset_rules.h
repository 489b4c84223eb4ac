// The rules for a change-set entry (docs/formats/log-entry.md, rules C1–C10):
// signed by an enrolled, unrevoked station for its own id, next in that
// station's chain, based on a version that exists, touching only rows of
// the station's unit.
#pragma once

#include <cstdint>

#include "core/audit/audit_state.h"
#include "core/base/status.h"
#include "core/merge/merge.h"
#include "core/record/envelope.h"

namespace gongkai {

// Checks one change-set envelope against the state; changes nothing.
Result<IdentifiedChangeSet> CheckChangeSet(const AuditState& st, const Envelope& env);

// Adds a checked change set: the station's chain advances, its creates
// become known rows, and it waits (pending) for a decision. Returns the
// stored change set.
const IdentifiedChangeSet& ApplyChangeSet(AuditState& st, uint64_t index, IdentifiedChangeSet ics);

}  // namespace gongkai
