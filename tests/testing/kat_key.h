// The key of the C2SP signed-note known answer (docs/formats/keys.md): the
// seed of golang.org/x/mod/sumdb/note's test key PeterNeumann. Tests that
// compare with bytes made elsewhere with that key (the reference
// implementation's note, the checkpoint notes Python signed) sign with it.
#pragma once

#include "core/base/hex.h"
#include "core/crypto/ed25519.h"

namespace gongkai {

inline constexpr char kKatSeedHex[] =
    "810a1402d5146c8d84f2443330f54080ebf98ee17d9c74f6252fc5d5c7283173";

inline PrivateKey KatKey() { return *PrivateKey::FromSeed(*HexDecode(kKatSeedHex)); }

}  // namespace gongkai
