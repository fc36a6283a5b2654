#include "store/audit/audit_log_store.hpp"

#include <utility>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "db/connection.hpp"
#include "store/audit/audit_hash.hpp"
#include "store/common/sql_format.hpp"

namespace qgp::store::audit {

namespace {

// pg_advisory_xact_lock key of the chain's tail ('qgpaudit' as bytes): appends are serialized
// from here until their transaction ends, so the chain is linear and never forks.
constexpr std::int64_t kChainLockKey = 0x7167706175646974;

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
  connection.exec_prepared("SELECT pg_advisory_xact_lock($1)", db::Params(kChainLockKey));

  // Everything hashed is read back as PostgreSQL's own text (jsonb, inet, the timestamp), so
  // `qgp audit verify` recomputes the same bytes from the stored row. clock_timestamp() is read
  // under the lock: occurred_at never decreases along the chain.
  static const std::string kPrepare = fmt::format(R"sql(
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
SELECT (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),
       {},
       $6::inet::text,
       (coalesce((SELECT jsonb_object_agg(field, jsonb_build_object('before', before,
                                                                   'after', after))
                  FROM value), '{{}}'::jsonb)
        || CASE WHEN $7 = '' THEN '{{}}'::jsonb ELSE jsonb_build_object('_note', $7) END)::text)sql",
                                                  common::rfc3339("clock_timestamp()"));
  db::Params prepare_params;
  prepare_params.add_text(db::text_array_literal(fields))
      .add_text(db::text_array_literal(before_tags))
      .add_text(db::text_array_literal(befores))
      .add_text(db::text_array_literal(after_tags))
      .add_text(db::text_array_literal(afters))
      .add(non_empty(actor.client_address))
      .add(entry.note);
  const auto prepared = connection.exec_prepared(kPrepare, prepare_params);

  const auto prev_hash = prepared.optional_string(0, 0);
  HashedRow row{
      .occurred_at = prepared.string(0, 1),
      .actor_user_id = actor.user_id ? std::optional(std::to_string(*actor.user_id)) : std::nullopt,
      .request_id = non_empty(actor.request_id),
      .client_address = prepared.optional_string(0, 2),
      .action = entry.action,
      .entity_type = entry.entity_type,
      .entity_id = entry.entity_id ? std::optional(std::to_string(*entry.entity_id)) : std::nullopt,
      .changes = prepared.string(0, 3),
  };
  const auto hash = chain_hash(prev_hash.value_or(""), row);

  static constexpr std::string_view kInsert = R"sql(
INSERT INTO audit_log (occurred_at, actor_user_id, request_id, client_address, action, entity_type,
                       entity_id, changes, prev_hash, hash)
VALUES ($1::timestamptz, $2, $3, $4::inet, $5, $6, $7, $8::jsonb, $9, $10)
RETURNING id)sql";
  db::Params insert_params;
  insert_params.add_text(row.occurred_at)
      .add(actor.user_id)
      .add(row.request_id)
      .add(row.client_address)
      .add(row.action)
      .add(row.entity_type)
      .add(entry.entity_id)
      .add_text(row.changes)
      .add(prev_hash)
      .add(hash);
  return connection.exec_prepared(kInsert, insert_params).int64(0, 0);
}

std::optional<std::string> rewrite_privilege_problem(db::Connection& connection) {
  const auto result = connection.exec_prepared(
      "SELECT current_user, r.rolsuper, pg_has_role(current_user, c.relowner, 'USAGE'), "
      "       has_table_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'DELETE') "
      "         OR has_table_privilege(c.oid, 'TRUNCATE') "
      "FROM pg_class c, pg_roles r "
      "WHERE c.oid = 'public.audit_log'::regclass AND r.rolname = current_user");
  const auto role = result.string(0, 0);
  if (result.boolean(0, 1)) {
    return fmt::format("the database role {} is a superuser", role);
  }
  if (result.boolean(0, 2)) {
    return fmt::format("the database role {} owns audit_log and could disable its triggers", role);
  }
  if (result.boolean(0, 3)) {
    return fmt::format("the database role {} may UPDATE, DELETE or TRUNCATE audit_log", role);
  }
  return std::nullopt;
}

}  // namespace qgp::store::audit
