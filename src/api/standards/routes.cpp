#include "api/standards/routes.hpp"

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/kit/routes.hpp"
#include "api/standards/request.hpp"
#include "api/standards/route_parts.hpp"
#include "core/config.hpp"
#include "http/server.hpp"

namespace qgp::api::standards {

void add_route(http::Server& server, const char* method, const char* pattern, const char* summary,
               std::string_view permission, const char* request_schema, const char* response_schema,
               int status, http::Handler handler) {
  server.add_route(http::Route{.method = method,
                               .pattern = pattern,
                               .summary = summary,
                               .tag = std::string(kTag),
                               .permission = std::string(permission),
                               .request_schema = request_schema,
                               .response_schema = response_schema,
                               .success_status = status,
                               .handler = std::move(handler)});
}

namespace {

using nlohmann::json;

json string_type() {
  return {{"type", "string"}};
}
json nullable_string() {
  return {{"type", {"string", "null"}}};
}
json integer_type() {
  return {{"type", "integer"}};
}
json nullable_integer() {
  return {{"type", {"integer", "null"}}};
}
json boolean_type() {
  return {{"type", "boolean"}};
}
json timestamp() {
  return {{"type", "string"}, {"format", "date-time"}};
}
json nullable_timestamp() {
  return {{"type", {"string", "null"}}, {"format", "date-time"}};
}
json ref(const std::string& name) {
  return {{"$ref", "#/components/schemas/" + name}};
}
json enumeration(const std::vector<std::string>& values, bool nullable = false) {
  json schema = {{"type", "string"}, {"enum", values}};
  if (nullable) {
    schema["type"] = {"string", "null"};
    schema["enum"].push_back(nullptr);
  }
  return schema;
}

json object(json properties, const std::vector<std::string>& required = {}) {
  json schema = {
      {"type", "object"}, {"properties", std::move(properties)}, {"additionalProperties", false}};
  if (!required.empty()) {
    schema["required"] = required;
  }
  return schema;
}

json list_of(const std::string& item) {
  return object({{"items", {{"type", "array"}, {"items", ref(item)}}},
                 {"total", integer_type()},
                 {"page", integer_type()},
                 {"page_size", integer_type()},
                 {"pages", integer_type()}},
                {"items", "total", "page", "page_size", "pages"});
}

const std::vector<std::string> kThemes = {"organizational", "people", "physical", "technological"};
const std::vector<std::string> kStatuses = {"not_implemented", "planned", "partially_implemented",
                                            "implemented", "not_applicable"};

json standard_schema() {
  return object({{"id", integer_type()},
                 {"code", string_type()},
                 {"name", string_type()},
                 {"full_name", string_type()},
                 {"edition", string_type()},
                 {"description", nullable_string()},
                 {"effective_date", {{"type", {"string", "null"}}, {"format", "date"}}},
                 {"is_active", boolean_type()},
                 {"archived_at", nullable_timestamp()},
                 {"clause_count", integer_type()},
                 {"control_count", integer_type()},
                 {"created_at", timestamp()},
                 {"updated_at", timestamp()},
                 {"created_by_id", nullable_integer()},
                 {"updated_by_id", nullable_integer()},
                 {"version", integer_type()}});
}

json clause_properties() {
  return {{"id", integer_type()},
          {"standard_id", integer_type()},
          {"parent_clause_id", nullable_integer()},
          {"clause_number", string_type()},
          {"title", string_type()},
          {"description", nullable_string()},
          {"level", integer_type()},
          {"sort_order", integer_type()},
          {"is_active", boolean_type()},
          {"archived_at", nullable_timestamp()},
          {"created_at", timestamp()},
          {"updated_at", timestamp()},
          {"created_by_id", nullable_integer()},
          {"updated_by_id", nullable_integer()},
          {"version", integer_type()}};
}

json control_schema() {
  return object({{"id", integer_type()},
                 {"standard_id", integer_type()},
                 {"clause_id", nullable_integer()},
                 {"clause_number", nullable_string()},
                 {"control_number", string_type()},
                 {"title", string_type()},
                 {"description", nullable_string()},
                 {"guidance", nullable_string()},
                 {"theme", enumeration(kThemes, true)},
                 {"is_active", boolean_type()},
                 {"archived_at", nullable_timestamp()},
                 {"created_at", timestamp()},
                 {"updated_at", timestamp()},
                 {"created_by_id", nullable_integer()},
                 {"updated_by_id", nullable_integer()},
                 {"version", integer_type()}});
}

json clause_node_schema() {
  auto properties = clause_properties();
  properties["children"] = {{"type", "array"}, {"items", ref("ClauseNode")}};
  properties["controls"] = {{"type", "array"}, {"items", ref("Control")}};
  return object(std::move(properties));
}

json standard_tree_schema() {
  auto schema = standard_schema();
  schema["properties"]["clauses"] = {{"type", "array"}, {"items", ref("ClauseNode")}};
  return schema;
}

}  // namespace

void register_schemas(http::Server& server) {
  const std::vector<std::pair<std::string, json>> schemas = {
      {"Standard", standard_schema()},
      {"StandardList", list_of("Standard")},
      {"StandardTree", standard_tree_schema()},
      {"StandardCreate", object({{"code", string_type()},
                                 {"name", string_type()},
                                 {"full_name", string_type()},
                                 {"edition", string_type()},
                                 {"description", nullable_string()},
                                 {"effective_date", nullable_string()},
                                 {"is_active", boolean_type()}},
                                {"code", "name", "full_name", "edition"})},
      {"StandardPatch", object({{"version", integer_type()},
                                {"name", string_type()},
                                {"full_name", string_type()},
                                {"edition", string_type()},
                                {"description", nullable_string()},
                                {"effective_date", nullable_string()},
                                {"is_active", boolean_type()}},
                               {"version"})},
      {"Clause", object(clause_properties())},
      {"ClauseNode", clause_node_schema()},
      {"ClauseList", list_of("Clause")},
      {"ClauseCreate", object({{"parent_clause_id", nullable_integer()},
                               {"clause_number", string_type()},
                               {"title", string_type()},
                               {"description", nullable_string()},
                               {"sort_order", integer_type()},
                               {"is_active", boolean_type()}},
                              {"clause_number", "title"})},
      {"ClausePatch", object({{"version", integer_type()},
                              {"parent_clause_id", nullable_integer()},
                              {"clause_number", string_type()},
                              {"title", string_type()},
                              {"description", nullable_string()},
                              {"sort_order", integer_type()},
                              {"is_active", boolean_type()}},
                             {"version"})},
      {"ClauseMapping", object({{"id", integer_type()},
                                {"clause_a_id", integer_type()},
                                {"clause_b_id", integer_type()},
                                {"mapping_type", enumeration({"equivalent", "partial", "related"})},
                                {"notes", nullable_string()},
                                {"created_at", timestamp()},
                                {"updated_at", timestamp()},
                                {"created_by_id", nullable_integer()},
                                {"version", integer_type()}})},
      {"ClauseMappingCreate",
       object({{"clause_a_id", integer_type()},
               {"clause_b_id", integer_type()},
               {"mapping_type", enumeration({"equivalent", "partial", "related"})},
               {"notes", nullable_string()}},
              {"clause_a_id", "clause_b_id"})},
      {"MappedClause", object({{"mapping_id", integer_type()},
                               {"mapping_type", string_type()},
                               {"notes", nullable_string()},
                               {"standard_id", integer_type()},
                               {"standard_code", string_type()},
                               {"clause", ref("Clause")}})},
      {"MappedClauseList", list_of("MappedClause")},
      {"Control", control_schema()},
      {"ControlList", list_of("Control")},
      {"ControlCreate", object({{"clause_id", nullable_integer()},
                                {"control_number", string_type()},
                                {"title", string_type()},
                                {"description", nullable_string()},
                                {"guidance", nullable_string()},
                                {"theme", enumeration(kThemes, true)},
                                {"is_active", boolean_type()}},
                               {"control_number", "title"})},
      {"ControlPatch", object({{"version", integer_type()},
                               {"clause_id", nullable_integer()},
                               {"control_number", string_type()},
                               {"title", string_type()},
                               {"description", nullable_string()},
                               {"guidance", nullable_string()},
                               {"theme", enumeration(kThemes, true)},
                               {"is_active", boolean_type()}},
                              {"version"})},
      {"SoaEntry", object({{"id", integer_type()},
                           {"control_id", integer_type()},
                           {"is_applicable", boolean_type()},
                           {"justification", nullable_string()},
                           {"implementation_status", enumeration(kStatuses)},
                           {"owner_id", nullable_integer()},
                           {"reviewed_at", nullable_timestamp()},
                           {"reviewed_by_id", nullable_integer()},
                           {"notes", nullable_string()},
                           {"created_at", timestamp()},
                           {"updated_at", timestamp()},
                           {"version", integer_type()}})},
      {"SoaLine", object({{"control_id", integer_type()},
                          {"control_number", string_type()},
                          {"title", string_type()},
                          {"theme", enumeration(kThemes, true)},
                          {"clause_id", nullable_integer()},
                          {"clause_number", nullable_string()},
                          {"entry_id", nullable_integer()},
                          {"is_applicable", boolean_type()},
                          {"justification", nullable_string()},
                          {"implementation_status", enumeration(kStatuses)},
                          {"owner_id", nullable_integer()},
                          {"notes", nullable_string()},
                          {"reviewed_at", nullable_timestamp()},
                          {"reviewed_by_id", nullable_integer()},
                          {"version", integer_type()}})},
      {"SoaList", list_of("SoaLine")},
      {"SoaPut", object({{"is_applicable", boolean_type()},
                         {"justification", nullable_string()},
                         {"implementation_status", enumeration(kStatuses, true)},
                         {"owner_id", nullable_integer()},
                         {"notes", nullable_string()},
                         {"version", integer_type()}},
                        {"is_applicable"})},
  };
  for (const auto& [name, schema] : schemas) {
    server.add_schema(name, schema);
  }
}

void register_routes(http::Server& server, const core::Config& config) {
  static_cast<void>(config);
  register_schemas(server);
  register_standard_routes(server);
  register_control_routes(server);
  // Per-record audit trails (kit routes over the audit log's declared entry).
  const std::string read(kRead);
  kit::Routes trails(server, std::string(kTag));
  trails.history("/api/v1/standards", "standard", read);
  trails.history("/api/v1/clauses", "clause", read);
  trails.history("/api/v1/controls", "control", read);
  trails.history("/api/v1/clause-mappings", "clause_mapping", read);
  trails.history("/api/v1/soa-entries", "soa_entry", read);
}

}  // namespace qgp::api::standards
