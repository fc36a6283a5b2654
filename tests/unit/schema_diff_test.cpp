// The diff engine on models alone (no database): every object kind added, dropped and altered.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "integration/schema_cases_test.hpp"
#include "migrate/catalog.hpp"
#include "migrate/diff.hpp"

namespace qgp::testing {
namespace {

migrate::Catalog declared_catalog(const schema::Schema& s) {
  auto catalog = migrate::catalog_from_schema(s);
  catalog.declared = s;
  return catalog;
}

bool has_description(const migrate::Plan& plan, const std::string& text) {
  const auto descriptions = plan.descriptions();
  return std::any_of(descriptions.begin(), descriptions.end(),
                     [&](const std::string& d) { return d.find(text) != std::string::npos; });
}

class SchemaDiffCase : public ::testing::TestWithParam<SchemaCase> {};

TEST_P(SchemaDiffCase, DetectsTheChangeAndRendersBothDirections) {
  const auto& c = GetParam();
  const auto base = base_schema();
  auto target = base;
  c.mutate(target);
  const auto d = migrate::diff(declared_catalog(base), declared_catalog(target));
  ASSERT_FALSE(d.empty());
  EXPECT_TRUE(has_description(d.upgrade, c.description))
      << "expected '" << c.description << "' in:\n"
      << d.upgrade.sql();
  EXPECT_NE(d.upgrade.sql().find(c.statement), std::string::npos)
      << "expected '" << c.statement << "' in:\n"
      << d.upgrade.sql();
  EXPECT_FALSE(d.downgrade.empty()) << "no downgrade for " << c.name;
  // The reverse direction is the downgrade: diffing back finds the same number of objects.
  const auto back = migrate::diff(declared_catalog(target), declared_catalog(base));
  EXPECT_FALSE(back.empty());
}

INSTANTIATE_TEST_SUITE_P(AllKinds, SchemaDiffCase, ::testing::ValuesIn(schema_cases()),
                         [](const ::testing::TestParamInfo<SchemaCase>& param_info) {
                           return param_info.param.name;
                         });

TEST(SchemaDiff, AtLeastThirtyCasesCoverEveryObjectKind) {
  EXPECT_GE(schema_cases().size(), 30U);
}

TEST(SchemaDiff, IdenticalSchemasHaveNoDifferences) {
  const auto d = migrate::diff(declared_catalog(base_schema()), declared_catalog(base_schema()));
  EXPECT_TRUE(d.empty()) << d.upgrade.sql();
  EXPECT_TRUE(d.downgrade.empty());
}

TEST(SchemaDiff, EmptyToSchemaCreatesInDependencyOrderAndDowngradeDropsInReverse) {
  const auto d = migrate::diff(migrate::Catalog{}, declared_catalog(base_schema()));
  const auto up = d.upgrade.sql();
  const auto function = up.find("CREATE OR REPLACE FUNCTION public.qgp_touch");
  const auto users = up.find("CREATE TABLE public.users");
  const auto projects = up.find("CREATE TABLE public.projects");
  const auto fk = up.find("ADD CONSTRAINT projects_owner_id_fkey");
  const auto index = up.find("CREATE INDEX ix_users_name");
  const auto trigger = up.find("CREATE TRIGGER trg_users_touch");
  const auto comment = up.find("COMMENT ON TABLE public.users");
  ASSERT_NE(function, std::string::npos);
  EXPECT_LT(function, users);
  EXPECT_LT(users, fk);
  EXPECT_LT(projects, fk);
  EXPECT_LT(fk, index);
  EXPECT_LT(index, trigger);
  EXPECT_LT(trigger, comment);
  // New tables get plain constraints and plain indexes: nothing to lock yet.
  EXPECT_EQ(up.find("NOT VALID"), std::string::npos);
  EXPECT_EQ(up.find("CONCURRENTLY"), std::string::npos);
  EXPECT_TRUE(d.transactional());
  const auto down = d.downgrade.sql();
  const auto drop_fk = down.find("DROP CONSTRAINT projects_owner_id_fkey");
  const auto drop_users = down.find("DROP TABLE public.users");
  const auto drop_function = down.find("DROP FUNCTION public.qgp_touch()");
  ASSERT_NE(drop_fk, std::string::npos);
  EXPECT_LT(drop_fk, drop_users);
  EXPECT_LT(drop_users, drop_function);
  EXPECT_EQ(down.find("REVIEW"), std::string::npos) << "a downgrade removing what the upgrade "
                                                       "added is not a finding";
}

TEST(SchemaDiff, IndexOnExistingTableMakesTheRevisionNonTransactional) {
  auto target = base_schema();
  table_named(target, "projects").indexes.push_back({"ix_p_title", {"title"}, false, "btree", {}});
  const auto d = migrate::diff(declared_catalog(base_schema()), declared_catalog(target));
  EXPECT_FALSE(d.transactional());
  EXPECT_NE(d.downgrade.sql().find("DROP INDEX CONCURRENTLY public.ix_p_title"), std::string::npos);
}

TEST(SchemaDiff, DropAndUnhintedRenameAreFlaggedForReview) {
  auto target = base_schema();
  column_named(target, "users", "nickname").name = "display_name";  // no renamed_from
  const auto d = migrate::diff(declared_catalog(base_schema()), declared_catalog(target));
  const auto sql = d.upgrade.sql();
  EXPECT_NE(sql.find("ADD COLUMN display_name"), std::string::npos);
  EXPECT_NE(sql.find("DROP COLUMN nickname"), std::string::npos);
  EXPECT_NE(sql.find("-- REVIEW: destructive: drops column users.nickname"), std::string::npos);
  EXPECT_EQ(sql.find("RENAME"), std::string::npos);
}

TEST(SchemaDiff, HintedRenameKeepsDependentObjects) {
  auto target = base_schema();
  auto& t = table_named(target, "users");
  t.name = "people";
  t.renamed_from = "users";
  for (auto& table : target.tables) {
    for (auto& fk : table.foreign_keys) {
      if (fk.ref_table == "users") {
        fk.ref_table = "people";
      }
    }
  }
  const auto d = migrate::diff(declared_catalog(base_schema()), declared_catalog(target));
  const auto sql = d.upgrade.sql();
  EXPECT_NE(sql.find("ALTER TABLE public.users RENAME TO people"), std::string::npos);
  EXPECT_EQ(sql.find("DROP TABLE"), std::string::npos) << sql;
  EXPECT_EQ(sql.find("projects_owner_id_fkey"), std::string::npos) << sql;
  EXPECT_NE(d.downgrade.sql().find("ALTER TABLE public.people RENAME TO users"), std::string::npos);
}

TEST(SchemaDiff, NotNullColumnWithoutDefaultOnExistingTableIsFlagged) {
  auto target = base_schema();
  table_named(target, "users")
      .columns.push_back(
          schema::Column{"tenant", "bigint", false, std::nullopt, schema::Identity::kNone, "", {}});
  const auto d = migrate::diff(declared_catalog(base_schema()), declared_catalog(target));
  EXPECT_NE(d.upgrade.sql().find("-- REVIEW: a NOT NULL column without a default"),
            std::string::npos);
}

TEST(SchemaDiff, SetNotNullRecipeRunsInOrderAndDowngradeDropsNotNull) {
  auto target = base_schema();
  column_named(target, "users", "name").nullable = false;
  const auto d = migrate::diff(declared_catalog(base_schema()), declared_catalog(target));
  const auto sql = d.upgrade.sql();
  const auto add = sql.find("CHECK (name IS NOT NULL) NOT VALID");
  const auto validate = sql.find("VALIDATE CONSTRAINT users_name_not_null");
  const auto set = sql.find("ALTER COLUMN name SET NOT NULL");
  const auto drop = sql.find("DROP CONSTRAINT users_name_not_null");
  ASSERT_NE(add, std::string::npos);
  EXPECT_LT(add, validate);
  EXPECT_LT(validate, set);
  EXPECT_LT(set, drop);
  EXPECT_NE(d.downgrade.sql().find("ALTER COLUMN name DROP NOT NULL"), std::string::npos);
}

TEST(SchemaDiff, ServerDefinitionsDecideWhenBothSidesAreIntrospected) {
  auto from = declared_catalog(base_schema());
  auto to = declared_catalog(base_schema());
  from.definitions.constraints["users.users_status_check"] = "CHECK ((status = 'a'::text))";
  to.definitions.constraints["users.users_status_check"] = "CHECK ((status = 'b'::text))";
  const auto d = migrate::diff(from, to);
  EXPECT_TRUE(has_description(d.upgrade, "add check constraint users.users_status_check"));
  to.definitions.constraints["users.users_status_check"] = "CHECK ((status = 'a'::text))";
  EXPECT_TRUE(migrate::diff(from, to).empty());
}

TEST(SchemaDiff, UndeclaredSequencesAndOtherObjectsAreReported) {
  auto live = declared_catalog(base_schema());
  live.sequences.push_back({"stray_seq", "bigint", 1, 1, 1, 9223372036854775807, false, ""});
  live.others.push_back({"view", "v_users", "CREATE VIEW public.v_users AS SELECT 1"});
  const auto d = migrate::diff(live, declared_catalog(base_schema()));
  EXPECT_TRUE(has_description(d.upgrade, "drop sequence stray_seq"));
  EXPECT_TRUE(has_description(d.upgrade, "drop view v_users"));
  EXPECT_NE(d.downgrade.sql().find("CREATE VIEW public.v_users AS SELECT 1"), std::string::npos);
  EXPECT_NE(d.downgrade.sql().find("CREATE SEQUENCE public.stray_seq AS bigint"),
            std::string::npos);
}

}  // namespace
}  // namespace qgp::testing
