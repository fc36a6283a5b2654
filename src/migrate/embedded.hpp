#pragma once

#include <span>
#include <string_view>

namespace qgp::migrate {

// A revision file compiled into the binary (see migrations/embed.cmake).
struct EmbeddedFile {
  std::string_view name;
  std::string_view content;
};

// Every migrations/versions/*.sql file at build time, sorted by file name.
std::span<const EmbeddedFile> embedded_revision_files();
// migrations/versions/lint-waivers.txt at build time ("" when there is none).
std::string_view embedded_lint_waivers();

}  // namespace qgp::migrate
