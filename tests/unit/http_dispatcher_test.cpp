#include <memory>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "db/errors.hpp"
#include "http/dispatcher.hpp"
#include "http/json_body.hpp"
#include "http/metrics.hpp"
#include "http/openapi.hpp"
#include "http/schema_check.hpp"
#include "http/server.hpp"

namespace qgp::http {
namespace {

// Accepts "Bearer <name>"; the principal holds the permissions listed after the name.
class FakeAuthenticator : public Authenticator {
 public:
  std::optional<Principal> authenticate(const Request& request, db::Pool* /*pool*/) override {
    const auto header = request.header("Authorization");
    if (!header || *header == "Bearer nobody") {
      return std::nullopt;
    }
    Principal principal;
    principal.name = std::string(*header);
    if (*header == "Bearer reader") {
      principal.permissions.insert("incidents.read");
    }
    return principal;
  }
};

class HttpDispatcher : public ::testing::Test {
 protected:
  HttpDispatcher() {
    router_.add(
        {.method = "GET", .pattern = "/public", .is_public = true, .handler = [](RequestContext&) {
           return json_response(200, {{"ok", true}});
         }});
    router_.add({.method = "GET",
                 .pattern = "/incidents/{id}",
                 .permission = "incidents.read",
                 .handler = [](RequestContext& context) {
                   return json_response(200, {{"id", context.id_param("id")},
                                              {"who", context.require_principal().name}});
                 }});
    router_.add({.method = "POST",
                 .pattern = "/incidents",
                 .permission = "incidents.write",
                 .success_status = 201,
                 .handler = [](RequestContext&) { return json_response(201, {}); }});
    // Answers ?status=N: the contract tests below drive it.
    const auto answer_with = [](RequestContext& context) {
      return json_response(
          std::stoi(context.request().target.substr(context.request().target.find('=') + 1)), {});
    };
    router_.add({.method = "PUT", .pattern = "/states", .is_public = true, .handler = answer_with});
    router_.add({.method = "PUT",
                 .pattern = "/upserts",
                 .is_public = true,
                 .may_create = true,
                 .handler = answer_with});
    router_.add({.method = "POST",
                 .pattern = "/echo",
                 .is_public = true,
                 .handler = [](RequestContext& context) {
                   auto body = parse_json_object(context.request().body);
                   JsonReader reader(body);
                   auto name = reader.required_string("name", 10);
                   reader.finish();
                   return json_response(200, {{"name", name}});
                 }});
    router_.add({.method = "GET",
                 .pattern = "/boom",
                 .is_public = true,
                 .handler = [](RequestContext&) -> Response {
                   throw std::runtime_error("secret internals");
                 }});
    router_.add({.method = "GET",
                 .pattern = "/db",
                 .is_public = true,
                 .handler = [](RequestContext&) -> Response {
                   db::Diagnostics d;
                   d.message = "value (top-secret) violates";
                   throw db::DataViolation(d);
                 }});
  }

  Response run(const std::string& method, const std::string& path, HeaderList headers = {},
               std::string body = {}) {
    Request request;
    request.method = method;
    request.target = path;
    request.path = path.substr(0, path.find('?'));
    request.headers = std::move(headers);
    request.body = std::move(body);
    request.request_id = "rid-1";
    return dispatcher_.dispatch(request).response;
  }

  static nlohmann::json json(const Response& response) {
    return nlohmann::json::parse(response.body);
  }

  Router router_;
  Dispatcher dispatcher_{router_, CorsPolicy({"https://app.example"}, true), nullptr};
};

TEST_F(HttpDispatcher, PublicRouteAndCommonHeaders) {
  const auto response = run("GET", "/public");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.header("X-Request-Id"), "rid-1");
  EXPECT_EQ(response.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(response.header("Cache-Control"), "no-store");
}

TEST_F(HttpDispatcher, NoAuthenticatorMeans401OnEveryNonPublicRoute) {
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/incidents/1"}, {"POST", "/incidents"}}) {
    const auto response = run(method, path, {{"Authorization", "Bearer reader"}});
    EXPECT_EQ(response.status, 401) << path;
    EXPECT_EQ(json(response)["error_code"], "UNAUTHENTICATED");
    EXPECT_EQ(json(response)["request_id"], "rid-1");
  }
}

TEST_F(HttpDispatcher, PermissionsAreCheckedCentrally) {
  dispatcher_.set_authenticator(std::make_shared<FakeAuthenticator>());
  EXPECT_EQ(run("GET", "/incidents/1").status, 401);
  EXPECT_EQ(run("GET", "/incidents/1", {{"Authorization", "Bearer nobody"}}).status, 401);
  const auto forbidden = run("GET", "/incidents/1", {{"Authorization", "Bearer other"}});
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(json(forbidden)["error_code"], "FORBIDDEN");
  const auto ok = run("GET", "/incidents/9", {{"Authorization", "Bearer reader"}});
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(json(ok)["id"], 9);
  EXPECT_EQ(json(ok)["who"], "Bearer reader");
  EXPECT_EQ(run("POST", "/incidents", {{"Authorization", "Bearer reader"}}).status, 403);
  // Path parameters are validated after authorization.
  EXPECT_EQ(run("GET", "/incidents/abc", {{"Authorization", "Bearer reader"}}).status, 422);
}

TEST(HttpRouteContract, SuccessStatusesAreDocumentedErrorsAlwaysAre) {
  const Route plain{.method = "PUT", .pattern = "/x"};
  EXPECT_TRUE(documents_status(plain, 200));
  EXPECT_FALSE(documents_status(plain, 201));
  EXPECT_FALSE(documents_status(plain, 204));
  EXPECT_TRUE(documents_status(plain, 404));
  EXPECT_TRUE(documents_status(plain, 500));
  const Route upsert{.method = "PUT", .pattern = "/x", .may_create = true};
  EXPECT_TRUE(documents_status(upsert, 200));
  EXPECT_TRUE(documents_status(upsert, 201));
  EXPECT_FALSE(documents_status(upsert, 202));
  const Route created{.method = "POST", .pattern = "/x", .success_status = 201};
  EXPECT_TRUE(documents_status(created, 201));
  EXPECT_FALSE(documents_status(created, 200));
}

TEST_F(HttpDispatcher, AnUndocumentedSuccessStatusIsA500WhenTheContractIsEnforced) {
  EXPECT_EQ(run("PUT", "/states?status=201").status, 201);  // production: logged, kept
  dispatcher_.set_enforce_response_contract(true);
  const auto broken = run("PUT", "/states?status=201");
  EXPECT_EQ(broken.status, 500);
  EXPECT_EQ(json(broken)["error_code"], "INTERNAL");
  EXPECT_EQ(json(broken)["message"], "internal server error");  // the detail stays in the log
  EXPECT_EQ(run("PUT", "/states?status=200").status, 200);
  EXPECT_EQ(run("PUT", "/states?status=409").status, 409);  // errors share the envelope
  EXPECT_EQ(run("PUT", "/upserts?status=201").status, 201);
  EXPECT_EQ(run("PUT", "/upserts?status=200").status, 200);
  EXPECT_EQ(run("PUT", "/upserts?status=204").status, 500);
}

// Bodies checked against the route's response schema as the built document declares it.
class HttpResponseContract : public ::testing::Test {
 protected:
  HttpResponseContract() {
    // Answers the body given in the request (and ?type=... as its Content-Type).
    const auto echo = [](RequestContext& context) {
      Response response;
      response.status =
          context.request().target.find("status=201") != std::string::npos ? 201 : 200;
      const auto at = context.request().target.find("type=");
      response.set_header("Content-Type", at == std::string::npos
                                              ? std::string("application/json")
                                              : context.request().target.substr(at + 5));
      response.body = context.request().body;
      return response;
    };
    router_.add({.method = "POST",
                 .pattern = "/things",
                 .is_public = true,
                 .request_body_required = false,
                 .response_schema = "Thing",
                 .may_create = true,
                 .handler = echo});
    router_.add({.method = "POST", .pattern = "/untyped", .is_public = true, .handler = echo});
    router_.add({.method = "POST",
                 .pattern = "/report",
                 .is_public = true,
                 .response_schema = "Thing",
                 .success_content_type = "text/csv",
                 .handler = echo});
    router_.add({.method = "POST",
                 .pattern = "/refused",
                 .is_public = true,
                 .response_schema = "Thing",
                 .handler = [](RequestContext&) -> Response {
                   throw core::Error(core::ErrorCode::kConflict, "no");
                 }});
    schemas_["Thing"] = {
        {"type", "object"},
        {"required", {"id", "owner"}},
        {"additionalProperties", false},
        {"properties",
         {{"id", {{"type", "integer"}, {"minimum", 1}}},
          {"owner", {{"oneOf", {{{"$ref", "#/components/schemas/Owner"}}, {{"type", "null"}}}}}}}}};
    schemas_["Owner"] = {{"type", "object"},
                         {"properties", {{"name", {{"type", "string"}}}}},
                         {"additionalProperties", false}};
    dispatcher_.set_openapi_document(build_openapi(router_, schemas_, "1"));
  }

  Dispatcher::Outcome post(const std::string& target, std::string body) {
    Request request;
    request.method = "POST";
    request.target = target;
    request.path = target.substr(0, target.find('?'));
    request.headers = {{"Content-Type", "application/json"}};
    request.body = std::move(body);
    request.request_id = "rid-2";
    return dispatcher_.dispatch(request);
  }

  Router router_;
  SchemaRegistry schemas_;
  Dispatcher dispatcher_{router_, CorsPolicy({}, false), nullptr};
};

TEST_F(HttpResponseContract, AConformingBodyIsCheckedAndKept) {
  const auto outcome = post("/things", R"({"id":1,"owner":{"name":"ann"}})");
  EXPECT_EQ(outcome.response.status, 200);
  EXPECT_TRUE(outcome.body_checked);
  EXPECT_EQ(outcome.body_violations, 0U);
  const auto created = post("/things?status=201", R"({"id":2,"owner":null})");
  EXPECT_EQ(created.response.status, 201);  // an upsert's 201 has the same schema
  EXPECT_TRUE(created.body_checked);
  EXPECT_EQ(created.body_violations, 0U);
}

TEST_F(HttpResponseContract, AViolationIsA500WhenEnforcedAndKeptOtherwise) {
  // An undeclared key inside a nullable reference, and a missing required key.
  const std::string body = R"({"id":1,"owner":{"name":"ann","ssn":"123"}})";
  const auto kept = post("/things", body);
  EXPECT_EQ(kept.response.status, 200);  // production: logged, the client keeps its answer
  EXPECT_EQ(kept.response.body, body);
  EXPECT_TRUE(kept.body_checked);
  EXPECT_EQ(kept.body_violations, 2U);  // oneOf, and /owner/ssn additionalProperties

  dispatcher_.set_enforce_response_contract(true);
  const auto refused = post("/things", body);
  EXPECT_EQ(refused.response.status, 500);
  const auto envelope = nlohmann::json::parse(refused.response.body);
  EXPECT_EQ(envelope.value("error_code", ""), "INTERNAL");
  // The detail goes to the log only.
  EXPECT_EQ(envelope.value("message", ""), "internal server error");
  EXPECT_EQ(refused.response.body.find("ssn"), std::string::npos);
  EXPECT_TRUE(refused.body_checked);
  EXPECT_EQ(refused.body_violations, 2U);

  EXPECT_EQ(post("/things", R"({"id":1})").response.status, 500);                 // /owner required
  EXPECT_EQ(post("/things", R"({"id":"1","owner":null})").response.status, 500);  // type
  EXPECT_EQ(post("/things", R"({"id":0,"owner":null})").response.status, 500);    // minimum
  EXPECT_EQ(post("/things", R"({"id":1,"owner":null})").response.status, 200);
}

TEST_F(HttpResponseContract, ABodyThatIsNotTheDocumentedJsonIsAViolation) {
  dispatcher_.set_enforce_response_contract(true);
  const auto not_json = post("/things", "{");
  EXPECT_EQ(not_json.response.status, 500);
  EXPECT_EQ(not_json.body_violations, 1U);
  const auto wrong_type = post("/things?type=text/plain", R"({"id":1,"owner":null})");
  EXPECT_EQ(wrong_type.response.status, 500);
  EXPECT_EQ(wrong_type.body_violations, 1U);
  // A media type with parameters is still JSON.
  EXPECT_EQ(post("/things?type=Application/JSON;charset=utf-8", R"({"id":1,"owner":null})")
                .response.status,
            200);
}

TEST_F(HttpResponseContract, OnlyDocumentedJsonSuccessBodiesAreChecked) {
  dispatcher_.set_enforce_response_contract(true);
  const auto untyped = post("/untyped", R"({"anything":true})");  // no response_schema
  EXPECT_EQ(untyped.response.status, 200);
  EXPECT_FALSE(untyped.body_checked);
  const auto csv = post("/report?type=text/csv", "id\n1\n");  // a non-JSON operation
  EXPECT_EQ(csv.response.status, 200);
  EXPECT_FALSE(csv.body_checked);
  const auto refused = post("/refused", "");  // errors share the envelope, never the schema
  EXPECT_EQ(refused.response.status, 409);
  EXPECT_FALSE(refused.body_checked);
  // Without a document (a dispatcher that was never given one) nothing is checked.
  Dispatcher bare(router_, CorsPolicy({}, false), nullptr);
  bare.set_enforce_response_contract(true);
  Request request;
  request.method = "POST";
  request.target = request.path = "/things";
  request.headers = {{"Content-Type", "application/json"}};
  request.body = R"({"undeclared":1})";
  request.request_id = "rid-3";
  const auto unchecked = bare.dispatch(request);
  EXPECT_EQ(unchecked.response.status, 200);
  EXPECT_FALSE(unchecked.body_checked);
}

TEST_F(HttpResponseContract, ProductionSamplesOneBodyInNPerRouteTheFirstAlways) {
  dispatcher_.set_response_contract_sample(3);
  const std::string bad = R"({"id":1,"owner":{"name":"ann","ssn":"123"}})";
  std::vector<bool> checked;
  for (int i = 0; i < 7; ++i) {
    const auto outcome = post("/things", bad);
    EXPECT_EQ(outcome.response.status, 200);
    checked.push_back(outcome.body_checked);
    EXPECT_EQ(outcome.body_violations, outcome.body_checked ? 2U : 0U);
  }
  EXPECT_EQ(checked, (std::vector<bool>{true, false, false, true, false, false, true}));
  dispatcher_.set_response_contract_sample(1);
  EXPECT_TRUE(post("/things", bad).body_checked);
  EXPECT_TRUE(post("/things", bad).body_checked);
}

TEST(HttpMetrics, ContractCountersByRoute) {
  Metrics metrics;
  metrics.body_checked("GET", "/api/v1/things/{id}", 0);
  metrics.body_checked("GET", "/api/v1/things/{id}", 3);
  metrics.body_checked("POST", "/api/v1/things", 0);
  const auto text = metrics.render({});
  EXPECT_NE(text.find("# TYPE qgp_contract_bodies_checked_total counter\n"), std::string::npos);
  EXPECT_NE(
      text.find(R"(qgp_contract_bodies_checked_total{method="GET",route="/api/v1/things/{id}"} 2)"),
      std::string::npos)
      << text;
  // Bodies that violated, not violations: one body with three problems counts once.
  EXPECT_NE(
      text.find(R"(qgp_contract_violations_total{method="GET",route="/api/v1/things/{id}"} 1)"),
      std::string::npos);
  EXPECT_NE(text.find(R"(qgp_contract_violations_total{method="POST",route="/api/v1/things"} 0)"),
            std::string::npos);
}

TEST_F(HttpDispatcher, NotFoundAndMethodNotAllowed) {
  const auto missing = run("GET", "/nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(json(missing)["error_code"], "NOT_FOUND");
  const auto wrong = run("DELETE", "/public");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.header("Allow"), "GET, HEAD");
  EXPECT_EQ(json(wrong)["error_code"], "METHOD_NOT_ALLOWED");
  EXPECT_EQ(run("GET", "/public/").status, 404);
}

TEST_F(HttpDispatcher, JsonBodiesNeedJsonContentType) {
  const auto unsupported =
      run("POST", "/echo", {{"Content-Type", "text/plain"}}, R"({"name":"a"})");
  EXPECT_EQ(unsupported.status, 415);
  EXPECT_EQ(json(unsupported)["error_code"], "UNSUPPORTED_MEDIA_TYPE");
  EXPECT_EQ(run("POST", "/echo", {}, R"({"name":"a"})").status, 415);
  const auto ok = run("POST", "/echo", {{"Content-Type", "Application/JSON; charset=utf-8"}},
                      R"({"name":"a"})");
  EXPECT_EQ(ok.status, 200);
  const auto malformed = run("POST", "/echo", {{"Content-Type", "application/json"}}, "{");
  EXPECT_EQ(malformed.status, 400);
  const auto unknown =
      run("POST", "/echo", {{"Content-Type", "application/json"}}, R"({"name":"a","admin":true})");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(json(unknown)["details"]["fields"]["admin"], "unknown field");
}

TEST_F(HttpDispatcher, ErrorsNeverLeakInternals) {
  const auto boom = run("GET", "/boom");
  EXPECT_EQ(boom.status, 500);
  EXPECT_EQ(boom.body.find("secret"), std::string::npos);
  const auto db = run("GET", "/db");
  EXPECT_EQ(db.status, 422);
  EXPECT_EQ(db.body.find("top-secret"), std::string::npos);
}

TEST_F(HttpDispatcher, CorsPreflightAndActualRequests) {
  const auto preflight =
      run("OPTIONS", "/incidents/1",
          {{"Origin", "https://app.example"}, {"Access-Control-Request-Method", "GET"}});
  EXPECT_EQ(preflight.status, 204);
  EXPECT_EQ(preflight.header("Access-Control-Allow-Origin"), "https://app.example");
  EXPECT_EQ(preflight.header("Access-Control-Allow-Credentials"), "true");
  EXPECT_EQ(preflight.header("Access-Control-Allow-Methods"), "GET, HEAD");
  const auto foreign =
      run("OPTIONS", "/incidents/1",
          {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "GET"}});
  EXPECT_FALSE(foreign.header("Access-Control-Allow-Origin").has_value());
  const auto actual = run("GET", "/public", {{"Origin", "https://app.example"}});
  EXPECT_EQ(actual.header("Access-Control-Allow-Origin"), "https://app.example");
  EXPECT_EQ(actual.header("Vary"), "Origin");
  const auto actual_foreign = run("GET", "/public", {{"Origin", "https://evil.example"}});
  EXPECT_FALSE(actual_foreign.header("Access-Control-Allow-Origin").has_value());
}

TEST(HttpCors, WildcardIsNeverEchoedWithCredentials) {
  Request request;
  request.method = "GET";
  request.headers = {{"Origin", "https://x.example"}};
  Response open_response;
  CorsPolicy({"*"}, false).apply(request, open_response);
  EXPECT_EQ(open_response.header("Access-Control-Allow-Origin"), "*");
  Response credentialed;
  CorsPolicy({"*"}, true).apply(request, credentialed);
  EXPECT_EQ(credentialed.header("Access-Control-Allow-Origin"), "https://x.example");
  Response none;
  CorsPolicy({}, false).apply(request, none);
  EXPECT_FALSE(none.header("Access-Control-Allow-Origin").has_value());
}

TEST(HttpOpenApi, DocumentsEveryRouteOfTheServer) {
  ServerOptions options;
  Server server(options);
  server.add_schema("IncidentCreate", {{"type", "object"}});
  server.add_route({.method = "POST",
                    .pattern = "/api/v1/incidents",
                    .summary = "Create an incident",
                    .tag = "incidents",
                    .permission = "incidents.write",
                    .request_schema = "IncidentCreate",
                    .success_status = 201,
                    .handler = [](RequestContext&) { return Response{}; }});
  server.add_route({.method = "GET",
                    .pattern = "/api/v1/incidents/{id}/actions/{name}",
                    .tag = "incidents",
                    .handler = [](RequestContext&) { return Response{}; }});
  server.add_route({.method = "PUT",
                    .pattern = "/api/v1/incidents/{id}/classification",
                    .tag = "incidents",
                    .request_schema = "IncidentCreate",
                    .may_create = true,
                    .handler = [](RequestContext&) { return Response{}; }});
  const auto doc = server.openapi();  // the built-in routes' schemas are the server's own
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::size_t operations = 0;
  for (const auto& route : server.router().routes()) {
    std::string method = route.method;
    for (auto& c : method) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    ASSERT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
    const auto& op = doc["paths"][route.pattern][method];
    ASSERT_TRUE(op.is_object()) << route.method << " " << route.pattern;
    ++operations;
    if (route.is_public) {
      EXPECT_TRUE(op.at("security").empty()) << route.pattern;
    } else {
      EXPECT_EQ(op.at("security").at(0).count("bearerAuth"), 1U) << route.pattern;
      EXPECT_TRUE(op.at("responses").contains("401"));
    }
    const std::size_t documented = op.contains("parameters") ? op.at("parameters").size() : 0;
    EXPECT_EQ(documented, pattern_params(route.pattern).size()) << route.pattern;
  }
  EXPECT_EQ(operations, server.router().routes().size());
  for (const auto* builtin : {"/healthz", "/readyz", "/metrics", "/openapi.json", "/docs"}) {
    EXPECT_TRUE(doc["paths"].contains(builtin)) << builtin;
  }
  const auto& create = doc["paths"]["/api/v1/incidents"]["post"];
  EXPECT_EQ(create["x-required-permission"], "incidents.write");
  EXPECT_EQ(create["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/IncidentCreate");
  EXPECT_TRUE(create["responses"].contains("201"));
  EXPECT_FALSE(create["responses"].contains("200"));
  const auto& upsert = doc["paths"]["/api/v1/incidents/{id}/classification"]["put"]["responses"];
  EXPECT_TRUE(upsert.contains("200"));  // replaced
  EXPECT_TRUE(upsert.contains("201"));  // created
  EXPECT_FALSE(
      doc["paths"]["/api/v1/incidents/{id}/actions/{name}"]["get"]["responses"].contains("201"));
  const auto& params = doc["paths"]["/api/v1/incidents/{id}/actions/{name}"]["get"]["parameters"];
  EXPECT_EQ(params[0]["name"], "id");
  EXPECT_EQ(params[0]["in"], "path");
  EXPECT_EQ(params[0]["schema"]["type"], "integer");
  EXPECT_EQ(params[1]["schema"]["type"], "string");
  EXPECT_TRUE(doc["components"]["securitySchemes"].contains("bearerAuth"));
  EXPECT_TRUE(doc["components"]["schemas"].contains("Error"));
}

TEST(HttpOpenApi, TagsServersAndTheErrorsEachOperationCanAnswer) {
  Router router;
  router.add({.method = "GET",
              .pattern = "/api/v1/zebras/{id}",
              .tag = "zebras",
              .handler = [](RequestContext&) { return Response{}; }});
  router.add({.method = "GET",
              .pattern = "/api/v1/zebras",
              .tag = "zebras",
              .query_parameters = nlohmann::json::array(
                  {{{"name", "q"}, {"in", "query"}, {"schema", {{"type", "string"}}}}}),
              .handler = [](RequestContext&) { return Response{}; }});
  router.add({.method = "GET",
              .pattern = "/status",
              .tag = "system",
              .is_public = true,
              .handler = [](RequestContext&) { return Response{}; }});
  router.add(
      {.method = "GET", .pattern = "/api/v1/apes", .tag = "apes", .handler = [](RequestContext&) {
         return Response{};
       }});
  const auto doc = build_openapi(router, {}, "1", {{"zebras", "Striped things"}});
  // Sorted by name; described by the caller, by the shipped defaults, or not at all.
  ASSERT_EQ(doc["tags"].size(), 3U);
  EXPECT_EQ(doc["tags"][0], (nlohmann::json{{"name", "apes"}}));
  EXPECT_EQ(doc["tags"][1]["name"], "system");
  EXPECT_EQ(doc["tags"][1]["description"], known_tag_descriptions().at("system"));
  EXPECT_EQ(doc["tags"][2],
            (nlohmann::json{{"name", "zebras"}, {"description", "Striped things"}}));
  EXPECT_EQ(doc["servers"], nlohmann::json::parse(R"([{"url":"/","description":"this server"}])"));
  EXPECT_TRUE(doc["info"].contains("contact"));
  EXPECT_TRUE(doc["info"].contains("description"));

  const auto responses = [&](const char* path) { return doc["paths"][path]["get"]["responses"]; };
  // Any request can be malformed; a path parameter can name nothing or be invalid; a query
  // parameter can be invalid.
  EXPECT_TRUE(responses("/status").contains("400"));
  EXPECT_FALSE(responses("/status").contains("404"));
  EXPECT_FALSE(responses("/status").contains("422"));
  EXPECT_TRUE(responses("/api/v1/zebras/{id}").contains("404"));
  EXPECT_TRUE(responses("/api/v1/zebras/{id}").contains("422"));
  EXPECT_FALSE(responses("/api/v1/zebras").contains("404"));
  EXPECT_TRUE(responses("/api/v1/zebras").contains("422"));
  EXPECT_FALSE(responses("/api/v1/zebras").contains("415"));  // no request body
}

TEST(HttpOpenApi, TheServerDocumentsWhatItWouldServeBeforeStarting) {
  Server server(ServerOptions{});
  server.add_tag("system", "Overridden");
  const auto doc = server.openapi();
  EXPECT_EQ(doc["paths"]["/healthz"]["get"]["responses"]["200"]["content"]["application/json"]
               ["schema"]["$ref"],
            "#/components/schemas/Health");
  EXPECT_EQ(doc["tags"][0]["description"], "Overridden");
  // The built-in bodies conform to their own schemas.
  const SchemaChecker checker(doc);
  EXPECT_TRUE(checker.check_component({{"status", "ok"}}, "Health").empty());
  EXPECT_TRUE(
      checker.check_component({{"status", "ready"}, {"checks", {{"database", "ok"}}}}, "Readiness")
          .empty());
  EXPECT_FALSE(checker.check_component({{"status", "ok"}, {"uptime", 1}}, "Health").empty());
}

TEST(HttpOpenApi, UnknownSchemaFailsFast) {
  Router router;
  router.add({.method = "POST",
              .pattern = "/x",
              .request_schema = "Missing",
              .handler = [](RequestContext&) { return Response{}; }});
  EXPECT_THROW(build_openapi(router, {}, "1"), std::invalid_argument);
}

TEST(HttpMetrics, CountsByRouteAndStatusClass) {
  Metrics metrics;
  for (int i = 0; i < 3; ++i) {
    metrics.request_started();
    metrics.request_finished("GET", "/healthz", 200, 0.002);
  }
  metrics.request_started();
  metrics.request_finished("BREW", "unmatched", 405, 0.2);
  metrics.request_started();
  const auto text = metrics.render({.size = 8, .open = 2, .idle = 1, .waiting = 0});
  EXPECT_NE(text.find(R"(qgp_http_requests_total{method="GET",route="/healthz",status="2xx"} 3)"),
            std::string::npos)
      << text;
  EXPECT_NE(
      text.find(R"(qgp_http_requests_total{method="OTHER",route="unmatched",status="4xx"} 1)"),
      std::string::npos);
  EXPECT_NE(
      text.find(R"(qgp_http_request_duration_seconds_bucket{route="/healthz",le="0.0025"} 3)"),
      std::string::npos);
  EXPECT_NE(text.find(R"(qgp_http_request_duration_seconds_bucket{route="/healthz",le="0.001"} 0)"),
            std::string::npos);
  EXPECT_NE(text.find("qgp_http_requests_in_flight 1\n"), std::string::npos);
  EXPECT_NE(text.find("qgp_db_pool_open 2\n"), std::string::npos);
}

}  // namespace
}  // namespace qgp::http
