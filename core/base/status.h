// Errors as values. A Status carries:
//  - code:   what the caller should do next (retry, re-pull, fix input, stop);
//  - reason: a stable machine-readable identifier ("empty_required",
//            "bad_signature", ...) that tests, the HTTP API and scripts rely on;
//  - field:  the catalog field or input element concerned, if any;
//  - message: one human sentence (Chinese or English) for the person in front
//             of the screen.
// Exceptions from cereal, OpenSSL wrappers or the standard library are caught
// at module boundaries and turned into a Status.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace gongkai {

enum class Code {
  kOk = 0,
  kInvalidArgument,     // the input is wrong: fix it, do not retry as is
  kNotFound,            // the thing named does not exist
  kAlreadyExists,       // it exists already (often harmless: idempotency)
  kFailedPrecondition,  // the system is not in a state for this; a person acts
  kPermissionDenied,    // the caller may not do this
  kUnauthenticated,     // a signature or identity did not verify
  kResourceExhausted,   // too large / too many
  kAborted,             // a concurrent change won: re-pull and retry higher up
  kUnavailable,         // transient: retry the call later (with backoff)
  kDataLoss,            // stored or received bytes are corrupt
  kInternal,            // a bug or an unexpected environment failure
};

const char* CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string reason, std::string message, std::string field = {})
      : code_(code),
        reason_(std::move(reason)),
        message_(std::move(message)),
        field_(std::move(field)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& reason() const { return reason_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }

  // "reason: message (field)" — one line for logs and stderr.
  std::string ToString() const;

  // Returns a copy whose message is prefixed with context, e.g. "第 12 行: ".
  Status WithContext(const std::string& prefix) const;

 private:
  Code code_ = Code::kOk;
  std::string reason_;
  std::string message_;
  std::string field_;
};

// Result<T>: either a value or a non-ok Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}             // NOLINT(runtime/explicit)
  Result(Status status) : v_(std::move(status)) {       // NOLINT(runtime/explicit)
    assert(!std::get<Status>(v_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

// Shorthands for building errors.
inline Status InvalidArgument(std::string reason, std::string message, std::string field = {}) {
  return Status(Code::kInvalidArgument, std::move(reason), std::move(message), std::move(field));
}
inline Status NotFound(std::string reason, std::string message) {
  return Status(Code::kNotFound, std::move(reason), std::move(message));
}
inline Status FailedPrecondition(std::string reason, std::string message) {
  return Status(Code::kFailedPrecondition, std::move(reason), std::move(message));
}
inline Status PermissionDenied(std::string reason, std::string message) {
  return Status(Code::kPermissionDenied, std::move(reason), std::move(message));
}
inline Status Unauthenticated(std::string reason, std::string message) {
  return Status(Code::kUnauthenticated, std::move(reason), std::move(message));
}
inline Status DataLoss(std::string reason, std::string message) {
  return Status(Code::kDataLoss, std::move(reason), std::move(message));
}
inline Status Internal(std::string reason, std::string message) {
  return Status(Code::kInternal, std::move(reason), std::move(message));
}
inline Status Unavailable(std::string reason, std::string message) {
  return Status(Code::kUnavailable, std::move(reason), std::move(message));
}
inline Status ResourceExhausted(std::string reason, std::string message, std::string field = {}) {
  return Status(Code::kResourceExhausted, std::move(reason), std::move(message), std::move(field));
}

}  // namespace gongkai

// Propagate a non-ok Status from an expression returning Status.
#define GK_RETURN_IF_ERROR(expr)               \
  do {                                         \
    ::gongkai::Status gk_status_ = (expr);     \
    if (!gk_status_.ok()) return gk_status_;   \
  } while (0)

#define GK_CONCAT_INNER(a, b) a##b
#define GK_CONCAT(a, b) GK_CONCAT_INNER(a, b)
// GK_ASSIGN_OR_RETURN(auto x, ExprReturningResult());
#define GK_ASSIGN_OR_RETURN(lhs, expr) GK_ASSIGN_OR_RETURN_IMPL(GK_CONCAT(gk_result_, __LINE__), lhs, expr)
#define GK_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()
