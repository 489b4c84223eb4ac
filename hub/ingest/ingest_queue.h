// Group commit for uploads: one committer thread owns the hub's write
// connection and turns whatever requests have queued up into a single
// transaction, so many concurrent stations share one fsync.
//
// Durability contract: `done` runs only after the transaction holding the
// request's change sets has committed with synchronous=FULL (or failed and
// rolled back, in which case no change set of the request was stored and
// `done` gets a non-ok status). Nothing is acknowledged before it is on disk.
//
//   Submit ─► queue ─► committer: BEGIN IMMEDIATE; ApplyUpload each upload of
//   each queued request in arrival order; COMMIT ─► done(receipts) for each.
//
// Requests are processed whole and in arrival order, so change sets of one
// station sent in one request (seq 5, 6, 7) see each other, and the same
// request sent twice gets the same receipts the second time ("duplicate").
// The queue is bounded: Submit refuses with Unavailable "busy" past
// max_pending uploads; the caller answers 503 with Retry-After.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/base/status.h"
#include "hub/ingest/receipt.h"
#include "hub/ingest/upload.h"
#include "hub/store/hub_db.h"

namespace gongkai::hub {

struct IngestOptions {
  size_t max_pending = 20000;  // uploads waiting for the committer
  size_t max_batch = 4000;     // uploads per transaction (soft: whole requests)
};

class IngestQueue {
 public:
  using Done = std::function<void(Result<std::vector<Receipt>>)>;

  // Opens its own connection to the hub database and starts the committer.
  static Result<std::unique_ptr<IngestQueue>> Start(const std::string& db_path,
                                                    IngestOptions opts = {});
  ~IngestQueue();
  IngestQueue(const IngestQueue&) = delete;
  IngestQueue& operator=(const IngestQueue&) = delete;

  // Unavailable "busy" when full, "shutting_down" after Stop.
  Status Submit(std::vector<Upload> uploads, Done done);
  // Commits what is queued, then stops the committer thread. Idempotent.
  void Stop();

  // Counters for tests and the health endpoint.
  uint64_t commits() const;
  uint64_t committed_uploads() const;

 private:
  struct Request {
    std::vector<Upload> uploads;
    Done done;
  };
  IngestQueue(HubDb db, IngestOptions opts);
  void Run();
  void CommitBatch(std::vector<Request>& batch);
  // One transaction over batch[begin, end); fills receipts[begin, end).
  Status Apply(std::vector<Request>& batch, size_t begin, size_t end, int64_t now,
               std::vector<std::vector<Receipt>>& receipts);
  Status ApplyOrThrow(std::vector<Request>& batch, size_t begin, size_t end, int64_t now,
                      std::vector<std::vector<Receipt>>& receipts);

  HubDb db_;
  IngestOptions opts_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Request> queue_;
  size_t pending_ = 0;
  bool stopping_ = false;
  uint64_t commits_ = 0;
  uint64_t committed_uploads_ = 0;
  std::thread thread_;
};

}  // namespace gongkai::hub
