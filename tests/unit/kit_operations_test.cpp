// What an operation registered through api::kit::Routes documents beyond its bodies: the refusals
// (a 422 listing problems by field path) its handler answers, and the optional body of an
// operation whose fields all have defaults.
#include <cstdint>
#include <optional>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/routes.hpp"
#include "http/openapi.hpp"
#include "http/server.hpp"
#include "kit/field.hpp"

namespace qgp::kit_operations_test {

struct Note {
  std::optional<std::string> text;
};

constexpr auto describe(kit::Tag<Note> /*unused*/) {
  return kit::resource<Note>({.name = "Note"}, kit::field("text", &Note::text).text(1, 20));
}

struct Stamp {
  std::int64_t id = 0;
  std::string text;
};

constexpr auto describe(kit::Tag<Stamp> /*unused*/) {
  return kit::resource<Stamp>({.name = "Stamp"}, kit::field("id", &Stamp::id).server(),
                              kit::field("text", &Stamp::text).server());
}

// The document of the server's routes with the components the kit registered for them.
// The server's own document: its built-in routes (health, readiness) bring their schemas.
nlohmann::json document_of(http::Server& server) {
  http::SchemaRegistry schemas;
  api::kit::add_component<Note>(schemas, api::kit::Shape::kCreate);
  api::kit::add_component<Stamp>(schemas, api::kit::Shape::kRead);
  for (const auto& [name, schema] : schemas) {
    server.add_schema(name, schema);
  }
  return server.openapi();
}

TEST(KitOperations, DocumentRefusalsAndOptionalBodies) {
  http::ServerOptions options;
  http::Server server(options);
  api::kit::Routes routes(server, "things");
  api::kit::Operation publish{.method = "POST",
                              .pattern = "/api/v1/things/{id}/publish",
                              .summary = "Publish",
                              .permission = "things:write",
                              .writes = true};
  publish.refusals = "not publishable: details.fields names every problem";
  routes.add<api::kit::NoBody, Stamp>(publish, [](api::kit::Call&) { return Stamp{}; });
  api::kit::Operation copy{.method = "POST",
                           .pattern = "/api/v1/things/{id}/copy",
                           .summary = "Copy",
                           .permission = "things:write",
                           .writes = true,
                           .body_optional = true};
  routes.add<Note, Stamp>(copy, [](api::kit::Call&, const Note&) { return Stamp{}; });
  routes.add<api::kit::NoBody, Stamp>(api::kit::Operation{.method = "GET",
                                                          .pattern = "/api/v1/things/{id}",
                                                          .summary = "Read",
                                                          .permission = "things:read"},
                                      [](api::kit::Call&) { return Stamp{}; });

  const auto doc = document_of(server);
  const auto& refused = doc.at("paths").at("/api/v1/things/{id}/publish").at("post");
  const auto& problem = refused.at("responses").at("422");
  EXPECT_EQ(problem.at("description"), "not publishable: details.fields names every problem");
  EXPECT_EQ(problem.at("content").at("application/json").at("schema").at("$ref"),
            "#/components/schemas/ValidationError");
  const auto& envelope = doc.at("components").at("schemas").at("ValidationError");
  EXPECT_EQ(envelope.at("allOf").at(0).at("$ref"), "#/components/schemas/Error");
  EXPECT_EQ(envelope.at("allOf")
                .at(1)
                .at("properties")
                .at("details")
                .at("properties")
                .at("fields")
                .at("additionalProperties")
                .at("type"),
            "string");

  const auto& copied = doc.at("paths").at("/api/v1/things/{id}/copy").at("post");
  EXPECT_EQ(copied.at("requestBody").at("required"), false);
  EXPECT_EQ(
      copied.at("responses").at("422").at("content").at("application/json").at("schema").at("$ref"),
      "#/components/schemas/ValidationError");  // a body's problems: the same envelope
  // A read refuses only its path parameter (`/things/abc`): the generic validation answer.
  EXPECT_EQ(doc.at("paths")
                .at("/api/v1/things/{id}")
                .at("get")
                .at("responses")
                .at("422")
                .at("description"),
            "validation failed (details.fields)");
}

}  // namespace qgp::kit_operations_test
