# Writes OUTPUT: a C++ source holding each file of WEB_DIR named in NAMES (a
# comma-separated list) as a byte array, so that the server serves the search page
# without reading the file system. Run by the build (indexer/CMakeLists.txt):
#   cmake -DWEB_DIR=... -DNAMES=a.html,b.js -DOUTPUT=web_assets.cc -P embed.cmake
string(REPLACE "," ";" names "${NAMES}")
set(arrays "")
set(table "")
set(i 0)
foreach(name IN LISTS names)
  file(READ "${WEB_DIR}/${name}" hex HEX)
  string(LENGTH "${hex}" digits)
  math(EXPR bytes "${digits} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
  string(APPEND arrays "const unsigned char kAsset${i}[] = {${body}0x00};\n")
  string(APPEND table "    {\"${name}\", {reinterpret_cast<const char*>(kAsset${i}), ${bytes}}},\n")
  math(EXPR i "${i} + 1")
endforeach()
set(source "// Generated at build time by indexer/web/embed.cmake from indexer/web/: do not edit.
#include \"web_assets.h\"

namespace tigris {

namespace {
${arrays}}  // namespace

const EmbeddedFile kWebFiles[] = {
${table}};
const std::size_t kWebFileCount = ${i};

}  // namespace tigris
")
# Rewritten only when it changes: no rebuild of what depends on it otherwise.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
endif()
if(NOT old STREQUAL source)
  file(WRITE "${OUTPUT}" "${source}")
endif()
