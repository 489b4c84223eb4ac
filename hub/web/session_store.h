// Administrator sessions of the web pages, kept in memory only (a restart
// signs everyone out). A session id is 32 random bytes (256 bits), sent as
// 64 hex digits in the cookie __Host-gk_session (HttpOnly; Secure;
// SameSite=Strict; Path=/). The store is keyed by SHA-256 of the id, so a
// lookup's timing says nothing about stored ids; each session has its own
// random CSRF token, compared in constant time. A session ends on sign-out,
// after `idle` seconds without a request, or `max` seconds after sign-in.
// It holds the administrator's unlocked signing key, which is dropped with it.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/base/bytes.h"
#include "hub/admin/admin_signer.h"

namespace gongkai::hub::web {

struct Session {
  std::string admin;
  std::shared_ptr<const AdminSigner> signer;
  std::string csrf;  // 64 hex digits
  int64_t created = 0;
  int64_t last_seen = 0;
};

class SessionStore {
 public:
  SessionStore(int64_t idle_seconds, int64_t max_seconds, size_t max_sessions)
      : idle_(idle_seconds), max_(max_seconds), max_sessions_(max_sessions) {}

  // A new session; returns its id (for the cookie).
  std::string Create(AdminSigner signer, int64_t now);
  // The live session with this id, its last_seen moved to now; expired
  // sessions are removed and not returned.
  std::optional<Session> Touch(const std::string& id, int64_t now);
  void Remove(const std::string& id);
  size_t size();

 private:
  std::mutex mu_;
  std::map<Hash32, Session> sessions_;
  int64_t idle_, max_;
  size_t max_sessions_;
};

}  // namespace gongkai::hub::web
