# The web application (web/app, docs/adr/0015): React + TypeScript built by Vite and embedded into
# the `qgp` executable only. The order is not circular:
#   qgp_openapi_writer (qgp_core, no application) -> openapi.json -> openapi-typescript
#   -> src/api/schema.d.ts -> tsc --noEmit (a changed API that the app misuses fails here)
#   -> vite build -> cmake/embed_web.cmake -> qgp_web_assets (linked into qgp only).
set(QGP_WEB_APP ${PROJECT_SOURCE_DIR}/web/app)
set(QGP_WEB_LOCK_STAMP ${QGP_WEB_APP}/node_modules/.qgp-lock.sha256)

# node_modules must come from the committed lock file: scripts/install-deps.sh runs npm ci and
# records the lock file's digest; a tree without that record (a new clone, a changed lock) gets it
# here.
function(qgp_web_installed_lock out)
  set(digest "")
  if(EXISTS ${QGP_WEB_LOCK_STAMP})
    file(STRINGS ${QGP_WEB_LOCK_STAMP} digest LIMIT_COUNT 1)
  endif()
  set(${out} "${digest}" PARENT_SCOPE)
endfunction()
file(SHA256 ${QGP_WEB_APP}/package-lock.json qgp_web_lock)
qgp_web_installed_lock(qgp_web_installed)
if(NOT qgp_web_installed STREQUAL qgp_web_lock)
  find_program(QGP_NPM npm)
  if(NOT QGP_NPM)
    message(FATAL_ERROR "web/app needs npm (run: bash scripts/install-deps.sh)")
  endif()
  message(STATUS "web/app: npm ci (node_modules does not match package-lock.json)")
  execute_process(COMMAND ${CMAKE_COMMAND} -E env PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 ${QGP_NPM} ci
                          --ignore-scripts --no-audit --no-fund --loglevel=error
                  WORKING_DIRECTORY ${QGP_WEB_APP} RESULT_VARIABLE npm_result)
  if(NOT npm_result EQUAL 0)
    message(FATAL_ERROR "npm ci in web/app failed")
  endif()
  file(WRITE ${QGP_WEB_LOCK_STAMP} "${qgp_web_lock}\n")
endif()
set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${QGP_WEB_APP}/package-lock.json ${QGP_WEB_LOCK_STAMP})
find_program(QGP_NODE node REQUIRED)

# 1. The OpenAPI document, from a binary that has the route table and no application.
add_executable(qgp_openapi_writer ${PROJECT_SOURCE_DIR}/src/app/openapi_writer_main.cpp)
target_link_libraries(qgp_openapi_writer PRIVATE qgp_core qgp_migrations)
qgp_target_warnings(qgp_openapi_writer)
set(QGP_WEB_BUILD ${PROJECT_BINARY_DIR}/web)
set(QGP_WEB_OPENAPI ${QGP_WEB_BUILD}/openapi.json)
add_custom_command(
  OUTPUT ${QGP_WEB_OPENAPI}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${QGP_WEB_BUILD}
  # A fixed environment: the document does not depend on the builder's APP_ENV.
  COMMAND ${CMAKE_COMMAND} -E env APP_ENV=development $<TARGET_FILE:qgp_openapi_writer>
          ${QGP_WEB_OPENAPI}
  WORKING_DIRECTORY ${QGP_WEB_BUILD}
  DEPENDS qgp_openapi_writer
  COMMENT "Writing the OpenAPI document for web/app")

# 2. The API's types (gitignored, rewritten only when they change, so an unchanged API rebuilds
#    nothing further).
set(QGP_WEB_TYPES ${QGP_WEB_APP}/src/api/schema.d.ts)
add_custom_command(
  OUTPUT ${QGP_WEB_BUILD}/schema.stamp
  COMMAND ${QGP_NODE} ${QGP_WEB_APP}/node_modules/openapi-typescript/bin/cli.js ${QGP_WEB_OPENAPI}
          --output ${QGP_WEB_BUILD}/schema.d.ts
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${QGP_WEB_BUILD}/schema.d.ts ${QGP_WEB_TYPES}
  COMMAND ${CMAKE_COMMAND} -E touch ${QGP_WEB_BUILD}/schema.stamp
  DEPENDS ${QGP_WEB_OPENAPI} ${QGP_WEB_LOCK_STAMP}
  COMMENT "Generating web/app's API types (openapi-typescript)")

# 3. Type-check, then build into the build tree.
file(GLOB_RECURSE QGP_WEB_SOURCES CONFIGURE_DEPENDS ${QGP_WEB_APP}/src/*.ts ${QGP_WEB_APP}/src/*.tsx
     ${QGP_WEB_APP}/src/*.css ${QGP_WEB_APP}/src/*.svg)
list(FILTER QGP_WEB_SOURCES EXCLUDE REGEX "\\.test\\.tsx?$|/schema\\.d\\.ts$")
set(QGP_WEB_DIST ${QGP_WEB_BUILD}/dist)
add_custom_command(
  OUTPUT ${QGP_WEB_BUILD}/dist.stamp
  # `cmake -E time` prints how long each took (the CI time the application adds).
  COMMAND ${CMAKE_COMMAND} -E time ${QGP_NODE} ${QGP_WEB_APP}/node_modules/typescript/bin/tsc
          --noEmit -p ${QGP_WEB_APP}
  COMMAND ${CMAKE_COMMAND} -E time ${QGP_NODE} ${QGP_WEB_APP}/node_modules/vite/bin/vite.js build
          --logLevel warn
          --outDir ${QGP_WEB_DIST} --emptyOutDir
  COMMAND ${CMAKE_COMMAND} -E touch ${QGP_WEB_BUILD}/dist.stamp
  WORKING_DIRECTORY ${QGP_WEB_APP}
  DEPENDS ${QGP_WEB_BUILD}/schema.stamp ${QGP_WEB_SOURCES} ${QGP_WEB_APP}/index.html
          ${QGP_WEB_APP}/vite.config.ts ${QGP_WEB_APP}/tsconfig.json ${QGP_WEB_LOCK_STAMP}
  COMMENT "Type-checking and building web/app (tsc, vite)")

# 4. Embedded into a library that only the qgp executable links.
set(QGP_WEB_CPP ${PROJECT_BINARY_DIR}/generated/web_assets.cpp)
add_custom_command(
  OUTPUT ${QGP_WEB_CPP}
  COMMAND ${CMAKE_COMMAND} -DDIST=${QGP_WEB_DIST} -DOUTPUT=${QGP_WEB_CPP}
          -P ${PROJECT_SOURCE_DIR}/cmake/embed_web.cmake
  DEPENDS ${QGP_WEB_BUILD}/dist.stamp ${PROJECT_SOURCE_DIR}/cmake/embed_web.cmake
          ${PROJECT_SOURCE_DIR}/cmake/embed_common.cmake
  COMMENT "Embedding the web application")
add_library(qgp_web_assets STATIC ${QGP_WEB_CPP})
target_include_directories(qgp_web_assets PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_compile_options(qgp_web_assets PRIVATE -Wno-overlength-strings)
target_link_libraries(qgp PRIVATE qgp_web_assets)
