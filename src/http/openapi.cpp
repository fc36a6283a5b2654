#include "http/openapi.hpp"

#include <algorithm>
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
  if (!route.request_schema.empty()) {
    responses["400"] = error_response_ref("malformed request");
    responses["415"] = error_response_ref("body is not application/json");
    responses["422"] = validation_response_ref("validation failed (details.fields)");
  }
  if (!route.refusals.empty()) {
    responses["422"] = validation_response_ref(route.refusals);
  }
  responses["default"] = error_response_ref("error envelope");
  op["responses"] = std::move(responses);
  return op;
}

std::string html_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace

nlohmann::json build_openapi(const Router& router, const SchemaRegistry& schemas,
                             std::string_view version) {
  nlohmann::json paths = nlohmann::json::object();
  nlohmann::json tags = nlohmann::json::array();
  std::vector<std::string> seen_tags;
  for (const auto& route : router.routes()) {
    paths[route.pattern][lower(route.method)] = operation(route, schemas);
    const auto tag = route.tag.empty() ? std::string("misc") : route.tag;
    if (std::ranges::find(seen_tags, tag) == seen_tags.end()) {
      seen_tags.push_back(tag);
      tags.push_back({{"name", tag}});
    }
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
       {{"title", "QGP - Quality Governance Platform API"}, {"version", std::string(version)}}},
      {"tags", std::move(tags)},
      {"paths", std::move(paths)},
      {"components",
       {{"schemas", std::move(components_schemas)},
        {"securitySchemes",
         {{"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}, {"bearerFormat", "JWT"}}}}}}}};
}

std::string build_docs_html(const Router& router) {
  std::string rows;
  for (const auto& route : router.routes()) {
    std::string who_may_call = "public";
    if (!route.is_public) {
      who_may_call = route.permission.empty() ? "authenticated" : "permission: " + route.permission;
    }
    rows += fmt::format(
        "<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td>"
        "<td>{}</td></tr>\n",
        html_escape(route.method), html_escape(route.pattern), html_escape(route.tag),
        html_escape(route.summary), html_escape(who_may_call));
  }
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>QGP API</title>"
      "<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}"
      "td,th{{border:1px solid #ccc;padding:4px 8px;text-align:left}}</style></head>\n"
      "<body><h1>QGP API</h1><p>Machine-readable description: "
      "<a href=\"/openapi.json\">/openapi.json</a> (OpenAPI 3.1).</p>\n"
      "<table><thead><tr><th>Method</th><th>Path</th><th>Tag</th><th>Summary</th>"
      "<th>Access</th></tr></thead><tbody>\n{}</tbody></table></body></html>\n",
      rows);
}

}  // namespace qgp::http
