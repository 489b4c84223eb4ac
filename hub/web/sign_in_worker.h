// The thread that checks sign-in passwords (docs/hub-web.md § Sessions and
// sign-in). A password check is a scrypt of about 0.1 s and 32 MiB; run on
// the server's I/O threads, a few sign-ins at once would stall every other
// request. Here they run one at a time on their own thread, at most
// kMaxQueued waiting; beyond that the caller answers 503 "busy" with
// Retry-After. Tasks still queued when the worker is destroyed are dropped.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace gongkai::hub::web {

class SignInWorker {
 public:
  static constexpr size_t kMaxQueued = 32;

  SignInWorker();
  ~SignInWorker();
  SignInWorker(const SignInWorker&) = delete;
  SignInWorker& operator=(const SignInWorker&) = delete;

  // False when kMaxQueued tasks already wait (the task is not run).
  bool Post(std::function<void()> task);

 private:
  void Run();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts after the members above exist
};

}  // namespace gongkai::hub::web
