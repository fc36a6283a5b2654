#include "store/audit/audit_log_store.hpp"

#include <utility>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "db/connection.hpp"

namespace qgp::store::audit {

namespace {

struct TaggedValue {
  std::string tag;  // null | bool | int | num | text: how SQL turns the text into jsonb
  std::optional<std::string> text;
};

TaggedValue tagged(const Value& value) {
  struct Visitor {
    TaggedValue operator()(std::monostate /*unused*/) const {
      return {.tag = "null", .text = std::nullopt};
    }
    TaggedValue operator()(bool b) const { return {.tag = "bool", .text = b ? "true" : "false"}; }
    TaggedValue operator()(std::int64_t i) const {
      return {.tag = "int", .text = std::to_string(i)};
    }
    TaggedValue operator()(const Decimal& d) const { return {.tag = "num", .text = d.text}; }
    TaggedValue operator()(const std::string& s) const { return {.tag = "text", .text = s}; }
  };
  return std::visit(Visitor{}, value);
}

std::optional<std::string> non_empty(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

}  // namespace

std::int64_t append(db::Connection& connection, const core::Actor& actor, const Entry& entry) {
  std::vector<std::optional<std::string>> fields;
  std::vector<std::optional<std::string>> before_tags;
  std::vector<std::optional<std::string>> befores;
  std::vector<std::optional<std::string>> after_tags;
  std::vector<std::optional<std::string>> afters;
  for (const auto& change : entry.changes) {
    auto before = tagged(change.before);
    auto after = tagged(change.after);
    fields.emplace_back(change.field);
    before_tags.emplace_back(std::move(before.tag));
    befores.push_back(std::move(before.text));
    after_tags.emplace_back(std::move(after.tag));
    afters.push_back(std::move(after.text));
  }

  if (!connection.in_transaction()) {
    throw core::Error(core::ErrorCode::kInternal,
                      "audit rows are appended only inside the transaction of their change");
  }
  // One statement, no lock and no read of other rows: the row carries its writer's transaction id
  // (the column's default) and the sealer chains it once that transaction is final, so concurrent
  // writers never wait for each other here (docs/adr/0003-audit-trail.md).
  static constexpr std::string_view kInsert = R"sql(
WITH value AS (
  SELECT u.field,
         CASE u.tag WHEN 'null' THEN 'null'::jsonb WHEN 'bool' THEN to_jsonb(u.v::boolean)
                    WHEN 'int' THEN to_jsonb(u.v::bigint) WHEN 'num' THEN to_jsonb(u.v::numeric)
                    ELSE to_jsonb(u.v) END AS before,
         CASE u.after_tag WHEN 'null' THEN 'null'::jsonb WHEN 'bool' THEN to_jsonb(u.a::boolean)
                    WHEN 'int' THEN to_jsonb(u.a::bigint) WHEN 'num' THEN to_jsonb(u.a::numeric)
                    ELSE to_jsonb(u.a) END AS after
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       AS u(field, tag, v, after_tag, a)
)
INSERT INTO audit_log (occurred_at, actor_user_id, request_id, client_address, action, entity_type,
                       entity_id, changes)
SELECT clock_timestamp(), $6, $7, $8::inet, $9, $10, $11,
       coalesce((SELECT jsonb_object_agg(field, jsonb_build_object('before', before,
                                                                  'after', after))
                 FROM value), '{}'::jsonb)
       || CASE WHEN $12 = '' THEN '{}'::jsonb ELSE jsonb_build_object('_note', $12) END
RETURNING id)sql";
  db::Params params;
  params.add_text(db::text_array_literal(fields))
      .add_text(db::text_array_literal(before_tags))
      .add_text(db::text_array_literal(befores))
      .add_text(db::text_array_literal(after_tags))
      .add_text(db::text_array_literal(afters))
      .add(actor.user_id)
      .add(non_empty(actor.request_id))
      .add(non_empty(actor.client_address))
      .add(entry.action)
      .add(entry.entity_type)
      .add(entry.entity_id)
      .add(entry.note);
  return connection.exec_prepared(kInsert, params).int64(0, 0);
}

std::optional<std::string> rewrite_privilege_problem(db::Connection& connection) {
  // The trail, its chain and its checkpoints are evidence alike: ownership of any of them would
  // let the role disable the append-only trigger.
  const auto result = connection.exec_prepared(
      "SELECT current_user, r.rolsuper, c.relname, pg_has_role(current_user, c.relowner, 'USAGE'), "
      "       has_table_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'DELETE') "
      "         OR has_table_privilege(c.oid, 'TRUNCATE') "
      "FROM pg_class c, pg_roles r "
      "WHERE c.oid IN ('public.audit_log'::regclass, 'public.audit_chain'::regclass, "
      "                'public.audit_checkpoints'::regclass) AND r.rolname = current_user "
      "ORDER BY c.relname <> 'audit_log', c.relname");
  const auto role = result.string(0, 0);
  if (result.boolean(0, 1)) {
    return fmt::format("the database role {} is a superuser", role);
  }
  for (int row = 0; row < result.rows(); ++row) {
    if (result.boolean(row, 3)) {
      return fmt::format("the database role {} owns {} and could disable its triggers", role,
                         result.string(row, 2));
    }
  }
  for (int row = 0; row < result.rows(); ++row) {
    if (result.boolean(row, 4)) {
      return fmt::format("the database role {} may UPDATE, DELETE or TRUNCATE {}", role,
                         result.string(row, 2));
    }
  }
  return std::nullopt;
}

}  // namespace qgp::store::audit
