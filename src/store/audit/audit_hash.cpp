#include "store/audit/audit_hash.hpp"

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "store/common/sql_format.hpp"

namespace qgp::store::audit {

namespace {

void append_field(std::string& out, const std::optional<std::string>& value) {
  if (!value) {
    out += "-;";
    return;
  }
  out += fmt::format("{}:", value->size());
  out += *value;
  out += ';';
}

}  // namespace

std::string canonical_row(const HashedRow& row) {
  std::string out = "qgp-audit-v1;";
  append_field(out, row.occurred_at);
  append_field(out, row.actor_user_id);
  append_field(out, row.request_id);
  append_field(out, row.client_address);
  append_field(out, row.action);
  append_field(out, row.entity_type);
  append_field(out, row.entity_id);
  append_field(out, row.changes);
  return out;
}

std::string chain_hash(std::string_view prev_hash, const HashedRow& row) {
  std::string input(prev_hash);
  input += '\n';
  input += canonical_row(row);
  return core::sha256_hex(input);
}

std::string hashed_columns_sql(std::string_view alias) {
  return fmt::format(
      "{1}, {0}.actor_user_id::text, {0}.request_id, {0}.client_address::text, {0}.action, "
      "{0}.entity_type, {0}.entity_id::text, {0}.changes::text",
      alias, common::rfc3339(fmt::format("{}.occurred_at", alias)));
}

}  // namespace qgp::store::audit
