// Who may try a password on the sign-in page, and the record of who tried
// (docs/hub-web.md § Sessions and sign-in). An outsider must not be able
// to aim a lockout at a named administrator:
//  - a browser that signed in as NAME before carries the device cookie
//    __Host-gk_device (32 random bytes, hex; kept in the server's memory,
//    at most kMaxDevices); for NAME it is limited only by its own failures
//    (locked from the 5th, 30 s doubling up to 1 h) — nobody else's
//    failures slow it;
//  - any other attempt is limited per client address (the same growing
//    lock), per account (from the 5th failure one attempt per 30 s: a flat
//    wait that never grows, so an outsider can slow a name but never shut
//    it) and globally (from 50 failures without a pause of a minute, 60 s);
//  - every count decays: a key with no failure for an hour starts again.
// Every attempt is written to the sign-in trail in the hub database
// (hub/store/sign_in_table.h) by the sign-in page, not here.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "hub/web/sign_in_limiter.h"
#include "hub/web/web_options.h"

namespace gongkai::hub::web {

class SignInGuard {
 public:
  static constexpr size_t kMaxDevices = 1000;

  explicit SignInGuard(const WebOptions& opts);

  // Seconds the attempt must wait before its password is checked; 0: now.
  int64_t RetryAfter(const std::string& admin, const std::string& address,
                     const std::string& device, int64_t now);
  void Failure(const std::string& admin, const std::string& address, const std::string& device,
               int64_t now);
  // Clears the counts of this attempt's keys; returns the device token the
  // browser should keep for `admin` (the same one if it was known).
  std::string Success(const std::string& admin, const std::string& address,
                      const std::string& device);
  bool KnownDevice(const std::string& admin, const std::string& device);

 private:
  SignInLimiter address_, account_, global_, device_;
  std::mutex mu_;
  std::map<std::string, std::string> devices_;  // token → administrator
  std::deque<std::string> device_order_;        // oldest first
};

// The address part of a peer "ip:port" ("[::1]:443" and "::1:443" → "::1"),
// the key of the per-address limit.
std::string ClientAddress(const std::string& remote);

}  // namespace gongkai::hub::web
