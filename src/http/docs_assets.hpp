#pragma once

#include <span>
#include <string_view>

namespace qgp::http {

// One file of the interactive /docs (Swagger UI and its start script), embedded at build time from
// web/docs by cmake/embed_docs.cmake.
struct DocsAsset {
  std::string_view name;          // served at /docs/<name>; "index.html" is /docs itself
  std::string_view content_type;  // the Content-Type header
  std::string_view body;
  bool immutable;  // a content-hashed name: cacheable for a year
};

// Every embedded asset (defined in the generated source).
std::span<const DocsAsset> docs_assets();

}  // namespace qgp::http
