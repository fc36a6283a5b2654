#pragma once

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "http/router.hpp"

namespace qgp::http {

// Named JSON Schemas for request/response bodies ("#/components/schemas/NAME").
using SchemaRegistry = std::map<std::string, nlohmann::json, std::less<>>;
// A description per route tag (one tag per module); the document lists them sorted by name.
using TagDescriptions = std::map<std::string, std::string, std::less<>>;

// The descriptions of the tags the shipped modules use; `tags` passed to build_openapi adds to and
// overrides them. A tag with no description is left without one (the OpenAPI linter of the CI
// `openapi` gate then names it).
const TagDescriptions& known_tag_descriptions();

// The OpenAPI 3.1 document of every route in the table: path parameters, request/response schema
// references, the error envelope, the 4xx answers each operation can give, and the security
// requirement of each non-public route (with its permission as x-required-permission). Throws
// std::invalid_argument when a route names a schema that is not registered, so an incomplete
// document fails at startup, not in a client.
nlohmann::json build_openapi(const Router& router, const SchemaRegistry& schemas,
                             std::string_view version, const TagDescriptions& tags = {});

}  // namespace qgp::http
