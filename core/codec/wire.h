// Thin, bounds-checked wrappers around cereal's PortableBinary archives.
//
// Every binary format of the project (change sets, envelopes, the canonical
// catalog encoding, log entries) is written through WireWriter and read back
// through WireReader, so the byte grammar is the same everywhere:
//
//   archive   := 0x01 (cereal's endianness flag: little endian) item*
//   u8/u16/u32/u64/i64 := fixed-width little-endian integers
//   bool      := u8 0 or 1
//   string    := u64 length || bytes        (cereal's size tag + data)
//   fixedN    := N raw bytes                (digests, signatures)
//
// A format may switch to compact integers (CompactIntegers(true)): from
// then on every u64 and every string length is a LEB128 varint, the
// shortest one (wire.md § Compact integers; the catalog answer's format 3).
//
// See docs/formats/wire.md. The reader never allocates more than the bytes
// that remain in its input, refuses trailing bytes (Finish) and turns every
// cereal exception into a Status with reason "malformed".
#pragma once

#include <array>
#include <initializer_list>
#include <memory>
#include <sstream>
#include <streambuf>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/base/bytes.h"
#include "core/base/status.h"

namespace cereal {
class PortableBinaryOutputArchive;
class PortableBinaryInputArchive;
}  // namespace cereal

namespace gongkai {

template <typename T>
inline constexpr bool kIsVector = false;
template <typename T>
inline constexpr bool kIsVector<std::vector<T>> = true;

class WireWriter {
 public:
  // Writes into an internal buffer; take it with bytes().
  WireWriter();
  // Writes into the given stream (e.g. a hashing stream).
  explicit WireWriter(std::ostream& out);
  ~WireWriter();
  WireWriter(const WireWriter&) = delete;
  WireWriter& operator=(const WireWriter&) = delete;

  void U8(uint8_t v);
  void U16(uint16_t v);
  void U32(uint32_t v);
  void U64(uint64_t v);
  void I64(int64_t v);
  void Bool(bool v) { U8(v ? 1 : 0); }
  void Str(std::string_view s);
  void Blob(const Bytes& b);
  void Fixed(const uint8_t* data, size_t n);
  template <size_t N>
  void Fixed(const std::array<uint8_t, N>& a) {
    Fixed(a.data(), N);
  }
  // From now on u64 values and string lengths as LEB128 varints.
  void CompactIntegers(bool on) { compact_ = on; }

  // Writes each value by its type, in order: uint8_t/uint16_t/uint32_t/
  // uint64_t/int64_t/bool as above, a string as Str, Bytes as Blob, a byte
  // array as Fixed, any other std::vector as its u64 count and then each
  // element. Any other type (int, an enum, a double) does not compile, so a
  // record's field list is its encoding: no silent narrowing.
  template <typename... T>
  void Put(const T&... values) {
    (PutOne(values), ...);
  }

  // Only for the internal-buffer constructor.
  Bytes bytes() const;

 private:
  template <typename T>
  void PutOne(const T& v) {
    if constexpr (std::is_same_v<T, bool>) {
      Bool(v);
    } else if constexpr (std::is_same_v<T, uint8_t>) {
      U8(v);
    } else if constexpr (std::is_same_v<T, uint16_t>) {
      U16(v);
    } else if constexpr (std::is_same_v<T, uint32_t>) {
      // Where size_t is 32 bits a size would land here: write it as
      // uint64_t{n}, as the formats say (a u64 everywhere).
      static_assert(!std::is_same_v<T, size_t>, "write a size as uint64_t{n}");
      U32(v);
    } else if constexpr (std::is_same_v<T, uint64_t>) {
      U64(v);
    } else if constexpr (std::is_same_v<T, int64_t>) {
      I64(v);
    } else if constexpr (std::is_same_v<T, Bytes>) {
      Blob(v);
    } else if constexpr (kIsVector<T>) {
      U64(v.size());
      for (const auto& e : v) PutOne(e);
    } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
      Str(v);
    } else {
      Fixed(v);  // std::array<uint8_t, N>; anything else fails to compile here
    }
  }

  std::unique_ptr<std::ostringstream> own_;
  std::unique_ptr<cereal::PortableBinaryOutputArchive> ar_;
  bool compact_ = false;
};

// A record's bytes: its values written by WireWriter::Put, in order.
template <typename... T>
Bytes WireBytes(const T&... values) {
  WireWriter w;
  w.Put(values...);
  return w.bytes();
}

class WireReader {
 public:
  explicit WireReader(const uint8_t* data, size_t len);
  explicit WireReader(const Bytes& b) : WireReader(b.data(), b.size()) {}
  ~WireReader();
  WireReader(const WireReader&) = delete;
  WireReader& operator=(const WireReader&) = delete;

  // Each returns false (and records the error) once anything failed; later
  // calls do nothing. Check status() at the end.
  bool U8(uint8_t* v);
  bool U16(uint16_t* v);
  bool U32(uint32_t* v);
  bool U64(uint64_t* v);
  bool I64(int64_t* v);
  bool Bool(bool* v);
  bool Str(std::string* s, size_t max_len, const char* what);
  bool Blob(Bytes* b, size_t max_len, const char* what);
  bool Fixed(uint8_t* data, size_t n);
  template <size_t N>
  bool Fixed(std::array<uint8_t, N>* a) {
    return Fixed(a->data(), N);
  }
  // From now on u64 values and string lengths as LEB128 varints; one
  // longer than it needs to be, or beyond 64 bits, is "malformed".
  void CompactIntegers(bool on) { compact_ = on; }

  // Reads the u16 format number that opens a record (into *format when
  // given). One not in `known` is refused here with "unsupported_format" and
  // `refusal` followed by the number; a short read returns Ok and stays in
  // status(), as it does for every other field.
  Status Format(std::initializer_list<uint16_t> known, std::string_view refusal,
                uint16_t* format = nullptr);

  // Reads the u8 format number that opens a bundle or an answer into
  // *format. A short read is the reader's error (returned); one not in
  // `known` DataLoss "unsupported_format" with `refusal` and the number.
  Status ByteFormat(std::initializer_list<uint8_t> known, std::string_view refusal,
                    uint8_t* format);

  // Reads the u64 count of a list whose items take at least `min_bytes`
  // each. A count above `max`, or one the bytes left cannot hold (a
  // corrupt or truncated input), fails the reader with DataLoss(reason,
  // message) before anything is allocated. On failure *n is 0.
  bool Count(uint64_t* n, uint64_t max, size_t min_bytes, std::string_view reason,
             std::string_view message);

  size_t remaining() const { return remaining_; }
  // Records a decoding error found by the caller (first error wins).
  void Fail(Status s);
  // Fails with "trailing_bytes" if input remains. Returns the final status.
  Status Finish();
  const Status& status() const { return status_; }

 private:
  bool Take(size_t n);
  // Reads a length prefix for Str/Blob and checks it against max_len and
  // what is left; false (with status_ set) when it does not fit.
  bool Length(size_t* len, size_t max_len, const char* what);
  template <typename T>
  bool Load(T* v);

  struct MemBuf : std::streambuf {
    MemBuf(const uint8_t* data, size_t len);
  };
  MemBuf buf_;
  std::istream in_;
  std::unique_ptr<cereal::PortableBinaryInputArchive> ar_;
  size_t remaining_;
  Status status_;
  bool compact_ = false;
};

// The decoder of a signed record that is a u16 format number, a field list
// and a check (genesis, enrollment, revocation, …: docs/formats/records.md):
// refuses any format but `format` ("unsupported_format", `refusal` and the
// number), lets `fields(r, v)` read the rest into a T, refuses what is left
// over ("trailing_bytes") and returns `check(v)`'s refusal or the record.
template <typename T, typename Fields, typename Check>
Result<T> DecodeRecord(const Bytes& body, uint16_t format, std::string_view refusal, Fields fields,
                       Check check) {
  WireReader r(body);
  GK_RETURN_IF_ERROR(r.Format({format}, refusal));
  T v;
  fields(r, v);
  GK_RETURN_IF_ERROR(r.Finish());
  GK_RETURN_IF_ERROR(check(v));
  return v;
}

}  // namespace gongkai
