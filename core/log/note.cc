#include "core/log/note.h"

#include <algorithm>

#include "core/base/base64.h"
#include "core/base/utf8.h"

namespace gongkai {
namespace {

Status Malformed(const std::string& reason, const std::string& why) {
  return InvalidArgument(reason, "签名文本格式错误 (malformed signed note): " + why);
}

// Decodes the code point at s[i] (s is valid UTF-8) and advances i.
uint32_t NextCodePoint(std::string_view s, size_t& i) {
  uint8_t c = static_cast<uint8_t>(s[i]);
  size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<uint8_t>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

// Unicode White_Space (as Go's unicode.IsSpace).
bool IsUnicodeSpace(uint32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

// Signed notes forbid ASCII control characters other than newline.
bool HasAsciiControl(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<uint8_t>(c) < 0x20 && c != '\n'; });
}

uint32_t ReadBigEndian32(const Bytes& b) {
  return uint32_t(b[0]) << 24 | uint32_t(b[1]) << 16 | uint32_t(b[2]) << 8 | b[3];
}

}  // namespace

bool IsValidKeyName(std::string_view name) {
  if (name.empty() || !IsValidUtf8(name)) return false;
  for (size_t i = 0; i < name.size();) {
    uint32_t cp = NextCodePoint(name, i);
    if (cp < 0x20 || cp == '+' || IsUnicodeSpace(cp)) return false;
  }
  return true;
}

Status ValidateNoteText(std::string_view text) {
  if (text.empty() || text.back() != '\n') {
    return Malformed("note_text_unterminated", "text must end with a newline");
  }
  if (!IsValidUtf8(text)) return Malformed("note_not_utf8", "text is not valid UTF-8");
  if (HasAsciiControl(text)) {
    return Malformed("note_control_character", "text holds a control character");
  }
  return Status::Ok();
}

Result<std::string> SignNote(std::string_view text, std::span<const NoteSigner> signers) {
  GK_RETURN_IF_ERROR(ValidateNoteText(text));
  if (signers.empty()) return InvalidArgument("no_signers", "a note needs at least one signer");
  if (signers.size() > kMaxNoteSignatures) {
    return ResourceExhausted("too_many_signatures", "at most 100 signatures per note");
  }
  std::vector<NoteSignature> sigs;
  for (const NoteSigner& s : signers) {
    if (!IsValidKeyName(s.name)) {
      return InvalidArgument("bad_key_name", "签名者名称无效 (invalid key name)", s.name);
    }
    const Signature sig = s.key.Sign(reinterpret_cast<const uint8_t*>(text.data()), text.size());
    sigs.push_back({s.name, C2spKeyId(s.name, s.key.public_key()), Bytes(sig.begin(), sig.end())});
  }
  std::string out = AssembleNote(text, sigs);
  if (out.size() > kMaxNoteBytes) {
    return ResourceExhausted("note_too_large", "签名文本超过 1 MiB (note larger than 1 MiB)");
  }
  return out;
}

Result<std::string> SignNote(std::string_view text, std::string_view name, const PrivateKey& key) {
  const NoteSigner signer{std::string(name), key};
  return SignNote(text, std::span<const NoteSigner>(&signer, 1));
}

Bytes SignatureBytes(const NoteSignature& sig) {
  const uint32_t id = sig.key_id;
  Bytes raw = {uint8_t(id >> 24), uint8_t(id >> 16), uint8_t(id >> 8), uint8_t(id)};
  raw.insert(raw.end(), sig.signature.begin(), sig.signature.end());
  return raw;
}

std::optional<NoteSignature> SignatureFromBytes(std::string name, const Bytes& raw) {
  if (raw.size() < 5) return std::nullopt;
  return NoteSignature{std::move(name), ReadBigEndian32(raw), Bytes(raw.begin() + 4, raw.end())};
}

std::string AssembleNote(std::string_view text, std::span<const NoteSignature> signatures) {
  std::string out(text);
  out += '\n';
  for (const NoteSignature& s : signatures) {
    out += kNoteSignaturePrefix;
    out += s.name;
    out += ' ';
    out += Base64Encode(SignatureBytes(s));
    out += '\n';
  }
  return out;
}

Result<ParsedNote> ParseNote(std::string_view note) {
  if (note.size() > kMaxNoteBytes) {
    return ResourceExhausted("note_too_large", "签名文本超过 1 MiB (note larger than 1 MiB)");
  }
  if (!IsValidUtf8(note)) return Malformed("note_not_utf8", "not valid UTF-8");
  if (HasAsciiControl(note)) return Malformed("note_control_character", "control character");
  const size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos) {
    return Malformed("note_missing_signatures", "no blank line before the signatures");
  }
  ParsedNote parsed;
  parsed.text = std::string(note.substr(0, split + 1));
  std::string_view sigs = note.substr(split + 2);
  if (sigs.empty()) return Malformed("note_missing_signatures", "no signature lines");
  if (sigs.back() != '\n') {
    return Malformed("signature_block_unterminated", "last signature line lacks a newline");
  }
  if (size_t(std::count(sigs.begin(), sigs.end(), '\n')) > kMaxNoteSignatures) {
    return ResourceExhausted("too_many_signatures", "at most 100 signatures per note");
  }
  while (!sigs.empty()) {
    const size_t eol = sigs.find('\n');
    std::string_view line = sigs.substr(0, eol);
    sigs.remove_prefix(eol + 1);
    if (!line.starts_with(kNoteSignaturePrefix)) {
      return Malformed("bad_signature_line", "signature line must start with \"— \"");
    }
    line.remove_prefix(kNoteSignaturePrefix.size());
    const size_t space = line.find(' ');
    if (space == std::string_view::npos) {
      return Malformed("bad_signature_line", "signature line needs a name and a signature");
    }
    NoteSignature sig;
    sig.name = std::string(line.substr(0, space));
    if (!IsValidKeyName(sig.name)) return Malformed("bad_key_name", "invalid key name");
    std::string_view b64 = line.substr(space + 1);
    std::optional<Bytes> raw = b64.empty() ? std::nullopt : Base64Decode(b64);
    if (!raw) return Malformed("bad_signature_base64", "signature is not base64");
    std::optional<NoteSignature> split = SignatureFromBytes(std::move(sig.name), *raw);
    if (!split) return Malformed("signature_too_short", "signature shorter than 5 bytes");
    parsed.signatures.push_back(std::move(*split));
  }
  return parsed;
}

Result<OpenedNote> OpenNote(std::string_view note, std::span<const VerifierKey> known) {
  GK_ASSIGN_OR_RETURN(ParsedNote parsed, ParseNote(note));
  OpenedNote opened;
  std::vector<bool> seen(known.size(), false);
  for (NoteSignature& sig : parsed.signatures) {
    auto it = std::find_if(known.begin(), known.end(), [&](const VerifierKey& k) {
      return k.key_id == sig.key_id && k.name == sig.name;
    });
    if (it == known.end()) {
      const bool dup = std::any_of(
          opened.unverified.begin(), opened.unverified.end(), [&](const NoteSignature& u) {
            return u.name == sig.name && u.key_id == sig.key_id && u.signature == sig.signature;
          });
      if (!dup) opened.unverified.push_back(std::move(sig));
      continue;
    }
    const size_t k = size_t(it - known.begin());
    if (seen[k]) continue;  // only the first signature by a key counts
    seen[k] = true;
    Signature s{};
    if (sig.signature.size() != s.size()) {
      return Unauthenticated("bad_signature",
                             "签名无效 (signature by " + sig.name + " has the wrong length)");
    }
    std::copy(sig.signature.begin(), sig.signature.end(), s.begin());
    if (!Ed25519Verify(it->key, reinterpret_cast<const uint8_t*>(parsed.text.data()),
                       parsed.text.size(), s)) {
      return Unauthenticated("bad_signature",
                             "签名无效 (signature by " + sig.name + " does not verify)");
    }
    opened.verified_by.push_back(*it);
  }
  if (opened.verified_by.empty()) {
    return Unauthenticated("no_known_signature", "没有受信任的签名 (no signature by a known key)");
  }
  opened.text = std::move(parsed.text);
  return opened;
}

}  // namespace gongkai
