// An independent little-endian byte builder for golden-bytes tests: it
// writes the documented grammar (docs/formats/wire.md) by hand, without
// cereal, so a test compares the codec against the written spec.
#pragma once

#include <string>
#include <string_view>

#include "core/base/bytes.h"

namespace gongkai {

class LeBytes {
 public:
  LeBytes() { out_.push_back(0x01); }  // cereal's little-endian flag
  LeBytes& U8(uint8_t v) { return Int(v, 1); }
  LeBytes& U16(uint16_t v) { return Int(v, 2); }
  LeBytes& U64(uint64_t v) { return Int(v, 8); }
  LeBytes& Str(std::string_view s) {
    U64(s.size());
    out_.insert(out_.end(), s.begin(), s.end());
    return *this;
  }
  // LEB128, the shortest form (wire.md § Compact integers), by hand.
  LeBytes& Var(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<uint8_t>(v));
    return *this;
  }
  LeBytes& VarStr(std::string_view s) {
    Var(s.size());
    out_.insert(out_.end(), s.begin(), s.end());
    return *this;
  }
  LeBytes& Raw(const Bytes& b) {
    out_.insert(out_.end(), b.begin(), b.end());
    return *this;
  }
  const Bytes& bytes() const { return out_; }

 private:
  LeBytes& Int(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
    return *this;
  }
  Bytes out_;
};

}  // namespace gongkai
