#include "http/openapi.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace qgp::http {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

std::string operation_id(const Route& route) {
  std::string id = lower(route.method);
  for (const char c : route.pattern) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (word) {
      id.push_back(c);
    } else if (id.back() != '_') {
      id.push_back('_');
    }
  }
  while (!id.empty() && id.back() == '_') {
    id.pop_back();
  }
  return id;
}

nlohmann::json schema_ref(const std::string& name, const SchemaRegistry& schemas,
                          const Route& route) {
  if (schemas.find(name) == schemas.end()) {
    throw std::invalid_argument(
        fmt::format("route {} {} references unknown schema {}", route.method, route.pattern, name));
  }
  return {{"$ref", "#/components/schemas/" + name}};
}

nlohmann::json error_response_ref(std::string_view description) {
  return {
      {"description", std::string(description)},
      {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

// The 422 envelope: details.fields holds one problem per field path ("options[2].label").
nlohmann::json validation_response_ref(std::string_view description) {
  return {
      {"description", std::string(description)},
      {"content",
       {{"application/json", {{"schema", {{"$ref", "#/components/schemas/ValidationError"}}}}}}}};
}

nlohmann::json operation(const Route& route, const SchemaRegistry& schemas) {
  nlohmann::json op = {{"operationId", operation_id(route)},
                       {"summary", route.summary},
                       {"tags", nlohmann::json::array({route.tag.empty() ? "misc" : route.tag})}};
  nlohmann::json parameters = nlohmann::json::array();
  for (const auto& name : pattern_params(route.pattern)) {
    const bool is_id = name == "id" || (name.size() > 3 && name.ends_with("_id"));
    nlohmann::json schema =
        is_id ? nlohmann::json{{"type", "integer"}, {"format", "int64"}, {"minimum", 1}}
              : nlohmann::json{{"type", "string"}};
    parameters.push_back(
        {{"name", name}, {"in", "path"}, {"required", true}, {"schema", std::move(schema)}});
  }
  for (const auto& parameter : route.query_parameters) {
    parameters.push_back(parameter);
  }
  if (!parameters.empty()) {
    op["parameters"] = std::move(parameters);
  }
  if (!route.request_schema.empty()) {
    op["requestBody"] = {
        {"required", route.request_body_required},
        {"content",
         {{"application/json", {{"schema", schema_ref(route.request_schema, schemas, route)}}}}}};
  }
  nlohmann::json success = {{"description", "success"}};
  if (route.success_status != 204) {
    nlohmann::json media = nlohmann::json::object();
    if (!route.response_schema.empty()) {
      media["schema"] = schema_ref(route.response_schema, schemas, route);
    }
    success["content"] = {{route.success_content_type, std::move(media)}};
  }
  nlohmann::json responses = nlohmann::json::object();
  if (route.may_create) {
    responses["201"] = success;
    responses["201"]["description"] = "created";
  }
  responses[std::to_string(route.success_status)] = std::move(success);
  if (route.is_public) {
    op["security"] = nlohmann::json::array();
  } else {
    op["security"] = nlohmann::json::array({{{"bearerAuth", nlohmann::json::array()}}});
    responses["401"] = error_response_ref("not authenticated");
    responses["403"] = error_response_ref("permission denied");
    if (!route.permission.empty()) {
      op["x-required-permission"] = route.permission;
    }
  }
  // Any request can be malformed (HTTP syntax, a badly encoded path or query).
  responses["400"] = error_response_ref("malformed request");
  const auto path_params = pattern_params(route.pattern);
  if (!path_params.empty()) {
    responses["404"] = error_response_ref("no resource matches the path parameters");
  }
  if (!route.request_schema.empty()) {
    responses["415"] = error_response_ref("body is not application/json");
  }
  if (!route.request_schema.empty() || !route.query_parameters.empty() || !path_params.empty()) {
    responses["422"] = validation_response_ref("validation failed (details.fields)");
  }
  if (!route.refusals.empty()) {
    responses["422"] = validation_response_ref(route.refusals);
  }
  responses["default"] = error_response_ref("error envelope");
  op["responses"] = std::move(responses);
  return op;
}

}  // namespace

const TagDescriptions& known_tag_descriptions() {
  static const TagDescriptions kKnown = {
      {"system",
       "Liveness, readiness, metrics and this description (public, no database needed "
       "for /healthz)"},
      {"auth", "Sign-in with rotating refresh tokens, the current user, password change"},
      {"users", "User accounts, their roles and their history (administration)"},
      {"roles", "Roles, the permissions they hold, and the permission catalogue"},
      {"audit", "The hash-chained audit trail of every change"},
      {"standards",
       "ISO standards, clauses, controls, clause mappings and the Statement of "
       "Applicability"},
      {"audits", "Audit templates, audit runs with their answers, and findings"},
      {"risks",
       "The risk register: risks, their immutable assessments, acceptance by an approver, the "
       "5x5 heat map, statistics and the CSV export"},
      {"actions",
       "The unified actions (CAPA) register: corrective, preventive and improvement actions from "
       "one source each, verified by someone other than the person who completed them"},
      {"incidents",
       "Incidents reported by anyone, their people and witnesses, the RIDDOR 2013 engine's "
       "proposal, the responsible person's decision and report, the workflow to closure, "
       "statistics and the CSV export"},
      {"investigations",
       "Root cause analyses of a case (an incident): the 5-whys, the fishbone's contributing "
       "factors, the root cause statement, the actions raised, and the sign-off by someone other "
       "than the investigator"},
      {"management-reviews",
       "Management reviews (ISO 9.3): the standards covered, the chair and attendees, one input "
       "per 9.3.2 kind, the decisions (9.3.3) and the actions raised from them, the actions "
       "earlier reviews left open, and the minutes approved by someone other than the chair"},
  };
  return kKnown;
}

nlohmann::json build_openapi(const Router& router, const SchemaRegistry& schemas,
                             std::string_view version, const TagDescriptions& tags) {
  nlohmann::json paths = nlohmann::json::object();
  std::set<std::string, std::less<>> used_tags;  // sorted: the linter wants tags alphabetical
  for (const auto& route : router.routes()) {
    paths[route.pattern][lower(route.method)] = operation(route, schemas);
    used_tags.insert(route.tag.empty() ? std::string("misc") : route.tag);
  }
  nlohmann::json tag_list = nlohmann::json::array();
  for (const auto& tag : used_tags) {
    nlohmann::json entry = {{"name", tag}};
    if (const auto given = tags.find(tag); given != tags.end()) {
      entry["description"] = given->second;
    } else if (const auto known = known_tag_descriptions().find(tag);
               known != known_tag_descriptions().end()) {
      entry["description"] = known->second;
    }
    tag_list.push_back(std::move(entry));
  }
  nlohmann::json components_schemas = {
      {"Error",
       {{"type", "object"},
        {"required", {"error_code", "message", "details", "request_id"}},
        {"properties",
         {{"error_code", {{"type", "string"}}},
          {"message", {{"type", "string"}}},
          {"details", {{"type", "object"}}},
          {"request_id", {{"type", "string"}}}}}}},
      {"ValidationError",
       {{"allOf",
         {{{"$ref", "#/components/schemas/Error"}},
          {{"type", "object"},
           {"properties",
            {{"details",
              {{"type", "object"},
               {"properties",
                {{"fields",
                  {{"type", "object"},
                   {"additionalProperties", {{"type", "string"}}},
                   {"description",
                    "The problem of each field, by path: name, options[2].label, "
                    "questions[7].options"}}}}}}}}}}}}}}};
  for (const auto& [name, schema] : schemas) {
    components_schemas[name] = schema;
  }
  return {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "QGP - Quality Governance Platform API"},
        {"version", std::string(version)},
        {"description",
         "Integrated management system for ISO 9001, 14001, 45001 and 27001. Every route but the "
         "public ones needs `Authorization: Bearer <access_token>` from POST "
         "/api/v1/auth/login; lists share the envelope {items, total, page, page_size, pages}; "
         "errors share {error_code, message, details, request_id}."},
        {"contact", {{"name", "QGP maintainers"}}}}},
      // Relative: the server that serves this document (what the interactive /docs calls).
      {"servers", nlohmann::json::array({{{"url", "/"}, {"description", "this server"}}})},
      {"tags", std::move(tag_list)},
      {"paths", std::move(paths)},
      {"components",
       {{"schemas", std::move(components_schemas)},
        {"securitySchemes",
         {{"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}, {"bearerFormat", "JWT"}}}}}}}};
}

}  // namespace qgp::http
