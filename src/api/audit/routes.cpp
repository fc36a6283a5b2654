#include "api/audit/routes.hpp"

#include <charconv>

#include <nlohmann/json.hpp>

#include "api/common/json.hpp"
#include "api/common/list.hpp"
#include "core/config.hpp"
#include "core/errors.hpp"
#include "db/pool.hpp"
#include "http/json_body.hpp"
#include "http/query.hpp"
#include "http/server.hpp"
#include "store/audit/audit_query_store.hpp"

namespace qgp::api::audit {

namespace {

namespace audit_store = store::audit;

// Whether the caller may see where each change came from (client address, request id): the
// audit trail's own readers (audit:read) may; a module's readers see who changed what and when.
enum class Origin : std::uint8_t { kShown, kWithheld };

nlohmann::json entry_json(const audit_store::AuditRecord& record, Origin origin) {
  const bool shown = origin == Origin::kShown;
  return {{"id", record.id},
          {"occurred_at", record.occurred_at},
          {"actor_user_id", api::common::or_null(record.actor_user_id)},
          {"actor_email", api::common::or_null(record.actor_email)},
          {"request_id", shown ? api::common::or_null(record.request_id) : nullptr},
          {"client_address", shown ? api::common::or_null(record.client_address) : nullptr},
          {"action", record.action},
          {"entity_type", record.entity_type},
          {"entity_id", api::common::or_null(record.entity_id)},
          {"changes", nlohmann::json::parse(record.changes)},
          {"prev_hash", api::common::or_null(record.prev_hash)},
          {"hash", record.hash}};
}

// RFC 3339 with an explicit offset or Z; PostgreSQL parses it, this only keeps garbage out.
std::optional<std::string> time_filter(const http::QueryParams& params, const char* name,
                                       core::FieldErrors& errors) {
  auto text = http::single_param(params, name);
  if (!text) {
    return std::nullopt;
  }
  const bool shaped =
      text->size() >= 20 && text->size() <= 35 && (*text)[4] == '-' && (*text)[7] == '-'
      && ((*text)[10] == 'T' || (*text)[10] == 't')
      && (text->back() == 'Z' || text->back() == 'z' || text->find_last_of("+-") > 18);
  if (!shaped) {
    errors[name] = "must be an RFC 3339 timestamp, e.g. 2026-11-25T08:00:00Z";
    return std::nullopt;
  }
  return text;
}

nlohmann::json page_json(const audit_store::AuditPage& page, const http::ListQuery& query,
                         Origin origin) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& record : page.items) {
    items.push_back(entry_json(record, origin));
  }
  return http::list_envelope(std::move(items), page.total, query);
}

void add_schemas(http::Server& server) {
  server.add_schema("AuditEntry", {{"type", "object"},
                                   {"properties",
                                    {{"id", {{"type", "integer"}}},
                                     {"occurred_at", {{"type", "string"}, {"format", "date-time"}}},
                                     {"actor_user_id", {{"type", {"integer", "null"}}}},
                                     {"action", {{"type", "string"}}},
                                     {"entity_type", {{"type", "string"}}},
                                     {"entity_id", {{"type", {"integer", "null"}}}},
                                     {"changes", {{"type", "object"}}},
                                     {"hash", {{"type", "string"}}}}}});
  server.add_schema(
      "AuditEntryList",
      {{"type", "object"},
       {"properties",
        {{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/AuditEntry"}}}}},
         {"total", {{"type", "integer"}}}}}});
}

}  // namespace

void register_routes(http::Server& server, const core::Config& /*config*/) {
  add_schemas(server);
  server.add_route(http::Route{
      .method = "GET",
      .pattern = "/api/v1/audit-log",
      .summary = "The audit trail of every module, newest first, with filters",
      .tag = "audit",
      .permission = "audit:read",
      .response_schema = "AuditEntryList",
      .handler = [](http::RequestContext& context) {
        const auto params = http::parse_query(context.request().query);
        const auto query = http::parse_list_query(params, {"occurred_at", "id"});
        core::FieldErrors errors;
        audit_store::AuditFilter filter;
        filter.entity_type = http::single_param(params, "entity_type");
        filter.entity_id = api::common::id_query(params, "entity_id", errors);
        filter.actor_user_id = api::common::id_query(params, "actor_user_id", errors);
        filter.action = http::single_param(params, "action");
        filter.request_id = http::single_param(params, "request_id");
        filter.occurred_after = time_filter(params, "occurred_after", errors);
        filter.occurred_before = time_filter(params, "occurred_before", errors);
        if (!errors.empty()) {
          throw core::ValidationError(std::move(errors));
        }
        auto connection = context.pool().acquire();
        const auto page = audit_store::list_audit_entries(
            *connection, filter, api::common::sort_keys(query), api::common::page_of(query));
        return http::json_response(200, page_json(page, query, Origin::kShown));
      }});
}

void add_history_route(http::Server& server, const std::string& pattern,
                       const std::string& entity_type, const std::string& permission,
                       const std::string& tag) {
  server.add_route(http::Route{
      .method = "GET",
      .pattern = pattern,
      .summary = "The audit trail of one " + entity_type
                 + ", oldest first (client_address and request_id only for holders of audit:read)",
      .tag = tag,
      .permission = permission,
      .response_schema = "AuditEntryList",
      .handler = [entity_type](http::RequestContext& context) {
        const auto params = http::parse_query(context.request().query);
        const auto query = http::parse_list_query(params, {"occurred_at", "id"});
        audit_store::AuditFilter filter;
        filter.entity_type = entity_type;
        filter.entity_id = context.id_param("id");
        auto sort = api::common::sort_keys(query);
        if (sort.empty()) {
          sort.push_back({.field = "id", .descending = false});
        }
        auto connection = context.pool().acquire();
        const auto page =
            audit_store::list_audit_entries(*connection, filter, sort, api::common::page_of(query));
        const auto origin = context.require_principal().has_permission("audit:read")
                                ? Origin::kShown
                                : Origin::kWithheld;
        return http::json_response(200, page_json(page, query, origin));
      }});
}

}  // namespace qgp::api::audit
