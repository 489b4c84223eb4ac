# The browser tests (tests/browser/run.sh) as one CTest test, label
# "browser". Included from tests/CMakeLists.txt:
#   include(${CMAKE_CURRENT_SOURCE_DIR}/browser/browser_tests.cmake)
# Registered only when chromium and node are installed (packaging/setup.sh
# deps installs them: apt-get install chromium nodejs npm); run.sh installs
# playwright-core from package-lock.json with npm ci on first use.
# Run alone with: ctest -L browser --output-on-failure
find_program(GONGKAI_CHROMIUM NAMES chromium chromium-browser)
find_program(GONGKAI_NODE NAMES node nodejs)
find_program(GONGKAI_NPM NAMES npm)
if(GONGKAI_CHROMIUM AND GONGKAI_NODE AND GONGKAI_NPM)
  add_test(NAME browser
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/run.sh ${CMAKE_BINARY_DIR})
  set_tests_properties(browser PROPERTIES
    LABELS browser
    TIMEOUT 600
    ENVIRONMENT "CHROMIUM=${GONGKAI_CHROMIUM}")
else()
  message(STATUS "browser tests not registered: needs chromium, node and npm")
endif()
