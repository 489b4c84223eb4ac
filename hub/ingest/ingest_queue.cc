#include "hub/ingest/ingest_queue.h"

#include <openssl/crypto.h>

#include <ctime>

#include "core/base/reasons.h"
#include "hub/ingest/apply_upload.h"

namespace gongkai::hub {

Result<std::unique_ptr<IngestQueue>> IngestQueue::Start(const std::string& db_path,
                                                        IngestOptions opts) {
  GK_ASSIGN_OR_RETURN(HubDb db, HubDb::Open(db_path));
  return std::unique_ptr<IngestQueue>(new IngestQueue(std::move(db), opts));
}

IngestQueue::IngestQueue(HubDb db, IngestOptions opts) : db_(std::move(db)), opts_(opts) {
  thread_ = std::thread([this] { Run(); });
}

IngestQueue::~IngestQueue() { Stop(); }

void IngestQueue::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Status IngestQueue::Submit(std::vector<Upload> uploads, Done done) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) {
      return Unavailable("shutting_down", "集镇中心正在停止服务，请稍后再试");
    }
    if (pending_ + uploads.size() > opts_.max_pending) {
      return Unavailable("busy", "集镇中心正忙，请稍后再试 (ingest queue full)");
    }
    pending_ += uploads.size();
    queue_.push_back(Request{std::move(uploads), std::move(done)});
  }
  cv_.notify_one();
  return Status::Ok();
}

uint64_t IngestQueue::commits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return commits_;
}

uint64_t IngestQueue::committed_uploads() const {
  std::lock_guard<std::mutex> lock(mu_);
  return committed_uploads_;
}

void IngestQueue::Run() {
  for (;;) {
    std::vector<Request> batch;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything is committed
      size_t uploads = 0;
      while (!queue_.empty() &&
             (batch.empty() || uploads + queue_.front().uploads.size() <= opts_.max_batch)) {
        uploads += queue_.front().uploads.size();
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    CommitBatch(batch);
    // The committer verifies signatures now and then (apply_upload.cc);
    // OpenSSL's per-thread state for that is released between batches
    // rather than held by an idle thread for the life of the process.
    OPENSSL_thread_stop();
  }
}

Status IngestQueue::Apply(std::vector<Request>& batch, size_t begin, size_t end, int64_t now,
                          std::vector<std::vector<Receipt>>& receipts) {
  try {
    return ApplyOrThrow(batch, begin, end, now, receipts);
  } catch (const std::exception& e) {
    // The transaction has rolled back (RAII); nothing of the batch is stored.
    return Internal("internal", std::string("ingest failed: ") + e.what());
  }
}

Status IngestQueue::ApplyOrThrow(std::vector<Request>& batch, size_t begin, size_t end, int64_t now,
                                 std::vector<std::vector<Receipt>>& receipts) {
  Transaction tx(db_.db());
  GK_RETURN_IF_ERROR(tx.status());
  for (size_t i = begin; i < end; ++i) {
    receipts[i].clear();
    for (const Upload& up : batch[i].uploads) {
      GK_ASSIGN_OR_RETURN(Receipt r, ApplyUpload(db_, up, now));
      receipts[i].push_back(std::move(r));
    }
  }
  return tx.Commit();
}

void IngestQueue::CommitBatch(std::vector<Request>& batch) {
  int64_t now = static_cast<int64_t>(std::time(nullptr));
  std::vector<std::vector<Receipt>> receipts(batch.size());
  std::vector<Status> status(batch.size());
  Status all = Apply(batch, 0, batch.size(), now, receipts);
  if (all.ok() || batch.size() == 1 || all.reason() == reason::kDbBusy) {
    for (Status& s : status) s = all;
  } else {
    // Something in the batch failed the database (not a rejection): commit
    // each request on its own so that one cannot hold back the others.
    for (size_t i = 0; i < batch.size(); ++i) status[i] = Apply(batch, i, i + 1, now, receipts);
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (size_t i = 0; i < batch.size(); ++i) {
      pending_ -= batch[i].uploads.size();
      if (status[i].ok()) committed_uploads_ += batch[i].uploads.size();
    }
    ++commits_;
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    if (status[i].ok()) {
      batch[i].done(std::move(receipts[i]));
    } else {
      // Unavailable (busy, I/O) stays so — the caller answers 503, try
      // again; anything else is a fault of the hub (500).
      Code code = status[i].code() == Code::kUnavailable ? Code::kUnavailable : Code::kInternal;
      batch[i].done(Status(
          code, status[i].reason(),
          "集镇中心暂时无法保存，没有保存任何内容 (nothing was stored): " + status[i].message()));
    }
  }
}

}  // namespace gongkai::hub
