#include "api/audits/run_routes.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/audits/patch_fields.hpp"
#include "api/common/actor.hpp"
#include "api/common/json.hpp"
#include "api/common/list.hpp"
#include "api/kit/routes.hpp"
#include "core/config.hpp"
#include "core/errors.hpp"
#include "db/pool.hpp"
#include "domain/audits/run_service.hpp"
#include "domain/audits/scoring.hpp"
#include "http/json_body.hpp"
#include "http/query.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace qgp::api::audits {

namespace {

namespace da = domain::audits;
using nlohmann::json;

constexpr std::string_view kBase = "/api/v1/audits/runs";
constexpr std::string_view kTag = "audits";
constexpr std::string_view kRead = "audits:read";
constexpr std::string_view kConduct = "audits:conduct";
constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
constexpr std::size_t kMaxOptionIds = 100;
constexpr std::size_t kMaxNotes = 10000;

const std::vector<std::string> kSortable = {"reference_number", "title",           "status",
                                            "scheduled_date",   "due_date",        "created_at",
                                            "updated_at",       "score_percentage"};
const std::set<std::string, std::less<>> kListParams = {
    "page",           "page_size",  "sort",      "status",  "template_id",
    "assigned_to_id", "due_before", "due_after", "overdue", "q"};

// --- rendering ---------------------------------------------------------------------------------

template <typename T>
json nullable(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json run_json(const da::RunRecord& run) {
  return json{{"id", run.id},
              {"reference_number", run.reference_number},
              {"template_id", run.template_id},
              {"template_version_id", run.template_version_id},
              // The published version the run was scheduled against (pinned; see run_service.hpp).
              {"template_version", run.template_version_number},
              {"template_version_number", run.template_version_number},
              {"template_name", run.template_name},
              {"title", run.title},
              {"status", run.status},
              {"location", nullable(run.location)},
              {"location_details", nullable(run.location_details)},
              {"latitude", nullable(run.latitude)},
              {"longitude", nullable(run.longitude)},
              {"scheduled_date", nullable(run.scheduled_date)},
              {"due_date", nullable(run.due_date)},
              {"is_overdue", run.is_overdue},
              {"assigned_to_id", nullable(run.assigned_to_id)},
              {"started_at", nullable(run.started_at)},
              {"completed_at", nullable(run.completed_at)},
              {"completed_by_id", nullable(run.completed_by_id)},
              {"cancelled_at", nullable(run.cancelled_at)},
              {"cancelled_by_id", nullable(run.cancelled_by_id)},
              {"cancellation_reason", nullable(run.cancellation_reason)},
              {"score", nullable(run.score)},
              {"max_score", nullable(run.max_score)},
              {"score_percentage", nullable(run.score_percentage)},
              {"passed", nullable(run.passed)},
              {"notes", nullable(run.notes)},
              {"created_at", run.created_at},
              {"updated_at", run.updated_at},
              {"created_by_id", nullable(run.created_by_id)},
              {"updated_by_id", nullable(run.updated_by_id)},
              {"version", run.version}};
}

json response_json(const da::ResponseRecord& response) {
  json value = nullptr;
  if (response.response_bool) {
    value = *response.response_bool;
  } else if (response.response_number) {
    value = *response.response_number;
  } else if (response.response_date) {
    value = *response.response_date;
  } else if (response.response_text) {
    value = *response.response_text;
  }
  return json{{"id", response.id},
              {"question_id", response.question_id},
              {"value", value},
              {"option_ids", response.option_ids},
              {"is_na", response.is_na},
              {"score", nullable(response.score)},
              {"max_score", nullable(response.max_score)},
              {"notes", nullable(response.notes)},
              {"answered_at", response.answered_at},
              {"answered_by_id", nullable(response.answered_by_id)},
              {"version", response.version},
              {"created_at", response.created_at},
              {"updated_at", response.updated_at}};
}

json detail_json(const da::RunDetail& detail) {
  auto body = run_json(detail.run);
  body["question_count"] = detail.run.question_count;
  body["response_count"] = detail.run.response_count;
  body["completion_percentage"] =
      detail.run.question_count == 0
          ? 0.0
          : da::round_half_up(static_cast<double>(detail.run.response_count) * 100.0
                              / static_cast<double>(detail.run.question_count));
  json responses = json::array();
  for (const auto& response : detail.responses) {
    responses.push_back(response_json(response));
  }
  body["responses"] = std::move(responses);
  json targets = json::array();
  for (const auto target : detail.allowed_targets) {
    targets.push_back(da::to_string(target));
  }
  body["allowed_transitions"] = std::move(targets);
  json items = json::array();
  std::map<std::string, std::int64_t> by_grade;
  std::map<std::string, std::int64_t> by_status;
  std::int64_t open = 0;
  for (const auto& finding : detail.findings) {
    ++by_grade[finding.grade];
    ++by_status[finding.status];
    open += finding.status == "closed" ? 0 : 1;
    items.push_back(json{{"id", finding.id},
                         {"reference_number", finding.reference_number},
                         {"title", finding.title},
                         {"grade", finding.grade},
                         {"status", finding.status},
                         {"question_id", nullable(finding.question_id)},
                         {"response_id", nullable(finding.response_id)},
                         {"is_auto_created", finding.is_auto_created}});
  }
  body["findings_summary"] = json{{"total", detail.findings.size()},
                                  {"open", open},
                                  {"by_grade", by_grade},
                                  {"by_status", by_status},
                                  {"items", std::move(items)}};
  return body;
}

// --- parsing -----------------------------------------------------------------------------------

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

// A text field limited in characters (the database counts characters, JsonReader bytes). An empty
// or blank value is refused: clear an optional field with null.
std::optional<std::string> text_field(http::JsonReader& reader, std::string_view field,
                                      std::size_t max_chars) {
  auto text = reader.optional_string(field, max_chars * 4);
  if (!text) {
    return std::nullopt;
  }
  if (text->find_first_not_of(" \t\r\n") == std::string::npos) {
    reader.add_error(field, "must not be empty (use null to clear it)");
    return std::nullopt;
  }
  if (code_points(*text) > max_chars) {
    reader.add_error(field, fmt::format("must be at most {} characters", max_chars));
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> date_field(http::JsonReader& reader, std::string_view field) {
  auto text = reader.optional_string(field, 32);
  if (text && !da::is_iso_date(*text)) {
    reader.add_error(field, "must be a date YYYY-MM-DD");
    return std::nullopt;
  }
  return text;
}

json body_of(const http::RequestContext& ctx) {
  return http::parse_json_object(ctx.request().body);
}

// Verbs accept an empty body (nothing to say) or a JSON object.
json optional_body_of(const http::RequestContext& ctx) {
  if (ctx.request().body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return json::object();
  }
  return body_of(ctx);
}

da::ScheduleRunInput parse_schedule(const json& body) {
  http::JsonReader reader(body);
  da::ScheduleRunInput input;
  input.template_id = reader.required_int("template_id", 1, kMaxId);
  if (!reader.present("title") || reader.is_null("title")) {
    reader.add_error("title", "is required");
  } else {
    input.fields.title = text_field(reader, "title", 300).value_or("");
  }
  auto& f = input.fields;
  f.assigned_to_id = reader.optional_int("assigned_to_id", 1, kMaxId);
  f.scheduled_date = date_field(reader, "scheduled_date");
  f.due_date = date_field(reader, "due_date");
  f.location = text_field(reader, "location", 200);
  f.location_details = text_field(reader, "location_details", 500);
  f.latitude = reader.optional_number("latitude", -90, 90);
  f.longitude = reader.optional_number("longitude", -180, 180);
  f.notes = text_field(reader, "notes", kMaxNotes);
  reader.finish();
  return input;
}

da::RunPatch parse_patch(const json& body) {
  http::JsonReader reader(body);
  da::RunPatch patch;
  patch.version = static_cast<int>(reader.required_int("version", 1, 2147483647));
  patch.title = non_null_field(reader, "title", [&] { return text_field(reader, "title", 300); });
  patch.assigned_to_id = patch_field(
      reader, "assigned_to_id", [&] { return reader.optional_int("assigned_to_id", 1, kMaxId); });
  patch.scheduled_date =
      patch_field(reader, "scheduled_date", [&] { return date_field(reader, "scheduled_date"); });
  patch.due_date = patch_field(reader, "due_date", [&] { return date_field(reader, "due_date"); });
  patch.location =
      patch_field(reader, "location", [&] { return text_field(reader, "location", 200); });
  patch.location_details = patch_field(reader, "location_details",
                                       [&] { return text_field(reader, "location_details", 500); });
  patch.latitude =
      patch_field(reader, "latitude", [&] { return reader.optional_number("latitude", -90, 90); });
  patch.longitude = patch_field(reader, "longitude",
                                [&] { return reader.optional_number("longitude", -180, 180); });
  patch.notes =
      patch_field(reader, "notes", [&] { return text_field(reader, "notes", kMaxNotes); });
  refuse_status(reader, "use the run's verbs (start, complete, cancel, approve, reject)");
  reader.finish();
  return patch;
}

da::AnswerInput parse_answer(const json& body) {
  http::JsonReader reader(body);
  da::AnswerInput input;
  if (reader.present("value")) {
    const auto& value = body.at("value");
    if (value.is_boolean()) {
      input.value = value.get<bool>();
    } else if (value.is_number()) {
      input.value = value.get<double>();
    } else if (value.is_string()) {
      input.value = value.get<std::string>();
      if (std::get<std::string>(input.value).find('\0') != std::string::npos) {
        reader.add_error("value", "must not contain NUL characters");
      }
    } else if (!value.is_null()) {
      reader.add_error("value", "must be a boolean, a number or a string");
    }
  }
  if (reader.present("option_ids") && !reader.is_null("option_ids")) {
    const auto& ids = body.at("option_ids");
    if (!ids.is_array() || ids.size() > kMaxOptionIds) {
      reader.add_error("option_ids",
                       fmt::format("must be an array of at most {} option ids", kMaxOptionIds));
    } else {
      std::vector<std::int64_t> parsed;
      for (const auto& id : ids) {
        if (!id.is_number_integer() || id.get<std::int64_t>() < 1) {
          reader.add_error("option_ids", "must contain positive integer ids");
          break;
        }
        parsed.push_back(id.get<std::int64_t>());
      }
      input.option_ids = std::move(parsed);
    }
  }
  input.is_na = reader.optional_bool("is_na").value_or(false);
  input.notes = reader.optional_string("notes", da::kMaxNotesLength * 4);
  reader.finish();
  return input;
}

std::string reason_of(const json& body, std::string_view field, bool required) {
  http::JsonReader reader(body);
  std::optional<std::string> text = reader.optional_string(field, std::size_t{2000} * 4);
  if (required && !text) {
    reader.add_error(field, "is required");
  }
  reader.finish();
  return text.value_or("");
}

std::optional<std::int64_t> id_query(const http::QueryParams& params, std::string_view name,
                                     core::FieldErrors& errors) {
  const auto text = http::single_param(params, name);
  if (!text) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  const auto* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end || value < 1) {
    errors.emplace(name, "must be a positive integer id");
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> date_query(const http::QueryParams& params, std::string_view name,
                                      core::FieldErrors& errors) {
  auto text = http::single_param(params, name);
  if (text && !da::is_iso_date(*text)) {
    errors.emplace(name, "must be a date YYYY-MM-DD");
    return std::nullopt;
  }
  return text;
}

da::RunFilter parse_filter(const http::QueryParams& params) {
  core::FieldErrors errors;
  for (const auto& [name, value] : params) {
    if (!kListParams.contains(name)) {
      errors.emplace(name, "unknown query parameter");
    }
  }
  da::RunFilter filter;
  if (const auto statuses = http::single_param(params, "status")) {
    std::string_view rest = *statuses;
    while (true) {
      const auto comma = rest.find(',');
      const auto item = rest.substr(0, comma);
      if (!da::parse_run_status(item)) {
        errors.emplace("status",
                       "must be a comma-separated list of: scheduled, in_progress, "
                       "pending_review, completed, cancelled");
        break;
      }
      filter.statuses.emplace_back(item);
      if (comma == std::string_view::npos) {
        break;
      }
      rest.remove_prefix(comma + 1);
    }
  }
  filter.template_id = id_query(params, "template_id", errors);
  filter.assigned_to_id = id_query(params, "assigned_to_id", errors);
  filter.due_before = date_query(params, "due_before", errors);
  filter.due_after = date_query(params, "due_after", errors);
  if (const auto overdue = http::single_param(params, "overdue")) {
    if (*overdue == "true" || *overdue == "false") {
      filter.overdue = *overdue == "true";
    } else {
      errors.emplace("overdue", "must be true or false");
    }
  }
  if (auto q = http::single_param(params, "q")) {
    if (q->size() > 200) {
      errors.emplace("q", "must be at most 200 bytes");
    } else if (!q->empty()) {
      filter.q = std::move(q);
    }
  }
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
  return filter;
}

// --- handlers ----------------------------------------------------------------------------------

std::string run_path(std::int64_t id) {
  return fmt::format("{}/{}", kBase, id);
}

http::Response detail_response(db::Connection& connection, std::int64_t id, int status = 200) {
  return http::json_response(status, detail_json(da::get_run(connection, id)));
}

http::Response create_run(http::RequestContext& ctx) {
  const auto input = parse_schedule(body_of(ctx));
  auto connection = ctx.pool().acquire();
  const auto id = da::schedule_run(*connection, common::actor_of(ctx), input);
  auto response = detail_response(*connection, id, 201);
  response.set_header("Location", run_path(id));
  return response;
}

http::Response list(http::RequestContext& ctx) {
  const auto params = http::parse_query(ctx.request().query);
  const auto query = http::parse_list_query(params, kSortable);
  const auto filter = parse_filter(params);
  std::vector<store::common::SortKey> sort;
  sort.reserve(query.sort.size());
  for (const auto& key : query.sort) {
    sort.push_back({.field = key.field, .descending = key.descending});
  }
  auto connection = ctx.pool().acquire();
  const auto page = da::list_runs(*connection, filter, sort, common::page_of(query));
  json items = json::array();
  for (const auto& run : page.items) {
    items.push_back(run_json(run));
  }
  return http::json_response(200, http::list_envelope(std::move(items), page.total, query));
}

http::Response get(http::RequestContext& ctx) {
  const auto id = ctx.id_param("id");
  auto connection = ctx.pool().acquire();
  return detail_response(*connection, id);
}

http::Response patch(http::RequestContext& ctx) {
  const auto id = ctx.id_param("id");
  const auto input = parse_patch(body_of(ctx));
  auto connection = ctx.pool().acquire();
  da::update_run(*connection, common::actor_of(ctx), id, input);
  return detail_response(*connection, id);
}

http::Response start(http::RequestContext& ctx) {
  const auto id = ctx.id_param("id");
  const auto body = optional_body_of(ctx);
  http::JsonReader reader(body);
  da::StartInput input;
  input.latitude = reader.optional_number("latitude", -90, 90);
  input.longitude = reader.optional_number("longitude", -180, 180);
  reader.finish();
  auto connection = ctx.pool().acquire();
  da::start_run(*connection, common::actor_of(ctx), id, input);
  return detail_response(*connection, id);
}

http::Response answer(http::RequestContext& ctx) {
  const auto id = ctx.id_param("id");
  const auto question_id = ctx.id_param("question_id");
  const auto input = parse_answer(body_of(ctx));
  auto connection = ctx.pool().acquire();
  const auto stored =
      da::answer_question(*connection, common::actor_of(ctx), id, question_id, input);
  if (stored.created) {
    return common::created(fmt::format("{}/{}/responses/{}", kBase, id, question_id),
                           response_json(stored.response));
  }
  return http::json_response(200, response_json(stored.response));
}

http::Response complete(http::RequestContext& ctx) {
  const auto id = ctx.id_param("id");
  const auto body = optional_body_of(ctx);
  http::JsonReader reader(body);
  reader.finish();  // no fields: completion takes nothing from the client
  auto connection = ctx.pool().acquire();
  da::complete_run(*connection, common::actor_of(ctx), id);
  return detail_response(*connection, id);
}

http::Response approve(http::RequestContext& ctx) {
  const auto id = ctx.id_param("id");
  const auto note = reason_of(optional_body_of(ctx), "note", false);
  auto connection = ctx.pool().acquire();
  da::approve_run(*connection, common::actor_of(ctx), id,
                  note.empty() ? std::nullopt : std::optional<std::string>(note));
  return detail_response(*connection, id);
}

http::Response reject(http::RequestContext& ctx) {
  const auto id = ctx.id_param("id");
  const auto reason = reason_of(body_of(ctx), "reason", true);
  auto connection = ctx.pool().acquire();
  da::reject_run(*connection, common::actor_of(ctx), id, reason);
  return detail_response(*connection, id);
}

http::Response cancel(http::RequestContext& ctx) {
  const auto id = ctx.id_param("id");
  const auto reason = reason_of(body_of(ctx), "reason", true);
  auto connection = ctx.pool().acquire();
  da::cancel_run(*connection, common::actor_of(ctx), id, reason);
  return detail_response(*connection, id);
}

// --- OpenAPI components ------------------------------------------------------------------------

json nullable_type(std::string_view type) {
  return json{{"type", json::array({type, "null"})}};
}

void add_schemas(http::Server& server) {
  const json string = {{"type", "string"}};
  const json integer = {{"type", "integer"}};
  const json number = {{"type", "number"}};
  const json boolean = {{"type", "boolean"}};
  const json date = {{"type", json::array({"string", "null"})}, {"format", "date"}};
  const json status = {
      {"type", "string"},
      {"enum", {"scheduled", "in_progress", "pending_review", "completed", "cancelled"}}};
  const json pinned_version = {
      {"type", "integer"},
      {"description",
       "The published template version the run was scheduled against. It stays pinned: a "
       "version published later does not change a scheduled or running audit."}};
  json run_properties = {{"id", integer},
                         {"reference_number", string},
                         {"template_id", integer},
                         {"template_version_id", integer},
                         {"template_version", pinned_version},
                         {"template_version_number", integer},
                         {"template_name", string},
                         {"title", string},
                         {"status", status},
                         {"location", nullable_type("string")},
                         {"location_details", nullable_type("string")},
                         {"latitude", nullable_type("number")},
                         {"longitude", nullable_type("number")},
                         {"scheduled_date", date},
                         {"due_date", date},
                         {"is_overdue", boolean},
                         {"assigned_to_id", nullable_type("integer")},
                         {"started_at", nullable_type("string")},
                         {"completed_at", nullable_type("string")},
                         {"completed_by_id", nullable_type("integer")},
                         {"cancelled_at", nullable_type("string")},
                         {"cancelled_by_id", nullable_type("integer")},
                         {"cancellation_reason", nullable_type("string")},
                         {"score", nullable_type("number")},
                         {"max_score", nullable_type("number")},
                         {"score_percentage", nullable_type("number")},
                         {"passed", nullable_type("boolean")},
                         {"notes", nullable_type("string")},
                         {"created_at", string},
                         {"updated_at", string},
                         {"created_by_id", nullable_type("integer")},
                         {"updated_by_id", nullable_type("integer")},
                         {"version", integer}};
  server.add_schema("AuditRun", {{"type", "object"}, {"properties", run_properties}});
  const json response_properties = {
      {"id", integer},
      {"question_id", integer},
      {"value", {{"type", json::array({"boolean", "number", "string", "null"})}}},
      {"option_ids", {{"type", "array"}, {"items", integer}}},
      {"is_na", boolean},
      {"score", nullable_type("number")},
      {"max_score", nullable_type("number")},
      {"notes", nullable_type("string")},
      {"answered_at", string},
      {"answered_by_id", nullable_type("integer")},
      {"version", integer},
      {"created_at", string},
      {"updated_at", string}};
  server.add_schema("AuditRunResponse", {{"type", "object"}, {"properties", response_properties}});
  auto detail_properties = run_properties;
  detail_properties["question_count"] = integer;
  detail_properties["response_count"] = integer;
  detail_properties["completion_percentage"] = number;
  detail_properties["responses"] = {{"type", "array"},
                                    {"items", {{"$ref", "#/components/schemas/AuditRunResponse"}}}};
  detail_properties["allowed_transitions"] = {{"type", "array"}, {"items", status}};
  detail_properties["findings_summary"] = {
      {"type", "object"},
      {"properties",
       {{"total", integer},
        {"open", integer},
        {"by_grade", {{"type", "object"}}},
        {"by_status", {{"type", "object"}}},
        {"items", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}};
  server.add_schema("AuditRunDetail", {{"type", "object"}, {"properties", detail_properties}});
  server.add_schema(
      "AuditRunList",
      {{"type", "object"},
       {"properties",
        {{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/AuditRun"}}}}},
         {"total", integer},
         {"page", integer},
         {"page_size", integer},
         {"pages", integer}}}});
  const json schedule_properties = {{"template_id", integer},
                                    {"title", {{"type", "string"}, {"maxLength", 300}}},
                                    {"assigned_to_id", nullable_type("integer")},
                                    {"scheduled_date", date},
                                    {"due_date", date},
                                    {"location", nullable_type("string")},
                                    {"location_details", nullable_type("string")},
                                    {"latitude", nullable_type("number")},
                                    {"longitude", nullable_type("number")},
                                    {"notes", nullable_type("string")}};
  server.add_schema("AuditRunCreate", {{"type", "object"},
                                       {"required", {"template_id", "title"}},
                                       {"additionalProperties", false},
                                       {"properties", schedule_properties}});
  auto patch_properties = schedule_properties;
  patch_properties.erase("template_id");
  patch_properties["version"] = integer;
  server.add_schema("AuditRunUpdate", {{"type", "object"},
                                       {"required", {"version"}},
                                       {"additionalProperties", false},
                                       {"properties", patch_properties}});
  server.add_schema("AuditRunAnswer",
                    {{"type", "object"},
                     {"additionalProperties", false},
                     {"properties",
                      {{"value", {{"type", json::array({"boolean", "number", "string", "null"})}}},
                       {"option_ids", {{"type", "array"}, {"items", integer}}},
                       {"is_na", boolean},
                       {"notes", nullable_type("string")}}}});
  server.add_schema("AuditRunStart",
                    {{"type", "object"},
                     {"additionalProperties", false},
                     {"properties", {{"latitude", number}, {"longitude", number}}}});
  server.add_schema("AuditRunReason", {{"type", "object"},
                                       {"required", {"reason"}},
                                       {"additionalProperties", false},
                                       {"properties", {{"reason", string}}}});
  server.add_schema(
      "AuditRunApproval",
      {{"type", "object"}, {"additionalProperties", false}, {"properties", {{"note", string}}}});
}

http::Route route(std::string method, std::string pattern, std::string summary,
                  std::string_view permission, std::string request_schema,
                  std::string response_schema, http::Handler handler, int success = 200) {
  return http::Route{.method = std::move(method),
                     .pattern = std::move(pattern),
                     .summary = std::move(summary),
                     .tag = std::string(kTag),
                     .permission = std::string(permission),
                     .request_schema = std::move(request_schema),
                     .response_schema = std::move(response_schema),
                     .success_status = success,
                     .handler = std::move(handler)};
}

}  // namespace

void register_run_routes(http::Server& server, const core::Config& config) {
  static_cast<void>(config);
  add_schemas(server);
  const std::string base(kBase);
  const std::string one = base + "/{id}";
  server.add_route(route("GET", base,
                         "List audit runs (filters: status, template_id, "
                         "assigned_to_id, due_before, due_after, overdue, q)",
                         kRead, "", "AuditRunList", list));
  server.add_route(route("POST", base,
                         "Schedule an audit run of a published template, pinned to its current "
                         "published version (template_version)",
                         kConduct, "AuditRunCreate", "AuditRunDetail", create_run, 201));
  server.add_route(route("GET", one, "An audit run with its responses, score and findings", kRead,
                         "", "AuditRunDetail", get));
  server.add_route(route("PATCH", one, "Edit the schedule of an audit run (needs version)",
                         kConduct, "AuditRunUpdate", "AuditRunDetail", patch));
  server.add_route(route("POST", one + "/start", "Start a scheduled audit run", kConduct,
                         "AuditRunStart", "AuditRunDetail", start));
  auto answer_route = route("PUT", one + "/responses/{question_id}",
                            "Answer (201 + Location) or re-answer (200) one question of an "
                            "in-progress run",
                            kConduct, "AuditRunAnswer", "AuditRunResponse", answer);
  answer_route.may_create = true;
  server.add_route(std::move(answer_route));
  server.add_route(route("POST", one + "/complete",
                         "Complete a run: check required answers, score, raise findings", kConduct,
                         "", "AuditRunDetail", complete));
  server.add_route(route("POST", one + "/approve", "Approve a run pending review", kConduct,
                         "AuditRunApproval", "AuditRunDetail", approve));
  server.add_route(route("POST", one + "/reject", "Send a run pending review back to in_progress",
                         kConduct, "AuditRunReason", "AuditRunDetail", reject));
  server.add_route(route("POST", one + "/cancel", "Cancel a scheduled or in-progress run", kConduct,
                         "AuditRunReason", "AuditRunDetail", cancel));
  kit::Routes(server, std::string(kTag)).history(base, "audit_run", std::string(kRead));
}

}  // namespace qgp::api::audits
