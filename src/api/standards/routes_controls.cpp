#include <string>

#include <fmt/format.h>

#include "api/common/actor.hpp"
#include "api/common/json.hpp"
#include "api/standards/csv.hpp"
#include "api/standards/render.hpp"
#include "api/standards/request.hpp"
#include "api/standards/route_parts.hpp"
#include "db/pool.hpp"
#include "http/server.hpp"

// Controls and the Statement of Applicability.

namespace qgp::api::standards {

namespace service = domain::standards;

namespace {

constexpr std::size_t kTitleLength = 300;
constexpr std::size_t kNumberLength = 20;
constexpr std::size_t kTextLength = 20000;
constexpr std::size_t kJustificationLength = 4000;

// --- controls ---------------------------------------------------------------------------------

http::Response list_controls(http::RequestContext& context) {
  const auto standard_id = context.id_param("id");
  const auto params = query_of(context);
  const auto query = http::parse_list_query(
      params, {"control_number", "title", "theme", "created_at", "updated_at"});
  QueryReader reader(params);
  store::standards::ControlFilter filter;
  filter.theme = reader.one_of("theme", service::control_themes());
  filter.clause_id = reader.id("clause_id");
  filter.is_active = reader.boolean("is_active");
  filter.include_archived = reader.boolean("include_archived").value_or(false);
  filter.q = reader.text("q");
  reader.finish();
  auto connection = context.pool().acquire();
  const auto list = service::list_controls(*connection, standard_id, filter, window_of(query));
  return http::json_response(200, http::list_envelope(render_items(list.items), list.total, query));
}

http::Response create_control(http::RequestContext& context) {
  const auto standard_id = context.id_param("id");
  const auto body = body_of(context);
  http::JsonReader reader(body);
  store::standards::ControlFields fields;
  fields.clause_id = reader.optional_int("clause_id", 1, kMaxId);
  fields.control_number = required_text(reader, "control_number", kNumberLength);
  fields.title = required_text(reader, "title", kTitleLength);
  fields.description = reader.optional_string("description", kTextLength);
  fields.guidance = reader.optional_string("guidance", kTextLength);
  fields.theme = nullable_enum(reader, "theme", service::control_themes()).value_or(std::nullopt);
  fields.is_active = reader.optional_bool("is_active").value_or(true);
  if (!fields.control_number.empty() && !service::is_valid_number(fields.control_number)) {
    reader.add_error("control_number", "dotted letters and digits, e.g. A.5.1");
  }
  reader.finish();
  auto connection = context.pool().acquire();
  const auto row = service::create_control(*connection, common::actor_of(context), standard_id,
                                           std::move(fields));
  return common::created(fmt::format("/api/v1/controls/{}", row.id), render(row));
}

http::Response get_control(http::RequestContext& context) {
  auto connection = context.pool().acquire();
  return http::json_response(200,
                             render(service::get_control(*connection, context.id_param("id"))));
}

http::Response patch_control(http::RequestContext& context) {
  const auto id = context.id_param("id");
  const auto body = body_of(context);
  http::JsonReader reader(body);
  service::ControlPatch patch;
  patch.version = reader.required_int("version", 1, kMaxVersion);
  patch.clause_id = nullable_id(reader, "clause_id");
  if (reader.present("control_number")) {
    patch.control_number = required_text(reader, "control_number", kNumberLength);
    if (!patch.control_number->empty() && !service::is_valid_number(*patch.control_number)) {
      reader.add_error("control_number", "dotted letters and digits, e.g. A.5.1");
    }
  }
  if (reader.present("title")) {
    patch.title = required_text(reader, "title", kTitleLength);
  }
  patch.description = nullable_text(reader, "description", kTextLength);
  patch.guidance = nullable_text(reader, "guidance", kTextLength);
  patch.theme = nullable_enum(reader, "theme", service::control_themes());
  patch.is_active = reader.optional_bool("is_active");
  reader.finish();
  auto connection = context.pool().acquire();
  return http::json_response(
      200, render(service::update_control(*connection, common::actor_of(context), id, patch)));
}

http::Response archive_control(http::RequestContext& context) {
  const auto id = context.id_param("id");
  auto connection = context.pool().acquire();
  service::archive_control(*connection, common::actor_of(context), id);
  return common::no_content();
}

// --- Statement of Applicability ---------------------------------------------------------------

http::Response list_soa(http::RequestContext& context) {
  const auto standard_id = context.id_param("id");
  const auto params = query_of(context);
  const auto query = http::parse_list_query(
      params,
      {"control_number", "title", "theme", "is_applicable", "implementation_status", "updated_at"});
  QueryReader reader(params);
  store::standards::SoaFilter filter;
  filter.theme = reader.one_of("theme", service::control_themes());
  filter.is_applicable = reader.boolean("is_applicable");
  filter.implementation_status =
      reader.one_of("implementation_status", service::implementation_statuses());
  filter.q = reader.text("q");
  reader.finish();
  auto connection = context.pool().acquire();
  const auto list = service::list_soa(*connection, standard_id, filter, window_of(query));
  return http::json_response(200, http::list_envelope(render_items(list.items), list.total, query));
}

http::Response put_soa(http::RequestContext& context) {
  const auto control_id = context.id_param("id");
  const auto body = body_of(context);
  http::JsonReader reader(body);
  service::SoaPut input;
  input.is_applicable = reader.required_bool("is_applicable");
  input.justification = reader.optional_string("justification", kJustificationLength);
  input.implementation_status =
      nullable_enum(reader, "implementation_status", service::implementation_statuses())
          .value_or(std::nullopt);
  input.owner_id = reader.optional_int("owner_id", 1, kMaxId);
  input.notes = reader.optional_string("notes", kTextLength);
  input.version = reader.optional_int("version", 0, kMaxVersion);
  // The same rules the soa_entries CHECK constraints enforce, reported per field (422).
  if (reader.errors().empty()) {
    const service::SoaDecision decision{
        .is_applicable = input.is_applicable,
        .justification = service::normalized_text(input.justification),
        .implementation_status = input.implementation_status.value_or(
            service::default_implementation_status(input.is_applicable, std::nullopt))};
    for (const auto& [field, problem] : service::validate_soa(decision)) {
      reader.add_error(field, problem);
    }
  }
  reader.finish();
  auto connection = context.pool().acquire();
  const auto result = service::put_soa(*connection, common::actor_of(context), control_id, input);
  return http::json_response(result.created ? 201 : 200, render(result.entry));
}

http::Response soa_csv_export(http::RequestContext& context) {
  const auto standard_id = context.id_param("id");
  auto connection = context.pool().acquire();
  const auto standard = service::get_standard(*connection, standard_id);
  const auto lines = service::soa_lines(*connection, standard_id);
  http::Response response;
  response.status = 200;
  response.set_header("Content-Type", "text/csv; charset=utf-8");
  // The code is restricted to [A-Za-z0-9._:-], so it is safe inside the quoted filename.
  response.set_header("Content-Disposition",
                      fmt::format("attachment; filename=\"soa-{}.csv\"", standard.code));
  response.body = soa_csv(lines);
  return response;
}

}  // namespace

void register_control_routes(http::Server& server) {
  add_route(server, "GET", "/api/v1/standards/{id}/controls", "List the controls of a standard",
            kRead, "", "ControlList", 200, list_controls);
  add_route(server, "POST", "/api/v1/standards/{id}/controls", "Add a control to a standard",
            kWrite, "ControlCreate", "Control", 201, create_control);
  add_route(server, "GET", "/api/v1/controls/{id}", "Get a control", kRead, "", "Control", 200,
            get_control);
  add_route(server, "PATCH", "/api/v1/controls/{id}",
            "Update a control (optimistic concurrency via version)", kWrite, "ControlPatch",
            "Control", 200, patch_control);
  add_route(server, "DELETE", "/api/v1/controls/{id}", "Archive a control", kWrite, "", "", 204,
            archive_control);
  add_route(server, "GET", "/api/v1/standards/{id}/soa",
            "Statement of Applicability: every control with its entry, or the defaults", kRead, "",
            "SoaList", 200, list_soa);
  server.add_route(http::Route{
      .method = "PUT",
      .pattern = "/api/v1/controls/{id}/soa",
      .summary = "Record a control's applicability, justification and implementation status "
                 "(201 when first recorded)",
      .tag = std::string(kTag),
      .permission = std::string(kWrite),
      .request_schema = "SoaPut",
      .response_schema = "SoaEntry",
      .may_create = true,
      .handler = put_soa});
  server.add_route(
      http::Route{.method = "GET",
                  .pattern = "/api/v1/standards/{id}/soa.csv",
                  .summary = "Statement of Applicability as CSV (RFC 4180, one row per control)",
                  .tag = std::string(kTag),
                  .permission = std::string(kRead),
                  .success_content_type = "text/csv",
                  .handler = soa_csv_export});
}

}  // namespace qgp::api::standards
