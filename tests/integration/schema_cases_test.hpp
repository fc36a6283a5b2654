#pragma once

// A small schema and one change of every object kind, shared by the diff unit tests and the
// autogenerate round-trip integration tests.
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "schema/model.hpp"

namespace qgp::testing {

inline schema::Schema base_schema() {
  using schema::Column;
  using schema::FkAction;
  using schema::Identity;
  schema::Schema s;
  s.functions.push_back({"qgp_touch", "trigger", "plpgsql",
                         "\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n"});
  s.functions.push_back({"qgp_unused", "trigger", "plpgsql", "\nBEGIN\n  RETURN NEW;\nEND;\n"});

  schema::Table users;
  users.name = "users";
  users.comment = "People";
  users.columns = {
      Column{"id", "bigint", false, std::nullopt, Identity::kAlways, "", std::nullopt},
      Column{"email", "text", false, std::nullopt, Identity::kNone, "Login", std::nullopt},
      Column{"name", "text", true, std::nullopt, Identity::kNone, "", std::nullopt},
      Column{"status", "text", false, "'active'::text", Identity::kNone, "", std::nullopt},
      Column{"score", "integer", true, "0", Identity::kNone, "", std::nullopt},
      Column{"nickname", "text", true, std::nullopt, Identity::kNone, "", std::nullopt},
      Column{"updated_at", "timestamp with time zone", false, "now()", Identity::kNone, "",
             std::nullopt},
  };
  users.primary_key = schema::PrimaryKey{"users_pkey", {"id"}};
  users.uniques = {{"users_email_key", {"email"}}};
  users.checks = {
      {"users_status_check", "(status = ANY (ARRAY['active'::text, 'disabled'::text]))"}};
  users.indexes = {{"ix_users_name", {"name"}, false, "btree", std::nullopt}};
  users.triggers = {{"trg_users_touch", "BEFORE", "UPDATE", "ROW", "qgp_touch"}};

  schema::Table projects;
  projects.name = "projects";
  projects.columns = {
      Column{"id", "bigint", false, std::nullopt, Identity::kAlways, "", std::nullopt},
      Column{"owner_id", "bigint", false, std::nullopt, Identity::kNone, "", std::nullopt},
      Column{"title", "text", false, std::nullopt, Identity::kNone, "", std::nullopt},
      Column{"budget", "numeric(12,2)", true, std::nullopt, Identity::kNone, "", std::nullopt},
      Column{"archived_at", "timestamp with time zone", true, std::nullopt, Identity::kNone, "",
             std::nullopt},
  };
  projects.primary_key = schema::PrimaryKey{"projects_pkey", {"id"}};
  projects.foreign_keys = {{"projects_owner_id_fkey",
                            {"owner_id"},
                            "users",
                            {"id"},
                            FkAction::kRestrict,
                            FkAction::kNoAction}};
  projects.indexes = {{"ix_projects_owner_id", {"owner_id"}, false, "btree", std::nullopt}};

  schema::Table members;
  members.name = "project_members";
  members.columns = {
      Column{"project_id", "bigint", false, std::nullopt, Identity::kNone, "", std::nullopt},
      Column{"user_id", "bigint", false, std::nullopt, Identity::kNone, "", std::nullopt},
      Column{"seq_no", "bigint", false, std::nullopt, Identity::kNone, "", std::nullopt},
  };
  members.foreign_keys = {{"project_members_project_id_fkey",
                           {"project_id"},
                           "projects",
                           {"id"},
                           FkAction::kCascade,
                           FkAction::kNoAction}};
  members.indexes = {{"ix_project_members_user_id", {"user_id"}, false, "btree", std::nullopt}};

  schema::Table tags;
  tags.name = "tags";
  tags.columns = {
      Column{"id", "bigint", false, std::nullopt, Identity::kByDefault, "", std::nullopt},
      Column{"label", "text", false, std::nullopt, Identity::kNone, "", std::nullopt},
  };
  tags.primary_key = schema::PrimaryKey{"tags_pkey", {"id"}};
  s.tables = {users, projects, members, tags};
  return s;
}

inline schema::Table& table_named(schema::Schema& s, const std::string& name) {
  for (auto& table : s.tables) {
    if (table.name == name) {
      return table;
    }
  }
  throw std::runtime_error("no table " + name);
}

inline schema::Column& column_named(schema::Schema& s, const std::string& table,
                                    const std::string& name) {
  for (auto& column : table_named(s, table).columns) {
    if (column.name == name) {
      return column;
    }
  }
  throw std::runtime_error("no column " + name);
}

struct SchemaCase {
  std::string name;
  std::function<void(schema::Schema&)> mutate;
  std::string description;  // expected in the upgrade plan's descriptions (substring)
  std::string statement;    // expected in the upgrade SQL (substring)
};

// How GoogleTest prints a case (GetParam() in failure messages, `--gtest_list_tests`), instead of
// the raw bytes of the struct.
inline std::ostream& operator<<(std::ostream& out, const SchemaCase& c) {
  return out << c.name << " (expects \"" << c.description << "\")";
}

inline std::vector<SchemaCase> schema_cases() {
  using schema::Column;
  using schema::Identity;
  return {
      {"AddTable",
       [](schema::Schema& s) {
         schema::Table t;
         t.name = "notes";
         t.columns = {Column{"id", "bigint", false, std::nullopt, Identity::kAlways, "", {}},
                      Column{"body", "text", false, std::nullopt, Identity::kNone, "", {}}};
         t.primary_key = schema::PrimaryKey{"notes_pkey", {"id"}};
         s.tables.push_back(t);
       },
       "add table notes", "CREATE TABLE public.notes"},
      {"DropTable", [](schema::Schema& s) { s.tables.pop_back(); }, "drop table tags",
       "DROP TABLE public.tags"},
      {"RenameTable",
       [](schema::Schema& s) {
         auto& t = table_named(s, "tags");
         t.name = "labels";
         t.renamed_from = "tags";
       },
       "rename table tags to labels", "ALTER TABLE public.tags RENAME TO labels"},
      {"AddNullableColumn",
       [](schema::Schema& s) {
         table_named(s, "users")
             .columns.push_back(
                 Column{"phone", "text", true, std::nullopt, Identity::kNone, "", {}});
       },
       "add column users.phone", "ALTER TABLE public.users ADD COLUMN phone text"},
      {"AddNotNullColumnWithDefault",
       [](schema::Schema& s) {
         table_named(s, "users")
             .columns.push_back(
                 Column{"locale", "text", false, "'en'::text", Identity::kNone, "", {}});
       },
       "add column users.locale", "ADD COLUMN locale text DEFAULT 'en'::text NOT NULL"},
      {"DropColumn",
       [](schema::Schema& s) {
         auto& cols = table_named(s, "users").columns;
         cols.erase(cols.begin() + 5);  // nickname
       },
       "drop column users.nickname", "ALTER TABLE public.users DROP COLUMN nickname"},
      {"RenameColumn",
       [](schema::Schema& s) {
         auto& c = column_named(s, "users", "nickname");
         c.name = "display_name";
         c.renamed_from = "nickname";
       },
       "rename column users.nickname to display_name", "RENAME COLUMN nickname TO display_name"},
      {"ChangeColumnType",
       [](schema::Schema& s) { column_named(s, "users", "score").type = "bigint"; },
       "alter column users.score: type integer -> bigint", "ALTER COLUMN score TYPE bigint"},
      {"SetDefault",
       [](schema::Schema& s) { column_named(s, "users", "name").default_expr = "'anon'::text"; },
       "default none -> 'anon'::text", "ALTER COLUMN name SET DEFAULT 'anon'::text"},
      {"DropDefault",
       [](schema::Schema& s) { column_named(s, "users", "score").default_expr.reset(); },
       "default 0 -> none", "ALTER COLUMN score DROP DEFAULT"},
      {"ChangeDefault",
       [](schema::Schema& s) { column_named(s, "users", "score").default_expr = "10"; },
       "default 0 -> 10", "ALTER COLUMN score SET DEFAULT 10"},
      {"SetNotNull", [](schema::Schema& s) { column_named(s, "users", "name").nullable = false; },
       "set not null on users.name",
       "ADD CONSTRAINT users_name_not_null CHECK (name IS NOT NULL) NOT VALID"},
      {"DropNotNull", [](schema::Schema& s) { column_named(s, "users", "email").nullable = true; },
       "drop not null", "ALTER COLUMN email DROP NOT NULL"},
      {"AddIdentity",
       [](schema::Schema& s) {
         column_named(s, "project_members", "seq_no").identity = Identity::kByDefault;
       },
       "identity none -> BY DEFAULT", "ALTER COLUMN seq_no ADD GENERATED BY DEFAULT AS IDENTITY"},
      {"DropIdentity",
       [](schema::Schema& s) { column_named(s, "tags", "id").identity = Identity::kNone; },
       "identity BY DEFAULT -> none", "ALTER COLUMN id DROP IDENTITY"},
      {"ChangeIdentityKind",
       [](schema::Schema& s) { column_named(s, "tags", "id").identity = Identity::kAlways; },
       "identity BY DEFAULT -> ALWAYS", "ALTER COLUMN id SET GENERATED ALWAYS"},
      {"AddPrimaryKey",
       [](schema::Schema& s) {
         table_named(s, "project_members").primary_key =
             schema::PrimaryKey{"project_members_pkey", {"project_id", "user_id"}};
       },
       "add primary key project_members.project_members_pkey",
       "ADD CONSTRAINT project_members_pkey PRIMARY KEY USING INDEX project_members_pkey"},
      {"DropPrimaryKey", [](schema::Schema& s) { table_named(s, "tags").primary_key.reset(); },
       "drop primary key tags.tags_pkey", "ALTER TABLE public.tags DROP CONSTRAINT tags_pkey"},
      {"AddUnique",
       [](schema::Schema& s) {
         table_named(s, "tags").uniques.push_back({"tags_label_key", {"label"}});
       },
       "add unique constraint tags.tags_label_key",
       "CREATE UNIQUE INDEX CONCURRENTLY tags_label_key ON public.tags USING btree (label)"},
      {"DropUnique", [](schema::Schema& s) { table_named(s, "users").uniques.clear(); },
       "drop unique constraint users.users_email_key", "DROP CONSTRAINT users_email_key"},
      {"ChangeUniqueColumns",
       [](schema::Schema& s) { table_named(s, "users").uniques[0].columns = {"email", "status"}; },
       "add unique constraint users.users_email_key", "USING btree (email, status)"},
      {"AddCheck",
       [](schema::Schema& s) {
         table_named(s, "projects")
             .checks.push_back({"projects_budget_check", "(budget >= (0)::numeric)"});
       },
       "add check constraint projects.projects_budget_check",
       "ADD CONSTRAINT projects_budget_check CHECK (budget >= (0)::numeric) NOT VALID"},
      {"DropCheck", [](schema::Schema& s) { table_named(s, "users").checks.clear(); },
       "drop check constraint users.users_status_check", "DROP CONSTRAINT users_status_check"},
      {"ChangeCheck",
       [](schema::Schema& s) {
         table_named(s, "users").checks[0].expression =
             "(status = ANY (ARRAY['active'::text, 'disabled'::text, 'invited'::text]))";
       },
       "add check constraint users.users_status_check", "VALIDATE CONSTRAINT users_status_check"},
      {"AddForeignKey",
       [](schema::Schema& s) {
         table_named(s, "project_members")
             .foreign_keys.push_back({"project_members_user_id_fkey",
                                      {"user_id"},
                                      "users",
                                      {"id"},
                                      schema::FkAction::kCascade,
                                      schema::FkAction::kNoAction});
       },
       "add foreign key project_members.project_members_user_id_fkey",
       "REFERENCES public.users(id) ON DELETE CASCADE NOT VALID"},
      {"DropForeignKey", [](schema::Schema& s) { table_named(s, "projects").foreign_keys.clear(); },
       "drop foreign key projects.projects_owner_id_fkey",
       "DROP CONSTRAINT projects_owner_id_fkey"},
      {"ChangeForeignKeyAction",
       [](schema::Schema& s) {
         table_named(s, "projects").foreign_keys[0].on_delete = schema::FkAction::kCascade;
       },
       "add foreign key projects.projects_owner_id_fkey", "ON DELETE CASCADE NOT VALID"},
      {"AddIndex",
       [](schema::Schema& s) {
         table_named(s, "projects")
             .indexes.push_back({"ix_projects_title", {"title"}, false, "btree", std::nullopt});
       },
       "add index ix_projects_title on projects",
       "CREATE INDEX CONCURRENTLY ix_projects_title ON public.projects USING btree (title)"},
      {"DropIndex", [](schema::Schema& s) { table_named(s, "users").indexes.clear(); },
       "drop index ix_users_name on users", "DROP INDEX CONCURRENTLY public.ix_users_name"},
      {"MakeIndexUnique",
       [](schema::Schema& s) { table_named(s, "users").indexes[0].unique = true; },
       "add index ix_users_name on users", "CREATE UNIQUE INDEX CONCURRENTLY ix_users_name"},
      {"AddPartialIndex",
       [](schema::Schema& s) {
         table_named(s, "projects")
             .indexes.push_back(
                 {"ix_projects_active", {"title"}, false, "btree", "(archived_at IS NULL)"});
       },
       "add index ix_projects_active on projects", "WHERE (archived_at IS NULL)"},
      {"ChangeIndexMethod",
       [](schema::Schema& s) { table_named(s, "users").indexes[0].method = "hash"; },
       "add index ix_users_name on users", "USING hash (name)"},
      {"AddExpressionIndex",
       [](schema::Schema& s) {
         table_named(s, "users")
             .indexes.push_back(
                 {"ux_users_email_lower", {"lower(email)"}, true, "btree", std::nullopt});
       },
       "add index ux_users_email_lower on users", "USING btree (lower(email))"},
      {"AddMultiColumnIndex",
       [](schema::Schema& s) {
         table_named(s, "project_members")
             .indexes.push_back({"ix_project_members_pair",
                                 {"project_id", "user_id DESC"},
                                 false,
                                 "btree",
                                 std::nullopt});
       },
       "add index ix_project_members_pair on project_members", "(project_id, user_id DESC)"},
      {"AddTrigger",
       [](schema::Schema& s) {
         table_named(s, "projects")
             .triggers.push_back(
                 {"trg_projects_check", "BEFORE", "INSERT OR UPDATE", "ROW", "qgp_unused"});
       },
       "add trigger trg_projects_check on projects",
       "CREATE TRIGGER trg_projects_check BEFORE INSERT OR UPDATE ON public.projects"},
      {"DropTrigger", [](schema::Schema& s) { table_named(s, "users").triggers.clear(); },
       "drop trigger trg_users_touch on users", "DROP TRIGGER trg_users_touch ON public.users"},
      {"ChangeTriggerEvents",
       [](schema::Schema& s) { table_named(s, "users").triggers[0].events = "INSERT OR UPDATE"; },
       "add trigger trg_users_touch on users", "BEFORE INSERT OR UPDATE ON public.users"},
      {"AddFunction",
       [](schema::Schema& s) {
         s.functions.push_back(
             {"qgp_noop", "trigger", "plpgsql", "\nBEGIN\n  RETURN NULL;\nEND;\n"});
       },
       "add function qgp_noop()", "CREATE OR REPLACE FUNCTION public.qgp_noop()"},
      {"DropFunction", [](schema::Schema& s) { s.functions.pop_back(); },
       "drop function qgp_unused()", "DROP FUNCTION public.qgp_unused()"},
      {"ChangeFunctionBody",
       [](schema::Schema& s) {
         s.functions[0].body =
             "\nBEGIN\n  NEW.updated_at := clock_timestamp();\n  RETURN NEW;\nEND;\n";
       },
       "change function qgp_touch()", "clock_timestamp()"},
      {"ChangeTableComment",
       [](schema::Schema& s) { table_named(s, "users").comment = "Accounts"; },
       "comment on table users", "COMMENT ON TABLE public.users IS 'Accounts'"},
      {"ChangeColumnComment",
       [](schema::Schema& s) { column_named(s, "users", "email").comment = "Unique login"; },
       "comment on column users.email", "COMMENT ON COLUMN public.users.email IS 'Unique login'"},
      {"AddColumnComment",
       [](schema::Schema& s) { column_named(s, "projects", "title").comment = "It's the name"; },
       "comment on column projects.title", "IS 'It''s the name'"},
  };
}

}  // namespace qgp::testing
