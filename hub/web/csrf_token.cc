#include "hub/web/csrf_token.h"

#include <optional>

#include "core/base/hex.h"
#include "hub/admin/password_kdf.h"

namespace gongkai::hub::web {

std::string MaskCsrfToken(const std::string& token_hex) {
  std::optional<Bytes> token = HexDecode(token_hex);
  Bytes pad = RandomBytes(32);
  Bytes out = pad;
  for (size_t i = 0; i < 32; ++i) {
    out.push_back(static_cast<uint8_t>(pad[i] ^ (token && token->size() == 32 ? (*token)[i] : 0)));
  }
  return HexEncode(out);
}

bool CsrfTokenMatches(std::string_view masked_hex, const std::string& token_hex) {
  if (masked_hex.size() != 128 || token_hex.size() != 64) return false;
  std::optional<Bytes> masked = HexDecode(masked_hex);
  std::optional<Bytes> token = HexDecode(token_hex);
  if (!masked || !token || masked->size() != 64 || token->size() != 32) return false;
  Bytes unmasked(32);
  for (size_t i = 0; i < 32; ++i) unmasked[i] = (*masked)[i] ^ (*masked)[32 + i];
  return ConstantTimeEqual(unmasked.data(), token->data(), 32);
}

}  // namespace gongkai::hub::web
