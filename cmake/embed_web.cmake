# Build-time script (cmake -P): writes a C++ source holding the web application as string literals.
#   -DDIST=<Vite's output folder> -DOUTPUT=<file.cpp>
# Vite names every asset by its content hash (assets/<name>-<hash>.<ext>): served with a year-long
# immutable cache; index.html keeps its name and is revalidated on every load.
set(entries "")
set(body "")
set(index 0)
include(${CMAKE_CURRENT_LIST_DIR}/embed_common.cmake)

if(NOT EXISTS ${DIST}/index.html)
  message(FATAL_ERROR "${DIST}/index.html is missing: the web application was not built")
endif()
file(GLOB_RECURSE files RELATIVE ${DIST} ${DIST}/*)
list(SORT files)
foreach(file IN LISTS files)
  if(file STREQUAL "index.html")
    set(immutable false)
  elseif(file MATCHES "^assets/[^/]+$")
    set(immutable true)
  else()
    message(FATAL_ERROR "web/app's build made ${file}: only index.html and assets/<file> are served")
  endif()
  file(READ ${DIST}/${file} hex HEX)
  add_asset(${file} "${hex}" ${immutable})
endforeach()

write_assets(${OUTPUT} qgp::app web_assets app/web_assets.hpp "cmake/embed_web.cmake from web/app")
