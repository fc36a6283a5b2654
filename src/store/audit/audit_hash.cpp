#include "store/audit/audit_hash.hpp"

#include <fmt/format.h>

#include "core/crypto.hpp"

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

}  // namespace qgp::store::audit
