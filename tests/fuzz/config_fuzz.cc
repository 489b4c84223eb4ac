// Fuzz target: configuration files (core/config/config_file.h),
// /etc/gongkai/hub.conf and station.conf.
//
// Input: one selector byte (even: hub keys, odd: station keys), then the
// file. Properties for every accepted file: keys are known and unique,
// values hold no line break; writing the entries back as "key = value"
// lines and parsing that gives the same keys and values. GetUnsigned and
// GetList never crash.
#include <set>

#include "core/config/config_file.h"
#include "core/config/config_keys.h"
#include "tests/fuzz/fuzz_check.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::vector<std::string_view>& keys =
      data[0] % 2 == 0 ? HubConfigKeys() : StationConfigKeys();
  std::string_view text = fuzz::InputText(data + 1, size - 1);
  Result<ConfigFile> cf = ParseConfigText(text, "fuzz.conf", keys);
  if (!cf.ok()) {
    FUZZ_CHECK(!cf.status().reason().empty(), "an error without a reason");
    return 0;
  }
  std::set<std::string> seen;
  std::string rewritten;
  for (const ConfigEntry& e : cf->entries()) {
    FUZZ_CHECK(seen.insert(e.key).second, "duplicate key " + e.key);
    FUZZ_CHECK(e.value.find('\n') == std::string::npos, "a value with a line break");
    FUZZ_CHECK(cf->Find(e.key) != nullptr, "Find misses " + e.key);
    (void)cf->GetUnsigned(e.key, 0, UINT64_MAX);
    (void)cf->GetUnsigned(e.key, 1, 65535);
    (void)cf->GetList(e.key);
    rewritten += e.key + " = " + e.value + "\n";
  }
  Result<ConfigFile> again = ParseConfigText(rewritten, "fuzz.conf", keys);
  FUZZ_CHECK(again.ok(), again.ok() ? "" : fuzz::Why(again.status()));
  FUZZ_CHECK(again->entries().size() == cf->entries().size(), "entry count changed");
  for (size_t i = 0; i < cf->entries().size(); ++i) {
    FUZZ_CHECK(again->entries()[i].key == cf->entries()[i].key, "key changed");
    FUZZ_CHECK(again->entries()[i].value == cf->entries()[i].value, "value changed");
  }
  return 0;
}
