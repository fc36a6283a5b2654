#include <stdexcept>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "http/router.hpp"

namespace qgp::http {
namespace {

Handler ok_handler() {
  return [](RequestContext&) { return Response{}; };
}

Router sample_router() {
  Router router;
  router.add({.method = "GET", .pattern = "/api/v1/incidents", .handler = ok_handler()});
  router.add({.method = "POST", .pattern = "/api/v1/incidents", .handler = ok_handler()});
  router.add({.method = "GET", .pattern = "/api/v1/incidents/{id}", .handler = ok_handler()});
  router.add({.method = "PATCH", .pattern = "/api/v1/incidents/{id}", .handler = ok_handler()});
  router.add({.method = "GET", .pattern = "/api/v1/incidents/export", .handler = ok_handler()});
  router.add({.method = "POST",
              .pattern = "/api/v1/incidents/{id}/actions/{action_id}",
              .handler = ok_handler()});
  return router;
}

TEST(HttpRouter, MatchesPathParameters) {
  const auto router = sample_router();
  const auto match = router.match("POST", "/api/v1/incidents/42/actions/7");
  ASSERT_EQ(match.kind, Router::MatchKind::kFound);
  EXPECT_EQ(match.route->pattern, "/api/v1/incidents/{id}/actions/{action_id}");
  EXPECT_EQ(match.params.at("id"), "42");
  EXPECT_EQ(match.params.at("action_id"), "7");
}

TEST(HttpRouter, LiteralSegmentWinsOverParameter) {
  const auto router = sample_router();
  const auto match = router.match("GET", "/api/v1/incidents/export");
  ASSERT_EQ(match.kind, Router::MatchKind::kFound);
  EXPECT_EQ(match.route->pattern, "/api/v1/incidents/export");
  EXPECT_TRUE(match.params.empty());
}

TEST(HttpRouter, WrongMethodIs405WithAllow) {
  const auto router = sample_router();
  const auto match = router.match("DELETE", "/api/v1/incidents/42");
  EXPECT_EQ(match.kind, Router::MatchKind::kMethodNotAllowed);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_EQ(match.allow, (std::vector<std::string>{"GET", "PATCH", "HEAD"}));
}

TEST(HttpRouter, UnknownPathIs404) {
  const auto router = sample_router();
  EXPECT_EQ(router.match("GET", "/api/v1/nothing").kind, Router::MatchKind::kNotFound);
  EXPECT_EQ(router.match("GET", "").kind, Router::MatchKind::kNotFound);
  EXPECT_EQ(router.match("GET", "api/v1/incidents").kind, Router::MatchKind::kNotFound);
  EXPECT_EQ(router.match("GET", "/api/v1/incidents/1/2").kind, Router::MatchKind::kNotFound);
}

TEST(HttpRouter, TrailingSlashIsADifferentPath) {
  const auto router = sample_router();
  EXPECT_EQ(router.match("GET", "/api/v1/incidents/").kind, Router::MatchKind::kNotFound);
  EXPECT_EQ(router.match("GET", "/api/v1/incidents/42/").kind, Router::MatchKind::kNotFound);
  EXPECT_EQ(router.match("GET", "/api/v1//incidents").kind, Router::MatchKind::kNotFound);
}

TEST(HttpRouter, HeadFallsBackToGet) {
  const auto router = sample_router();
  const auto match = router.match("HEAD", "/api/v1/incidents/5");
  ASSERT_EQ(match.kind, Router::MatchKind::kFound);
  EXPECT_EQ(match.route->method, "GET");
}

TEST(HttpRouter, RejectsDuplicatesAndMalformedPatterns) {
  auto router = sample_router();
  EXPECT_THROW(
      router.add({.method = "GET", .pattern = "/api/v1/incidents", .handler = ok_handler()}),
      std::invalid_argument);
  EXPECT_THROW(router.add({.method = "GET", .pattern = "/a/{id", .handler = ok_handler()}),
               std::invalid_argument);
  EXPECT_THROW(router.add({.method = "GET", .pattern = "/a/{id}/{id}", .handler = ok_handler()}),
               std::invalid_argument);
  EXPECT_THROW(router.add({.method = "GET", .pattern = "no-slash", .handler = ok_handler()}),
               std::invalid_argument);
  EXPECT_THROW(router.add({.method = "GET", .pattern = "/no-handler"}), std::invalid_argument);
}

TEST(HttpRouter, IdParamAcceptsOnlyPositiveIntegers) {
  Request request;
  const auto id_of = [&](const std::string& value) {
    RequestContext context(request, PathParams{{"id", value}}, nullptr, nullptr);
    return context.id_param("id");
  };
  EXPECT_EQ(id_of("42"), 42);
  EXPECT_EQ(id_of("9223372036854775807"), 9223372036854775807);
  for (const auto* bad : {"0", "-1", "+1", "abc", "1x", "9223372036854775808", " 1", ""}) {
    try {
      id_of(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const core::ValidationError& e) {
      EXPECT_EQ(e.fields().count("id"), 1U) << bad;
    }
  }
}

TEST(HttpRouter, PatternParams) {
  EXPECT_EQ(pattern_params("/a/{id}/b/{x_y}"), (std::vector<std::string>{"id", "x_y"}));
  EXPECT_TRUE(pattern_params("/healthz").empty());
}

}  // namespace
}  // namespace qgp::http
