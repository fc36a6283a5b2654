#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "api/common/actor.hpp"
#include "api/common/json.hpp"
#include "api/standards/render.hpp"
#include "api/standards/request.hpp"
#include "api/standards/route_parts.hpp"
#include "db/pool.hpp"
#include "http/server.hpp"

// Standards, their clause tree, clauses and clause mappings.

namespace qgp::api::standards {

namespace service = domain::standards;

namespace {

constexpr std::size_t kNameLength = 200;
constexpr std::size_t kFullNameLength = 500;
constexpr std::size_t kEditionLength = 20;
constexpr std::size_t kCodeLength = 30;
constexpr std::size_t kTitleLength = 300;
constexpr std::size_t kNumberLength = 20;
constexpr std::size_t kTextLength = 20000;
constexpr std::size_t kNotesLength = 2000;
constexpr std::int64_t kMaxSortOrder = 1'000'000;

// --- standards --------------------------------------------------------------------------------

http::Response list_standards(http::RequestContext& context) {
  const auto params = query_of(context);
  const auto query = http::parse_list_query(
      params, {"code", "name", "edition", "effective_date", "created_at", "updated_at"});
  QueryReader reader(params);
  store::standards::StandardFilter filter;
  filter.is_active = reader.boolean("is_active");
  filter.include_archived = reader.boolean("include_archived").value_or(false);
  filter.code = reader.text("code");
  filter.q = reader.text("q");
  reader.finish();
  auto connection = context.pool().acquire();
  const auto list = service::list_standards(*connection, filter, window_of(query));
  return http::json_response(200, http::list_envelope(render_items(list.items), list.total, query));
}

http::Response create_standard(http::RequestContext& context) {
  const auto body = body_of(context);
  http::JsonReader reader(body);
  store::standards::StandardFields fields;
  fields.code = required_text(reader, "code", kCodeLength);
  fields.name = required_text(reader, "name", kNameLength);
  fields.full_name = required_text(reader, "full_name", kFullNameLength);
  fields.edition = required_text(reader, "edition", kEditionLength);
  fields.description = reader.optional_string("description", kTextLength);
  fields.effective_date = nullable_date(reader, "effective_date").value_or(std::nullopt);
  fields.is_active = reader.optional_bool("is_active").value_or(true);
  if (!fields.code.empty() && !service::is_valid_standard_code(fields.code)) {
    reader.add_error("code", "a letter or digit, then letters, digits, '.', '_', ':' or '-'");
  }
  reader.finish();
  auto connection = context.pool().acquire();
  const auto row =
      service::create_standard(*connection, common::actor_of(context), std::move(fields));
  return common::created(fmt::format("/api/v1/standards/{}", row.id), render(row));
}

http::Response get_standard(http::RequestContext& context) {
  const auto params = query_of(context);
  QueryReader reader(params);
  const bool include_archived = reader.boolean("include_archived").value_or(false);
  reader.finish();
  auto connection = context.pool().acquire();
  const auto tree = service::get_tree(*connection, context.id_param("id"), false, include_archived);
  return http::json_response(200, render(tree, false));
}

http::Response get_tree(http::RequestContext& context) {
  const auto params = query_of(context);
  QueryReader reader(params);
  const bool include_archived = reader.boolean("include_archived").value_or(false);
  reader.finish();
  auto connection = context.pool().acquire();
  const auto tree = service::get_tree(*connection, context.id_param("id"), true, include_archived);
  return http::json_response(200, render(tree, true));
}

http::Response patch_standard(http::RequestContext& context) {
  const auto id = context.id_param("id");
  const auto body = body_of(context);
  http::JsonReader reader(body);
  service::StandardPatch patch;
  patch.version = reader.required_int("version", 1, kMaxVersion);
  if (reader.present("name")) {
    patch.name = required_text(reader, "name", kNameLength);
  }
  if (reader.present("full_name")) {
    patch.full_name = required_text(reader, "full_name", kFullNameLength);
  }
  if (reader.present("edition")) {
    patch.edition = required_text(reader, "edition", kEditionLength);
  }
  patch.description = nullable_text(reader, "description", kTextLength);
  patch.effective_date = nullable_date(reader, "effective_date");
  patch.is_active = reader.optional_bool("is_active");
  reader.finish();
  auto connection = context.pool().acquire();
  return http::json_response(
      200, render(service::update_standard(*connection, common::actor_of(context), id, patch)));
}

http::Response archive_standard(http::RequestContext& context) {
  const auto id = context.id_param("id");
  auto connection = context.pool().acquire();
  service::archive_standard(*connection, common::actor_of(context), id);
  return common::no_content();
}

// --- clauses ----------------------------------------------------------------------------------

http::Response list_clauses(http::RequestContext& context) {
  const auto standard_id = context.id_param("id");
  const auto params = query_of(context);
  const auto query = http::parse_list_query(
      params, {"clause_number", "title", "level", "sort_order", "created_at", "updated_at"});
  QueryReader reader(params);
  store::standards::ClauseFilter filter;
  filter.parent_clause_id = reader.id("parent_clause_id");
  filter.top_level_only = reader.boolean("top_level").value_or(false);
  if (const auto level = reader.id("level")) {
    filter.level = static_cast<int>(std::min<std::int64_t>(*level, service::kMaxClauseLevel + 1));
  }
  filter.is_active = reader.boolean("is_active");
  filter.include_archived = reader.boolean("include_archived").value_or(false);
  filter.q = reader.text("q");
  reader.finish();
  auto connection = context.pool().acquire();
  const auto list = service::list_clauses(*connection, standard_id, filter, window_of(query));
  return http::json_response(200, http::list_envelope(render_items(list.items), list.total, query));
}

http::Response create_clause(http::RequestContext& context) {
  const auto standard_id = context.id_param("id");
  const auto body = body_of(context);
  http::JsonReader reader(body);
  service::ClauseCreate input;
  input.parent_clause_id = reader.optional_int("parent_clause_id", 1, kMaxId);
  input.clause_number = required_text(reader, "clause_number", kNumberLength);
  input.title = required_text(reader, "title", kTitleLength);
  input.description = reader.optional_string("description", kTextLength);
  if (const auto sort_order = reader.optional_int("sort_order", -kMaxSortOrder, kMaxSortOrder)) {
    input.sort_order = static_cast<int>(*sort_order);
  }
  input.is_active = reader.optional_bool("is_active").value_or(true);
  if (!input.clause_number.empty() && !service::is_valid_number(input.clause_number)) {
    reader.add_error("clause_number", "dotted letters and digits, e.g. 7.5.1");
  }
  reader.finish();
  auto connection = context.pool().acquire();
  const auto row =
      service::create_clause(*connection, common::actor_of(context), standard_id, input);
  return common::created(fmt::format("/api/v1/clauses/{}", row.id), render(row));
}

http::Response get_clause(http::RequestContext& context) {
  auto connection = context.pool().acquire();
  return http::json_response(200, render(service::get_clause(*connection, context.id_param("id"))));
}

http::Response patch_clause(http::RequestContext& context) {
  const auto id = context.id_param("id");
  const auto body = body_of(context);
  http::JsonReader reader(body);
  service::ClausePatch patch;
  patch.version = reader.required_int("version", 1, kMaxVersion);
  patch.parent_clause_id = nullable_id(reader, "parent_clause_id");
  if (reader.present("clause_number")) {
    patch.clause_number = required_text(reader, "clause_number", kNumberLength);
  }
  if (reader.present("title")) {
    patch.title = required_text(reader, "title", kTitleLength);
  }
  patch.description = nullable_text(reader, "description", kTextLength);
  if (const auto sort_order = reader.optional_int("sort_order", -kMaxSortOrder, kMaxSortOrder)) {
    patch.sort_order = static_cast<int>(*sort_order);
  }
  patch.is_active = reader.optional_bool("is_active");
  reader.finish();
  auto connection = context.pool().acquire();
  return http::json_response(
      200, render(service::update_clause(*connection, common::actor_of(context), id, patch)));
}

http::Response archive_clause(http::RequestContext& context) {
  const auto id = context.id_param("id");
  auto connection = context.pool().acquire();
  service::archive_clause(*connection, common::actor_of(context), id);
  return common::no_content();
}

// --- clause mappings --------------------------------------------------------------------------

http::Response list_mappings(http::RequestContext& context) {
  const auto clause_id = context.id_param("id");
  const auto params = query_of(context);
  const auto query =
      http::parse_list_query(params, {"standard_code", "clause_number", "mapping_type"});
  auto connection = context.pool().acquire();
  const auto list = service::list_mapped_clauses(*connection, clause_id, window_of(query));
  return http::json_response(200, http::list_envelope(render_items(list.items), list.total, query));
}

http::Response create_mapping(http::RequestContext& context) {
  const auto body = body_of(context);
  http::JsonReader reader(body);
  const auto a = reader.required_int("clause_a_id", 1, kMaxId);
  const auto b = reader.required_int("clause_b_id", 1, kMaxId);
  const auto mapping_type =
      reader.optional_enum("mapping_type", {"equivalent", "partial", "related"})
          .value_or("equivalent");
  const auto notes = optional_text(reader, "notes", kNotesLength);
  if (reader.errors().empty() && a == b) {
    reader.add_error("clause_b_id", "a clause cannot be mapped to itself");
  }
  reader.finish();
  auto connection = context.pool().acquire();
  const auto row =
      service::create_mapping(*connection, common::actor_of(context), a, b, mapping_type, notes);
  return common::created(fmt::format("/api/v1/clause-mappings/{}", row.id), render(row));
}

http::Response get_mapping(http::RequestContext& context) {
  auto connection = context.pool().acquire();
  return http::json_response(200,
                             render(service::get_mapping(*connection, context.id_param("id"))));
}

http::Response delete_mapping(http::RequestContext& context) {
  const auto id = context.id_param("id");
  auto connection = context.pool().acquire();
  service::delete_mapping(*connection, common::actor_of(context), id);
  return common::no_content();
}

}  // namespace

void register_standard_routes(http::Server& server) {
  add_route(server, "GET", "/api/v1/standards", "List standards", kRead, "", "StandardList", 200,
            list_standards);
  add_route(server, "POST", "/api/v1/standards", "Create a standard", kWrite, "StandardCreate",
            "Standard", 201, create_standard);
  add_route(server, "GET", "/api/v1/standards/{id}", "Get a standard with its nested clause tree",
            kRead, "", "StandardTree", 200, get_standard);
  add_route(server, "PATCH", "/api/v1/standards/{id}",
            "Update a standard (optimistic concurrency via version)", kWrite, "StandardPatch",
            "Standard", 200, patch_standard);
  add_route(server, "DELETE", "/api/v1/standards/{id}", "Archive a standard", kWrite, "", "", 204,
            archive_standard);
  add_route(server, "GET", "/api/v1/standards/{id}/tree",
            "The clause tree of a standard, each clause with its sub-clauses and controls", kRead,
            "", "StandardTree", 200, get_tree);
  add_route(server, "GET", "/api/v1/standards/{id}/clauses", "List the clauses of a standard",
            kRead, "", "ClauseList", 200, list_clauses);
  add_route(server, "POST", "/api/v1/standards/{id}/clauses", "Add a clause to a standard", kWrite,
            "ClauseCreate", "Clause", 201, create_clause);
  add_route(server, "GET", "/api/v1/clauses/{id}", "Get a clause", kRead, "", "Clause", 200,
            get_clause);
  add_route(server, "PATCH", "/api/v1/clauses/{id}",
            "Update a clause; a new parent must be in the same standard and not below the clause",
            kWrite, "ClausePatch", "Clause", 200, patch_clause);
  add_route(server, "DELETE", "/api/v1/clauses/{id}",
            "Archive a clause (no live sub-clauses or controls)", kWrite, "", "", 204,
            archive_clause);
  add_route(server, "GET", "/api/v1/clauses/{id}/mappings",
            "Equivalent clauses of other standards (both sides of each mapping)", kRead, "",
            "MappedClauseList", 200, list_mappings);
  add_route(server, "POST", "/api/v1/clause-mappings", "Map two clauses of different standards",
            kWrite, "ClauseMappingCreate", "ClauseMapping", 201, create_mapping);
  add_route(server, "GET", "/api/v1/clause-mappings/{id}", "Get a clause mapping", kRead, "",
            "ClauseMapping", 200, get_mapping);
  add_route(server, "DELETE", "/api/v1/clause-mappings/{id}", "Delete a clause mapping", kWrite, "",
            "", 204, delete_mapping);
}

}  // namespace qgp::api::standards
