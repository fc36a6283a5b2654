# The interactive /docs (Swagger UI from web/docs, pinned by its package-lock.json) embedded into
# qgp_core as a generated source: the binary serves it with no CDN and nothing fetched at run time.
set(QGP_DOCS_WEB ${PROJECT_SOURCE_DIR}/web/docs)
set(QGP_DOCS_DIST ${QGP_DOCS_WEB}/node_modules/swagger-ui-dist)

# node_modules must hold exactly the locked version: scripts/install-deps.sh runs npm ci there; a
# tree that has not (a new clone, a lock file just changed) gets it here.
function(qgp_docs_installed_version out)
  set(version "")
  if(EXISTS ${QGP_DOCS_DIST}/package.json)
    file(READ ${QGP_DOCS_DIST}/package.json manifest)
    string(JSON version ERROR_VARIABLE ignored GET "${manifest}" version)
  endif()
  set(${out} "${version}" PARENT_SCOPE)
endfunction()
file(READ ${QGP_DOCS_WEB}/package-lock.json lock)
string(JSON locked GET "${lock}" packages node_modules/swagger-ui-dist version)
qgp_docs_installed_version(installed)
if(NOT installed STREQUAL locked)
  find_program(QGP_NPM npm)
  if(NOT QGP_NPM)
    message(FATAL_ERROR "web/docs needs swagger-ui-dist ${locked} and npm is not installed "
                        "(run: bash scripts/install-deps.sh)")
  endif()
  message(STATUS "web/docs: npm ci (swagger-ui-dist ${locked}, found '${installed}')")
  execute_process(COMMAND ${QGP_NPM} ci --ignore-scripts --no-audit --no-fund --loglevel=error
                  WORKING_DIRECTORY ${QGP_DOCS_WEB} RESULT_VARIABLE npm_result)
  qgp_docs_installed_version(installed)
  if(NOT npm_result EQUAL 0 OR NOT installed STREQUAL locked)
    message(FATAL_ERROR "npm ci in web/docs failed (swagger-ui-dist ${locked} expected)")
  endif()
endif()
# A changed lock file or a reinstall reconfigures (and re-checks the above).
set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${QGP_DOCS_WEB}/package-lock.json ${QGP_DOCS_DIST}/package.json)

set(QGP_DOCS_INPUTS
    ${QGP_DOCS_WEB}/index.html ${QGP_DOCS_WEB}/init.js ${QGP_DOCS_DIST}/swagger-ui-bundle.js
    ${QGP_DOCS_DIST}/swagger-ui.css ${QGP_DOCS_DIST}/favicon-32x32.png
    ${QGP_DOCS_DIST}/favicon-16x16.png)
set(QGP_DOCS_CPP ${PROJECT_BINARY_DIR}/generated/docs_assets.cpp)
add_custom_command(
  OUTPUT ${QGP_DOCS_CPP}
  COMMAND ${CMAKE_COMMAND} -DDIST=${QGP_DOCS_DIST} -DWEB=${QGP_DOCS_WEB} -DOUTPUT=${QGP_DOCS_CPP}
          -P ${PROJECT_SOURCE_DIR}/cmake/embed_docs.cmake
  DEPENDS ${QGP_DOCS_INPUTS} ${PROJECT_SOURCE_DIR}/cmake/embed_docs.cmake
          ${PROJECT_SOURCE_DIR}/cmake/embed_common.cmake
  COMMENT "Embedding the /docs assets (Swagger UI)")
add_library(qgp_docs_assets STATIC ${QGP_DOCS_CPP})
target_include_directories(qgp_docs_assets PRIVATE ${PROJECT_SOURCE_DIR}/src)
# Multi-megabyte string literals are the point of this file.
target_compile_options(qgp_docs_assets PRIVATE -Wno-overlength-strings)
target_link_libraries(qgp_core PUBLIC qgp_docs_assets)
