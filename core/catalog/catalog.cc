#include "core/catalog/catalog.h"

#include <ostream>
#include <streambuf>

#include "core/catalog/row_codec.h"
#include "core/crypto/sha256.h"

namespace gongkai {
namespace {
// An output stream that feeds SHA-256 instead of memory, so hashing a
// 30,000-row catalog needs no 30,000-row buffer.
class HashingBuf : public std::streambuf {
 public:
  Sha256Hasher hasher;

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    hasher.Update(reinterpret_cast<const uint8_t*>(s), static_cast<size_t>(n));
    return n;
  }
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) {
      uint8_t b = static_cast<uint8_t>(c);
      hasher.Update(&b, 1);
    }
    return traits_type::not_eof(c);
  }
};
}  // namespace

const Row* Catalog::Find(const std::string& id) const {
  auto it = rows_.find(id);
  return it == rows_.end() ? nullptr : &it->second;
}

void Catalog::Put(Row row) {
  std::string id = row.id;
  rows_.insert_or_assign(std::move(id), std::move(row));
}

Hash32 Catalog::Hash() const {
  HashingBuf buf;
  std::ostream out(&buf);
  {
    WireWriter w(out);
    w.Str("gongkai-catalog-v1");
    w.U64(rows_.size());
    for (const auto& [id, row] : rows_) EncodeRow(w, row);
  }
  out.flush();
  return buf.hasher.Finish();
}

}  // namespace gongkai
