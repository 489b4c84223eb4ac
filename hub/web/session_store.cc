#include "hub/web/session_store.h"

#include "core/base/hex.h"
#include "core/crypto/sha256.h"
#include "hub/admin/password_kdf.h"

namespace gongkai::hub::web {
namespace {

Hash32 KeyOf(const std::string& id) { return Sha256(std::string_view(id)); }

}  // namespace

std::string SessionStore::Create(AdminSigner signer, int64_t now) {
  std::string id = HexEncode(RandomBytes(32));
  Session s;
  s.admin = signer.name;
  s.signer = std::make_shared<const AdminSigner>(std::move(signer));
  s.csrf = HexEncode(RandomBytes(32));
  s.created = now;
  s.last_seen = now;
  std::lock_guard<std::mutex> lock(mu_);
  while (sessions_.size() >= max_sessions_ && !sessions_.empty()) {
    auto oldest = sessions_.begin();
    for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
      if (it->second.last_seen < oldest->second.last_seen) oldest = it;
    }
    sessions_.erase(oldest);
  }
  sessions_[KeyOf(id)] = std::move(s);
  return id;
}

std::optional<Session> SessionStore::Touch(const std::string& id, int64_t now) {
  if (id.size() != 64) return std::nullopt;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(KeyOf(id));
  if (it == sessions_.end()) return std::nullopt;
  Session& s = it->second;
  if (now - s.last_seen > idle_ || now - s.created > max_) {
    sessions_.erase(it);
    return std::nullopt;
  }
  s.last_seen = now;
  return s;
}

void SessionStore::Remove(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  sessions_.erase(KeyOf(id));
}

size_t SessionStore::size() {
  std::lock_guard<std::mutex> lock(mu_);
  return sessions_.size();
}

}  // namespace gongkai::hub::web
