// Settings of the hub's web pages (docs/hub-web.md § Sessions and sign-in).
#pragma once

#include <cstdint>
#include <functional>

namespace gongkai::hub::web {

struct WebOptions {
  int64_t session_idle_seconds = 30 * 60;      // signed out after 30 min without a request
  int64_t session_max_seconds = 12 * 60 * 60;  // and 12 h after signing in, whatever happens
  size_t max_sessions = 256;                   // oldest dropped beyond this
  int failures_before_lockout = 5;             // per address and per account
  int64_t lockout_base_seconds = 30;           // 30 s, 60 s, 120 s, ... after the 5th failure
  int64_t lockout_max_seconds = 60 * 60;
  size_t catalog_page_rows = 1000;  // public list: rows per page
  // The review page shows at most this many ops of each change set and
  // this many conflicts; the rest on /admin/changesets/{id}, page by page.
  size_t queue_ops_per_changeset = 50;
  size_t queue_conflicts = 200;
  size_t changeset_page_ops = 200;
  size_t signins_page_rows = 50;  // /admin/signins: attempts per page
  std::function<int64_t()> now;   // unix seconds; empty = the system clock
};

}  // namespace gongkai::hub::web
