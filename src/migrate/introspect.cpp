#include "migrate/introspect.hpp"

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "db/transaction.hpp"

namespace qgp::migrate {

namespace {

// Separates aggregated names: a control character cannot appear in an identifier we accept.
constexpr char kSeparator = '\x1f';

std::vector<std::string> split_names(std::string_view text) {
  std::vector<std::string> out;
  if (text.empty()) {
    return out;
  }
  std::size_t start = 0;
  while (true) {
    const auto end = text.find(kSeparator, start);
    out.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) {
      break;
    }
    start = end + 1;
  }
  return out;
}

// Index of the parenthesis closing the one at `open`, honouring quotes; npos when unbalanced.
std::size_t matching_paren(std::string_view text, std::size_t open) {
  int depth = 0;
  char quote = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

// Splits on commas outside parentheses and quotes.
std::vector<std::string> split_top_level(std::string_view text) {
  std::vector<std::string> out;
  int depth = 0;
  char quote = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == ',' && depth == 0) {
      out.emplace_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  out.emplace_back(text.substr(start));
  for (auto& part : out) {
    const auto first = part.find_first_not_of(' ');
    const auto last = part.find_last_not_of(' ');
    part = first == std::string::npos ? std::string() : part.substr(first, last - first + 1);
  }
  return out;
}

// Reads one identifier (bare or double-quoted) at `pos`; advances `pos` past it.
std::string read_identifier(std::string_view text, std::size_t& pos) {
  std::string out;
  if (pos < text.size() && text[pos] == '"') {
    ++pos;
    while (pos < text.size()) {
      if (text[pos] == '"') {
        if (pos + 1 < text.size() && text[pos + 1] == '"') {
          out += '"';
          pos += 2;
          continue;
        }
        ++pos;
        break;
      }
      out += text[pos++];
    }
    return out;
  }
  while (pos < text.size() && text[pos] != ' ') {
    out += text[pos++];
  }
  return out;
}

schema::FkAction fk_action(std::string_view code) {
  if (code == "r") {
    return schema::FkAction::kRestrict;
  }
  if (code == "c") {
    return schema::FkAction::kCascade;
  }
  if (code == "n") {
    return schema::FkAction::kSetNull;
  }
  if (code == "d") {
    return schema::FkAction::kSetDefault;
  }
  return schema::FkAction::kNoAction;
}

std::string strip_public(std::string text) {
  constexpr std::string_view kPrefix = "public.";
  if (text.starts_with(kPrefix)) {
    text.erase(0, kPrefix.size());
  }
  return text;
}

constexpr std::string_view kRelationsQuery = R"sql(
SELECT c.relname, c.relkind::text, coalesce(obj_description(c.oid, 'pg_class'), ''),
       CASE c.relkind
         WHEN 'v' THEN 'CREATE VIEW public.' || quote_ident(c.relname) || ' AS ' || pg_get_viewdef(c.oid)
         WHEN 'm' THEN 'CREATE MATERIALIZED VIEW public.' || quote_ident(c.relname) || ' AS '
                       || pg_get_viewdef(c.oid)
         ELSE '' END
FROM pg_class c
WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                  AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY c.relname)sql";

constexpr std::string_view kColumnsQuery = R"sql(
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text,
       coalesce(col_description(c.oid, a.attnum), ''),
       CASE WHEN a.attcollation <> t.typcollation THEN quote_ident(co.collname) END
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum)sql";

constexpr std::string_view kConstraintsQuery = R"sql(
SELECT c.relname, con.conname, con.contype::text, pg_get_constraintdef(con.oid), con.convalidated,
       (SELECT string_agg(a.attname, chr(31) ORDER BY k.ord)
          FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
       CASE WHEN rn.nspname = 'public' THEN rc.relname ELSE rn.nspname || '.' || rc.relname END,
       (SELECT string_agg(a.attname, chr(31) ORDER BY k.ord)
          FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum),
       con.confdeltype::text, con.confupdtype::text
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
LEFT JOIN pg_class rc ON rc.oid = con.confrelid
LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'f')
ORDER BY c.relname, con.conname)sql";

constexpr std::string_view kIndexesQuery = R"sql(
SELECT c.relname, i.relname, pg_get_indexdef(ix.indexrelid), ix.indisvalid
FROM pg_index ix
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_class c ON c.oid = ix.indrelid
WHERE c.relnamespace = 'public'::regnamespace
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                  WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid
                    AND con.contype IN ('p', 'u', 'x'))
ORDER BY c.relname, i.relname)sql";

constexpr std::string_view kTriggersQuery = R"sql(
SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid)
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal
ORDER BY c.relname, t.tgname)sql";

constexpr std::string_view kFunctionsQuery = R"sql(
SELECT p.proname, pg_get_function_identity_arguments(p.oid), p.prokind::text, p.proretset,
       CASE WHEN p.prokind = 'p' THEN '' ELSE format_type(p.prorettype, NULL) END, l.lanname,
       p.prosrc, CASE WHEN p.prokind IN ('f', 'p', 'w') THEN pg_get_functiondef(p.oid) ELSE '' END
FROM pg_proc p
JOIN pg_language l ON l.oid = p.prolang
WHERE p.pronamespace = 'public'::regnamespace
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                  AND d.objid = p.oid AND d.deptype = 'e')
ORDER BY p.proname, 2)sql";

// Sequences (without identity-owned ones), types and extensions of schema public.
constexpr std::string_view kSequencesQuery = R"sql(
SELECT c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax,
       s.seqcycle, coalesce(oc.relname, ''), coalesce(oa.attname, '')
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
     AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
LEFT JOIN pg_class oc ON oc.oid = d.refobjid
LEFT JOIN pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid
WHERE c.relnamespace = 'public'::regnamespace AND coalesce(d.deptype, 'a') <> 'i'
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass
                  AND e.objid = c.oid AND e.deptype = 'e')
ORDER BY c.relname)sql";

constexpr std::string_view kOthersQuery = R"sql(
SELECT 'type', t.typname,
       CASE t.typtype
         WHEN 'e' THEN 'CREATE TYPE public.' || quote_ident(t.typname) || ' AS ENUM ('
           || coalesce((SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
                        FROM pg_enum e WHERE e.enumtypid = t.oid), '') || ')'
         WHEN 'd' THEN 'CREATE DOMAIN public.' || quote_ident(t.typname) || ' AS '
           || format_type(t.typbasetype, t.typtypmod)
           || coalesce((SELECT string_agg(' CONSTRAINT ' || quote_ident(dc.conname) || ' '
                                          || pg_get_constraintdef(dc.oid), '' ORDER BY dc.conname)
                        FROM pg_constraint dc WHERE dc.contypid = t.oid), '')
         ELSE '' END
FROM pg_type t
LEFT JOIN pg_class tc ON tc.oid = t.typrelid
WHERE t.typnamespace = 'public'::regnamespace
  AND (t.typtype IN ('e', 'd', 'r', 'm') OR (t.typtype = 'c' AND tc.relkind = 'c'))
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                  AND d.objid = t.oid AND d.deptype = 'e')
UNION ALL
SELECT 'extension', e.extname, 'CREATE EXTENSION ' || quote_ident(e.extname) || ' SCHEMA public'
FROM pg_extension e WHERE e.extnamespace = 'public'::regnamespace
ORDER BY 1, 2)sql";

}  // namespace

schema::Index parse_index_definition(std::string_view definition) {
  schema::Index index;
  index.unique = definition.starts_with("CREATE UNIQUE INDEX ");
  auto pos = definition.find("INDEX ");
  if (pos == std::string_view::npos) {
    throw core::Error(core::ErrorCode::kInternal,
                      fmt::format("unexpected index definition: {}", definition));
  }
  pos += 6;
  index.name = read_identifier(definition, pos);
  const auto using_pos = definition.find(" USING ", pos);
  const auto open = definition.find('(', using_pos);
  const auto close = open == std::string_view::npos ? open : matching_paren(definition, open);
  if (using_pos == std::string_view::npos || close == std::string_view::npos) {
    throw core::Error(core::ErrorCode::kInternal,
                      fmt::format("unexpected index definition: {}", definition));
  }
  auto method = definition.substr(using_pos + 7, open - using_pos - 7);
  while (!method.empty() && method.back() == ' ') {
    method.remove_suffix(1);
  }
  index.method = std::string(method);
  index.keys = split_top_level(definition.substr(open + 1, close - open - 1));
  const auto rest = definition.substr(close + 1);
  const auto where = rest.find(" WHERE ");
  if (where != std::string_view::npos) {
    index.where = std::string(rest.substr(where + 7));
  }
  return index;
}

schema::Trigger parse_trigger_definition(std::string_view definition) {
  schema::Trigger trigger;
  auto pos = definition.find("TRIGGER ");
  if (pos == std::string_view::npos) {
    throw core::Error(core::ErrorCode::kInternal,
                      fmt::format("unexpected trigger definition: {}", definition));
  }
  pos += 8;
  trigger.name = read_identifier(definition, pos);
  ++pos;  // the space after the name
  for (const std::string_view timing : {"BEFORE ", "AFTER ", "INSTEAD OF "}) {
    if (definition.substr(pos, timing.size()) == timing) {
      trigger.timing = std::string(timing.substr(0, timing.size() - 1));
      pos += timing.size();
      break;
    }
  }
  const auto on = definition.find(" ON ", pos);
  const auto for_each = definition.find(" FOR EACH ", on);
  const auto execute = definition.find(" EXECUTE FUNCTION ", for_each);
  if (on == std::string_view::npos || for_each == std::string_view::npos
      || execute == std::string_view::npos) {
    throw core::Error(core::ErrorCode::kInternal,
                      fmt::format("unexpected trigger definition: {}", definition));
  }
  trigger.events = std::string(definition.substr(pos, on - pos));
  trigger.for_each = std::string(definition.substr(for_each + 10, execute - for_each - 10));
  auto function = strip_public(std::string(definition.substr(execute + 18)));
  if (function.size() > 2 && function.compare(function.size() - 2, 2, "()") == 0) {
    function.resize(function.size() - 2);
  }
  trigger.function = function;
  return trigger;
}

Catalog introspect(db::Connection& connection) {
  Catalog catalog;
  catalog.introspected = true;
  db::Transaction transaction(connection, db::Isolation::kRepeatableRead, true);
  // With only pg_catalog on the path, PostgreSQL prints every object of `public` qualified: the
  // text is the same whatever the caller's search_path, and safe to replay under any path.
  connection.exec("SET LOCAL search_path = pg_catalog");

  std::map<std::string, std::size_t, std::less<>> table_index;
  {
    const auto result = connection.exec(kRelationsQuery);
    for (int row = 0; row < result.rows(); ++row) {
      auto name = result.string(row, 0);
      const auto kind = result.text(row, 1);
      if (kind == "r" || kind == "p") {
        if (is_engine_table(name)) {
          continue;
        }
        schema::Table table;
        table.name = name;
        table.comment = result.string(row, 2);
        table_index.emplace(name, catalog.schema.tables.size());
        catalog.schema.tables.push_back(std::move(table));
      } else {
        const std::string kind_name = kind == "v"   ? "view"
                                      : kind == "m" ? "materialized view"
                                                    : "foreign table";
        catalog.others.push_back({kind_name, name, result.string(row, 3)});
      }
    }
  }
  const auto table_of = [&](std::string_view name) -> schema::Table* {
    const auto found = table_index.find(name);
    return found == table_index.end() ? nullptr : &catalog.schema.tables[found->second];
  };

  {
    const auto result = connection.exec(kColumnsQuery);
    for (int row = 0; row < result.rows(); ++row) {
      auto* table = table_of(result.text(row, 0));
      if (table == nullptr) {
        continue;
      }
      schema::Column column;
      column.name = result.string(row, 1);
      column.type = result.string(row, 2);
      if (!result.is_null(row, 8)) {
        column.type += " COLLATE " + result.string(row, 8);
      }
      column.nullable = !result.boolean(row, 3);
      const auto identity = result.text(row, 5);
      column.identity = identity == "a"   ? schema::Identity::kAlways
                        : identity == "d" ? schema::Identity::kByDefault
                                          : schema::Identity::kNone;
      if (!result.is_null(row, 4)) {
        column.default_expr =
            result.text(row, 6) == "s"
                ? fmt::format("GENERATED ALWAYS AS ({}) STORED", result.text(row, 4))
                : result.string(row, 4);
      }
      column.comment = result.string(row, 7);
      table->columns.push_back(std::move(column));
    }
  }

  {
    const auto result = connection.exec(kConstraintsQuery);
    for (int row = 0; row < result.rows(); ++row) {
      const auto table_name = result.string(row, 0);
      auto* table = table_of(table_name);
      if (table == nullptr) {
        continue;
      }
      const auto name = result.string(row, 1);
      const auto type = result.text(row, 2);
      auto definition = result.string(row, 3);
      const auto columns = split_names(result.is_null(row, 5) ? "" : result.text(row, 5));
      if (type == "p") {
        table->primary_key = schema::PrimaryKey{.name = name, .columns = columns};
      } else if (type == "u") {
        table->uniques.push_back({name, columns});
      } else if (type == "c") {
        std::string expression = definition.substr(definition.starts_with("CHECK ") ? 6 : 0);
        constexpr std::string_view kNotValid = " NOT VALID";
        if (expression.size() > kNotValid.size()
            && expression.compare(expression.size() - kNotValid.size(), kNotValid.size(), kNotValid)
                   == 0) {
          expression.resize(expression.size() - kNotValid.size());
        }
        table->checks.push_back({name, expression});
      } else if (type == "f") {
        schema::ForeignKey fk;
        fk.name = name;
        fk.columns = columns;
        fk.ref_table = result.string(row, 6);
        fk.ref_columns = split_names(result.is_null(row, 7) ? "" : result.text(row, 7));
        fk.on_delete = fk_action(result.text(row, 8));
        fk.on_update = fk_action(result.text(row, 9));
        table->foreign_keys.push_back(std::move(fk));
      } else {
        // Exclusion and other constraints the model cannot express still show up in the diff.
        catalog.others.push_back({"constraint", fmt::format("{}.{}", table_name, name),
                                  fmt::format("ALTER TABLE public.{} ADD CONSTRAINT {} {}",
                                              connection.escape_identifier(table_name),
                                              connection.escape_identifier(name), definition)});
      }
      // pg_get_constraintdef already says NOT VALID for an unvalidated constraint.
      catalog.definitions.constraints.emplace(fmt::format("{}.{}", table_name, name),
                                              std::move(definition));
    }
  }

  {
    const auto result = connection.exec(kIndexesQuery);
    for (int row = 0; row < result.rows(); ++row) {
      auto* table = table_of(result.text(row, 0));
      if (table == nullptr) {
        continue;
      }
      auto definition = result.string(row, 2);
      auto index = parse_index_definition(definition);
      index.name = result.string(row, 1);
      if (!result.boolean(row, 3)) {
        // An index a failed CREATE INDEX CONCURRENTLY left behind is not the declared index.
        definition += " -- INVALID";
      }
      catalog.definitions.indexes.emplace(index.name, std::move(definition));
      table->indexes.push_back(std::move(index));
    }
  }

  {
    const auto result = connection.exec(kTriggersQuery);
    for (int row = 0; row < result.rows(); ++row) {
      const auto table_name = result.string(row, 0);
      auto* table = table_of(table_name);
      if (table == nullptr) {
        continue;
      }
      auto definition = result.string(row, 2);
      auto trigger = parse_trigger_definition(definition);
      trigger.name = result.string(row, 1);
      catalog.definitions.triggers.emplace(fmt::format("{}.{}", table_name, trigger.name),
                                           std::move(definition));
      table->triggers.push_back(std::move(trigger));
    }
  }

  {
    const auto result = connection.exec(kFunctionsQuery);
    for (int row = 0; row < result.rows(); ++row) {
      const auto name = result.string(row, 0);
      const auto arguments = result.text(row, 1);
      const auto kind = result.text(row, 2);
      auto definition = result.string(row, 7);
      if (arguments.empty() && kind == "f" && !result.boolean(row, 3)) {
        catalog.schema.functions.push_back(
            {name, result.string(row, 4), result.string(row, 5), result.string(row, 6)});
        catalog.definitions.functions.emplace(name, std::move(definition));
      } else {
        const std::string kind_name = kind == "p"   ? "procedure"
                                      : kind == "a" ? "aggregate"
                                                    : "function";
        catalog.others.push_back(
            {kind_name, fmt::format("{}({})", name, arguments), std::move(definition)});
      }
    }
  }

  {
    const auto result = connection.exec(kSequencesQuery);
    for (int row = 0; row < result.rows(); ++row) {
      const auto owner = result.string(row, 7);
      if (is_engine_table(owner)) {
        continue;
      }
      Sequence sequence;
      sequence.name = result.string(row, 0);
      sequence.data_type = result.string(row, 1);
      sequence.start = result.int64(row, 2);
      sequence.increment = result.int64(row, 3);
      sequence.min_value = result.int64(row, 4);
      sequence.max_value = result.int64(row, 5);
      sequence.cycle = result.boolean(row, 6);
      if (!owner.empty()) {
        sequence.owned_by = owner + "." + result.string(row, 8);
      }
      catalog.sequences.push_back(std::move(sequence));
    }
  }

  {
    const auto result = connection.exec(kOthersQuery);
    for (int row = 0; row < result.rows(); ++row) {
      catalog.others.push_back(
          {result.string(row, 0), result.string(row, 1), result.string(row, 2)});
    }
  }
  transaction.commit();
  sort_catalog(catalog);
  return catalog;
}

}  // namespace qgp::migrate
