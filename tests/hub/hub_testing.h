// The namespace of the hub's process and end-to-end tests,
// gongkai::hub::testing, sees the shared testing library (gongkai::testing:
// Town, processes, temporary folders) and boost::json as json, so each test
// file does not say so again.
#pragma once

#include <boost/json.hpp>

namespace gongkai::testing {}

namespace gongkai::hub::testing {

using namespace ::gongkai::testing;  // NOLINT(google-build-using-namespace)
namespace json = boost::json;

}  // namespace gongkai::hub::testing
