# Build-time script (cmake -P): writes a C++ source holding the /docs assets as string literals.
#   -DDIST=<swagger-ui-dist dir> -DWEB=<web/docs dir> -DOUTPUT=<file.cpp>
# Swagger UI's files get content-hashed names (served with a year-long immutable cache); index.html's
# @file@ placeholders are replaced by those names; index.html and init.js keep their names.
set(hashed swagger-ui-bundle.js swagger-ui.css favicon-32x32.png favicon-16x16.png)
file(READ ${WEB}/index.html html)
set(entries "")
set(body "")
set(index 0)

include(${CMAKE_CURRENT_LIST_DIR}/embed_common.cmake)

foreach(file IN LISTS hashed)
  set(path ${DIST}/${file})
  if(NOT EXISTS ${path})
    message(FATAL_ERROR "${path} is missing: run npm ci --ignore-scripts in web/docs")
  endif()
  file(SHA256 ${path} digest)
  string(SUBSTRING ${digest} 0 16 short)
  string(REGEX REPLACE "^(.*)\\.([a-z]+)$" "\\1.${short}.\\2" served ${file})
  string(REPLACE "@${file}@" "${served}" html "${html}")
  file(READ ${path} hex HEX)
  add_asset(${served} "${hex}" true)
endforeach()
if(html MATCHES "@[^@ ]+@")
  message(FATAL_ERROR "web/docs/index.html names an asset that is not embedded: ${CMAKE_MATCH_0}")
endif()
string(HEX "${html}" hex)
add_asset(index.html "${hex}" false)
file(READ ${WEB}/init.js hex HEX)
add_asset(init.js "${hex}" false)

write_assets(${OUTPUT} qgp::http docs_assets http/docs_assets.hpp
             "cmake/embed_docs.cmake from web/docs")
