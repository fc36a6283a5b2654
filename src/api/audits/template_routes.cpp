#include "api/audits/template_routes.hpp"

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
#include "domain/audits/templates.hpp"
#include "http/json_body.hpp"
#include "http/query.hpp"
#include "http/server.hpp"

namespace qgp::api::audits {

namespace {

namespace tpl = domain::audits;
namespace store_audits = store::audits;

constexpr auto kMaxId = std::numeric_limits<std::int64_t>::max();
const std::vector<std::string_view> kAuditTypes = {"inspection", "audit", "assessment", "checklist",
                                                   "survey"};
const std::vector<std::string_view> kFrequencies = {"daily",     "weekly",   "monthly",
                                                    "quarterly", "annually", "ad_hoc"};
const std::vector<std::string_view> kScoringMethods = {"percentage", "points", "weighted",
                                                       "pass_fail"};
const std::vector<std::string_view> kQuestionTypes = {
    "yes_no", "pass_fail",    "score", "rating", "number",   "text",
    "choice", "multi_choice", "date",  "photo",  "signature"};
const std::vector<std::string_view> kGrades = {"major_nonconformity", "minor_nonconformity",
                                               "observation", "opportunity_for_improvement"};

// Decimal columns travel as text from the store; the API shows numbers.
nlohmann::json decimal(const std::optional<std::string>& text) {
  return text ? nlohmann::json::parse(*text) : nlohmann::json(nullptr);
}

std::optional<std::string> decimal_text(const std::optional<double>& value) {
  return value ? std::optional<std::string>(fmt::format("{}", *value)) : std::nullopt;
}

std::optional<int> as_int(const std::optional<std::int64_t>& value) {
  return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
}

// `field` as a list of positive ids when present (null: the empty list); problems go to the
// reader.
std::optional<std::vector<std::int64_t>> id_list(http::JsonReader& reader,
                                                 const nlohmann::json& body,
                                                 const std::string& field) {
  if (!reader.present(field)) {
    return std::nullopt;
  }
  core::FieldErrors errors;
  auto ids = common::id_array(body, field, errors);
  for (const auto& [name, problem] : errors) {
    reader.add_error(name, problem);
  }
  return ids;
}

nlohmann::json template_summary(const store_audits::TemplateRow& t) {
  const auto& f = t.fields;
  return {{"id", t.id},
          {"reference_number", t.reference_number},
          {"name", f.name},
          {"description", common::or_null(f.description)},
          {"category", common::or_null(f.category)},
          {"audit_type", f.audit_type},
          {"frequency", common::or_null(f.frequency)},
          {"scoring_method", f.scoring_method},
          {"passing_score", decimal(f.passing_score)},
          {"allow_offline", f.allow_offline},
          {"require_gps", f.require_gps},
          {"require_signature", f.require_signature},
          {"require_approval", f.require_approval},
          {"auto_create_findings", f.auto_create_findings},
          {"standard_ids", f.standard_ids},
          {"status", t.status},
          {"published_version_number", common::or_null(t.published_version_number)},
          {"archived_at", common::or_null(t.archived_at)},
          {"created_at", t.created_at},
          {"updated_at", t.updated_at},
          {"version", t.version}};
}

nlohmann::json question_json(const store_audits::QuestionRow& q) {
  const auto& f = q.fields;
  nlohmann::json options = nlohmann::json::array();
  for (const auto& option : q.options) {
    const auto& o = option.fields;
    options.push_back({{"id", option.id},
                       {"label", o.label},
                       {"value", o.value},
                       {"score", decimal(o.score)},
                       {"triggers_finding", o.triggers_finding},
                       {"finding_grade", common::or_null(o.finding_grade)},
                       {"sort_order", o.sort_order}});
  }
  return {{"id", q.id},
          {"section_id", common::or_null(f.section_id)},
          {"question_text", f.question_text},
          {"description", common::or_null(f.description)},
          {"help_text", common::or_null(f.help_text)},
          {"question_type", f.question_type},
          {"is_required", f.is_required},
          {"allow_na", f.allow_na},
          {"is_critical", f.is_critical},
          {"weight", decimal(f.weight)},
          {"max_score", decimal(f.max_score)},
          {"min_value", decimal(f.min_value)},
          {"max_value", decimal(f.max_value)},
          {"decimal_places", common::or_null(f.decimal_places)},
          {"min_length", common::or_null(f.min_length)},
          {"max_length", common::or_null(f.max_length)},
          {"sort_order", f.sort_order},
          {"clause_ids", f.clause_ids},
          {"control_ids", f.control_ids},
          {"options", std::move(options)},
          {"version", q.version}};
}

nlohmann::json detail_json(const tpl::TemplateDetail& detail) {
  auto body = template_summary(detail.row);
  nlohmann::json sections = nlohmann::json::array();
  for (const auto& section : detail.sections) {
    sections.push_back({{"id", section.id},
                        {"title", section.fields.title},
                        {"description", common::or_null(section.fields.description)},
                        {"sort_order", section.fields.sort_order},
                        {"weight", decimal(section.fields.weight)},
                        {"version", section.version}});
  }
  nlohmann::json questions = nlohmann::json::array();
  for (const auto& question : detail.questions) {
    questions.push_back(question_json(question));
  }
  body["sections"] = std::move(sections);
  body["questions"] = std::move(questions);
  return body;
}

// The body of a template create or PATCH, with PATCH semantics (a create applies it to the
// defaults): absent fields keep their value, null clears a nullable one.
tpl::TemplatePatch read_template(http::JsonReader& reader, const nlohmann::json& body) {
  tpl::TemplatePatch patch;
  patch.name = non_null_field(reader, "name", [&] { return reader.optional_string("name", 200); });
  patch.description = patch_field(reader, "description",
                                  [&] { return reader.optional_string("description", 4000); });
  patch.category =
      patch_field(reader, "category", [&] { return reader.optional_string("category", 100); });
  patch.audit_type = non_null_field(
      reader, "audit_type", [&] { return reader.optional_enum("audit_type", kAuditTypes); });
  patch.frequency = patch_field(reader, "frequency",
                                [&] { return reader.optional_enum("frequency", kFrequencies); });
  patch.scoring_method = non_null_field(reader, "scoring_method", [&] {
    return reader.optional_enum("scoring_method", kScoringMethods);
  });
  patch.passing_score = patch_field(reader, "passing_score", [&] {
    return decimal_text(reader.optional_number("passing_score", 0, 1e9));
  });
  const auto flag = [&](std::string_view field) {
    return non_null_field(reader, field, [&] { return reader.optional_bool(field); });
  };
  patch.allow_offline = flag("allow_offline");
  patch.require_gps = flag("require_gps");
  patch.require_signature = flag("require_signature");
  patch.require_approval = flag("require_approval");
  patch.auto_create_findings = flag("auto_create_findings");
  patch.standard_ids = id_list(reader, body, "standard_ids");
  return patch;
}

tpl::SectionPatch read_section(http::JsonReader& reader) {
  tpl::SectionPatch patch;
  patch.title =
      non_null_field(reader, "title", [&] { return reader.optional_string("title", 200); });
  patch.description = patch_field(reader, "description",
                                  [&] { return reader.optional_string("description", 2000); });
  patch.sort_order = non_null_field(
      reader, "sort_order", [&] { return as_int(reader.optional_int("sort_order", 0, 1000000)); });
  patch.weight = non_null_field(
      reader, "weight", [&] { return decimal_text(reader.optional_number("weight", 0, 1e6)); });
  return patch;
}

std::vector<store_audits::OptionFields> read_options(const nlohmann::json& body,
                                                     core::FieldErrors& errors) {
  std::vector<store_audits::OptionFields> fields;
  const auto options = body.find("options");
  if (options == body.end() || options->is_null()) {
    return fields;
  }
  if (!options->is_array() || options->size() > 100) {
    errors["options"] = "must be an array of at most 100 options";
    return fields;
  }
  for (std::size_t i = 0; i < options->size(); ++i) {
    const auto& item = (*options)[i];
    if (!item.is_object()) {
      errors[fmt::format("options[{}]", i)] = "must be an object";
      continue;
    }
    http::JsonReader option(item, fmt::format("options[{}].", i));
    store_audits::OptionFields o;
    o.label = option.required_string("label", 200);
    o.value = option.optional_string("value", 200).value_or(o.label);
    o.score = decimal_text(option.optional_number("score", 0, 1e9));
    o.triggers_finding = option.optional_bool("triggers_finding").value_or(false);
    o.finding_grade = option.optional_enum("finding_grade", kGrades);
    o.sort_order = static_cast<int>(
        option.optional_int("sort_order", 0, 1000000).value_or(static_cast<std::int64_t>(i)));
    for (const auto& [field, problem] : option.errors()) {
      errors[field] = problem;
    }
    try {
      option.finish();
    } catch (const core::ValidationError& e) {
      errors.insert(e.fields().begin(), e.fields().end());
    }
    fields.push_back(std::move(o));
  }
  return fields;
}

// The body of a question create, replace (PUT) or PATCH, with PATCH semantics (create and replace
// apply it to the defaults).
tpl::QuestionPatch read_question(http::JsonReader& reader, const nlohmann::json& body) {
  tpl::QuestionPatch patch;
  if (reader.present("options")) {
    core::FieldErrors errors;
    patch.options = read_options(body, errors);
    for (const auto& [field, problem] : errors) {
      reader.add_error(field, problem);
    }
  }
  patch.clause_ids = id_list(reader, body, "clause_ids");
  patch.control_ids = id_list(reader, body, "control_ids");
  patch.section_id = patch_field(reader, "section_id",
                                 [&] { return reader.optional_int("section_id", 1, kMaxId); });
  patch.question_text = non_null_field(
      reader, "question_text", [&] { return reader.optional_string("question_text", 1000); });
  patch.description = patch_field(reader, "description",
                                  [&] { return reader.optional_string("description", 2000); });
  patch.help_text =
      patch_field(reader, "help_text", [&] { return reader.optional_string("help_text", 500); });
  patch.question_type = non_null_field(reader, "question_type", [&] {
    return reader.optional_enum("question_type", kQuestionTypes);
  });
  const auto flag = [&](std::string_view field) {
    return non_null_field(reader, field, [&] { return reader.optional_bool(field); });
  };
  patch.is_required = flag("is_required");
  patch.allow_na = flag("allow_na");
  patch.is_critical = flag("is_critical");
  patch.weight = non_null_field(
      reader, "weight", [&] { return decimal_text(reader.optional_number("weight", 0, 1e6)); });
  const auto nullable_number = [&](std::string_view field, double min, double max) {
    return patch_field(reader, field,
                       [&] { return decimal_text(reader.optional_number(field, min, max)); });
  };
  patch.max_score = nullable_number("max_score", 0, 1e9);
  patch.min_value = nullable_number("min_value", -1e15, 1e15);
  patch.max_value = nullable_number("max_value", -1e15, 1e15);
  const auto nullable_int = [&](std::string_view field, std::int64_t min, std::int64_t max) {
    return patch_field(reader, field, [&] { return as_int(reader.optional_int(field, min, max)); });
  };
  patch.decimal_places = nullable_int("decimal_places", 0, 6);
  patch.min_length = nullable_int("min_length", 0, 100000);
  patch.max_length = nullable_int("max_length", 1, 100000);
  patch.sort_order = non_null_field(
      reader, "sort_order", [&] { return as_int(reader.optional_int("sort_order", 0, 1000000)); });
  return patch;
}

// A create (or PUT) body: `field` must be present.
void require(http::JsonReader& reader, std::string_view field) {
  if (!reader.present(field)) {
    reader.add_error(field, "is required");
  }
}

void add_schemas(http::Server& server) {
  const nlohmann::json text = {{"type", "string"}};
  const nlohmann::json nullable_text = {{"type", {"string", "null"}}};
  const nlohmann::json number = {{"type", {"number", "null"}}};
  const nlohmann::json integer = {{"type", "integer"}};
  const nlohmann::json boolean = {{"type", "boolean"}};
  const nlohmann::json ids = {{"type", "array"}, {"items", integer}};
  const nlohmann::json version = {
      {"type", "integer"},
      {"description", "The version you read: a stale one is a 409 and nothing changes"}};
  server.add_schema("AuditTemplate", {{"type", "object"},
                                      {"properties",
                                       {{"id", integer},
                                        {"reference_number", text},
                                        {"name", text},
                                        {"status", text},
                                        {"scoring_method", text},
                                        {"passing_score", number},
                                        {"allow_offline", boolean},
                                        {"standard_ids", ids},
                                        {"sections", {{"type", "array"}}},
                                        {"questions", {{"type", "array"}}},
                                        {"version", integer}}}});
  server.add_schema(
      "AuditTemplateList",
      {{"type", "object"},
       {"properties",
        {{"items",
          {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/AuditTemplate"}}}}},
         {"total", integer}}}});
  const nlohmann::json template_properties = {
      {"name", text},
      {"description", nullable_text},
      {"category", nullable_text},
      {"audit_type", {{"type", "string"}, {"enum", kAuditTypes}}},
      {"frequency", {{"type", {"string", "null"}}, {"enum", kFrequencies}}},
      {"scoring_method", {{"type", "string"}, {"enum", kScoringMethods}}},
      {"passing_score", number},
      {"allow_offline", boolean},
      {"require_gps", boolean},
      {"require_signature", boolean},
      {"require_approval", boolean},
      {"auto_create_findings", boolean},
      {"standard_ids",
       {{"type", "array"},
        {"items", integer},
        {"description", "Standards the template audits against (each must exist)"}}}};
  server.add_schema("AuditTemplateWrite", {{"type", "object"},
                                           {"required", {"name"}},
                                           {"additionalProperties", false},
                                           {"properties", template_properties}});
  auto template_update = template_properties;
  template_update["version"] = version;
  server.add_schema("AuditTemplateUpdate",
                    {{"type", "object"},
                     {"description",
                      "Only the fields sent change; null clears a nullable field; status changes "
                      "only by publishing"},
                     {"required", {"version"}},
                     {"additionalProperties", false},
                     {"properties", template_update}});
  const nlohmann::json section_properties = {
      {"title", text}, {"description", nullable_text}, {"weight", number}, {"sort_order", integer}};
  server.add_schema("AuditSectionWrite", {{"type", "object"},
                                          {"required", {"title"}},
                                          {"additionalProperties", false},
                                          {"properties", section_properties}});
  auto section_update = section_properties;
  section_update["version"] = version;
  server.add_schema("AuditSectionUpdate", {{"type", "object"},
                                           {"description", "Only the fields sent change"},
                                           {"required", {"version"}},
                                           {"additionalProperties", false},
                                           {"properties", section_update}});
  const nlohmann::json question_properties = {
      {"question_text", text},
      {"question_type", {{"type", "string"}, {"enum", kQuestionTypes}}},
      {"section_id", {{"type", {"integer", "null"}}}},
      {"description", nullable_text},
      {"help_text", nullable_text},
      {"is_required", boolean},
      {"allow_na", boolean},
      {"is_critical", boolean},
      {"weight", number},
      {"max_score", number},
      {"min_value", number},
      {"max_value", number},
      {"decimal_places", {{"type", {"integer", "null"}}}},
      {"min_length", {{"type", {"integer", "null"}}}},
      {"max_length", {{"type", {"integer", "null"}}}},
      {"sort_order", integer},
      {"options", {{"type", "array"}}},
      {"clause_ids", ids},
      {"control_ids", ids}};
  server.add_schema("AuditQuestionWrite", {{"type", "object"},
                                           {"required", {"question_text"}},
                                           {"additionalProperties", false},
                                           {"properties", question_properties}});
  auto question_update = question_properties;
  question_update["version"] = version;
  server.add_schema("AuditQuestionReplace", {{"type", "object"},
                                             {"required", {"question_text", "version"}},
                                             {"additionalProperties", false},
                                             {"properties", question_update}});
  server.add_schema("AuditQuestionUpdate", {{"type", "object"},
                                            {"description", "Only the fields sent change"},
                                            {"required", {"version"}},
                                            {"additionalProperties", false},
                                            {"properties", question_update}});
  server.add_schema("AuditTemplateClone", {{"type", "object"}, {"properties", {{"name", text}}}});
  server.add_schema(
      "AuditTemplateVersion",
      {{"type", "object"},
       {"properties",
        {{"version_number", integer}, {"published_at", text}, {"content", {{"type", "object"}}}}}});
  server.add_schema("AuditTemplateVersionList",
                    {{"type", "object"}, {"properties", {{"items", {{"type", "array"}}}}}});
}

void add_template_routes(http::Server& server) {
  server.add_route(http::Route{
      .method = "GET",
      .pattern = "/api/v1/audits/templates",
      .summary = "Templates: status, audit_type, category, q, include_archived; sort",
      .tag = "audits",
      .permission = "audits:read",
      .response_schema = "AuditTemplateList",
      .handler = [](http::RequestContext& context) {
        const auto params = http::parse_query(context.request().query);
        const auto query = http::parse_list_query(
            params, {"name", "created_at", "updated_at", "reference_number"});
        store_audits::TemplateFilter filter;
        filter.status = http::single_param(params, "status");
        if (filter.status && *filter.status != "draft" && *filter.status != "published") {
          throw core::ValidationError("status", "must be draft or published");
        }
        filter.audit_type = http::single_param(params, "audit_type");
        filter.category = http::single_param(params, "category");
        filter.q = http::single_param(params, "q");
        filter.include_archived = http::single_param(params, "include_archived") == "true";
        const auto sort = common::sort_keys(query);
        auto connection = context.pool().acquire();
        const auto page =
            store_audits::list_templates(*connection, filter, sort, common::page_of(query));
        nlohmann::json items = nlohmann::json::array();
        for (const auto& row : page.items) {
          items.push_back(template_summary(row));
        }
        return http::json_response(200, http::list_envelope(std::move(items), page.total, query));
      }});
  server.add_route(http::Route{
      .method = "POST",
      .pattern = "/api/v1/audits/templates",
      .summary = "Create a draft template",
      .tag = "audits",
      .permission = "audits:write",
      .request_schema = "AuditTemplateWrite",
      .response_schema = "AuditTemplate",
      .success_status = 201,
      .handler = [](http::RequestContext& context) {
        const auto body = http::parse_json_object(context.request().body);
        http::JsonReader reader(body);
        require(reader, "name");
        const auto fields = tpl::apply_patch(tpl::TemplateFields{}, read_template(reader, body));
        reader.finish();
        const auto actor = common::actor_of(context);
        const auto detail = common::in_transaction(context, [&](db::Connection& connection) {
          return tpl::get_template(connection, tpl::create_template(connection, actor, fields));
        });
        return common::created(fmt::format("/api/v1/audits/templates/{}", detail.row.id),
                               detail_json(detail));
      }});
  server.add_route(
      http::Route{.method = "GET",
                  .pattern = "/api/v1/audits/templates/{id}",
                  .summary = "The draft template with sections, questions, options and links",
                  .tag = "audits",
                  .permission = "audits:read",
                  .response_schema = "AuditTemplate",
                  .handler = [](http::RequestContext& context) {
                    auto connection = context.pool().acquire();
                    return http::json_response(
                        200, detail_json(tpl::get_template(*connection, context.id_param("id"))));
                  }});
  server.add_route(http::Route{
      .method = "PATCH",
      .pattern = "/api/v1/audits/templates/{id}",
      .summary = "Change the template's settings: only the fields sent change, null clears a "
                 "nullable one (send the version you read; status changes only by publishing)",
      .tag = "audits",
      .permission = "audits:write",
      .request_schema = "AuditTemplateUpdate",
      .response_schema = "AuditTemplate",
      .handler = [](http::RequestContext& context) {
        const auto id = context.id_param("id");
        const auto body = http::parse_json_object(context.request().body);
        http::JsonReader reader(body);
        const auto version = reader.required_int("version", 1, kMaxId);
        refuse_status(reader, "publish the template (POST .../publish); any edit makes it a draft");
        const auto patch = read_template(reader, body);
        reader.finish();
        const auto actor = common::actor_of(context);
        return http::json_response(
            200, detail_json(common::in_transaction(context, [&](db::Connection& connection) {
              return tpl::update_template(connection, actor, id, version, patch);
            })));
      }});
  server.add_route(
      http::Route{.method = "DELETE",
                  .pattern = "/api/v1/audits/templates/{id}",
                  .summary = "Archive a template (no new runs; existing runs keep their version)",
                  .tag = "audits",
                  .permission = "audits:write",
                  .success_status = 204,
                  .handler = [](http::RequestContext& context) {
                    const auto id = context.id_param("id");
                    const auto actor = common::actor_of(context);
                    common::in_transaction(context, [&](db::Connection& connection) {
                      tpl::archive_template(connection, actor, id);
                      return 0;
                    });
                    return common::no_content();
                  }});
  server.add_route(http::Route{
      .method = "POST",
      .pattern = "/api/v1/audits/templates/{id}/publish",
      .summary = "Validate and freeze the draft as the next immutable version",
      .tag = "audits",
      .permission = "audits:write",
      .response_schema = "AuditTemplate",
      .handler = [](http::RequestContext& context) {
        const auto id = context.id_param("id");
        const auto actor = common::actor_of(context);
        return http::json_response(
            200, detail_json(common::in_transaction(context, [&](db::Connection& connection) {
              tpl::publish_template(connection, actor, id);
              return tpl::get_template(connection, id);
            })));
      }});
  server.add_route(http::Route{
      .method = "POST",
      .pattern = "/api/v1/audits/templates/{id}/clone",
      .summary = "Copy the template with everything in it as a new draft",
      .tag = "audits",
      .permission = "audits:write",
      .request_schema = "AuditTemplateClone",
      .response_schema = "AuditTemplate",
      .success_status = 201,
      .handler = [](http::RequestContext& context) {
        const auto id = context.id_param("id");
        std::optional<std::string> name;
        if (!context.request().body.empty()) {
          const auto body = http::parse_json_object(context.request().body);
          http::JsonReader reader(body);
          name = reader.optional_string("name", 200);
          reader.finish();
        }
        const auto actor = common::actor_of(context);
        const auto detail = common::in_transaction(context, [&](db::Connection& connection) {
          return tpl::get_template(connection, tpl::clone_template(connection, actor, id, name));
        });
        return common::created(fmt::format("/api/v1/audits/templates/{}", detail.row.id),
                               detail_json(detail));
      }});
  server.add_route(http::Route{
      .method = "GET",
      .pattern = "/api/v1/audits/templates/{id}/versions",
      .summary = "Published versions of a template",
      .tag = "audits",
      .permission = "audits:read",
      .response_schema = "AuditTemplateVersionList",
      .handler = [](http::RequestContext& context) {
        const auto id = context.id_param("id");
        auto connection = context.pool().acquire();
        static_cast<void>(tpl::get_template(*connection, id));  // 404 for an unknown template
        nlohmann::json items = nlohmann::json::array();
        for (const auto& version : store_audits::list_versions(*connection, id)) {
          items.push_back({{"id", version.id},
                           {"version_number", version.version_number},
                           {"published_at", version.published_at},
                           {"published_by_id", common::or_null(version.published_by_id)}});
        }
        const auto total = static_cast<std::int64_t>(items.size());
        return http::json_response(200, {{"items", std::move(items)}, {"total", total}});
      }});
  server.add_route(http::Route{
      .method = "GET",
      .pattern = "/api/v1/audits/templates/{id}/versions/{number}",
      .summary = "One frozen version: the snapshot runs use",
      .tag = "audits",
      .permission = "audits:read",
      .response_schema = "AuditTemplateVersion",
      .handler = [](http::RequestContext& context) {
        const auto id = context.id_param("id");
        const auto number = context.id_param("number");
        auto connection = context.pool().acquire();
        const auto version = store_audits::find_version(
            *connection, id, static_cast<int>(std::min<std::int64_t>(number, 1000000)));
        if (!version) {
          throw core::NotFound(fmt::format("template {} has no version {}", id, number));
        }
        return http::json_response(200,
                                   {{"id", version->id},
                                    {"version_number", version->version_number},
                                    {"published_at", version->published_at},
                                    {"published_by_id", common::or_null(version->published_by_id)},
                                    {"content", nlohmann::json::parse(version->content)}});
      }});
}

void add_part_routes(http::Server& server) {
  const std::string base = "/api/v1/audits/templates/{id}";
  server.add_route(http::Route{
      .method = "POST",
      .pattern = base + "/sections",
      .summary = "Add a section",
      .tag = "audits",
      .permission = "audits:write",
      .request_schema = "AuditSectionWrite",
      .response_schema = "AuditTemplate",
      .success_status = 201,
      .handler = [](http::RequestContext& context) {
        const auto id = context.id_param("id");
        const auto body = http::parse_json_object(context.request().body);
        http::JsonReader reader(body);
        require(reader, "title");
        const auto fields = tpl::apply_patch(tpl::SectionFields{}, read_section(reader));
        reader.finish();
        const auto actor = common::actor_of(context);
        const auto detail = common::in_transaction(context, [&](db::Connection& connection) {
          tpl::add_section(connection, actor, id, fields);
          return tpl::get_template(connection, id);
        });
        return common::created(fmt::format("/api/v1/audits/templates/{}", id), detail_json(detail));
      }});
  server.add_route(http::Route{
      .method = "PATCH",
      .pattern = base + "/sections/{section_id}",
      .summary = "Change a section: only the fields sent change (send the section's version)",
      .tag = "audits",
      .permission = "audits:write",
      .request_schema = "AuditSectionUpdate",
      .response_schema = "AuditTemplate",
      .handler = [](http::RequestContext& context) {
        const auto id = context.id_param("id");
        const auto section = context.id_param("section_id");
        const auto body = http::parse_json_object(context.request().body);
        http::JsonReader reader(body);
        const auto version = reader.required_int("version", 1, kMaxId);
        const auto patch = read_section(reader);
        reader.finish();
        const auto actor = common::actor_of(context);
        return http::json_response(
            200, detail_json(common::in_transaction(context, [&](db::Connection& connection) {
              tpl::update_section(connection, actor, id, section, version, patch);
              return tpl::get_template(connection, id);
            })));
      }});
  server.add_route(http::Route{.method = "DELETE",
                               .pattern = base + "/sections/{section_id}",
                               .summary = "Archive a section and its questions",
                               .tag = "audits",
                               .permission = "audits:write",
                               .success_status = 204,
                               .handler = [](http::RequestContext& context) {
                                 const auto id = context.id_param("id");
                                 const auto section = context.id_param("section_id");
                                 const auto actor = common::actor_of(context);
                                 common::in_transaction(context, [&](db::Connection& connection) {
                                   tpl::remove_section(connection, actor, id, section);
                                   return 0;
                                 });
                                 return common::no_content();
                               }});
  server.add_route(http::Route{
      .method = "POST",
      .pattern = base + "/questions",
      .summary = "Add a question (options, clause and control links in the body)",
      .tag = "audits",
      .permission = "audits:write",
      .request_schema = "AuditQuestionWrite",
      .response_schema = "AuditTemplate",
      .success_status = 201,
      .handler = [](http::RequestContext& context) {
        const auto id = context.id_param("id");
        const auto body = http::parse_json_object(context.request().body);
        http::JsonReader reader(body);
        require(reader, "question_text");
        const auto fields = tpl::apply_patch(tpl::QuestionFields{}, read_question(reader, body));
        reader.finish();
        const auto actor = common::actor_of(context);
        const auto detail = common::in_transaction(context, [&](db::Connection& connection) {
          tpl::add_question(connection, actor, id, fields);
          return tpl::get_template(connection, id);
        });
        return common::created(fmt::format("/api/v1/audits/templates/{}", id), detail_json(detail));
      }});
  server.add_route(http::Route{
      .method = "PUT",
      .pattern = base + "/questions/{question_id}",
      .summary = "Replace a question: fields left out get their defaults (options matched by "
                 "value; removed ones are archived; send the question's version)",
      .tag = "audits",
      .permission = "audits:write",
      .request_schema = "AuditQuestionReplace",
      .response_schema = "AuditTemplate",
      .handler = [](http::RequestContext& context) {
        const auto id = context.id_param("id");
        const auto question = context.id_param("question_id");
        const auto body = http::parse_json_object(context.request().body);
        http::JsonReader reader(body);
        const auto version = reader.required_int("version", 1, kMaxId);
        require(reader, "question_text");
        const auto fields = tpl::apply_patch(tpl::QuestionFields{}, read_question(reader, body));
        reader.finish();
        const auto actor = common::actor_of(context);
        return http::json_response(
            200, detail_json(common::in_transaction(context, [&](db::Connection& connection) {
              tpl::update_question(connection, actor, id, question, version, fields);
              return tpl::get_template(connection, id);
            })));
      }});
  server.add_route(http::Route{
      .method = "PATCH",
      .pattern = base + "/questions/{question_id}",
      .summary = "Change a question: only the fields sent change, null clears a nullable one "
                 "(options, when sent, replace them all; send the question's version)",
      .tag = "audits",
      .permission = "audits:write",
      .request_schema = "AuditQuestionUpdate",
      .response_schema = "AuditTemplate",
      .handler = [](http::RequestContext& context) {
        const auto id = context.id_param("id");
        const auto question = context.id_param("question_id");
        const auto body = http::parse_json_object(context.request().body);
        http::JsonReader reader(body);
        const auto version = reader.required_int("version", 1, kMaxId);
        const auto patch = read_question(reader, body);
        reader.finish();
        const auto actor = common::actor_of(context);
        return http::json_response(
            200, detail_json(common::in_transaction(context, [&](db::Connection& connection) {
              tpl::patch_question(connection, actor, id, question, version, patch);
              return tpl::get_template(connection, id);
            })));
      }});
  server.add_route(
      http::Route{.method = "DELETE",
                  .pattern = base + "/questions/{question_id}",
                  .summary = "Archive a question (answers in past runs keep pointing at it)",
                  .tag = "audits",
                  .permission = "audits:write",
                  .success_status = 204,
                  .handler = [](http::RequestContext& context) {
                    const auto id = context.id_param("id");
                    const auto question = context.id_param("question_id");
                    const auto actor = common::actor_of(context);
                    common::in_transaction(context, [&](db::Connection& connection) {
                      tpl::remove_question(connection, actor, id, question);
                      return 0;
                    });
                    return common::no_content();
                  }});
}

}  // namespace

void register_template_routes(http::Server& server, const core::Config& /*config*/) {
  add_schemas(server);
  add_template_routes(server);
  add_part_routes(server);
  audit::add_history_route(server, "/api/v1/audits/templates/{id}/history", "audit_template",
                           "audits:read", "audits");
}

}  // namespace qgp::api::audits
