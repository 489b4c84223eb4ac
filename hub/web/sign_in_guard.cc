#include "hub/web/sign_in_guard.h"

#include <algorithm>

#include "core/base/hex.h"
#include "hub/admin/password_kdf.h"

namespace gongkai::hub::web {
namespace {
constexpr int kGlobalFailures = 50;
constexpr int64_t kGlobalWait = 60;
}  // namespace

SignInGuard::SignInGuard(const WebOptions& o)
    : address_(o.failures_before_lockout, o.lockout_base_seconds, o.lockout_max_seconds),
      account_(o.failures_before_lockout, o.lockout_base_seconds, o.lockout_base_seconds),
      global_(kGlobalFailures, kGlobalWait, kGlobalWait, 1, kGlobalWait),
      device_(o.failures_before_lockout, o.lockout_base_seconds, o.lockout_max_seconds) {}

bool SignInGuard::KnownDevice(const std::string& admin, const std::string& device) {
  if (device.empty()) return false;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = devices_.find(device);
  return it != devices_.end() && it->second == admin;
}

int64_t SignInGuard::RetryAfter(const std::string& admin, const std::string& address,
                                const std::string& device, int64_t now) {
  if (KnownDevice(admin, device)) return device_.RetryAfter("device:" + device, now);
  return std::max({address_.RetryAfter(address, now), account_.RetryAfter(admin, now),
                   global_.RetryAfter("global", now)});
}

void SignInGuard::Failure(const std::string& admin, const std::string& address,
                          const std::string& device, int64_t now) {
  if (KnownDevice(admin, device)) {
    device_.Failure("device:" + device, now);
    return;
  }
  address_.Failure(address, now);
  account_.Failure(admin, now);
  global_.Failure("global", now);
}

std::string SignInGuard::Success(const std::string& admin, const std::string& address,
                                 const std::string& device) {
  if (KnownDevice(admin, device)) {
    device_.Success("device:" + device);
    return device;
  }
  address_.Success(address);
  account_.Success(admin);
  std::string token = HexEncode(RandomBytes(32));
  std::lock_guard<std::mutex> lock(mu_);
  if (devices_.size() >= kMaxDevices && !device_order_.empty()) {
    devices_.erase(device_order_.front());
    device_order_.pop_front();
  }
  devices_[token] = admin;
  device_order_.push_back(token);
  return token;
}

std::string ClientAddress(const std::string& remote) {
  size_t colon = remote.rfind(':');
  std::string a = colon == std::string::npos ? remote : remote.substr(0, colon);
  if (a.size() >= 2 && a.front() == '[' && a.back() == ']') a = a.substr(1, a.size() - 2);
  return a;
}

}  // namespace gongkai::hub::web
