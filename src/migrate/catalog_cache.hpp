#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "migrate/catalog.hpp"

// A file cache of canonical catalogs. Building the canonical form of the declared schema costs a
// scratch database and all of its DDL (~0.3 s for our schema, seconds for big ones), yet its
// result depends only on the DDL text and the server's version: so it is computed once per
// (schema, server version) and reused by every later `qgp db check` and autogenerate.
namespace qgp::migrate {

// QGP_CACHE_DIR, else $XDG_CACHE_HOME/qgp, else $HOME/.cache/qgp; nullopt when none is set or
// QGP_CACHE_DIR is "off" (caching disabled).
std::optional<std::filesystem::path> catalog_cache_dir();

// The cache key: hex sha256 over the canonicalisation script and the server's version number
// (server_version_num), so a new schema or any server upgrade misses.
std::string catalog_cache_key(std::string_view script, int server_version);

// A cached catalog, or nullopt when absent, unreadable or from another format version (a damaged
// entry is treated as a miss, never as an error).
std::optional<Catalog> load_cached_catalog(const std::filesystem::path& dir, std::string_view key);

// Writes atomically (temporary file + rename) so concurrent checks never read half an entry.
// Failures (read-only home, full disk) are ignored: the cache is an optimisation only.
void store_cached_catalog(const std::filesystem::path& dir, std::string_view key,
                          const Catalog& catalog);

// The serialized form (JSON), exposed for tests.
std::string catalog_to_json(const Catalog& catalog);
Catalog catalog_from_json(std::string_view text);  // throws on malformed input

}  // namespace qgp::migrate
