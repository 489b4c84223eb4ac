#include "hub/log/log_api.h"

#include <boost/json.hpp>
#include <ctime>

#include "core/base/base64.h"
#include "core/crypto/verifier_key.h"
#include "core/feed/api_paths.h"
#include "core/log/merkle.h"
#include "hub/log/checkpoints.h"
#include "hub/store/log_table.h"
#include "hub/store/meta_table.h"
#include "hub/store/node_store.h"
#include "hub/store/store_error_answer.h"
#include "hub/store/witness_table.h"
#include "web/json_answer.h"
#include "web/query_param.h"

namespace gongkai::hub {
namespace json = boost::json;
namespace {

HttpResponse Text(std::string body) {
  HttpResponse r;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(body);
  return r;
}

HttpResponse Bad(const Status& s) { return JsonError(400, s.reason(), s.message()); }

HttpResponse ServerError(const Status& s) { return StoreErrorResponse(s); }

// The value of `name` in a query string ("a=1&b=2"), as a decimal uint64.
Result<uint64_t> QueryNumber(std::string_view query, std::string_view name) {
  std::optional<std::string_view> raw = FindQueryParam(query, name);
  if (!raw) {
    return InvalidArgument("missing_parameter", "缺少参数 " + std::string(name), std::string(name));
  }
  std::optional<uint64_t> v = ParseDecimal(*raw);
  if (!v) {
    return InvalidArgument("bad_parameter",
                           "参数 " + std::string(name) + " 必须是一个非负整数（十进制），实为 \"" +
                               std::string(raw->substr(0, 40)) + "\"",
                           std::string(name));
  }
  return *v;
}

Status BeyondLog(const char* what, uint64_t value, uint64_t size) {
  return InvalidArgument("beyond_log",
                         std::string(what) + "=" + std::to_string(value) +
                             " 超出了日志：日志现有 " + std::to_string(size) + " 条记录",
                         what);
}

json::array HashList(const std::vector<Hash32>& hashes) {
  json::array a;
  for (const Hash32& h : hashes) a.push_back(json::string(Base64Encode(h.data(), h.size())));
  return a;
}

}  // namespace

Result<std::unique_ptr<LogApi>> LogApi::Open(const std::string& db_path,
                                             const std::string& log_key_file, LogApiOptions opts) {
  GK_ASSIGN_OR_RETURN(HubDb db, HubDb::Open(db_path));
  GK_ASSIGN_OR_RETURN(HubMeta meta, ReadMeta(db));
  Result<PrivateKey> key = PrivateKey::LoadPem(log_key_file);
  if (!key.ok()) {
    return FailedPrecondition(
        "log_key_unavailable",
        "无法读取日志私钥 " + log_key_file + "，检查点无法签名: " + key.status().message());
  }
  if (key->public_key() != meta.log_key) {
    return FailedPrecondition("log_key_mismatch",
                              "日志私钥 " + log_key_file + " 与数据库记录的日志公钥不一致");
  }
  return std::unique_ptr<LogApi>(
      new LogApi(std::move(db), meta.origin, std::move(key).value(), opts));
}

LogApi::LogApi(HubDb db, std::string origin, PrivateKey key, LogApiOptions opts)
    : db_(std::move(db)), origin_(std::move(origin)), key_(std::move(key)), opts_(opts) {}

bool LogApi::Serves(std::string_view path) {
  return path == api_path::kCheckpoint || path == api_path::kLogKey ||
         path == api_path::kCosigned || path == api_path::kLogEntries ||
         path == api_path::kInclusionProof || path == api_path::kConsistencyProof;
}

HttpResponse LogApi::Handle(const std::string& method, std::string_view path,
                            std::string_view query) {
  if (method != "GET") {
    HttpResponse r = JsonError(405, "method_not_allowed", "这个地址只支持 GET 请求");
    r.headers.emplace_back("Allow", "GET");
    return r;
  }
  if (path == api_path::kCheckpoint) return Checkpoint(query);
  if (path == api_path::kLogKey) return Key();
  if (path == api_path::kCosigned) return Cosigned();
  if (path == api_path::kLogEntries) return Entries(query);
  if (path == api_path::kInclusionProof) return Inclusion(query);
  if (path == api_path::kConsistencyProof) return Consistency(query);
  return JsonError(404, "not_found", "没有这个地址: " + std::string(path));
}

HttpResponse LogApi::Checkpoint(std::string_view query) {
  if (FindQueryParam(query, "size")) {
    Result<uint64_t> size = QueryNumber(query, "size");
    if (!size.ok()) return Bad(size.status());
    std::lock_guard<std::mutex> lock(mu_);
    Result<uint64_t> log_size = LogSize(db_);
    if (!log_size.ok()) return ServerError(log_size.status());
    if (*size == 0 || *size > *log_size) return Bad(BeyondLog("size", *size, *log_size));
    Result<SignedCheckpoint> cp = CheckpointOfSize(db_, origin_, key_, *size);
    if (!cp.ok()) return ServerError(cp.status());
    // The witnesses' lines for that size follow the hub's signature, as for
    // the latest checkpoint (docs/http-api.md § Log).
    Result<std::string> lines = CosignatureLines(db_, *size);
    if (!lines.ok()) return ServerError(lines.status());
    return Text(cp->note + *lines);
  }
  std::lock_guard<std::mutex> lock(mu_);
  Result<SignedCheckpoint> cp =
      LatestCheckpoint(db_, origin_, key_, static_cast<int64_t>(std::time(nullptr)));
  if (!cp.ok()) return ServerError(cp.status());
  return Text(cp->note);
}

HttpResponse LogApi::Key() {
  return Text(MakeVerifierKey(origin_, key_.public_key()).ToString() + "\n");
}

HttpResponse LogApi::Cosigned() {
  std::lock_guard<std::mutex> lock(mu_);
  Result<std::vector<uint64_t>> sizes = CosignedSizes(db_);
  if (!sizes.ok()) return ServerError(sizes.status());
  json::array a;
  for (uint64_t s : *sizes) a.push_back(s);
  return JsonAnswer(200, json::object{{"sizes", std::move(a)}});
}

HttpResponse LogApi::Entries(std::string_view query) {
  Result<uint64_t> start = QueryNumber(query, "start");
  if (!start.ok()) return Bad(start.status());
  Result<uint64_t> end = QueryNumber(query, "end");
  if (!end.ok()) return Bad(end.status());
  if (*end <= *start) {
    return Bad(InvalidArgument("bad_range", "end 必须大于 start（区间为 [start, end)）", "end"));
  }
  std::lock_guard<std::mutex> lock(mu_);
  Result<uint64_t> size = LogSize(db_);
  if (!size.ok()) return ServerError(size.status());
  if (*start >= *size) return Bad(BeyondLog("start", *start, *size));
  uint64_t stop = std::min({*end, *size, *start + opts_.max_entries});
  Result<std::vector<LogEntry>> rows =
      opts_.self_check ? ReadCheckedLogEntries(db_, *start, stop, opts_.max_entry_bytes)
                       : ReadLogEntries(db_, *start, stop, opts_.max_entry_bytes);
  if (!rows.ok()) return ServerError(rows.status());
  json::array entries;
  uint64_t next = *start;
  for (const LogEntry& e : *rows) {
    if (e.index != next) break;  // a missing row: serve what precedes it
    entries.push_back(json::string(Base64Encode(e.entry)));
    ++next;
  }
  if (next == *start) {
    return ServerError(DataLoss("log_entry_missing", "日志缺少第 " + std::to_string(*start) +
                                                         " 条记录 (log entry missing)"));
  }
  return JsonAnswer(
      200,
      json::object{
          {"start", *start}, {"end", next}, {"log_size", *size}, {"entries", std::move(entries)}});
}

HttpResponse LogApi::Inclusion(std::string_view query) {
  Result<uint64_t> index = QueryNumber(query, "index");
  if (!index.ok()) return Bad(index.status());
  Result<uint64_t> size = QueryNumber(query, "size");
  if (!size.ok()) return Bad(size.status());
  std::lock_guard<std::mutex> lock(mu_);
  Result<uint64_t> log_size = LogSize(db_);
  if (!log_size.ok()) return ServerError(log_size.status());
  if (*size > *log_size) return Bad(BeyondLog("size", *size, *log_size));
  if (*index >= *size) {
    return Bad(InvalidArgument("index_out_of_range",
                               "index=" + std::to_string(*index) + " 不在大小为 " +
                                   std::to_string(*size) + " 的树里（应小于 size）",
                               "index"));
  }
  SqliteNodeStore store(db_);
  Result<std::vector<Hash32>> proof = InclusionProof(store, *index, *size);
  if (!proof.ok()) return ServerError(proof.status());
  Result<std::optional<Hash32>> leaf = store.GetNode(0, *index);
  if (!leaf.ok()) return ServerError(leaf.status());
  if (!*leaf) return ServerError(DataLoss("merkle_node_missing", "缺少叶子哈希"));
  return JsonAnswer(200, json::object{{"index", *index},
                                      {"size", *size},
                                      {"leaf_hash", Base64Encode((*leaf)->data(), 32)},
                                      {"proof", HashList(*proof)}});
}

HttpResponse LogApi::Consistency(std::string_view query) {
  Result<uint64_t> from = QueryNumber(query, "from");
  if (!from.ok()) return Bad(from.status());
  Result<uint64_t> to = QueryNumber(query, "to");
  if (!to.ok()) return Bad(to.status());
  if (*from > *to) {
    return Bad(InvalidArgument("bad_range", "from 不能大于 to", "from"));
  }
  std::lock_guard<std::mutex> lock(mu_);
  Result<uint64_t> log_size = LogSize(db_);
  if (!log_size.ok()) return ServerError(log_size.status());
  if (*to > *log_size) return Bad(BeyondLog("to", *to, *log_size));
  SqliteNodeStore store(db_);
  Result<std::vector<Hash32>> proof = ConsistencyProof(store, *from, *to);
  if (!proof.ok()) return ServerError(proof.status());
  return JsonAnswer(200, json::object{{"from", *from}, {"to", *to}, {"proof", HashList(*proof)}});
}

}  // namespace gongkai::hub
