// Routes::history, the per-record audit trail every module registers: its path from the
// collection (or R's declared path and audit entity), the audit log's parameters without the
// entity ones (the path names the record), the AuditEntry list envelope, and parameters checked
// before any database work. Driven through the route table of a server without a database.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/routes.hpp"
#include "core/errors.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "kit/field.hpp"

namespace qgp::kit_history_test {

struct Crate : kit::Record {
  std::string label;
};
constexpr auto describe(kit::Tag<Crate> /*unused*/) {
  return kit::record_resource<Crate>({.name = "Crate",
                                      .noun = "crate",
                                      .entity = "crate",
                                      .table = "crates",
                                      .alias = "c",
                                      .path = "/api/v1/crates"},
                                     kit::field("label", &Crate::label).text(1, 20));
}

http::ServerOptions without_database() {
  http::ServerOptions options;
  options.handle_signals = false;
  return options;
}

class KitHistory : public ::testing::Test {
 protected:
  KitHistory() {
    api::kit::Routes routes(server_, "crates");
    routes.history<Crate>("crates:read");
    routes.history("/api/v1/boxes", "box", "boxes:read");
  }

  const http::Route& route(const std::string& path) {
    const auto match = server_.router().match("GET", path);
    EXPECT_EQ(match.kind, http::Router::MatchKind::kFound) << path;
    return *match.route;
  }

  http::Response get(const std::string& path, const std::string& query) {
    http::Request request;
    request.method = "GET";
    request.path = path;
    request.query = query;
    request.target = path + "?" + query;
    const auto match = server_.router().match("GET", path);
    http::RequestContext context(request, match.params, nullptr, nullptr);
    return match.route->handler(context);
  }

  http::Server server_{without_database()};
};

TEST_F(KitHistory, ADeclaredRecordsHistoryLivesUnderItsPath) {
  const auto& crates = route("/api/v1/crates/5/history");
  EXPECT_EQ(crates.pattern, "/api/v1/crates/{id}/history");
  EXPECT_EQ(crates.permission, "crates:read");
  EXPECT_EQ(crates.tag, "crates");
  EXPECT_EQ(crates.response_schema, "AuditEntryList");
  EXPECT_NE(crates.summary.find("one crate"), std::string::npos);
  const auto& boxes = route("/api/v1/boxes/5/history");
  EXPECT_EQ(boxes.permission, "boxes:read");
  EXPECT_NE(boxes.summary.find("one box"), std::string::npos);
}

TEST_F(KitHistory, ItTakesTheAuditLogsParametersButNotTheEntity) {
  const auto& parameters = route("/api/v1/crates/5/history").query_parameters;
  const auto has = [&](const std::string& name) {
    return std::ranges::any_of(parameters,
                               [&](const nlohmann::json& p) { return p["name"] == name; });
  };
  for (const auto* name : {"page", "page_size", "sort", "action", "actor_user_id", "request_id",
                           "occurred_after", "occurred_before"}) {
    EXPECT_TRUE(has(name)) << name;
  }
  EXPECT_FALSE(has("entity_type"));
  EXPECT_FALSE(has("entity_id"));
}

TEST_F(KitHistory, ParametersAndTheIdAreCheckedBeforeAnyDatabaseWork) {
  EXPECT_THROW(get("/api/v1/crates/5/history", "entity_type=box"), core::ValidationError);
  EXPECT_THROW(get("/api/v1/crates/5/history", "action=promote"), core::ValidationError);
  EXPECT_THROW(get("/api/v1/crates/0/history", ""), core::ValidationError);
  // Valid: it reaches for the database, which this server has not.
  EXPECT_THROW(get("/api/v1/crates/5/history", "action=update&sort=-id"), core::Unavailable);
}

}  // namespace qgp::kit_history_test
