#include "station/sync/catalog_answer.h"

#include <boost/json.hpp>
#include <cstring>

#include "core/base/base64.h"
#include "core/base/hex.h"
#include "station/sync/json_field.h"

namespace gongkai::station {
namespace json = boost::json;
namespace {

Status Bad(const std::string& why) {
  return DataLoss("bad_hub_answer",
                  "镇服务器发来的目录无法理解 (" + why + ")；未采用，请稍后重试或联系镇政务公开办");
}

std::optional<std::string> Str(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

// [base64 hash...]
Result<std::vector<Hash32>> ParseHashes(const json::value& v, const std::string& what) {
  if (!v.is_array()) return Bad(what + " is not an array");
  if (v.as_array().size() > kMaxProofHashes) return Bad(what + " is too long");
  std::vector<Hash32> proof;
  for (const json::value& h : v.as_array()) {
    std::optional<Bytes> b = h.is_string() ? Base64Decode(h.as_string()) : std::nullopt;
    if (!b || b->size() != 32) return Bad(what + " item is not a base64 hash");
    Hash32 hash;
    std::memcpy(hash.data(), b->data(), 32);
    proof.push_back(hash);
  }
  return proof;
}

Result<FeedEntry> ParseEntry(const json::value& v) {
  if (!v.is_object()) return Bad("entry is not an object");
  const json::object& o = v.as_object();
  FeedEntry e;
  std::optional<uint64_t> index = JsonUint(o, "index");
  std::optional<std::string> kind = Str(o, "kind");
  std::optional<std::string> b64 = Str(o, "entry");
  if (!index || !kind || !b64) return Bad("entry without index, kind or entry");
  std::optional<Bytes> bytes = Base64Decode(*b64);
  if (!bytes) return Bad("entry is not base64");
  e.index = *index;
  e.kind = *kind;
  e.entry = std::move(*bytes);
  if (const json::value* inc = o.if_contains("inclusion")) {
    GK_ASSIGN_OR_RETURN(e.inclusion, ParseHashes(*inc, "inclusion"));
  }
  return e;
}

Result<Hash32> HashField(const json::object& o, const char* key) {
  std::optional<std::string> hex = Str(o, key);
  if (!hex) return Bad(std::string("missing ") + key);
  std::optional<Hash32> h = HexDecodeHash(*hex);
  if (!h) return Bad(std::string("bad ") + key);
  return *h;
}

}  // namespace

Result<CatalogAnswer> ParseCatalogAnswer(const std::string& body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return Bad("not a JSON object");
  const json::object& top = v.as_object();
  if (JsonUint(top, "format") != uint64_t{1}) return Bad("unknown format");
  CatalogAnswer a;
  std::optional<uint64_t> since = JsonUint(top, "since"), version = JsonUint(top, "version");
  std::optional<std::string> mode = Str(top, "mode");
  if (!since || !version || !mode) return Bad("missing since, version or mode");
  if (*mode != "current" && *mode != "decisions" && *mode != "snapshot") {
    return Bad("unknown mode " + *mode);
  }
  a.since = *since;
  a.version = *version;
  a.mode = *mode;
  a.origin = Str(top, "origin").value_or("");
  GK_ASSIGN_OR_RETURN(a.hash, HashField(top, "hash"));
  if (const json::value* genesis = top.if_contains("genesis"); genesis && !genesis->is_null()) {
    GK_ASSIGN_OR_RETURN(a.genesis, ParseEntry(*genesis));
  }
  const json::value* entries = top.if_contains("entries");
  if (!entries || !entries->is_array()) return Bad("entries is not an array");
  for (const json::value& e : entries->as_array()) {
    GK_ASSIGN_OR_RETURN(FeedEntry fe, ParseEntry(e));
    if (!a.entries.empty() && fe.index <= a.entries.back().index)
      return Bad("entries out of order");
    a.entries.push_back(std::move(fe));
  }
  if (const json::value* snap = top.if_contains("snapshot"); snap && !snap->is_null()) {
    if (!snap->is_object()) return Bad("snapshot is not an object");
    const json::object& o = snap->as_object();
    FeedSnapshot s;
    std::optional<uint64_t> sv = JsonUint(o, "version");
    std::optional<std::string> b64 = Str(o, "catalog");
    if (!sv || !b64) return Bad("snapshot without version or catalog");
    s.version = *sv;
    GK_ASSIGN_OR_RETURN(s.hash, HashField(o, "hash"));
    s.rows = JsonUint(o, "rows").value_or(0);
    std::optional<Bytes> bytes = Base64Decode(*b64);
    if (!bytes) return Bad("snapshot catalog is not base64");
    s.catalog = std::move(*bytes);
    a.snapshot = std::move(s);
  }
  if (const json::value* cp = top.if_contains("checkpoint"); cp && !cp->is_null()) {
    if (!cp->is_string()) return Bad("checkpoint is not a string");
    a.checkpoint = std::string(cp->as_string());
  }
  if (const json::value* c = top.if_contains("consistency"); c && !c->is_null()) {
    std::optional<uint64_t> from = c->is_object() ? JsonUint(c->as_object(), "from") : std::nullopt;
    const json::value* proof = c->is_object() ? c->as_object().if_contains("proof") : nullptr;
    if (!from || !proof) return Bad("consistency without from or proof");
    GK_ASSIGN_OR_RETURN(std::vector<Hash32> hashes, ParseHashes(*proof, "consistency"));
    a.consistency = FeedConsistency{*from, std::move(hashes)};
  }
  if ((a.mode == "snapshot") != a.snapshot.has_value()) return Bad("snapshot and mode disagree");
  return a;
}

Result<CatalogAnswer> ParseCatalogAnswerBody(const std::string& body, std::string_view origin) {
  if (!body.empty() && body[0] == '{') return ParseCatalogAnswer(body);
  Result<CatalogAnswer> a = DecodeCatalogAnswer(Bytes(body.begin(), body.end()),
                                                origin);  // docs/formats/catalog-answer.md
  if (!a.ok()) return Bad("binary answer: " + a.status().reason());
  return a;
}

}  // namespace gongkai::station
