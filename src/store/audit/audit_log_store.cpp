#include "store/audit/audit_log_store.hpp"

#include <utility>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/json_text.hpp"
#include "db/connection.hpp"

namespace qgp::store::audit {

namespace {

// A value as JSON text, as PostgreSQL's to_jsonb would write it: a decimal whose text is a valid
// JSON number stays that number, exactly (never through a double); any other (NaN) is a string.
void append_json(std::string& out, const Value& value) {
  struct Visitor {
    std::string& out;
    void operator()(std::monostate /*unused*/) const { out += "null"; }
    void operator()(bool b) const { out += b ? "true" : "false"; }
    void operator()(std::int64_t i) const { out += std::to_string(i); }
    void operator()(const Decimal& d) const {
      out += core::is_json_number(d.text) ? d.text : core::json_string(d.text);
    }
    void operator()(const std::string& s) const { out += core::json_string(s); }
  };
  std::visit(Visitor{out}, value);
}

// audit_log.changes: {"field": {"before": .., "after": ..}, ..., "_note": ".."}. Written here in
// one pass: the INSERT then parses one jsonb parameter, where unnesting five arrays into an
// aggregate cost it about a third of its time (measured, docs/adr/0012).
std::string changes_json(const Entry& entry) {
  std::string out = "{";
  for (const auto& change : entry.changes) {
    if (out.size() > 1) {
      out += ',';
    }
    out += core::json_string(change.field);
    out += R"(:{"before":)";
    append_json(out, change.before);
    out += R"(,"after":)";
    append_json(out, change.after);
    out += '}';
  }
  if (!entry.note.empty()) {
    out += out.size() > 1 ? R"(,"_note":)" : R"("_note":)";
    out += core::json_string(entry.note);
  }
  out += '}';
  return out;
}

std::optional<std::string> non_empty(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

// One statement, no lock and no read of other rows: the row carries its writer's transaction id
// (the column's default) and the sealer chains it once that transaction is final, so concurrent
// writers never wait for each other here (docs/adr/0003-audit-trail.md).
constexpr std::string_view kInsert =
    "INSERT INTO audit_log (occurred_at, actor_user_id, request_id, client_address, action, "
    "entity_type, entity_id, changes) "
    "VALUES (clock_timestamp(), $1, $2, $3::inet, $4, $5, $6, $7::jsonb) RETURNING id";

// The INSERT's parameters; refuses (core::ErrorCode::kInternal) outside a transaction.
db::Params insert_params(const db::Connection& connection, const core::Actor& actor,
                         const Entry& entry) {
  if (!connection.in_transaction()) {
    throw core::Error(core::ErrorCode::kInternal,
                      "audit rows are appended only inside the transaction of their change");
  }
  db::Params params;
  params.add(actor.user_id)
      .add(non_empty(actor.request_id))
      .add(non_empty(actor.client_address))
      .add(entry.action)
      .add(entry.entity_type)
      .add(entry.entity_id)
      .add_text(changes_json(entry));
  return params;
}

}  // namespace

std::int64_t append(db::Connection& connection, const core::Actor& actor, const Entry& entry) {
  return connection.exec_prepared(kInsert, insert_params(connection, actor, entry)).int64(0, 0);
}

void append_ahead(db::Connection& connection, const core::Actor& actor, const Entry& entry) {
  connection.send_ahead(kInsert, insert_params(connection, actor, entry));
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
