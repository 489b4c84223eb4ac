#include "core/codec/wire.h"

#include <algorithm>
#include <cereal/archives/portable_binary.hpp>
#include <exception>

namespace gongkai {

WireWriter::WireWriter()
    : own_(std::make_unique<std::ostringstream>(std::ios::binary)),
      ar_(std::make_unique<cereal::PortableBinaryOutputArchive>(
          *own_, cereal::PortableBinaryOutputArchive::Options::LittleEndian())) {}

WireWriter::WireWriter(std::ostream& out)
    : ar_(std::make_unique<cereal::PortableBinaryOutputArchive>(
          out, cereal::PortableBinaryOutputArchive::Options::LittleEndian())) {}

WireWriter::~WireWriter() = default;

void WireWriter::U8(uint8_t v) { (*ar_)(v); }
void WireWriter::U16(uint16_t v) { (*ar_)(v); }
void WireWriter::U32(uint32_t v) { (*ar_)(v); }
void WireWriter::U64(uint64_t v) {
  if (!compact_) {
    (*ar_)(v);
    return;
  }
  uint8_t out[10];
  size_t n = 0;
  do {
    out[n] = static_cast<uint8_t>(v & 0x7f);
    v >>= 7;
    if (v != 0) out[n] |= 0x80;
    ++n;
  } while (v != 0);
  Fixed(out, n);
}
void WireWriter::I64(int64_t v) { (*ar_)(v); }
void WireWriter::Str(std::string_view s) {
  U64(s.size());
  (*ar_)(cereal::binary_data(s.data(), s.size()));
}
void WireWriter::Blob(const Bytes& b) {
  U64(b.size());
  (*ar_)(cereal::binary_data(b.data(), b.size()));
}
void WireWriter::Fixed(const uint8_t* data, size_t n) { (*ar_)(cereal::binary_data(data, n)); }

Bytes WireWriter::bytes() const {
  std::string s = own_->str();
  return Bytes(s.begin(), s.end());
}

WireReader::MemBuf::MemBuf(const uint8_t* data, size_t len) {
  char* p = const_cast<char*>(reinterpret_cast<const char*>(data));
  setg(p, p, p + len);
}

WireReader::WireReader(const uint8_t* data, size_t len)
    : buf_(data, len), in_(&buf_), remaining_(len) {
  if (len < 1) {
    status_ = DataLoss("malformed", "数据为空或被截断 (empty input)");
    return;
  }
  try {
    ar_ = std::make_unique<cereal::PortableBinaryInputArchive>(
        in_, cereal::PortableBinaryInputArchive::Options::LittleEndian());
    remaining_ = len - 1;
    if (data[0] != 1) status_ = DataLoss("malformed", "unexpected byte order flag");
  } catch (const std::exception& e) {
    status_ = DataLoss("malformed", std::string("数据格式错误 (malformed): ") + e.what());
  }
}

WireReader::~WireReader() = default;

void WireReader::Fail(Status s) {
  if (status_.ok()) status_ = std::move(s);
}

bool WireReader::Take(size_t n) {
  if (!status_.ok()) return false;
  if (n > remaining_) {
    status_ = DataLoss("truncated", "数据被截断 (truncated input)");
    return false;
  }
  remaining_ -= n;
  return true;
}

template <typename T>
bool WireReader::Load(T* v) {
  if (!Take(sizeof(T))) return false;
  try {
    (*ar_)(*v);
  } catch (const std::exception& e) {
    status_ = DataLoss("malformed", std::string("数据格式错误 (malformed): ") + e.what());
    return false;
  }
  return true;
}

bool WireReader::U8(uint8_t* v) { return Load(v); }
bool WireReader::U16(uint16_t* v) { return Load(v); }
bool WireReader::U32(uint32_t* v) { return Load(v); }
bool WireReader::U64(uint64_t* v) {
  if (!compact_) return Load(v);
  uint64_t value = 0;
  for (unsigned shift = 0;; shift += 7) {
    uint8_t b = 0;
    if (!Load(&b)) return false;
    // Ten bytes at most, the tenth only its low bit; no trailing zero group.
    if (shift == 63 && b > 1) {
      status_ = DataLoss("malformed", "varint beyond 64 bits");
      return false;
    }
    value |= uint64_t{b & 0x7fu} << shift;
    if ((b & 0x80) == 0) {
      if (b == 0 && shift > 0) {
        status_ = DataLoss("malformed", "varint longer than it needs to be");
        return false;
      }
      break;
    }
  }
  *v = value;
  return true;
}
bool WireReader::I64(int64_t* v) { return Load(v); }

bool WireReader::Bool(bool* v) {
  uint8_t b = 0;
  if (!U8(&b)) return false;
  if (b > 1) {
    status_ = DataLoss("malformed", "boolean must be 0 or 1");
    return false;
  }
  *v = b == 1;
  return true;
}

bool WireReader::Fixed(uint8_t* data, size_t n) {
  if (!Take(n)) return false;
  try {
    (*ar_)(cereal::binary_data(data, n));
  } catch (const std::exception& e) {
    status_ = DataLoss("malformed", std::string("数据格式错误 (malformed): ") + e.what());
    return false;
  }
  return true;
}

bool WireReader::Length(size_t* out, size_t max_len, const char* what) {
  uint64_t len = 0;
  if (!U64(&len)) return false;
  if (len > max_len) {
    status_ = ResourceExhausted("too_long", std::string(what) + " 超过长度上限 (too long)", what);
    return false;
  }
  if (len > remaining_) {
    status_ = DataLoss("truncated", "数据被截断 (truncated input)");
    return false;
  }
  *out = static_cast<size_t>(len);
  return true;
}

bool WireReader::Str(std::string* s, size_t max_len, const char* what) {
  size_t len = 0;
  if (!Length(&len, max_len, what)) return false;
  s->resize(len);
  return Fixed(reinterpret_cast<uint8_t*>(s->data()), s->size());
}

bool WireReader::Blob(Bytes* b, size_t max_len, const char* what) {
  size_t len = 0;
  if (!Length(&len, max_len, what)) return false;
  b->resize(len);
  return Fixed(b->data(), b->size());
}

Status WireReader::Format(std::initializer_list<uint16_t> known, std::string_view refusal,
                          uint16_t* format) {
  uint16_t v = 0;
  if (!U16(&v)) return Status::Ok();
  if (format) *format = v;
  if (std::find(known.begin(), known.end(), v) == known.end()) {
    return InvalidArgument("unsupported_format", std::string(refusal) + std::to_string(v));
  }
  return Status::Ok();
}

Status WireReader::ByteFormat(std::initializer_list<uint8_t> known, std::string_view refusal,
                              uint8_t* format) {
  if (!U8(format)) return status_;
  if (std::find(known.begin(), known.end(), *format) == known.end()) {
    return DataLoss("unsupported_format", std::string(refusal) + std::to_string(*format));
  }
  return Status::Ok();
}

bool WireReader::Count(uint64_t* n, uint64_t max, size_t min_bytes, std::string_view reason,
                       std::string_view message) {
  if (U64(n) && *n <= max && *n <= remaining_ / std::max<size_t>(min_bytes, 1)) return true;
  if (status_.ok()) Fail(DataLoss(std::string(reason), std::string(message)));
  *n = 0;
  return false;
}

Status WireReader::Finish() {
  if (status_.ok() && remaining_ != 0) {
    status_ = DataLoss("trailing_bytes", "数据末尾有多余字节 (trailing bytes)");
  }
  return status_;
}

}  // namespace gongkai
