#include <algorithm>
#include <cctype>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "schema/declared.hpp"

// Invariants of the declared schema (docs/architecture.md section 4), checked by walking the data.
// Each rule is a function returning the list of violations, so that the tests can also show that a
// rule catches a deliberately broken copy of the schema.
namespace qgp::schema {
namespace {

using Problems = std::vector<std::string>;

// Tables that are neither entities nor pure link tables, each for a stated reason.
const std::set<std::string> kNonEntityTables = {
    "audit_log",          // append-only ledger: never updated, no version
    "audit_chain",        // the sealer's links, keyed by chain position
    "audit_checkpoints",  // the sealer's signed checkpoints, append-only
    "refresh_tokens",     // credentials bookkeeping, not a business record
    "login_attempts",     // throttling log
    "policy_tags",        // multivalued attribute of a policy
};

const Table* find_table(const Schema& schema, std::string_view name) {
  for (const auto& table : schema.tables) {
    if (table.name == name) {
      return &table;
    }
  }
  return nullptr;
}

const Column* find_column(const Table& table, std::string_view name) {
  for (const auto& column : table.columns) {
    if (column.name == name) {
      return &column;
    }
  }
  return nullptr;
}

bool is_fk_column(const Table& table, const std::string& column) {
  return std::ranges::any_of(table.foreign_keys, [&](const ForeignKey& fk) {
    return fk.columns.size() == 1 && fk.columns.front() == column;
  });
}

// A pure link table: no id, composite primary key made only of single-column FKs.
bool is_link_table(const Table& table) {
  if (!table.primary_key || table.primary_key->columns.size() < 2
      || find_column(table, "id") != nullptr) {
    return false;
  }
  return std::all_of(table.primary_key->columns.begin(), table.primary_key->columns.end(),
                     [&](const std::string& column) { return is_fk_column(table, column); });
}

bool is_entity_table(const Table& table) {
  return !is_link_table(table) && !kNonEntityTables.contains(table.name);
}

// The leading `columns.size()` keys are exactly the FK columns (in any order).
bool leads_with(const std::vector<std::string>& keys, const std::vector<std::string>& columns) {
  if (keys.size() < columns.size()) {
    return false;
  }
  const std::set<std::string> lead(keys.begin(),
                                   keys.begin() + static_cast<std::ptrdiff_t>(columns.size()));
  return lead == std::set<std::string>(columns.begin(), columns.end());
}

Problems check_table_names_unique(const Schema& schema) {
  Problems problems;
  std::set<std::string> seen;
  for (const auto& table : schema.tables) {
    if (!seen.insert(table.name).second) {
      problems.push_back("duplicate table " + table.name);
    }
  }
  return problems;
}

Problems check_primary_keys(const Schema& schema) {
  Problems problems;
  for (const auto& table : schema.tables) {
    if (!table.primary_key) {
      problems.push_back(table.name + ": no primary key");
      continue;
    }
    if (table.primary_key->name != table.name + "_pkey") {
      problems.push_back(table.name + ": primary key named " + table.primary_key->name);
    }
    const Column* id = find_column(table, "id");
    if (id != nullptr) {
      if (id->type != "bigint" || id->identity != Identity::kAlways || id->nullable
          || table.primary_key->columns != std::vector<std::string>{"id"}) {
        problems.push_back(table.name + ": id is not a bigint GENERATED ALWAYS AS IDENTITY PK");
      }
    } else if (!is_link_table(table) && !kNonEntityTables.contains(table.name)) {
      problems.push_back(table.name + ": no id and not a link table");
    }
  }
  return problems;
}

Problems check_foreign_keys_resolve(const Schema& schema) {
  Problems problems;
  std::set<std::string> defined;
  for (const auto& table : schema.tables) {
    defined.insert(table.name);
    for (const auto& fk : table.foreign_keys) {
      const Table* target = find_table(schema, fk.ref_table);
      if (target == nullptr) {
        problems.push_back(fk.name + ": unknown table " + fk.ref_table);
        continue;
      }
      if (!defined.contains(fk.ref_table)) {
        problems.push_back(fk.name + ": " + fk.ref_table + " is declared after " + table.name);
      }
      if (fk.columns.empty() || fk.columns.size() != fk.ref_columns.size()) {
        problems.push_back(fk.name + ": column count mismatch");
        continue;
      }
      for (std::size_t i = 0; i < fk.columns.size(); ++i) {
        const Column* local = find_column(table, fk.columns[i]);
        const Column* remote = find_column(*target, fk.ref_columns[i]);
        if (local == nullptr || remote == nullptr) {
          problems.push_back(fk.name + ": unknown column");
        } else if (local->type != remote->type) {
          problems.push_back(fk.name + ": type mismatch on " + fk.columns[i]);
        }
      }
      // PostgreSQL requires the referenced columns to carry a primary key or unique constraint.
      bool keyed = target->primary_key && target->primary_key->columns == fk.ref_columns;
      for (const auto& unique : target->uniques) {
        keyed = keyed || unique.columns == fk.ref_columns;
      }
      if (!keyed) {
        problems.push_back(fk.name + ": referenced columns are not a key of " + fk.ref_table);
      }
    }
  }
  return problems;
}

Problems check_foreign_keys_indexed(const Schema& schema) {
  Problems problems;
  for (const auto& table : schema.tables) {
    for (const auto& fk : table.foreign_keys) {
      bool covered = table.primary_key && leads_with(table.primary_key->columns, fk.columns);
      for (const auto& unique : table.uniques) {
        covered = covered || leads_with(unique.columns, fk.columns);
      }
      for (const auto& index : table.indexes) {
        covered = covered || (!index.where && leads_with(index.keys, fk.columns));
      }
      if (!covered) {
        problems.push_back(fk.name + ": no index leads with its columns");
      }
    }
  }
  return problems;
}

Problems check_standard_columns(const Schema& schema) {
  Problems problems;
  const auto expect = [&](const Table& table, std::string_view name, std::string_view type,
                          bool nullable, const char* default_expr) {
    const Column* column = find_column(table, name);
    if (column == nullptr || column->type != type || column->nullable != nullable
        || (default_expr != nullptr && column->default_expr != std::string(default_expr))) {
      problems.push_back(table.name + ": missing or wrong " + std::string(name));
    }
  };
  for (const auto& table : schema.tables) {
    if (!is_entity_table(table)) {
      continue;
    }
    expect(table, "created_at", "timestamp with time zone", false, "now()");
    expect(table, "updated_at", "timestamp with time zone", false, "now()");
    expect(table, "created_by_id", "bigint", true, nullptr);
    expect(table, "updated_by_id", "bigint", true, nullptr);
    expect(table, "version", "integer", false, "1");
    for (const char* by : {"created_by_id", "updated_by_id"}) {
      const bool has_fk = std::ranges::any_of(table.foreign_keys, [&](const ForeignKey& fk) {
        return fk.columns == std::vector<std::string>{by} && fk.ref_table == "users"
               && fk.on_delete == FkAction::kRestrict;
      });
      if (!has_fk) {
        problems.push_back(table.name + ": " + by + " lacks FK to users ON DELETE RESTRICT");
      }
    }
    const bool has_trigger = std::ranges::any_of(table.triggers, [&](const Trigger& trigger) {
      return trigger.name == "trg_" + table.name + "_updated_at" && trigger.timing == "BEFORE"
             && trigger.events == "UPDATE" && trigger.for_each == "ROW"
             && trigger.function == "qgp_set_updated_at";
    });
    if (!has_trigger) {
      problems.push_back(table.name + ": no updated_at trigger");
    }
  }
  return problems;
}

Problems check_types(const Schema& schema) {
  Problems problems;
  static const std::regex kForbidden(
      R"(^(character varying|varchar|character|char|json|real|double precision|money|)"
      R"(timestamp without time zone|timestamp|time without time zone|time|serial|bigserial)"
      R"()(\(.*\))?(\[\])?$)");
  for (const auto& table : schema.tables) {
    for (const auto& column : table.columns) {
      if (std::regex_match(column.type, kForbidden) || column.type.starts_with("float")) {
        problems.push_back(table.name + "." + column.name + ": forbidden type " + column.type);
      }
    }
  }
  return problems;
}

// Every `col IN ('a', 'b')` list holds lowercase snake_case values (identical in DB and API).
Problems check_enumerations_lowercase(const Schema& schema) {
  Problems problems;
  static const std::regex kInList(R"(\bIN\s*\(([^)]*)\))", std::regex::icase);
  static const std::regex kLiteral(R"('([^']*)')");
  static const std::regex kValue("^[a-z][a-z0-9_]*$");
  for (const auto& table : schema.tables) {
    for (const auto& check : table.checks) {
      for (std::sregex_iterator list(check.expression.begin(), check.expression.end(), kInList);
           list != std::sregex_iterator(); ++list) {
        const std::string values = (*list)[1].str();
        for (std::sregex_iterator literal(values.begin(), values.end(), kLiteral);
             literal != std::sregex_iterator(); ++literal) {
          if (!std::regex_match((*literal)[1].str(), kValue)) {
            problems.push_back(check.name + ": value '" + (*literal)[1].str() + "'");
          }
        }
      }
    }
  }
  return problems;
}

// Every text column with a default literal (an enumeration) has a check naming it.
Problems check_enumerations_checked(const Schema& schema) {
  Problems problems;
  for (const auto& table : schema.tables) {
    for (const auto& column : table.columns) {
      if (column.type != "text" || !column.default_expr || column.default_expr->front() != '\'') {
        continue;
      }
      const bool checked = std::ranges::any_of(table.checks, [&](const CheckConstraint& c) {
        return c.expression.find(column.name) != std::string::npos;
      });
      if (!checked) {
        problems.push_back(table.name + "." + column.name + ": text default without a check");
      }
    }
  }
  return problems;
}

Problems check_names(const Schema& schema) {
  Problems problems;
  std::map<std::string, int> seen;
  const auto name = [&](const std::string& value, bool global) {
    if (value.empty() || value.size() > 63) {
      problems.push_back("bad identifier length: '" + value + "'");
    }
    static const std::regex kIdentifier("^[a-z_][a-z0-9_]*$");
    if (!std::regex_match(value, kIdentifier)) {
      problems.push_back("not a lowercase identifier: '" + value + "'");
    }
    if (global && ++seen[value] > 1) {
      problems.push_back("name used twice in the schema: " + value);
    }
  };
  for (const auto& function : schema.functions) {
    name(function.name, true);
  }
  for (const auto& table : schema.tables) {
    name(table.name, true);
    std::set<std::string> columns;
    for (const auto& column : table.columns) {
      name(column.name, false);
      if (!columns.insert(column.name).second) {
        problems.push_back(table.name + ": duplicate column " + column.name);
      }
    }
    if (table.primary_key) {
      name(table.primary_key->name, true);
    }
    for (const auto& unique : table.uniques) {
      name(unique.name, true);
    }
    for (const auto& check : table.checks) {
      name(check.name, true);
    }
    for (const auto& fk : table.foreign_keys) {
      name(fk.name, true);
    }
    for (const auto& index : table.indexes) {
      name(index.name, true);
    }
    for (const auto& trigger : table.triggers) {
      name(trigger.name, true);
    }
  }
  return problems;
}

// Columns named by keys and constraints exist; triggers call declared functions; comments exist.
Problems check_references_within_tables(const Schema& schema) {
  Problems problems;
  std::set<std::string> functions;
  for (const auto& function : schema.functions) {
    functions.insert(function.name);
  }
  static const std::regex kPlainColumn("^[a-z_][a-z0-9_]*( (ASC|DESC))?$");
  for (const auto& table : schema.tables) {
    if (table.comment.empty()) {
      problems.push_back(table.name + ": no comment");
    }
    const auto expect_columns = [&](const std::vector<std::string>& columns,
                                    const std::string& owner) {
      for (const auto& column : columns) {
        if (std::regex_match(column, kPlainColumn)
            && find_column(table, column.substr(0, column.find(' '))) == nullptr) {
          problems.push_back(fmt::format("{}: unknown column {}", owner, column));
        }
      }
    };
    if (table.primary_key) {
      expect_columns(table.primary_key->columns, table.primary_key->name);
      for (const auto& column : table.primary_key->columns) {
        const Column* pk = find_column(table, column);
        if (pk != nullptr && pk->nullable) {
          problems.push_back(table.primary_key->name + ": nullable column " + column);
        }
      }
    }
    for (const auto& unique : table.uniques) {
      expect_columns(unique.columns, unique.name);
    }
    for (const auto& index : table.indexes) {
      expect_columns(index.keys, index.name);
    }
    for (const auto& trigger : table.triggers) {
      if (!functions.contains(trigger.function)) {
        problems.push_back(trigger.name + ": unknown function " + trigger.function);
      }
    }
  }
  return problems;
}

// Reference numbers: unique, format-checked, one prefix per entity.
Problems check_reference_numbers(const Schema& schema) {
  Problems problems;
  static const std::regex kFormat(R"(reference_number ~ '\^([A-Z]{2,5})-\[0-9\]\{4\}-)");
  std::set<std::string> prefixes;
  for (const auto& table : schema.tables) {
    const Column* column = find_column(table, "reference_number");
    if (column == nullptr) {
      continue;
    }
    if (column->type != "text" || column->nullable) {
      problems.push_back(table.name + ": reference_number must be text NOT NULL");
    }
    const bool unique = std::ranges::any_of(table.uniques, [](const UniqueConstraint& u) {
      return u.columns == std::vector<std::string>{"reference_number"};
    });
    if (!unique) {
      problems.push_back(table.name + ": reference_number not unique");
    }
    std::string prefix;
    for (const auto& check : table.checks) {
      std::smatch match;
      if (std::regex_search(check.expression, match, kFormat)) {
        prefix = match[1].str();
      }
    }
    if (prefix.empty()) {
      problems.push_back(table.name + ": reference_number has no format check");
    } else if (!prefixes.insert(prefix).second) {
      problems.push_back(table.name + ": prefix " + prefix + " used twice");
    }
  }
  return problems;
}

using Rule = std::function<Problems(const Schema&)>;

const std::vector<std::pair<std::string, Rule>>& rules() {
  static const std::vector<std::pair<std::string, Rule>> kRules = {
      {"table names unique", check_table_names_unique},
      {"primary keys", check_primary_keys},
      {"foreign keys resolve", check_foreign_keys_resolve},
      {"foreign keys indexed", check_foreign_keys_indexed},
      {"standard columns", check_standard_columns},
      {"types", check_types},
      {"enumerations lowercase", check_enumerations_lowercase},
      {"enumerations checked", check_enumerations_checked},
      {"names", check_names},
      {"references within tables", check_references_within_tables},
      {"reference numbers", check_reference_numbers},
  };
  return kRules;
}

std::string joined(const Problems& problems) {
  std::string out;
  for (const auto& problem : problems) {
    out += "\n  " + problem;
  }
  return out;
}

Column legacy_column(std::string type) {
  Column column;
  column.name = "legacy";
  column.type = std::move(type);
  return column;
}

Table& table_named(Schema& schema, std::string_view name) {
  for (auto& table : schema.tables) {
    if (table.name == name) {
      return table;
    }
  }
  throw std::runtime_error("no table " + std::string(name));
}

TEST(SchemaDeclared, SatisfiesEveryRule) {
  for (const auto& [name, rule] : rules()) {
    const auto problems = rule(declared_schema());
    EXPECT_TRUE(problems.empty()) << name << ":" << joined(problems);
  }
}

TEST(SchemaDeclared, CoversEveryModule) {
  const auto& schema = declared_schema();
  for (const char* name : {"users",
                           "roles",
                           "permissions",
                           "role_permissions",
                           "user_roles",
                           "refresh_tokens",
                           "audit_log",
                           "audit_chain",
                           "audit_checkpoints",
                           "standards",
                           "clauses",
                           "controls",
                           "clause_mappings",
                           "soa_entries",
                           "audit_templates",
                           "audit_template_versions",
                           "audit_sections",
                           "audit_questions",
                           "audit_question_options",
                           "question_clauses",
                           "question_controls",
                           "audit_runs",
                           "audit_responses",
                           "audit_response_options",
                           "audit_findings",
                           "finding_clauses",
                           "finding_controls",
                           "finding_risks",
                           "risks",
                           "risk_controls",
                           "risk_assessments",
                           "risk_clauses",
                           "risk_standard_controls",
                           "incidents",
                           "incident_risks",
                           "road_traffic_collisions",
                           "rtc_third_parties",
                           "complaints",
                           "policies",
                           "policy_versions",
                           "policy_clauses",
                           "actions",
                           "attachments"}) {
    EXPECT_NE(find_table(schema, name), nullptr) << name;
  }
  std::set<std::string> functions;
  for (const auto& function : schema.functions) {
    functions.insert(function.name);
  }
  EXPECT_EQ(functions, (std::set<std::string>{"qgp_set_updated_at", "qgp_audit_log_append_only"}));
}

TEST(SchemaDeclared, NoIdListsOrCommaSeparatedLinks) {
  // The original's *_ids_json and comma-separated *_ids columns are replaced by link tables.
  for (const auto& table : declared_schema().tables) {
    for (const auto& column : table.columns) {
      EXPECT_EQ(column.name.find("_ids"), std::string::npos) << table.name << "." << column.name;
      if (column.type == "jsonb") {
        EXPECT_TRUE((table.name == "audit_log" && column.name == "changes")
                    || (table.name == "audit_template_versions" && column.name == "content"))
            << table.name << "." << column.name << " is jsonb";
      }
    }
  }
}

TEST(SchemaDeclared, DomainUniquenessRules) {
  const auto& schema = declared_schema();
  const auto has_unique = [&](std::string_view table_name,
                              const std::vector<std::string>& columns) {
    const Table* table = find_table(schema, table_name);
    return table != nullptr && std::ranges::any_of(table->uniques, [&](const UniqueConstraint& u) {
             return u.columns == columns;
           });
  };
  const auto has_unique_index = [&](std::string_view table_name,
                                    const std::vector<std::string>& keys,
                                    std::optional<std::string> where) {
    const Table* table = find_table(schema, table_name);
    return table != nullptr && std::ranges::any_of(table->indexes, [&](const Index& index) {
             return index.unique && index.keys == keys && index.where == where;
           });
  };
  EXPECT_TRUE(has_unique("audit_responses", {"run_id", "question_id"}));
  EXPECT_TRUE(has_unique("clauses", {"standard_id", "clause_number"}));
  EXPECT_TRUE(has_unique("controls", {"standard_id", "control_number"}));
  EXPECT_TRUE(has_unique("policy_versions", {"policy_id", "version_number"}));
  EXPECT_TRUE(has_unique("audit_template_versions", {"template_id", "version_number"}));
  EXPECT_TRUE(has_unique("permissions", {"name"}));
  EXPECT_TRUE(has_unique("refresh_tokens", {"token_hash"}));
  EXPECT_TRUE(has_unique("audit_chain", {"hash"}));
  EXPECT_TRUE(has_unique("audit_chain", {"prev_hash"}));     // the chain cannot fork
  EXPECT_TRUE(has_unique("audit_chain", {"audit_log_id"}));  // each row is sealed once
  EXPECT_TRUE(has_unique("audit_checkpoints", {"position"}));
  EXPECT_TRUE(has_unique("soa_entries", {"control_id"}));
  EXPECT_TRUE(has_unique("clause_mappings", {"clause_a_id", "clause_b_id"}));
  EXPECT_TRUE(has_unique("attachments", {"storage_key"}));
  EXPECT_TRUE(has_unique_index("policy_versions", {"policy_id"}, "is_current"));
  EXPECT_TRUE(has_unique_index("users", {"lower(email)"}, std::nullopt));
  EXPECT_TRUE(has_unique_index("roles", {"lower(name)"}, std::nullopt));
  const Table* chain = find_table(schema, "audit_chain");
  ASSERT_NE(chain, nullptr);
  ASSERT_TRUE(chain->primary_key);
  EXPECT_EQ(chain->primary_key->columns, (std::vector<std::string>{"position"}));
}

TEST(SchemaDeclared, AuditLogIsAppendOnly) {
  for (const char* name : {"audit_log", "audit_chain", "audit_checkpoints"}) {
    const Table* table = find_table(declared_schema(), name);
    ASSERT_NE(table, nullptr) << name;
    const bool guarded = std::ranges::any_of(table->triggers, [](const Trigger& trigger) {
      return trigger.timing == "BEFORE" && trigger.events == "UPDATE OR DELETE"
             && trigger.for_each == "ROW" && trigger.function == "qgp_audit_log_append_only";
    });
    const bool no_truncate = std::ranges::any_of(table->triggers, [](const Trigger& trigger) {
      return trigger.events == "TRUNCATE" && trigger.function == "qgp_audit_log_append_only";
    });
    EXPECT_TRUE(guarded && no_truncate) << name;
  }
  const Table* log = find_table(declared_schema(), "audit_log");
  ASSERT_NE(log, nullptr);
  for (const char* column : {"occurred_at", "actor_user_id", "request_id", "client_address",
                             "action", "entity_type", "entity_id", "changes", "xact_id"}) {
    EXPECT_NE(find_column(*log, column), nullptr) << column;
  }
  const Table* chain = find_table(declared_schema(), "audit_chain");
  ASSERT_NE(chain, nullptr);
  for (const char* column : {"position", "audit_log_id", "xact_id", "prev_hash", "hash"}) {
    EXPECT_NE(find_column(*chain, column), nullptr) << column;
  }
  // No foreign key from a link to its row: a removed row must leave its link as evidence.
  EXPECT_TRUE(chain->foreign_keys.empty());
  for (const auto& function : declared_schema().functions) {
    if (function.name == "qgp_audit_log_append_only") {
      EXPECT_NE(function.body.find("RAISE EXCEPTION"), std::string::npos);
    }
  }
}

TEST(SchemaDeclared, ActionsHaveExactlyOneSource) {
  const Table* actions = find_table(declared_schema(), "actions");
  ASSERT_NE(actions, nullptr);
  const std::vector<std::string> sources = {"finding_id",   "incident_id",  "risk_id",
                                            "complaint_id", "collision_id", "policy_id"};
  const auto check = std::ranges::find_if(actions->checks, [](const CheckConstraint& c) {
    return c.expression.starts_with("num_nonnulls(");
  });
  ASSERT_NE(check, actions->checks.end());
  EXPECT_NE(check->expression.find(") = 1"), std::string::npos);
  for (const auto& source : sources) {
    EXPECT_NE(check->expression.find(source), std::string::npos) << source;
    EXPECT_TRUE(is_fk_column(*actions, source)) << source;
  }
}

// The rules are not vacuous: each one reports a deliberately broken copy of the schema.
TEST(SchemaDeclared, RulesCatchBrokenSchemas) {
  const auto expect_caught = [](const std::string& rule_name, const std::string& what,
                                const std::function<void(Schema&)>& break_it) {
    const auto rule = std::find_if(rules().begin(), rules().end(),
                                   [&](const auto& entry) { return entry.first == rule_name; });
    ASSERT_NE(rule, rules().end()) << rule_name;
    Schema broken = declared_schema();
    break_it(broken);
    EXPECT_TRUE(rule->second(declared_schema()).empty()) << rule_name;
    EXPECT_FALSE(rule->second(broken).empty()) << rule_name << " missed: " << what;
  };

  expect_caught("table names unique", "duplicate table",
                [](Schema& s) { s.tables.push_back(s.tables.front()); });
  expect_caught("primary keys", "missing primary key",
                [](Schema& s) { table_named(s, "incidents").primary_key.reset(); });
  expect_caught("foreign keys resolve", "FK to unknown table",
                [](Schema& s) { table_named(s, "risks").foreign_keys.front().ref_table = "nope"; });
  expect_caught("foreign keys resolve", "FK to a later table", [](Schema& s) {
    std::swap(table_named(s, "users"), table_named(s, "attachments"));
  });
  expect_caught("foreign keys indexed", "unindexed FK", [](Schema& s) {
    auto& indexes = table_named(s, "incidents").indexes;
    std::erase_if(indexes,
                  [](const Index& i) { return i.keys == std::vector<std::string>{"reporter_id"}; });
  });
  expect_caught("standard columns", "missing updated_at trigger",
                [](Schema& s) { table_named(s, "complaints").triggers.clear(); });
  expect_caught("standard columns", "missing version column", [](Schema& s) {
    auto& columns = table_named(s, "policies").columns;
    std::erase_if(columns, [](const Column& c) { return c.name == "version"; });
  });
  expect_caught("types", "varchar", [](Schema& s) {
    table_named(s, "risks").columns.push_back(legacy_column("character varying(20)"));
  });
  expect_caught("types", "timestamp without time zone", [](Schema& s) {
    table_named(s, "risks").columns.push_back(legacy_column("timestamp without time zone"));
  });
  expect_caught("types", "json", [](Schema& s) {
    table_named(s, "risks").columns.push_back(legacy_column("json"));
  });
  expect_caught("types", "float", [](Schema& s) {
    table_named(s, "risks").columns.push_back(legacy_column("double precision"));
  });
  expect_caught("enumerations lowercase", "uppercase enumeration", [](Schema& s) {
    table_named(s, "incidents").checks.push_back({"incidents_legacy_check", "x IN ('REPORTED')"});
  });
  expect_caught("names", "index name reused across tables", [](Schema& s) {
    table_named(s, "risks").indexes.push_back(table_named(s, "incidents").indexes.front());
  });
  expect_caught("names", "identifier over 63 bytes", [](Schema& s) {
    table_named(s, "risks").checks.push_back({std::string(64, 'x'), "true"});
  });
  expect_caught("reference numbers", "reference prefix reused", [](Schema& s) {
    for (auto& check : table_named(s, "complaints").checks) {
      if (check.name == "complaints_reference_number_check") {
        check.expression = "reference_number ~ '^INC-[0-9]{4}-[0-9]{4,}$'";
      }
    }
  });
  expect_caught("references within tables", "trigger calling an unknown function",
                [](Schema& s) { table_named(s, "risks").triggers.front().function = "nope"; });
}

}  // namespace
}  // namespace qgp::schema
