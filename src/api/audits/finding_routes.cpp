#include "api/audits/finding_routes.hpp"

#include <charconv>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/audit/routes.hpp"
#include "api/audits/patch_fields.hpp"
#include "api/common/actor.hpp"
#include "api/common/json.hpp"
#include "api/common/list.hpp"
#include "core/config.hpp"
#include "core/errors.hpp"
#include "db/pool.hpp"
#include "db/transaction.hpp"
#include "domain/audits/findings.hpp"
#include "http/json_body.hpp"
#include "http/query.hpp"
#include "http/server.hpp"

namespace qgp::api::audits {

namespace {

namespace findings = domain::audits;

const std::vector<std::string_view> kGrades(domain::audits::kFindingGrades.begin(),
                                            domain::audits::kFindingGrades.end());
const std::vector<std::string_view> kStatuses = {"open", "in_progress", "pending_verification",
                                                 "closed"};

nlohmann::json finding_json(const findings::FindingRecord& f) {
  nlohmann::json allowed = nlohmann::json::array();
  for (const auto target : findings::allowed_finding_targets(f.status)) {
    allowed.push_back(target);
  }
  return {{"id", f.id},
          {"reference_number", f.reference_number},
          {"run_id", f.run_id},
          {"run_reference_number", f.run_reference_number},
          {"question_id", common::or_null(f.question_id)},
          {"response_id", common::or_null(f.response_id)},
          {"title", f.title},
          {"description", f.description},
          {"grade", f.grade},
          {"status", f.status},
          {"allowed_transitions", std::move(allowed)},
          {"is_auto_created", f.is_auto_created},
          {"assigned_to_id", common::or_null(f.assigned_to_id)},
          {"due_date", common::or_null(f.due_date)},
          {"verified_at", common::or_null(f.verified_at)},
          {"verified_by_id", common::or_null(f.verified_by_id)},
          {"verification_notes", common::or_null(f.verification_notes)},
          {"closed_at", common::or_null(f.closed_at)},
          {"closed_by_id", common::or_null(f.closed_by_id)},
          {"closure_notes", common::or_null(f.closure_notes)},
          {"clause_ids", f.clause_ids},
          {"control_ids", f.control_ids},
          {"risk_ids", f.risk_ids},
          {"created_at", f.created_at},
          {"updated_at", f.updated_at},
          {"version", f.version}};
}

std::optional<std::string> enum_query(const http::QueryParams& params, const char* name,
                                      const std::vector<std::string_view>& allowed,
                                      core::FieldErrors& errors) {
  auto text = http::single_param(params, name);
  if (text && std::find(allowed.begin(), allowed.end(), *text) == allowed.end()) {
    errors[name] = fmt::format("must be one of {}", fmt::join(allowed, ", "));
    return std::nullopt;
  }
  return text;
}

http::Response with_finding(const findings::FindingRecord& finding, int status = 200) {
  if (status == 201) {
    return common::created(fmt::format("/api/v1/audits/findings/{}", finding.id),
                           finding_json(finding));
  }
  return http::json_response(status, finding_json(finding));
}

void add_schemas(http::Server& server) {
  const nlohmann::json text = {{"type", "string"}};
  const nlohmann::json ids = {{"type", "array"}, {"items", {{"type", "integer"}}}};
  server.add_schema("Finding", {{"type", "object"},
                                {"properties",
                                 {{"id", {{"type", "integer"}}},
                                  {"reference_number", text},
                                  {"run_id", {{"type", "integer"}}},
                                  {"title", text},
                                  {"grade", {{"type", "string"}, {"enum", kGrades}}},
                                  {"status", {{"type", "string"}, {"enum", kStatuses}}},
                                  {"clause_ids", ids},
                                  {"version", {{"type", "integer"}}}}}});
  server.add_schema(
      "FindingList",
      {{"type", "object"},
       {"properties",
        {{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Finding"}}}}},
         {"total", {{"type", "integer"}}}}}});
  server.add_schema("FindingCreate", {{"type", "object"},
                                      {"required", {"run_id", "title", "description", "grade"}},
                                      {"properties",
                                       {{"run_id", {{"type", "integer"}}},
                                        {"question_id", {{"type", "integer"}}},
                                        {"title", text},
                                        {"description", text},
                                        {"grade", {{"type", "string"}, {"enum", kGrades}}},
                                        {"assigned_to_id", {{"type", "integer"}}},
                                        {"due_date", {{"type", "string"}, {"format", "date"}}},
                                        {"clause_ids", ids},
                                        {"control_ids", ids},
                                        {"risk_ids", ids}}}});
  server.add_schema("FindingUpdate", {{"type", "object"},
                                      {"required", {"version"}},
                                      {"properties",
                                       {{"version", {{"type", "integer"}}},
                                        {"title", text},
                                        {"description", text},
                                        {"grade", {{"type", "string"}, {"enum", kGrades}}},
                                        {"assigned_to_id", {{"type", {"integer", "null"}}}},
                                        {"due_date", {{"type", {"string", "null"}}}}}}});
  server.add_schema(
      "FindingTransition",
      {{"type", "object"}, {"required", {"to"}}, {"properties", {{"to", text}, {"note", text}}}});
  server.add_schema("FindingVerification", {{"type", "object"}, {"properties", {{"note", text}}}});
  server.add_schema(
      "FindingLinks",
      {{"type", "object"},
       {"properties", {{"clause_ids", ids}, {"control_ids", ids}, {"risk_ids", ids}}}});
}

}  // namespace

void register_finding_routes(http::Server& server, const core::Config& /*config*/) {
  add_schemas(server);
  server.add_route(http::Route{
      .method = "GET",
      .pattern = "/api/v1/audits/findings",
      .summary = "Findings: status, grade, run_id, assigned_to_id, overdue=true, q; sort",
      .tag = "audits",
      .permission = "findings:read",
      .response_schema = "FindingList",
      .handler = [](http::RequestContext& context) {
        const auto params = http::parse_query(context.request().query);
        const auto query = http::parse_list_query(
            params, {"created_at", "due_date", "grade", "status", "reference_number"});
        core::FieldErrors errors;
        store::audits::FindingFilter filter;
        filter.status = enum_query(params, "status", kStatuses, errors);
        filter.grade = enum_query(params, "grade", kGrades, errors);
        filter.run_id = common::id_query(params, "run_id", errors);
        filter.assigned_to_id = common::id_query(params, "assigned_to_id", errors);
        const auto overdue = http::single_param(params, "overdue");
        if (overdue && *overdue != "true" && *overdue != "false") {
          errors["overdue"] = "must be true or false";
        }
        filter.overdue = overdue == "true";
        filter.q = http::single_param(params, "q");
        if (!errors.empty()) {
          throw core::ValidationError(std::move(errors));
        }
        const auto sort = common::sort_keys(query);
        auto connection = context.pool().acquire();
        const auto page =
            store::audits::list_findings(*connection, filter, sort, common::page_of(query));
        nlohmann::json items = nlohmann::json::array();
        for (const auto& finding : page.items) {
          items.push_back(finding_json(finding));
        }
        return http::json_response(200, http::list_envelope(std::move(items), page.total, query));
      }});
  server.add_route(http::Route{
      .method = "POST",
      .pattern = "/api/v1/audits/findings",
      .summary = "Raise a finding on an audit run",
      .tag = "audits",
      .permission = "findings:write",
      .request_schema = "FindingCreate",
      .response_schema = "Finding",
      .success_status = 201,
      .handler = [](http::RequestContext& context) {
        const auto body = http::parse_json_object(context.request().body);
        core::FieldErrors link_errors;
        findings::NewFinding finding;
        finding.clause_ids = common::id_array(body, "clause_ids", link_errors);
        finding.control_ids = common::id_array(body, "control_ids", link_errors);
        finding.risk_ids = common::id_array(body, "risk_ids", link_errors);
        http::JsonReader reader(body);
        finding.run_id = reader.required_int("run_id", 1, std::numeric_limits<std::int64_t>::max());
        finding.question_id =
            reader.optional_int("question_id", 1, std::numeric_limits<std::int64_t>::max());
        finding.title = reader.required_string("title", 300);
        finding.description = reader.required_string("description", 10000);
        finding.grade = reader.required_enum("grade", kGrades);
        finding.assigned_to_id =
            reader.optional_int("assigned_to_id", 1, std::numeric_limits<std::int64_t>::max());
        finding.due_date = reader.optional_string("due_date", 10);
        for (const auto* field : {"clause_ids", "control_ids", "risk_ids"}) {
          static_cast<void>(reader.present(field));
        }
        for (const auto& [field, problem] : link_errors) {
          reader.add_error(field, problem);
        }
        reader.finish();
        const auto actor = common::actor_of(context);
        return with_finding(common::in_transaction(context,
                                                   [&](db::Connection& connection) {
                                                     const auto id = findings::create_finding(
                                                         connection, actor, finding);
                                                     return findings::get_finding(connection, id);
                                                   }),
                            201);
      }});
  server.add_route(http::Route{.method = "GET",
                               .pattern = "/api/v1/audits/findings/{id}",
                               .summary = "One finding with its links and allowed transitions",
                               .tag = "audits",
                               .permission = "findings:read",
                               .response_schema = "Finding",
                               .handler = [](http::RequestContext& context) {
                                 auto connection = context.pool().acquire();
                                 return with_finding(
                                     findings::get_finding(*connection, context.id_param("id")));
                               }});
  server.add_route(http::Route{
      .method = "PATCH",
      .pattern = "/api/v1/audits/findings/{id}",
      .summary = "Edit a finding: only the fields sent change, null clears assigned_to_id or "
                 "due_date (send the version you read); status changes are transitions",
      .tag = "audits",
      .permission = "findings:write",
      .request_schema = "FindingUpdate",
      .response_schema = "Finding",
      .handler = [](http::RequestContext& context) {
        const auto id = context.id_param("id");
        const auto body = http::parse_json_object(context.request().body);
        http::JsonReader reader(body);
        findings::FindingUpdate update;
        update.version =
            reader.required_int("version", 1, std::numeric_limits<std::int32_t>::max());
        update.title =
            non_null_field(reader, "title", [&] { return reader.optional_string("title", 300); });
        update.description = non_null_field(
            reader, "description", [&] { return reader.optional_string("description", 10000); });
        update.grade =
            non_null_field(reader, "grade", [&] { return reader.optional_enum("grade", kGrades); });
        update.assigned_to_id = patch_field(reader, "assigned_to_id", [&] {
          return reader.optional_int("assigned_to_id", 1, std::numeric_limits<std::int64_t>::max());
        });
        update.due_date =
            patch_field(reader, "due_date", [&] { return reader.optional_string("due_date", 10); });
        refuse_status(reader, "use POST .../transitions (closing is POST .../verify)");
        reader.finish();
        const auto actor = common::actor_of(context);
        return with_finding(common::in_transaction(context, [&](db::Connection& connection) {
          return findings::update_finding(connection, actor, id, update);
        }));
      }});
  server.add_route(http::Route{
      .method = "POST",
      .pattern = "/api/v1/audits/findings/{id}/transitions",
      .summary = "Move a finding: open, in_progress, pending_verification (closing is /verify)",
      .tag = "audits",
      .permission = "findings:write",
      .request_schema = "FindingTransition",
      .response_schema = "Finding",
      .handler = [](http::RequestContext& context) {
        const auto id = context.id_param("id");
        const auto body = http::parse_json_object(context.request().body);
        http::JsonReader reader(body);
        const auto to = reader.required_enum("to", kStatuses);
        const auto note = reader.optional_string("note", 10000);
        reader.finish();
        const auto actor = common::actor_of(context);
        return with_finding(common::in_transaction(context, [&](db::Connection& connection) {
          return findings::transition_finding(connection, actor, id, to, note);
        }));
      }});
  server.add_route(http::Route{
      .method = "POST",
      .pattern = "/api/v1/audits/findings/{id}/verify",
      .summary = "Verify the correction and close the finding (pending_verification only)",
      .tag = "audits",
      .permission = "findings:verify",
      .request_schema = "FindingVerification",
      .response_schema = "Finding",
      .handler = [](http::RequestContext& context) {
        const auto id = context.id_param("id");
        std::optional<std::string> note;
        if (!context.request().body.empty()) {
          const auto body = http::parse_json_object(context.request().body);
          http::JsonReader reader(body);
          note = reader.optional_string("note", 10000);
          reader.finish();
        }
        const auto actor = common::actor_of(context);
        return with_finding(common::in_transaction(context, [&](db::Connection& connection) {
          return findings::verify_finding(connection, actor, id, note);
        }));
      }});
  server.add_route(http::Route{
      .method = "PUT",
      .pattern = "/api/v1/audits/findings/{id}/links",
      .summary = "Replace the clauses, controls and risks a finding is raised against",
      .tag = "audits",
      .permission = "findings:write",
      .request_schema = "FindingLinks",
      .response_schema = "Finding",
      .handler = [](http::RequestContext& context) {
        const auto id = context.id_param("id");
        const auto body = http::parse_json_object(context.request().body);
        core::FieldErrors errors;
        const auto clauses = common::id_array(body, "clause_ids", errors);
        const auto controls = common::id_array(body, "control_ids", errors);
        const auto risks = common::id_array(body, "risk_ids", errors);
        for (const auto& [key, value] : body.items()) {
          if (key != "clause_ids" && key != "control_ids" && key != "risk_ids") {
            errors[key] = "unknown field";
          }
        }
        if (!errors.empty()) {
          throw core::ValidationError(std::move(errors));
        }
        const auto actor = common::actor_of(context);
        return with_finding(common::in_transaction(context, [&](db::Connection& connection) {
          return findings::replace_finding_links(connection, actor, id, clauses, controls, risks);
        }));
      }});
  audit::add_history_route(server, "/api/v1/audits/findings/{id}/history", "audit_finding",
                           "findings:read", "audits");
}

}  // namespace qgp::api::audits
