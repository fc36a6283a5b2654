// The DDL renderer and the parsers of PostgreSQL's index and trigger definitions.
#include <string>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "integration/schema_cases_test.hpp"
#include "migrate/ddl.hpp"
#include "migrate/introspect.hpp"

namespace qgp::testing {
namespace {

namespace ddl = migrate::ddl;

TEST(SchemaDdl, IdentifiersAreQuotedOnlyWhenNeeded) {
  EXPECT_EQ(ddl::ident("users"), "users");
  EXPECT_EQ(ddl::ident("user"), "\"user\"");
  EXPECT_EQ(ddl::ident("order"), "\"order\"");
  EXPECT_EQ(ddl::ident("Mixed"), "\"Mixed\"");
  EXPECT_EQ(ddl::ident("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(ddl::ident("1st"), "\"1st\"");
  EXPECT_EQ(ddl::literal("it's"), "'it''s'");
}

TEST(SchemaDdl, ColumnDefinitionCarriesIdentityDefaultAndNullability) {
  EXPECT_EQ(ddl::column_definition(
                {"id", "bigint", false, std::nullopt, schema::Identity::kAlways, "", std::nullopt}),
            "id bigint GENERATED ALWAYS AS IDENTITY NOT NULL");
  EXPECT_EQ(ddl::column_definition(
                {"status", "text", false, "'open'", schema::Identity::kNone, "", std::nullopt}),
            "status text DEFAULT 'open' NOT NULL");
}

TEST(SchemaDdl, CreateSchemaOrdersFunctionsTablesForeignKeysIndexesTriggersComments) {
  const auto statements = ddl::create_schema(base_schema());
  const auto position = [&](const std::string& prefix) {
    for (std::size_t i = 0; i < statements.size(); ++i) {
      if (statements[i].starts_with(prefix)) {
        return static_cast<long>(i);
      }
    }
    return -1L;
  };
  const auto function = position("CREATE OR REPLACE FUNCTION");
  const auto table = position("CREATE TABLE");
  const auto fk = position("ALTER TABLE public.projects ADD CONSTRAINT projects_owner_id_fkey");
  const auto index = position("CREATE INDEX");
  const auto trigger = position("CREATE TRIGGER");
  const auto comment = position("COMMENT ON");
  ASSERT_GE(function, 0);
  EXPECT_LT(function, table);
  EXPECT_LT(table, fk);
  EXPECT_LT(fk, index);
  EXPECT_LT(index, trigger);
  EXPECT_LT(trigger, comment);
  // Foreign keys never appear inside CREATE TABLE, so table order cannot break them.
  for (const auto& statement : statements) {
    if (statement.starts_with("CREATE TABLE")) {
      EXPECT_EQ(statement.find("FOREIGN KEY"), std::string::npos);
    }
  }
}

TEST(SchemaDdl, DropSchemaDropsForeignKeysThenTablesThenFunctions) {
  const auto statements = ddl::drop_schema(base_schema());
  ASSERT_FALSE(statements.empty());
  EXPECT_NE(statements.front().find("DROP CONSTRAINT"), std::string::npos);
  EXPECT_EQ(statements.back().rfind("DROP FUNCTION", 0), 0U);
  EXPECT_NE(ddl::join_statements(statements).find("DROP TABLE public.users;"), std::string::npos);
}

TEST(SchemaDdl, ParsesIndexDefinitions) {
  const auto index = migrate::parse_index_definition(
      "CREATE UNIQUE INDEX ux_a ON public.t USING btree (lower(email), \"order\" DESC, (a || ','))"
      " WHERE (archived_at IS NULL)");
  EXPECT_TRUE(index.unique);
  EXPECT_EQ(index.name, "ux_a");
  EXPECT_EQ(index.method, "btree");
  ASSERT_EQ(index.keys.size(), 3U);
  EXPECT_EQ(index.keys[0], "lower(email)");
  EXPECT_EQ(index.keys[1], "\"order\" DESC");
  EXPECT_EQ(index.keys[2], "(a || ',')");
  EXPECT_EQ(index.where.value_or(""), "(archived_at IS NULL)");
  const auto plain = migrate::parse_index_definition("CREATE INDEX i ON public.t USING gin (tags)");
  EXPECT_FALSE(plain.unique);
  EXPECT_EQ(plain.method, "gin");
  EXPECT_FALSE(plain.where.has_value());
}

TEST(SchemaDdl, ParsesTriggerDefinitions) {
  const auto trigger = migrate::parse_trigger_definition(
      "CREATE TRIGGER trg_x BEFORE INSERT OR UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION "
      "public.qgp_set_updated_at()");
  EXPECT_EQ(trigger.name, "trg_x");
  EXPECT_EQ(trigger.timing, "BEFORE");
  EXPECT_EQ(trigger.events, "INSERT OR UPDATE");
  EXPECT_EQ(trigger.for_each, "ROW");
  EXPECT_EQ(trigger.function, "qgp_set_updated_at");
  const auto statement = migrate::parse_trigger_definition(
      "CREATE TRIGGER t2 AFTER TRUNCATE ON public.t FOR EACH STATEMENT EXECUTE FUNCTION f('a')");
  EXPECT_EQ(statement.for_each, "STATEMENT");
  EXPECT_EQ(statement.function, "f('a')");
  EXPECT_THROW(migrate::parse_trigger_definition("nonsense"), core::Error);
}

}  // namespace
}  // namespace qgp::testing
