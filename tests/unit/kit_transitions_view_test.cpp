// Routes::transitions answers with what its handler returns: the record itself (as before), or
// another declared view of it such as a detail with its children, documented by that view's
// component. The API tests of audit runs prove the rendering end to end.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/routes.hpp"
#include "http/server.hpp"
#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/workflow.hpp"

namespace qgp::kit_transitions_view_test {
namespace {

QGP_KIT_ENUM(Light, kOff, kOn)

struct Lamp : kit::Record {
  Light status = Light::kOff;
};
constexpr auto describe(kit::Tag<Lamp> /*unused*/) {
  return kit::record_resource<Lamp>(
      {.name = "TestLamp", .table = "lamps", .alias = "l", .path = "/lamps"},
      kit::field("status", &Lamp::status).server().as(kit::Role::kStatus));
}
constexpr bool always(const Lamp& /*unused*/) {
  return true;
}
constexpr auto workflow(kit::Tag<Lamp> /*unused*/) {
  using E = kit::Edge<Lamp, Light>;
  return kit::Workflow<Lamp, Light, 2>{
      .status = &Lamp::status,
      .edges = {E{.from = Light::kOff, .to = Light::kOn},
                E{.from = Light::kOn,
                  .to = Light::kOff,
                  .needs_note = always,
                  .note_rule = "switching a lamp off needs a reason"}}};
}

struct LampDetail : Lamp {
  std::int64_t hours = 0;
};
constexpr auto describe(kit::Tag<LampDetail> /*unused*/) {
  return kit::resource<LampDetail>({.name = "TestLampDetail", .path = "/lamps"},
                                   kit::field("hours", &LampDetail::hours).server());
}

http::ServerOptions quiet_options() {
  http::ServerOptions options;
  options.handle_signals = false;
  return options;
}

const http::Route& route_of(const http::Server& server, const std::string& pattern) {
  const auto& routes = server.router().routes();
  const auto found = std::ranges::find_if(
      routes, [&](const http::Route& r) { return r.method == "POST" && r.pattern == pattern; });
  if (found == routes.end()) {
    throw std::runtime_error("no POST " + pattern);
  }
  return *found;
}

TEST(KitTransitionsView, TheResponseIsDocumentedByWhatTheHandlerReturns) {
  http::Server server(quiet_options());
  api::kit::Routes routes(server, "test");
  routes.transitions<Lamp>(
      "lamps:use", "Switch a lamp",
      [](api::kit::Call& /*call*/, const api::kit::TransitionRequest<Lamp>& /*request*/) {
        return LampDetail{};
      });
  const auto& route = route_of(server, "/lamps/{id}/transitions");
  EXPECT_EQ(route.response_schema, "TestLampDetail");
  EXPECT_EQ(route.request_schema, "TestLampTransition");
}

TEST(KitTransitionsView, AHandlerReturningTheRecordKeepsTheRecordsComponent) {
  http::Server server(quiet_options());
  api::kit::Routes routes(server, "test");
  routes.transitions<Lamp>("lamps:use", "Switch a lamp");
  EXPECT_EQ(route_of(server, "/lamps/{id}/transitions").response_schema, "TestLamp");
}

TEST(KitTransitionsView, TheNoteIsDocumentedFromTheResourcesOwnEdges) {
  http::Server server(quiet_options());
  api::kit::Routes routes(server, "test");
  routes.transitions<Lamp>("lamps:use", "Switch a lamp");
  const auto document = server.openapi();
  const auto note = document.at("components")
                        .at("schemas")
                        .at("TestLampTransition")
                        .at("properties")
                        .at("note")
                        .at("description")
                        .get<std::string>();
  EXPECT_EQ(note,
            "Why the move is made. Required when: on -> off: switching a lamp off needs a reason");
}

}  // namespace
}  // namespace qgp::kit_transitions_view_test
