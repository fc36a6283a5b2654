// The canonical-catalog cache: its entries round-trip exactly, its keys change with everything the
// canonical form depends on, and anything it cannot read is a miss.
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>

#include "migrate/catalog.hpp"
#include "migrate/catalog_cache.hpp"
#include "schema/declared.hpp"

namespace qgp::migrate {
namespace {

Catalog sample_catalog() {
  auto catalog = catalog_from_schema(schema::declared_schema());
  catalog.introspected = true;
  catalog.definitions.indexes["ux_users_email"] =
      "CREATE UNIQUE INDEX ux_users_email ON public.users USING btree (lower(email))";
  catalog.definitions.constraints["users.users_email_check"] = "CHECK ((email ~ '\\\"é'::text))";
  Sequence sequence;
  sequence.name = "s";
  sequence.max_value = 9;
  catalog.sequences.push_back(sequence);
  OtherObject view;
  view.kind = "view";
  view.definition = "SELECT 1";
  catalog.others.push_back(view);
  catalog.declared = schema::declared_schema();
  return catalog;
}

TEST(CatalogCache, EntriesRoundTripEveryField) {
  const auto catalog = sample_catalog();
  const auto text = catalog_to_json(catalog);
  const auto back = catalog_from_json(text);
  EXPECT_EQ(catalog_to_json(back), text);
  ASSERT_TRUE(back.declared.has_value());
  EXPECT_EQ(back.schema.tables.size(), catalog.schema.tables.size());
  EXPECT_EQ(back.definitions.constraints.at("users.users_email_check"),
            "CHECK ((email ~ '\\\"é'::text))");
  EXPECT_EQ(back.sequences.at(0).max_value, 9);
  EXPECT_TRUE(back.introspected);
}

TEST(CatalogCache, KeysDependOnTheScriptAndTheServerVersion) {
  const auto key = catalog_cache_key("CREATE TABLE a ();", 150018);
  EXPECT_EQ(key.size(), 64U);
  EXPECT_EQ(key, catalog_cache_key("CREATE TABLE a ();", 150018));
  EXPECT_NE(key, catalog_cache_key("CREATE TABLE b ();", 150018));
  EXPECT_NE(key, catalog_cache_key("CREATE TABLE a ();", 150019));
}

TEST(CatalogCache, MissingOrDamagedEntriesAreMisses) {
  const auto dir = std::filesystem::path(::testing::TempDir())
                   / ("qgp_catalog_cache_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  EXPECT_FALSE(load_cached_catalog(dir, "k").has_value());
  store_cached_catalog(dir, "k", sample_catalog());
  const auto loaded = load_cached_catalog(dir, "k");
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(catalog_to_json(*loaded), catalog_to_json(sample_catalog()));
  std::ofstream(dir / "canonical-k.json", std::ios::trunc) << R"({"format": 999, "catalog": {}})";
  EXPECT_FALSE(load_cached_catalog(dir, "k").has_value());
  std::ofstream(dir / "canonical-k.json", std::ios::trunc) << "{truncated";
  EXPECT_FALSE(load_cached_catalog(dir, "k").has_value());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace qgp::migrate
