// What became of one uploaded change set (docs/http-api.md):
//   accepted   stored durably and appended to the log at log_index
//   duplicate  the hub had already accepted exactly this change set (same
//              station, seq and id); log_index is where it was appended
//   rejected   not stored; `code` says why (stable snake_case) and
//              `http_status` is the HTTP status that code maps to
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/bytes.h"

namespace gongkai::hub {

enum class ReceiptStatus { kAccepted, kDuplicate, kRejected };

const char* ReceiptStatusName(ReceiptStatus s);

struct Receipt {
  size_t index = 0;  // position in the request, from 0
  ReceiptStatus status = ReceiptStatus::kRejected;
  std::string station;       // empty if the upload could not be decoded
  uint64_t seq = 0;          // 0 if the upload could not be decoded
  std::optional<Hash32> id;  // SHA-256 of the change set body, if decoded
  uint64_t log_index = 0;    // accepted and duplicate only
  std::string code;          // rejected only
  std::string message;       // rejected only: for people, Chinese first
  // rejected only: the ops (from 0, ascending, at most 1000) it is about,
  // when the refusal is about particular ops; empty otherwise.
  std::vector<size_t> ops;
  int http_status = 200;

  bool ok() const { return status != ReceiptStatus::kRejected; }
};

}  // namespace gongkai::hub
