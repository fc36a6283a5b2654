#include <algorithm>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/common/actor.hpp"
#include "api/kit/json.hpp"
#include "api/kit/list.hpp"
#include "api/kit/openapi.hpp"
#include "api/kit/routes.hpp"
#include "db/pool.hpp"
#include "http/query.hpp"
#include "model/audit/entry.hpp"
#include "store/kit/list.hpp"

namespace qgp::api::kit {

namespace {

using model::audit::AuditEntry;

// The audit log's parameters without entity_type and entity_id: a history's path names both.
const ListSpec& history_spec() {
  static const ListSpec spec = [] {
    auto out = list_spec<AuditEntry>();
    std::erase_if(out.filters, [](const ListParam& p) {
      return p.name == "entity_type" || p.name == "entity_id";
    });
    return out;
  }();
  return spec;
}

}  // namespace

void Routes::history(const std::string& collection, const std::string& entity,
                     std::string permission) {
  http::SchemaRegistry schemas;
  http::Route route{.method = "GET",
                    .pattern = collection + "/{id}/history",
                    .summary = fmt::format("The audit trail of one {}, oldest first (request_id "
                                           "and client_address only for holders of audit:read)",
                                           entity),
                    .tag = tag_,
                    .permission = std::move(permission),
                    .query_parameters = list_parameters(history_spec()),
                    .response_schema = add_list_component<AuditEntry>(schemas)};
  route.handler = [entity](http::RequestContext& context) {
    auto query = parse_list(http::parse_query(context.request().query), history_spec());
    query.conditions.push_back({.name = "entity_type", .value = entity});
    query.conditions.push_back({.name = "entity_id", .value = context.id_param("id")});
    if (query.sort.empty()) {
      query.sort.push_back({.field = "id", .descending = false});
    }
    auto connection = context.pool().acquire();
    auto page = store::kit::list<AuditEntry>(*connection, query);
    // A module's readers see who changed what and when; where from is the trail's own business.
    const bool origin_shown = common::actor_of(context).may("audit:read");
    nlohmann::json items = nlohmann::json::array();
    for (auto& entry : page.items) {
      if (!origin_shown) {
        entry.request_id = std::nullopt;
        entry.client_address = std::nullopt;
      }
      items.push_back(render(entry));
    }
    return http::json_response(
        200, list_envelope(std::move(items), page.total, page.total_exact, query));
  };
  register_route(std::move(route), std::move(schemas));
}

}  // namespace qgp::api::kit
