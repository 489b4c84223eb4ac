#include "core/log/checkpoint.h"

#include <vector>

#include "core/base/base64.h"
#include "core/base/decimal.h"
#include "core/base/hex.h"
#include "core/base/utf8.h"
#include "core/log/merkle.h"
#include "core/log/note.h"

namespace gongkai {
namespace {

Status Bad(const std::string& reason, const std::string& why) {
  return InvalidArgument(reason, "检查点格式错误 (malformed checkpoint): " + why);
}

bool IsLowerHex64(std::string_view s) { return s.size() == 64 && IsLowerHex(s); }

// "gongkai-catalog <version> <hex64>"
Status ParseCatalogExtension(std::string_view line, Checkpoint& cp) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    const size_t sp = line.find(' ', start);
    fields.push_back(line.substr(start, sp == std::string_view::npos ? sp : sp - start));
    if (sp == std::string_view::npos) break;
    start = sp + 1;
  }
  if (fields.size() != 3) {
    return Bad("bad_catalog_extension", "expected \"gongkai-catalog <version> <hash>\"");
  }
  std::optional<uint64_t> version = ParseCanonicalDecimal(fields[1]);
  if (!version) return Bad("bad_catalog_extension", "catalog version is not a decimal number");
  if (!IsLowerHex64(fields[2])) {
    return Bad("bad_catalog_extension", "catalog hash must be 64 lowercase hex digits");
  }
  cp.catalog_version = *version;
  cp.catalog_hash = *HexDecodeHash(fields[2]);
  return Status::Ok();
}

}  // namespace

Status ValidateCheckpoint(const Checkpoint& cp) {
  if (!IsValidKeyName(cp.origin)) {
    return InvalidArgument("bad_origin", "检查点来源名称无效 (invalid checkpoint origin)",
                           "origin");
  }
  if (cp.size > kMaxMerkleTreeSize) {
    return InvalidArgument("bad_tree_size", "tree size too large", "size");
  }
  return Status::Ok();
}

std::string FormatCheckpointBody(const Checkpoint& cp) {
  std::string out = cp.origin;
  out += '\n';
  out += std::to_string(cp.size);
  out += '\n';
  out += Base64Encode(cp.root.data(), cp.root.size());
  out += '\n';
  out += kCatalogExtensionKeyword;
  out += ' ';
  out += std::to_string(cp.catalog_version);
  out += ' ';
  out += HexEncode(cp.catalog_hash);
  out += '\n';
  return out;
}

Result<CheckpointHead> ParseCheckpointHead(std::string_view body) {
  if (!IsValidUtf8(body)) return Bad("checkpoint_not_utf8", "not valid UTF-8");
  if (HasControlCharacter(body, /*allow_newline=*/true)) {
    return Bad("checkpoint_control_character", "control character");
  }
  if (body.empty() || body.back() != '\n') {
    return Bad("checkpoint_unterminated", "body must end with a newline");
  }
  CheckpointHead head;
  for (size_t start = 0; start < body.size();) {
    const size_t eol = body.find('\n', start);
    head.lines.push_back(body.substr(start, eol - start));
    start = eol + 1;
  }
  const std::vector<std::string_view>& lines = head.lines;
  if (lines.size() < 3) return Bad("checkpoint_truncated", "expected origin, size and root");

  if (!IsValidKeyName(lines[0])) return Bad("bad_origin", "invalid origin");
  head.origin = std::string(lines[0]);

  std::optional<uint64_t> size = ParseCanonicalDecimal(lines[1]);
  if (!size || *size > kMaxMerkleTreeSize) {
    return Bad("bad_tree_size", "tree size must be decimal without leading zeros");
  }
  head.size = *size;

  std::optional<Bytes> root = Base64Decode(lines[2]);
  if (!root || root->size() != head.root.size()) {
    return Bad("bad_root_hash", "root hash must be base64 of 32 bytes");
  }
  std::copy(root->begin(), root->end(), head.root.begin());
  for (size_t i = 3; i < lines.size(); ++i) {
    if (lines[i].empty()) return Bad("empty_extension_line", "blank line in checkpoint body");
  }
  return head;
}

Result<Checkpoint> ParseCheckpointBody(std::string_view body) {
  GK_ASSIGN_OR_RETURN(CheckpointHead head, ParseCheckpointHead(body));
  const std::vector<std::string_view>& lines = head.lines;
  Checkpoint cp;
  cp.origin = std::move(head.origin);
  cp.size = head.size;
  cp.root = head.root;

  bool have_catalog = false;
  for (size_t i = 3; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    std::string_view keyword = line.substr(0, line.find(' '));
    if (keyword != kCatalogExtensionKeyword) {
      return Bad("unknown_extension", "unknown extension line \"" + std::string(keyword) + "\"");
    }
    if (have_catalog) return Bad("duplicate_extension", "gongkai-catalog appears twice");
    GK_RETURN_IF_ERROR(ParseCatalogExtension(line, cp));
    have_catalog = true;
  }
  if (!have_catalog) return Bad("missing_catalog_extension", "no gongkai-catalog line");
  return cp;
}

Result<std::string> SignCheckpoint(const Checkpoint& cp, std::string_view name,
                                   const PrivateKey& key) {
  GK_RETURN_IF_ERROR(ValidateCheckpoint(cp));
  return SignNote(FormatCheckpointBody(cp), name, key);
}

Result<Checkpoint> OpenCheckpoint(std::string_view note, const VerifierKey& verifier,
                                  std::string_view expected_origin) {
  GK_ASSIGN_OR_RETURN(OpenedNote opened,
                      OpenNote(note, std::span<const VerifierKey>(&verifier, 1)));
  GK_ASSIGN_OR_RETURN(Checkpoint cp, ParseCheckpointBody(opened.text));
  if (cp.origin != expected_origin) {
    return Unauthenticated("origin_mismatch", "检查点来源不符 (checkpoint is from \"" + cp.origin +
                                                  "\", expected \"" + std::string(expected_origin) +
                                                  "\")");
  }
  return cp;
}

}  // namespace gongkai
