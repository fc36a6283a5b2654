#include "schema/declared.hpp"

#include <utility>
#include <vector>

#include "schema/tables.hpp"

namespace qgp::schema {

namespace {

Schema make_declared_schema() {
  Schema schema;
  schema.functions = tables::functions();
  // FK targets first: identity, then the catalogues (standards, risks) that modules link to, then
  // the modules, then attachments (which reference module records) and policy versions (which
  // reference attachments).
  const std::vector<std::vector<Table> (*)()> modules = {
      tables::identity,       tables::audit_trail, tables::standards,       tables::risks,
      tables::audits,         tables::incidents,   tables::collisions,      tables::complaints,
      tables::policies,       tables::reviews,     tables::actions,         tables::review_actions,
      tables::investigations, tables::attachments, tables::policy_versions,
  };
  for (const auto module : modules) {
    for (auto& table : module()) {
      schema.tables.push_back(std::move(table));
    }
  }
  return schema;
}

}  // namespace

const Schema& declared_schema() {
  static const Schema kSchema = make_declared_schema();
  return kSchema;
}

}  // namespace qgp::schema
