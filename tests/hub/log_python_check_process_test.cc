// An independent check that uses none of the project's code: Python's
// ssl (trusting only the hub's certificate) fetches /v1/checkpoint,
// /v1/log/key and every /v1/log/entries batch from a real hub, verifies
// the checkpoint's Ed25519 signature with the `cryptography` package,
// recomputes the RFC 9162 root from the served entries and checks an
// inclusion and a consistency proof — all from docs/formats/ alone.
#include <gtest/gtest.h>

#include "core/base/hex.h"
#include "tests/hub/hub_testing.h"
#include "tests/hub/log_fixture.h"
#include "tests/testing/process.h"

namespace gongkai::hub::testing {
namespace {

constexpr const char* kScript = R"py(
import base64, hashlib, json, ssl, sys, urllib.request
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

base, cafile, vkey = sys.argv[1], sys.argv[2], sys.argv[3]
ctx = ssl.create_default_context(cafile=cafile)
def get(path):
    with urllib.request.urlopen(base + path, context=ctx, timeout=20) as r:
        return r.read()

# Verifier key: name+hex8(keyid)+base64(0x01||pub)  (docs/formats/keys.md)
# (names hold no '+'; the base64 may)
name, rest = vkey.split("+", 1)
keyid_hex, b64 = rest[:8], rest[9:]
assert rest[8] == "+"
raw = base64.b64decode(b64, validate=True)
assert raw[0] == 1 and len(raw) == 33
pub = raw[1:]
key_id = hashlib.sha256(name.encode() + b"\n\x01" + pub).digest()[:4]
assert key_id.hex() == keyid_hex, "key id"
assert get("/v1/log/key").decode() == vkey + "\n"

# Signed note (docs/formats/checkpoint.md §1)
note = get("/v1/checkpoint")
split = note.rindex(b"\n\n")
text, sigs = note[:split + 1], note[split + 2:]
ok = False
for line in sigs.decode().split("\n")[:-1]:
    assert line.startswith("\u2014 ")
    n, sb64 = line[2:].split(" ", 1)
    sig = base64.b64decode(sb64, validate=True)
    if n == name and sig[:4] == key_id:
        Ed25519PublicKey.from_public_bytes(pub).verify(sig[4:], text)   # raises if bad
        ok = True
assert ok, "no signature by the log key"
lines = text.decode().split("\n")
assert len(lines) == 5 and lines[4] == "" and lines[0] == name
size = int(lines[1]); root = base64.b64decode(lines[2], validate=True)
kw, version, catalog = lines[3].split(" ")
assert kw == "gongkai-catalog" and len(catalog) == 64

# Entries (docs/http-api.md): [start, end), base64 of the exact bytes
entries = []
while len(entries) < size:
    o = json.loads(get("/v1/log/entries?start=%d&end=%d" % (len(entries), size)))
    assert o["start"] == len(entries)
    entries += [base64.b64decode(e, validate=True) for e in o["entries"]]
assert len(entries) == size

# RFC 9162 (docs/formats/merkle.md §1)
def leaf(d): return hashlib.sha256(b"\x00" + d).digest()
def node(l, r): return hashlib.sha256(b"\x01" + l + r).digest()
def mth(ls):
    if not ls: return hashlib.sha256(b"").digest()
    if len(ls) == 1: return ls[0]
    k = 1
    while k * 2 < len(ls): k *= 2
    return node(mth(ls[:k]), mth(ls[k:]))
leaves = [leaf(e) for e in entries]
assert mth(leaves) == root, "root recomputed from the entries differs from the checkpoint"

# Inclusion proof of the last entry (RFC 9162 §2.1.3.2)
i = size - 1
o = json.loads(get("/v1/log/proof/inclusion?index=%d&size=%d" % (i, size)))
fn, sn, r = i, size - 1, leaves[i]
for p in [base64.b64decode(x) for x in o["proof"]]:
    assert sn != 0
    if fn % 2 == 1 or fn == sn:
        r = node(p, r)
        while fn % 2 == 0 and fn != 0: fn >>= 1; sn >>= 1
    else:
        r = node(r, p)
    fn >>= 1; sn >>= 1
assert sn == 0 and r == root, "inclusion proof"

# Consistency proof from 3 (RFC 9162 §2.1.4.2)
m = 3
o = json.loads(get("/v1/log/proof/consistency?from=%d&to=%d" % (m, size)))
path = [base64.b64decode(x) for x in o["proof"]]
if m & (m - 1) == 0: path = [mth(leaves[:m])] + path
fn, sn = m - 1, size - 1
while fn % 2 == 1: fn >>= 1; sn >>= 1
fr = sr = path[0]
for c in path[1:]:
    assert sn != 0
    if fn % 2 == 1 or fn == sn:
        fr = node(c, fr); sr = node(c, sr)
        while fn % 2 == 0 and fn != 0: fn >>= 1; sn >>= 1
    else:
        sr = node(sr, c)
    fn >>= 1; sn >>= 1
assert sn == 0 and fr == mth(leaves[:m]) and sr == root, "consistency proof"
print("OK", size, root.hex(), version, catalog)
)py";

class LogPythonCheckTest : public LogFixture {};

TEST_F(LogPythonCheckTest, PythonVerifiesTheCheckpointAndRecomputesTheRoot) {
  if (std::system("python3 -c 'import cryptography' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "python3 with the cryptography package is not available";
  }
  BuildHistory();
  HubProcess hub;
  ASSERT_TRUE(hub.Start(paths_.dir));
  WriteBinary(tmp_.path() + "/check.py", kScript);
  RunResult r = RunProgram(
      {"python3", tmp_.path() + "/check.py", "https://127.0.0.1:" + std::to_string(hub.port()),
       paths_.tls_cert(), identity_.log_key.ToString()},
      tmp_.path(), std::chrono::seconds(60));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  Checkpoint cp = OpenNote(Get("/v1/checkpoint").body);
  EXPECT_EQ(r.out, "OK 10 " + HexEncode(cp.root) + " 2 " + HexEncode(catalog_.Hash()) + "\n");
}

}  // namespace
}  // namespace gongkai::hub::testing
