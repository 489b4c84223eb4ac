// A change set: one station's batch of edits (docs/formats/changeset.md).
//
//   body := archive{ u16 format (=1), string station, u64 seq, fixed32 prev,
//                    u64 base_version, i64 created_at, string note,
//                    u64 op_count, op* }
//   op   := u8 1 (create) row
//         | u8 2 (set)    string id, u8 field, string base, string value
//         | u8 3 (retire) string id, fixed32 base_row_hash
//         | u8 4 (posting) see core/changeset/posting.h; after every edit
//
// Its id is SHA-256(body). It travels inside a signed Envelope of kind
// kChangeSet. created_at is informational only: nothing is ordered by it.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"
#include "core/catalog/fields.h"
#include "core/catalog/row.h"
#include "core/changeset/posting.h"

namespace gongkai {

struct CreateOp {
  Row row;
  bool operator==(const CreateOp&) const = default;
};
struct SetOp {
  std::string id;
  Field field = Field::kArea;
  std::string base;   // the value the clerk saw (canonical text)
  std::string value;  // the new value (canonical text)
  bool operator==(const SetOp&) const = default;
};
struct RetireOp {
  std::string id;
  Hash32 base{};  // RowHash of the row as the clerk saw it
  bool operator==(const RetireOp&) const = default;
};
using Op = std::variant<CreateOp, SetOp, RetireOp>;

inline constexpr uint16_t kChangeSetFormat = 1;
inline constexpr size_t kMaxOpsPerChangeSet = 10000;
inline constexpr size_t kMaxNoteChars = 1000;

struct ChangeSet {
  uint16_t format = kChangeSetFormat;
  std::string station;
  uint64_t seq = 0;
  Hash32 prev{};  // id of this station's previous change set; zeros for seq 1
  uint64_t base_version = 0;
  int64_t created_at = 0;  // unix seconds, informational
  std::string note;
  std::vector<Op> ops;  // the edits (ops 1-3), in order
  // Posting records (op 4). They are encoded after every edit, so the op
  // index of postings[j] is ops.size() + j. A change set may hold only
  // postings; op_count counts both.
  std::vector<PostingOp> postings;

  size_t op_count() const { return ops.size() + postings.size(); }

  bool operator==(const ChangeSet&) const = default;
};

Bytes EncodeChangeSet(const ChangeSet& cs);
// Decodes and validates structure and every value. Reasons: malformed,
// truncated, trailing_bytes, unsupported_format, bad_seq, bad_prev,
// too_many_ops, no_ops, unknown_op, unknown_field, edit_after_posting,
// the posting reasons (posting.h), and the catalog
// validation reasons (validate.h) for values.
// With bad_op, a value error of one op also sets *bad_op to its index (from
// 0), so the hub can name the op in its receipt.
Result<ChangeSet> DecodeChangeSet(const Bytes& body, std::optional<size_t>* bad_op = nullptr);
// Structural and value checks on an in-memory change set (used by both).
Status ValidateChangeSet(const ChangeSet& cs, std::optional<size_t>* bad_op = nullptr);
// The invisible-character rule (CheckVisibleText, core/catalog/validate.h)
// over what a change set brings in: its note, every created row and the new
// value of every set — not a set's base, which may quote text logged before
// the rule. The hub applies it to uploads (HTTP and bundles); stations
// check what a clerk types or imports (station/edits/edit_plan.h). It is
// not part of DecodeChangeSet, so logged change sets verify as before.
// With bad_op, an op's failure sets *bad_op to its index.
Status CheckChangeSetVisible(const ChangeSet& cs, std::optional<size_t>* bad_op = nullptr);
Hash32 ChangeSetId(const Bytes& body);
// The id of the row an op is about.
const std::string& OpRowId(const Op& op);

}  // namespace gongkai
