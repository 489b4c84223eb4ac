#include "core/log/cosignature.h"

#include <algorithm>

#include "core/base/base64.h"

namespace gongkai {

std::string CosignatureMessage(std::string_view checkpoint_text, uint64_t timestamp) {
  std::string msg = "cosignature/v1\ntime " + std::to_string(timestamp) + "\n";
  msg += checkpoint_text;
  return msg;
}

Result<std::string> Cosign(std::string_view checkpoint_text, std::string_view name,
                           const PrivateKey& key, uint64_t timestamp) {
  GK_RETURN_IF_ERROR(ValidateNoteText(checkpoint_text));
  if (!IsValidKeyName(name)) {
    return InvalidArgument("bad_key_name", "见证者名称无效 (invalid witness name)",
                           std::string(name));
  }
  if (timestamp > kMaxCosignatureTimestamp) {
    return InvalidArgument("bad_timestamp", "联署时间超出范围 (timestamp over 2^63 - 1)");
  }
  const std::string msg = CosignatureMessage(checkpoint_text, timestamp);
  const Signature sig = key.Sign(reinterpret_cast<const uint8_t*>(msg.data()), msg.size());
  const uint32_t id = C2spKeyId(name, key.public_key(), kCosignatureV1KeyType);
  Bytes raw = {uint8_t(id >> 24), uint8_t(id >> 16), uint8_t(id >> 8), uint8_t(id)};
  for (int shift = 56; shift >= 0; shift -= 8) raw.push_back(uint8_t(timestamp >> shift));
  raw.insert(raw.end(), sig.begin(), sig.end());
  std::string line(kNoteSignaturePrefix);
  line += name;
  line += ' ';
  line += Base64Encode(raw);
  line += '\n';
  return line;
}

Result<std::vector<Cosignature>> VerifyCosignatures(const ParsedNote& note,
                                                    std::span<const VerifierKey> witnesses) {
  std::vector<Cosignature> out;
  std::vector<bool> seen(witnesses.size(), false);
  for (const NoteSignature& sig : note.signatures) {
    auto it = std::find_if(witnesses.begin(), witnesses.end(), [&](const VerifierKey& w) {
      return w.type == kCosignatureV1KeyType && w.key_id == sig.key_id && w.name == sig.name;
    });
    if (it == witnesses.end()) continue;
    const size_t k = size_t(it - witnesses.begin());
    if (seen[k]) continue;
    seen[k] = true;
    auto broken = [&](const std::string& why) {
      return Unauthenticated("bad_cosignature",
                             "见证者联署无效 (cosignature by " + sig.name + " " + why + ")");
    };
    if (sig.signature.size() != 8 + 64) return broken("has the wrong length");
    uint64_t ts = 0;
    for (int i = 0; i < 8; ++i) ts = ts << 8 | sig.signature[size_t(i)];
    if (ts > kMaxCosignatureTimestamp) return broken("has a timestamp over 2^63 - 1");
    Signature s{};
    std::copy(sig.signature.begin() + 8, sig.signature.end(), s.begin());
    const std::string msg = CosignatureMessage(note.text, ts);
    if (!Ed25519Verify(it->key, reinterpret_cast<const uint8_t*>(msg.data()), msg.size(), s)) {
      return broken("does not verify");
    }
    out.push_back(Cosignature{*it, ts});
  }
  return out;
}

Result<std::string> AddSignatureLines(std::string_view note, std::string_view lines) {
  GK_RETURN_IF_ERROR(ParseNote(note).status());
  std::string out(note);
  while (!lines.empty()) {
    const size_t eol = lines.find('\n');
    if (eol == std::string_view::npos) {
      return InvalidArgument("bad_signature_line", "签名行缺少换行 (signature line unterminated)");
    }
    std::string_view line = lines.substr(0, eol + 1);
    lines.remove_prefix(eol + 1);
    if (!line.starts_with(kNoteSignaturePrefix)) {
      return InvalidArgument("bad_signature_line",
                             "签名行必须以 \"— \" 开头 (signature line must start with \"— \")");
    }
    const size_t blank = out.rfind("\n\n");
    if (out.find("\n" + std::string(line), blank) != std::string::npos) continue;
    out += line;
  }
  GK_RETURN_IF_ERROR(ParseNote(out).status());
  return out;
}

}  // namespace gongkai
