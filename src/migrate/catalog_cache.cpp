#include "migrate/catalog_cache.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "migrate/revision.hpp"

namespace nlohmann {

template <typename T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& value) {
    j = value ? json(*value) : json(nullptr);
  }
  static void from_json(const json& j, std::optional<T>& value) {
    value = j.is_null() ? std::nullopt : std::optional<T>(j.get<T>());
  }
};

}  // namespace nlohmann

namespace qgp::schema {

// NOLINTBEGIN(modernize-*, cppcoreguidelines-*, readability-*): nlohmann's generator macros
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Column, name, type, nullable, default_expr, identity, comment,
                                   renamed_from)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(PrimaryKey, name, columns)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(UniqueConstraint, name, columns)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(CheckConstraint, name, expression)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ForeignKey, name, columns, ref_table, ref_columns, on_delete,
                                   on_update)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Index, name, keys, unique, method, where)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Trigger, name, timing, events, for_each, function)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Table, name, comment, columns, primary_key, uniques, checks,
                                   foreign_keys, indexes, triggers, renamed_from)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Function, name, returns, language, body)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Schema, functions, tables)
// NOLINTEND(modernize-*, cppcoreguidelines-*, readability-*)

}  // namespace qgp::schema

namespace qgp::migrate {

// NOLINTBEGIN(modernize-*, cppcoreguidelines-*, readability-*): nlohmann's generator macros
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Sequence, name, data_type, start, increment, min_value,
                                   max_value, cycle, owned_by)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(OtherObject, kind, name, definition)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Definitions, constraints, indexes, triggers, functions)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Catalog, schema, sequences, others, definitions, introspected,
                                   declared)
// NOLINTEND(modernize-*, cppcoreguidelines-*, readability-*)

namespace {

// Bumped whenever Catalog's shape or the canonicalisation changes meaning.
constexpr int kFormatVersion = 1;

std::optional<std::string> environment(const char* name) {
  const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read before threads
  if (value == nullptr || *value == '\0') {
    return std::nullopt;
  }
  return std::string(value);
}

std::filesystem::path entry_path(const std::filesystem::path& dir, std::string_view key) {
  return dir / fmt::format("canonical-{}.json", key);
}

}  // namespace

std::optional<std::filesystem::path> catalog_cache_dir() {
  if (const auto dir = environment("QGP_CACHE_DIR")) {
    if (*dir == "off") {
      return std::nullopt;
    }
    return std::filesystem::path(*dir);
  }
  if (const auto xdg = environment("XDG_CACHE_HOME")) {
    return std::filesystem::path(*xdg) / "qgp";
  }
  if (const auto home = environment("HOME")) {
    return std::filesystem::path(*home) / ".cache" / "qgp";
  }
  return std::nullopt;
}

std::string catalog_cache_key(std::string_view script, int server_version) {
  return sha256_hex(fmt::format("qgp-canonical-catalog v{}\nserver {}\n{}", kFormatVersion,
                                server_version, script));
}

std::string catalog_to_json(const Catalog& catalog) {
  nlohmann::json document;
  document["format"] = kFormatVersion;
  document["catalog"] = catalog;
  return document.dump();
}

Catalog catalog_from_json(std::string_view text) {
  const auto document = nlohmann::json::parse(text);
  if (document.at("format").get<int>() != kFormatVersion) {
    throw std::runtime_error("catalog cache entry of another format version");
  }
  return document.at("catalog").get<Catalog>();
}

std::optional<Catalog> load_cached_catalog(const std::filesystem::path& dir, std::string_view key) {
  std::ifstream in(entry_path(dir, key), std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  // Sized read: GCC 12 at -O2 flags istreambuf_iterator with a false -Wnull-dereference.
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size <= 0) {
    return std::nullopt;
  }
  std::string text(static_cast<std::size_t>(size), '\0');
  in.seekg(0, std::ios::beg);
  if (!in.read(text.data(), static_cast<std::streamsize>(size))) {
    return std::nullopt;
  }
  try {
    return catalog_from_json(text);
  } catch (const std::exception&) {
    return std::nullopt;  // damaged or foreign: rebuilt and overwritten by the caller
  }
}

void store_cached_catalog(const std::filesystem::path& dir, std::string_view key,
                          const Catalog& catalog) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return;
  }
  const auto final_path = entry_path(dir, key);
  auto temporary = final_path;
  temporary += fmt::format(".{}.tmp", ::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << catalog_to_json(catalog);
    if (!out.flush()) {
      std::filesystem::remove(temporary, error);
      return;
    }
  }
  std::filesystem::rename(temporary, final_path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
  }
}

}  // namespace qgp::migrate
