#include "migrate/diff.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "migrate/ddl.hpp"

namespace qgp::migrate {

namespace {

// Dependency order of the changes (see Plan). Drops of dependants come before drops of what they
// depend on; creations in the opposite order.
enum Phase : std::uint8_t {
  kCreateTypes = 10,
  kCreateFunctions = 20,
  kDropTriggers = 30,
  kDropViews = 35,
  kDropForeignKeys = 40,
  kDropIndexes = 50,
  kDropConstraints = 60,
  kDropTables = 70,
  kRenameTables = 80,
  kRenameColumns = 90,
  kCreateTables = 100,
  kAlterColumns = 110,
  kAddConstraints = 120,
  kAddForeignKeys = 130,
  kSetNotNull = 140,
  kCreateIndexes = 150,
  kCreateTriggers = 160,
  kCreateViews = 165,
  kComments = 170,
  kDropFunctions = 180,
  kDropSequences = 185,
  kDropTypes = 190,
};

struct Renames {
  std::map<std::string, std::string> tables;                          // old -> new
  std::map<std::string, std::map<std::string, std::string>> columns;  // new table -> old -> new
};

template <typename T>
const T* find_named(const std::vector<T>& items, std::string_view name) {
  const auto found =
      std::ranges::find_if(items, [name](const T& item) { return item.name == name; });
  return found == items.end() ? nullptr : &*found;
}

std::optional<std::string> find_def(const std::map<std::string, std::string>& defs,
                                    const std::string& key) {
  const auto found = defs.find(key);
  return found == defs.end() ? std::nullopt : std::optional<std::string>(found->second);
}

bool is_ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
         || c == '$';
}

// Replaces whole-word occurrences of an identifier outside string literals.
std::string replace_identifier(const std::string& text, const std::string& from,
                               const std::string& to) {
  std::string out;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\'') {
      in_string = !in_string;
    }
    if (!in_string && text.compare(i, from.size(), from) == 0
        && (i == 0 || !is_ident_char(text[i - 1]))
        && (i + from.size() >= text.size() || !is_ident_char(text[i + from.size()]))) {
      out += to;
      i += from.size();
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

const schema::Schema& hint_source(const Catalog& catalog) {
  return catalog.declared ? *catalog.declared : catalog.schema;
}

// The renames the target declares, kept only where they apply (the old name exists in `from`, the
// new one does not).
Renames declared_renames(const Catalog& from, const Catalog& to) {
  Renames renames;
  for (const auto& table : hint_source(to).tables) {
    std::string from_name = table.name;
    if (table.renamed_from && find_named(from.schema.tables, *table.renamed_from) != nullptr
        && find_named(from.schema.tables, table.name) == nullptr) {
      renames.tables[*table.renamed_from] = table.name;
      from_name = *table.renamed_from;
    }
    const auto* from_table = find_named(from.schema.tables, from_name);
    if (from_table == nullptr) {
      continue;
    }
    for (const auto& column : table.columns) {
      if (column.renamed_from && find_named(from_table->columns, *column.renamed_from) != nullptr
          && find_named(from_table->columns, column.name) == nullptr) {
        renames.columns[table.name][*column.renamed_from] = column.name;
      }
    }
  }
  return renames;
}

Renames inverse(const Renames& renames) {
  Renames out;
  for (const auto& [old_name, new_name] : renames.tables) {
    out.tables[new_name] = old_name;
  }
  for (const auto& [table, columns] : renames.columns) {
    const auto renamed = out.tables.find(table);
    const auto& target_table = renamed == out.tables.end() ? table : renamed->second;
    for (const auto& [old_name, new_name] : columns) {
      out.columns[target_table][new_name] = old_name;
    }
  }
  return out;
}

// `from` with the renames applied, so that objects match by name. Server definitions of the tables
// involved are dropped: they name the old identifiers, and the model's fields are compared instead.
Catalog apply_renames(Catalog catalog, const Renames& renames) {
  if (renames.tables.empty() && renames.columns.empty()) {
    return catalog;
  }
  std::set<std::string> affected;
  const auto map_table = [&](const std::string& name) {
    const auto found = renames.tables.find(name);
    return found == renames.tables.end() ? name : found->second;
  };
  const auto map_columns = [&](const std::string& table, std::vector<std::string>& columns) {
    const auto found = renames.columns.find(table);
    if (found == renames.columns.end()) {
      return;
    }
    for (auto& column : columns) {
      const auto renamed = found->second.find(column);
      if (renamed != found->second.end()) {
        column = renamed->second;
      }
    }
  };
  const auto map_text = [&](const std::string& table, std::string text) {
    const auto found = renames.columns.find(table);
    if (found != renames.columns.end()) {
      for (const auto& [old_name, new_name] : found->second) {
        text = replace_identifier(text, old_name, new_name);
      }
    }
    return text;
  };
  for (auto& table : catalog.schema.tables) {
    const auto old_name = table.name;
    table.name = map_table(table.name);
    if (old_name != table.name || renames.columns.contains(table.name)) {
      affected.insert(table.name);
      affected.insert(old_name);
    }
  }
  for (auto& table : catalog.schema.tables) {
    const auto columns = renames.columns.find(table.name);
    for (auto& column : table.columns) {
      if (columns != renames.columns.end()) {
        const auto renamed = columns->second.find(column.name);
        if (renamed != columns->second.end()) {
          column.name = renamed->second;
        }
      }
    }
    if (table.primary_key) {
      map_columns(table.name, table.primary_key->columns);
    }
    for (auto& unique : table.uniques) {
      map_columns(table.name, unique.columns);
    }
    for (auto& check : table.checks) {
      check.expression = map_text(table.name, check.expression);
    }
    for (auto& fk : table.foreign_keys) {
      map_columns(table.name, fk.columns);
      const auto ref_old = fk.ref_table;
      fk.ref_table = map_table(fk.ref_table);
      map_columns(fk.ref_table, fk.ref_columns);
      if (affected.contains(fk.ref_table) || affected.contains(ref_old)) {
        affected.insert(table.name);
      }
    }
    for (auto& index : table.indexes) {
      for (auto& key : index.keys) {
        key = map_text(table.name, key);
      }
      if (index.where) {
        index.where = map_text(table.name, *index.where);
      }
    }
  }
  for (const auto& table : catalog.schema.tables) {
    if (!affected.contains(table.name)) {
      continue;
    }
    for (auto it = catalog.definitions.constraints.begin();
         it != catalog.definitions.constraints.end();) {
      const auto dot = it->first.find('.');
      const auto owner = it->first.substr(0, dot);
      it = affected.contains(owner) ? catalog.definitions.constraints.erase(it) : std::next(it);
    }
    for (const auto& index : table.indexes) {
      catalog.definitions.indexes.erase(index.name);
    }
    for (auto it = catalog.definitions.triggers.begin();
         it != catalog.definitions.triggers.end();) {
      const auto owner = it->first.substr(0, it->first.find('.'));
      it = affected.contains(owner) ? catalog.definitions.triggers.erase(it) : std::next(it);
    }
  }
  return catalog;
}

// --- rendering an object of a catalog: in its declared form when the catalog has one, else in
// PostgreSQL's own definition, else from the model's fields.

const schema::Table* declared_table(const Catalog& catalog, std::string_view table) {
  return catalog.declared ? find_named(catalog.declared->tables, table) : nullptr;
}

std::string render_column(const Catalog& catalog, const std::string& table,
                          const schema::Column& column) {
  if (const auto* declared = declared_table(catalog, table)) {
    if (const auto* found = find_named(declared->columns, column.name)) {
      return ddl::column_definition(*found);
    }
  }
  return ddl::column_definition(column);
}

std::string constraint_from_def(const std::string& table, const std::string& name,
                                const std::string& def) {
  return fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", ddl::qualified(table), ddl::ident(name),
                     def);
}

std::string strip_not_valid(std::string def) {
  constexpr std::string_view kNotValid = " NOT VALID";
  if (def.size() > kNotValid.size()
      && def.compare(def.size() - kNotValid.size(), kNotValid.size(), kNotValid) == 0) {
    def.resize(def.size() - kNotValid.size());
  }
  return def;
}

std::string render_create_table(const Catalog& catalog, const schema::Table& table) {
  if (const auto* declared = declared_table(catalog, table.name)) {
    return ddl::create_table(*declared);
  }
  std::vector<std::string> parts;
  parts.reserve(table.columns.size() + table.uniques.size() + table.checks.size() + 1);
  for (const auto& column : table.columns) {
    parts.push_back(ddl::column_definition(column));
  }
  const auto constraint = [&](const std::string& name, const std::string& fallback) {
    const auto def = find_def(catalog.definitions.constraints, table.name + "." + name);
    parts.push_back(
        fmt::format("CONSTRAINT {} {}", ddl::ident(name), def ? strip_not_valid(*def) : fallback));
  };
  if (table.primary_key) {
    constraint(table.primary_key->name,
               fmt::format("PRIMARY KEY ({})", ddl::ident_list(table.primary_key->columns)));
  }
  for (const auto& unique : table.uniques) {
    constraint(unique.name, fmt::format("UNIQUE ({})", ddl::ident_list(unique.columns)));
  }
  for (const auto& check : table.checks) {
    constraint(check.name, ddl::check_clause(check.expression));
  }
  std::string body;
  for (const auto& part : parts) {
    body += (body.empty() ? "\n  " : ",\n  ") + part;
  }
  return fmt::format("CREATE TABLE {} ({}\n)", ddl::qualified(table.name), body);
}

std::string render_foreign_key(const Catalog& catalog, const std::string& table,
                               const schema::ForeignKey& fk, bool not_valid) {
  if (const auto* declared = declared_table(catalog, table)) {
    if (const auto* found = find_named(declared->foreign_keys, fk.name)) {
      return ddl::add_foreign_key(table, *found, not_valid);
    }
  }
  if (const auto def = find_def(catalog.definitions.constraints, table + "." + fk.name)) {
    return constraint_from_def(table, fk.name, strip_not_valid(*def))
           + (not_valid ? " NOT VALID" : "");
  }
  return ddl::add_foreign_key(table, fk, not_valid);
}

std::string render_check(const Catalog& catalog, const std::string& table,
                         const schema::CheckConstraint& check, bool not_valid) {
  if (const auto* declared = declared_table(catalog, table)) {
    if (const auto* found = find_named(declared->checks, check.name)) {
      return ddl::add_check(table, *found, not_valid);
    }
  }
  if (const auto def = find_def(catalog.definitions.constraints, table + "." + check.name)) {
    return constraint_from_def(table, check.name, strip_not_valid(*def))
           + (not_valid ? " NOT VALID" : "");
  }
  return ddl::add_check(table, check, not_valid);
}

std::string render_index(const Catalog& catalog, const std::string& table,
                         const schema::Index& index, bool concurrently) {
  if (const auto* declared = declared_table(catalog, table)) {
    if (const auto* found = find_named(declared->indexes, index.name)) {
      return ddl::create_index(table, *found, concurrently);
    }
  }
  if (auto def = find_def(catalog.definitions.indexes, index.name)) {
    const auto invalid = def->find(" -- INVALID");
    if (invalid != std::string::npos) {
      def->resize(invalid);
    }
    if (concurrently) {
      def->insert(def->find("INDEX ") + 6, "CONCURRENTLY ");
    }
    return *def;
  }
  return ddl::create_index(table, index, concurrently);
}

std::string render_trigger(const Catalog& catalog, const std::string& table,
                           const schema::Trigger& trigger) {
  if (const auto* declared = declared_table(catalog, table)) {
    if (const auto* found = find_named(declared->triggers, trigger.name)) {
      return ddl::create_trigger(table, *found);
    }
  }
  if (const auto def = find_def(catalog.definitions.triggers, table + "." + trigger.name)) {
    return *def;
  }
  return ddl::create_trigger(table, trigger);
}

std::string render_function(const Catalog& catalog, const schema::Function& function) {
  if (catalog.declared) {
    if (const auto* found = find_named(catalog.declared->functions, function.name)) {
      return ddl::create_function(*found);
    }
  }
  if (const auto def = find_def(catalog.definitions.functions, function.name)) {
    auto text = *def;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
      text.pop_back();
    }
    return text;
  }
  return ddl::create_function(function);
}

// --- comparing: on server definitions when both sides have one, else on the model's fields.

bool same_def_or(const std::map<std::string, std::string>& left,
                 const std::map<std::string, std::string>& right, const std::string& key,
                 bool model_equal) {
  const auto a = find_def(left, key);
  const auto b = find_def(right, key);
  if (a && b) {
    return *a == *b;
  }
  return model_equal;
}

bool same_fk_model(const schema::ForeignKey& a, const schema::ForeignKey& b) {
  return a.columns == b.columns && a.ref_table == b.ref_table && a.ref_columns == b.ref_columns
         && a.on_delete == b.on_delete && a.on_update == b.on_update;
}

bool same_index_model(const schema::Index& a, const schema::Index& b) {
  return a.keys == b.keys && a.unique == b.unique && a.method == b.method && a.where == b.where;
}

bool same_trigger_model(const schema::Trigger& a, const schema::Trigger& b) {
  return a.timing == b.timing && a.events == b.events && a.for_each == b.for_each
         && a.function == b.function;
}

std::string identity_text(schema::Identity identity) {
  switch (identity) {
    case schema::Identity::kAlways:
      return "ALWAYS";
    case schema::Identity::kByDefault:
      return "BY DEFAULT";
    case schema::Identity::kNone:
      break;
  }
  return "none";
}

std::string constraint_name(const std::string& table, const std::string& column,
                            std::string_view suffix) {
  auto name = fmt::format("{}_{}_{}", table, column, suffix);
  if (name.size() > 63) {
    name.resize(63);
  }
  return name;
}

class Planner {
 public:
  Planner(const Catalog& from, const Catalog& to, const Renames& renames)
      : from_(apply_renames(from, renames)), to_(to), renames_(renames) {}

  Plan run() {
    plan_renames();
    plan_others_and_sequences();
    plan_functions();
    for (const auto& table : to_.schema.tables) {
      if (const auto* existing = find_named(from_.schema.tables, table.name)) {
        plan_existing_table(*existing, table);
      } else {
        plan_new_table(table);
      }
    }
    for (const auto& table : from_.schema.tables) {
      if (find_named(to_.schema.tables, table.name) == nullptr) {
        plan_dropped_table(table);
      }
    }
    std::ranges::stable_sort(changes_,
                             [](const Change& a, const Change& b) { return a.phase < b.phase; });
    return Plan{std::move(changes_)};
  }

 private:
  void add(int phase, std::string description, std::vector<std::string> statements,
           std::string review = {}, bool concurrent = false) {
    changes_.push_back(
        {phase, std::move(description), std::move(review), std::move(statements), concurrent});
  }

  void plan_renames() {
    for (const auto& [old_name, new_name] : renames_.tables) {
      add(kRenameTables, fmt::format("rename table {} to {}", old_name, new_name),
          {fmt::format("ALTER TABLE {} RENAME TO {}", ddl::qualified(old_name),
                       ddl::ident(new_name))});
    }
    for (const auto& [table, columns] : renames_.columns) {
      for (const auto& [old_name, new_name] : columns) {
        add(kRenameColumns, fmt::format("rename column {}.{} to {}", table, old_name, new_name),
            {fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {}", ddl::qualified(table),
                         ddl::ident(old_name), ddl::ident(new_name))});
      }
    }
  }

  static int create_phase(std::string_view kind) {
    if (kind == "type" || kind == "extension") {
      return kCreateTypes;
    }
    if (kind == "function" || kind == "procedure" || kind == "aggregate") {
      return kCreateFunctions;
    }
    if (kind == "constraint") {
      return kAddForeignKeys;
    }
    return kCreateViews;
  }
  static int drop_phase(std::string_view kind) {
    if (kind == "type" || kind == "extension") {
      return kDropTypes;
    }
    if (kind == "function" || kind == "procedure" || kind == "aggregate") {
      return kDropFunctions;
    }
    if (kind == "constraint") {
      return kDropForeignKeys;
    }
    return kDropViews;
  }
  static std::string drop_other_sql(const OtherObject& other) {
    if (other.kind == "extension") {
      return fmt::format("DROP EXTENSION {}", ddl::ident(other.name));
    }
    if (other.kind == "constraint") {
      const auto dot = other.name.find('.');
      return ddl::drop_constraint(other.name.substr(0, dot), other.name.substr(dot + 1));
    }
    std::string kind = other.kind;
    std::ranges::transform(kind, kind.begin(), [](char c) {
      return static_cast<char>(c - ('a' <= c && c <= 'z' ? 32 : 0));
    });
    const auto paren = other.name.find('(');
    const auto name = paren == std::string::npos
                          ? ddl::qualified(other.name)
                          : ddl::qualified(other.name.substr(0, paren)) + other.name.substr(paren);
    return fmt::format("DROP {} {}", kind, name);
  }

  void create_other(const OtherObject& other) {
    if (other.definition.empty()) {
      add(create_phase(other.kind), fmt::format("add {} {}", other.kind, other.name), {},
          fmt::format("PostgreSQL cannot print a definition of {} {}: recreate it by hand",
                      other.kind, other.name));
      return;
    }
    add(create_phase(other.kind), fmt::format("add {} {}", other.kind, other.name),
        {other.definition});
  }

  void plan_others_and_sequences() {
    for (const auto& other : from_.others) {
      const auto found = std::ranges::find_if(
          to_.others, [&](const auto& o) { return o.kind == other.kind && o.name == other.name; });
      if (found == to_.others.end()) {
        add(drop_phase(other.kind), fmt::format("drop {} {}", other.kind, other.name),
            {drop_other_sql(other)},
            "not in the declared schema: dropping it may lose data or break callers");
      } else if (found->definition != other.definition) {
        add(drop_phase(other.kind), fmt::format("drop changed {} {}", other.kind, other.name),
            {drop_other_sql(other)});
        create_other(*found);
      }
    }
    for (const auto& other : to_.others) {
      const auto found = std::ranges::find_if(from_.others, [&](const auto& o) {
        return o.kind == other.kind && o.name == other.name;
      });
      if (found == from_.others.end()) {
        create_other(other);
      }
    }
    for (const auto& sequence : from_.sequences) {
      const auto* target = find_named(to_.sequences, sequence.name);
      if (target != nullptr && sequence_equal(sequence, *target)) {
        continue;
      }
      // A sequence owned by a column goes with its column or table.
      if (!sequence.owned_by.empty() && target == nullptr && owner_dropped(sequence.owned_by)) {
        continue;
      }
      add(kDropSequences, fmt::format("drop sequence {}", sequence.name),
          {fmt::format("DROP SEQUENCE {}", ddl::qualified(sequence.name))});
    }
    for (const auto& sequence : to_.sequences) {
      const auto* source = find_named(from_.sequences, sequence.name);
      if (source != nullptr && sequence_equal(sequence, *source)) {
        continue;
      }
      add(kCreateTypes, fmt::format("add sequence {}", sequence.name),
          {fmt::format(
              "CREATE SEQUENCE {} AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} START WITH "
              "{}{}",
              ddl::qualified(sequence.name), sequence.data_type, sequence.increment,
              sequence.min_value, sequence.max_value, sequence.start,
              sequence.cycle ? " CYCLE" : "")});
      if (!sequence.owned_by.empty()) {
        const auto dot = sequence.owned_by.find('.');
        add(kComments, fmt::format("sequence {} owned by {}", sequence.name, sequence.owned_by),
            {fmt::format("ALTER SEQUENCE {} OWNED BY {}.{}", ddl::qualified(sequence.name),
                         ddl::qualified(sequence.owned_by.substr(0, dot)),
                         ddl::ident(sequence.owned_by.substr(dot + 1)))});
      }
    }
  }

  static bool sequence_equal(const Sequence& a, const Sequence& b) {
    return a.data_type == b.data_type && a.start == b.start && a.increment == b.increment
           && a.min_value == b.min_value && a.max_value == b.max_value && a.cycle == b.cycle
           && a.owned_by == b.owned_by;
  }

  bool owner_dropped(const std::string& owned_by) const {
    const auto dot = owned_by.find('.');
    const auto* table = find_named(to_.schema.tables, owned_by.substr(0, dot));
    return table == nullptr || find_named(table->columns, owned_by.substr(dot + 1)) == nullptr;
  }

  void plan_functions() {
    for (const auto& function : to_.schema.functions) {
      const auto* existing = find_named(from_.schema.functions, function.name);
      if (existing == nullptr) {
        add(kCreateFunctions, fmt::format("add function {}()", function.name),
            {render_function(to_, function)});
      } else if (!same_def_or(from_.definitions.functions, to_.definitions.functions, function.name,
                              existing->returns == function.returns
                                  && existing->language == function.language
                                  && existing->body == function.body)) {
        std::vector<std::string> statements;
        if (existing->returns != function.returns) {
          statements.push_back(ddl::drop_function(function.name));
        }
        statements.push_back(render_function(to_, function));
        add(kCreateFunctions, fmt::format("change function {}()", function.name),
            std::move(statements));
      }
    }
    for (const auto& function : from_.schema.functions) {
      if (find_named(to_.schema.functions, function.name) == nullptr) {
        add(kDropFunctions, fmt::format("drop function {}()", function.name),
            {ddl::drop_function(function.name)});
      }
    }
  }

  void add_table_extras(const schema::Table& table, bool existing) {
    for (const auto& fk : table.foreign_keys) {
      add_foreign_key(table.name, fk, existing);
    }
    for (const auto& index : table.indexes) {
      add(kCreateIndexes, fmt::format("add index {} on {}", index.name, table.name),
          {render_index(to_, table.name, index, existing)}, {}, existing);
    }
    for (const auto& trigger : table.triggers) {
      add(kCreateTriggers, fmt::format("add trigger {} on {}", trigger.name, table.name),
          {render_trigger(to_, table.name, trigger)});
    }
  }

  void add_foreign_key(const std::string& table, const schema::ForeignKey& fk, bool existing) {
    std::vector<std::string> statements{render_foreign_key(to_, table, fk, existing)};
    if (existing) {
      statements.push_back(ddl::validate_constraint(table, fk.name));
    }
    add(kAddForeignKeys, fmt::format("add foreign key {}.{}", table, fk.name),
        std::move(statements));
  }

  void plan_new_table(const schema::Table& table) {
    add(kCreateTables, fmt::format("add table {}", table.name), {render_create_table(to_, table)});
    add_table_extras(table, false);
    std::vector<std::string> comments;
    if (!table.comment.empty()) {
      comments.push_back(ddl::comment_on_table(table.name, table.comment));
    }
    for (const auto& column : table.columns) {
      if (!column.comment.empty()) {
        comments.push_back(ddl::comment_on_column(table.name, column.name, column.comment));
      }
    }
    if (!comments.empty()) {
      add(kComments, fmt::format("comments on {}", table.name), std::move(comments));
    }
  }

  void plan_dropped_table(const schema::Table& table) {
    for (const auto& fk : table.foreign_keys) {
      add(kDropForeignKeys, fmt::format("drop foreign key {}.{}", table.name, fk.name),
          {ddl::drop_constraint(table.name, fk.name)});
    }
    add(kDropTables, fmt::format("drop table {}", table.name), {ddl::drop_table(table.name)},
        fmt::format("destructive: drops table {} and all its rows{}", table.name,
                    renames_.tables.empty() ? "; if it was renamed, declare renamed_from" : ""));
  }

  void plan_existing_table(const schema::Table& from, const schema::Table& to) {
    const auto& name = to.name;
    plan_columns(from, to);
    // Primary key, uniques, checks.
    const auto key = [&](const std::string& constraint) { return name + "." + constraint; };
    const auto& from_defs = from_.definitions.constraints;
    const auto& to_defs = to_.definitions.constraints;
    if (from.primary_key
        && (!to.primary_key || from.primary_key->name != to.primary_key->name
            || !same_def_or(from_defs, to_defs, key(to.primary_key->name),
                            from.primary_key->columns == to.primary_key->columns))) {
      add(kDropConstraints, fmt::format("drop primary key {}.{}", name, from.primary_key->name),
          {ddl::drop_constraint(name, from.primary_key->name)});
    }
    if (to.primary_key
        && (!from.primary_key || from.primary_key->name != to.primary_key->name
            || !same_def_or(from_defs, to_defs, key(to.primary_key->name),
                            from.primary_key->columns == to.primary_key->columns))) {
      add_unique_like(name, to.primary_key->name, to.primary_key->columns, "PRIMARY KEY");
    }
    for (const auto& unique : from.uniques) {
      const auto* target = find_named(to.uniques, unique.name);
      if (target == nullptr
          || !same_def_or(from_defs, to_defs, key(unique.name),
                          unique.columns == target->columns)) {
        add(kDropConstraints, fmt::format("drop unique constraint {}.{}", name, unique.name),
            {ddl::drop_constraint(name, unique.name)});
      }
    }
    for (const auto& unique : to.uniques) {
      const auto* source = find_named(from.uniques, unique.name);
      if (source == nullptr
          || !same_def_or(from_defs, to_defs, key(unique.name),
                          unique.columns == source->columns)) {
        add_unique_like(name, unique.name, unique.columns, "UNIQUE");
      }
    }
    for (const auto& check : from.checks) {
      const auto* target = find_named(to.checks, check.name);
      if (target == nullptr
          || !same_def_or(from_defs, to_defs, key(check.name),
                          check.expression == target->expression)) {
        add(kDropConstraints, fmt::format("drop check constraint {}.{}", name, check.name),
            {ddl::drop_constraint(name, check.name)});
      }
    }
    for (const auto& check : to.checks) {
      const auto* source = find_named(from.checks, check.name);
      if (source == nullptr
          || !same_def_or(from_defs, to_defs, key(check.name),
                          check.expression == source->expression)) {
        add(kAddConstraints, fmt::format("add check constraint {}.{}", name, check.name),
            {render_check(to_, name, check, true), ddl::validate_constraint(name, check.name)});
      }
    }
    for (const auto& fk : from.foreign_keys) {
      const auto* target = find_named(to.foreign_keys, fk.name);
      if (target == nullptr
          || !same_def_or(from_defs, to_defs, key(fk.name), same_fk_model(fk, *target))) {
        add(kDropForeignKeys, fmt::format("drop foreign key {}.{}", name, fk.name),
            {ddl::drop_constraint(name, fk.name)});
      }
    }
    for (const auto& fk : to.foreign_keys) {
      const auto* source = find_named(from.foreign_keys, fk.name);
      if (source == nullptr
          || !same_def_or(from_defs, to_defs, key(fk.name), same_fk_model(fk, *source))) {
        add_foreign_key(name, fk, true);
      }
    }
    for (const auto& index : from.indexes) {
      const auto* target = find_named(to.indexes, index.name);
      if (target == nullptr
          || !same_def_or(from_.definitions.indexes, to_.definitions.indexes, index.name,
                          same_index_model(index, *target))) {
        // CONCURRENTLY, as the index is created: the table stays, and its readers and writers
        // with it (the lint's require-concurrent-index-deletion).
        add(kDropIndexes, fmt::format("drop index {} on {}", index.name, name),
            {ddl::drop_index(index.name, true)}, {}, true);
      }
    }
    for (const auto& index : to.indexes) {
      const auto* source = find_named(from.indexes, index.name);
      if (source == nullptr
          || !same_def_or(from_.definitions.indexes, to_.definitions.indexes, index.name,
                          same_index_model(index, *source))) {
        add(kCreateIndexes, fmt::format("add index {} on {}", index.name, name),
            {render_index(to_, name, index, true)}, {}, true);
      }
    }
    for (const auto& trigger : from.triggers) {
      const auto* target = find_named(to.triggers, trigger.name);
      if (target == nullptr
          || !same_def_or(from_.definitions.triggers, to_.definitions.triggers, key(trigger.name),
                          same_trigger_model(trigger, *target))) {
        add(kDropTriggers, fmt::format("drop trigger {} on {}", trigger.name, name),
            {ddl::drop_trigger(name, trigger.name)});
      }
    }
    for (const auto& trigger : to.triggers) {
      const auto* source = find_named(from.triggers, trigger.name);
      if (source == nullptr
          || !same_def_or(from_.definitions.triggers, to_.definitions.triggers, key(trigger.name),
                          same_trigger_model(trigger, *source))) {
        add(kCreateTriggers, fmt::format("add trigger {} on {}", trigger.name, name),
            {render_trigger(to_, name, trigger)});
      }
    }
    if (from.comment != to.comment) {
      add(kComments, fmt::format("comment on table {}", name),
          {ddl::comment_on_table(name, to.comment)});
    }
  }

  // A unique constraint or primary key on an existing table: its index is built CONCURRENTLY
  // first, then attached, so writers are not blocked while it builds.
  void add_unique_like(const std::string& table, const std::string& constraint,
                       const std::vector<std::string>& columns, std::string_view kind) {
    add(kAddConstraints,
        fmt::format("add {} {}.{}", kind == "UNIQUE" ? "unique constraint" : "primary key", table,
                    constraint),
        {fmt::format("CREATE UNIQUE INDEX CONCURRENTLY {} ON {} USING btree ({})",
                     ddl::ident(constraint), ddl::qualified(table), ddl::ident_list(columns)),
         fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {} USING INDEX {}", ddl::qualified(table),
                     ddl::ident(constraint), kind, ddl::ident(constraint))},
        {}, true);
  }

  void plan_columns(const schema::Table& from, const schema::Table& to) {
    const auto& table = to.name;
    for (const auto& column : to.columns) {
      const auto* source = find_named(from.columns, column.name);
      if (source == nullptr) {
        std::string review;
        if (!column.nullable && !column.default_expr
            && column.identity == schema::Identity::kNone) {
          review = "a NOT NULL column without a default cannot be added to a table with rows";
        }
        add(kAlterColumns, fmt::format("add column {}.{} {}", table, column.name, column.type),
            {fmt::format("ALTER TABLE {} ADD COLUMN {}", ddl::qualified(table),
                         render_column(to_, table, column))},
            review);
        if (!column.comment.empty()) {
          add(kComments, fmt::format("comment on column {}.{}", table, column.name),
              {ddl::comment_on_column(table, column.name, column.comment)});
        }
        continue;
      }
      alter_column(table, *source, column);
    }
    for (const auto& column : from.columns) {
      if (find_named(to.columns, column.name) == nullptr) {
        add(kAlterColumns, fmt::format("drop column {}.{}", table, column.name),
            {fmt::format("ALTER TABLE {} DROP COLUMN {}", ddl::qualified(table),
                         ddl::ident(column.name))},
            fmt::format("destructive: drops column {}.{} and its data; if it was renamed, declare "
                        "renamed_from",
                        table, column.name));
      }
    }
  }

  void alter_column(const std::string& table, const schema::Column& from,
                    const schema::Column& to) {
    const auto alter =
        fmt::format("ALTER TABLE {} ALTER COLUMN {}", ddl::qualified(table), ddl::ident(to.name));
    std::vector<std::string> statements;
    std::vector<std::string> what;
    std::string review;
    if (from.type != to.type) {
      what.push_back(fmt::format("type {} -> {}", from.type, to.type));
      statements.push_back(
          fmt::format("{} TYPE {} USING {}::{}", alter, to.type, ddl::ident(to.name), to.type));
      review = "a column type change may rewrite the table under an ACCESS EXCLUSIVE lock";
    }
    const bool default_changed = from.default_expr != to.default_expr;
    if (default_changed && from.default_expr) {
      statements.push_back(alter + " DROP DEFAULT");
    }
    if (from.identity != to.identity) {
      what.push_back(fmt::format("identity {} -> {}", identity_text(from.identity),
                                 identity_text(to.identity)));
      if (to.identity == schema::Identity::kNone) {
        statements.push_back(alter + " DROP IDENTITY");
      } else if (from.identity == schema::Identity::kNone) {
        statements.push_back(
            fmt::format("{} ADD GENERATED {} AS IDENTITY", alter, identity_text(to.identity)));
      } else {
        statements.push_back(fmt::format("{} SET GENERATED {}", alter, identity_text(to.identity)));
      }
    }
    if (default_changed) {
      what.push_back(fmt::format("default {} -> {}", from.default_expr.value_or("none"),
                                 to.default_expr.value_or("none")));
      if (to.default_expr) {
        const auto rendered = render_column(to_, table, to);
        const auto pos = rendered.find(" DEFAULT ");
        const auto expression =
            pos == std::string::npos ? *to.default_expr : rendered.substr(pos + 9);
        // The rendered column ends with " NOT NULL" when it is one.
        auto text = expression;
        constexpr std::string_view kNotNull = " NOT NULL";
        if (text.size() > kNotNull.size()
            && text.compare(text.size() - kNotNull.size(), kNotNull.size(), kNotNull) == 0) {
          text.resize(text.size() - kNotNull.size());
        }
        statements.push_back(fmt::format("{} SET DEFAULT {}", alter, text));
      }
    }
    if (from.nullable && !to.nullable) {
      // SET NOT NULL would scan the table under ACCESS EXCLUSIVE; a validated CHECK lets
      // PostgreSQL skip that scan.
      const auto check = constraint_name(table, to.name, "not_null");
      add(kSetNotNull, fmt::format("set not null on {}.{}", table, to.name),
          {fmt::format("ALTER TABLE {} ADD CONSTRAINT {} CHECK ({} IS NOT NULL) NOT VALID",
                       ddl::qualified(table), ddl::ident(check), ddl::ident(to.name)),
           ddl::validate_constraint(table, check), alter + " SET NOT NULL",
           ddl::drop_constraint(table, check)});
    } else if (!from.nullable && to.nullable) {
      what.emplace_back("drop not null");
      statements.push_back(alter + " DROP NOT NULL");
    }
    if (!statements.empty()) {
      add(kAlterColumns,
          fmt::format("alter column {}.{}: {}", table, to.name, fmt::join(what, ", ")),
          std::move(statements), review);
    }
    if (from.comment != to.comment) {
      add(kComments, fmt::format("comment on column {}.{}", table, to.name),
          {ddl::comment_on_column(table, to.name, to.comment)});
    }
  }

  Catalog from_;
  const Catalog& to_;
  const Renames& renames_;
  std::vector<Change> changes_;
};

}  // namespace

bool Plan::concurrent() const {
  return std::ranges::any_of(changes, [](const Change& change) { return change.concurrent; });
}

std::string Plan::sql() const {
  std::string out;
  for (const auto& change : changes) {
    out += "-- " + change.description + "\n";
    if (!change.review.empty()) {
      out += "-- REVIEW: " + change.review + "\n";
    }
    for (const auto& statement : change.statements) {
      out += statement + ";\n";
    }
  }
  return out;
}

std::vector<std::string> Plan::descriptions() const {
  std::vector<std::string> out;
  out.reserve(changes.size());
  for (const auto& change : changes) {
    out.push_back(change.description);
  }
  return out;
}

Diff diff(const Catalog& from, const Catalog& to) {
  const auto renames = declared_renames(from, to);
  Diff result;
  result.upgrade = Planner(from, to, renames).run();
  result.downgrade = Planner(to, from, inverse(renames)).run();
  // The downgrade removes what the upgrade added: that is its purpose, not a finding. Only what it
  // cannot recreate stays flagged.
  for (auto& change : result.downgrade.changes) {
    if (!change.review.starts_with("PostgreSQL cannot")) {
      change.review.clear();
    }
  }
  return result;
}

}  // namespace qgp::migrate
