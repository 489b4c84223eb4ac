// Reading the hub's answer to POST /v1/changesets (docs/http-api.md):
//   {"receipts":[{"index","status","station","seq","id","log_index"}...]}
//   {"error":{"code","message"},"receipts":[...]}   (some rejected)
//   {"error":{"code","message"}}                     (request refused whole)
// or, asked with ?form=bin and all accepted/duplicate, the compact receipts
// (docs/formats/http-changesets.md § Compact answer), with the verdict on
// the poll the request named (&poll=…) in their format 2.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace gongkai::station {

struct UploadReceipt {
  size_t index = 0;    // position in the request
  std::string status;  // accepted | duplicate | rejected
  uint64_t seq = 0;    // 0 if the hub could not read the upload
  std::optional<Hash32> id;
  std::optional<uint64_t> log_index;
  std::string code;     // rejected
  std::string message;  // rejected
  std::vector<size_t> ops;  // rejected: the ops (from 0) the refusal is about, if the hub says
};

struct UploadAnswer {
  std::vector<UploadReceipt> receipts;  // empty when the request was refused whole
  std::string error_code;               // empty when every receipt is accepted/duplicate
  std::string error_message;
  // The compact receipts of a request that named the station's next poll
  // (format 2): true when that poll would be answered 304 now, so the round
  // may skip it (docs/decisions/0032-the-push-answers-the-poll.md).
  std::optional<bool> nothing_new;
};

// Either form, told apart by the first byte as catalog answers are (a
// proxy may rewrite Content-Type): 0x01 the compact receipts of
// core/feed/receipts_answer.h (asked with form=bin), else the JSON above.
// DataLoss "bad_hub_answer" when the body is neither.
Result<UploadAnswer> ParseUploadAnswer(const std::string& body);

}  // namespace gongkai::station
