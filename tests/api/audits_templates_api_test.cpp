// The template builder through the real binary: build, publish, read the frozen version, clone;
// partial PATCH with optimistic concurrency on templates, sections and questions; writes need
// audits:write.
#include <stdexcept>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "db/connection.hpp"
#include "support/api_session.hpp"
#include "support/json_api.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

TEST(TemplatesApi, BuildPublishReadTheVersionAndClone) {
  TestDatabase database;
  ServerProcess server(api_server_env(database));
  const auto port = server.port();
  const auto builder = create_api_user(database, port, {"audits:read", "audits:write"});
  const auto reader = create_api_user(database, port, {"audits:read"});
  const auto auth = builder.auth_header();

  EXPECT_EQ(
      send(port, "POST", "/api/v1/audits/templates", {{"name", "x"}}, reader.auth_header()).status,
      403);
  const auto created =
      send(port, "POST", "/api/v1/audits/templates",
           {{"name", "Warehouse safety"}, {"scoring_method", "percentage"}, {"passing_score", 75}},
           auth);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = json_of(created)["id"].get<std::int64_t>();
  EXPECT_TRUE(json_of(created)["reference_number"].get<std::string>().starts_with("TPL-"));
  const auto base = fmt::format("/api/v1/audits/templates/{}", id);

  EXPECT_EQ(send(port, "POST", base + "/publish", nlohmann::json::object(), auth).status, 422);
  const auto invalid = send(port, "POST", base + "/questions",
                            {{"question_text", "Racking damage?"},
                             {"question_type", "yes_no"},
                             {"options", {{{"label", "Yes"}}}}},
                            auth);
  EXPECT_EQ(invalid.status, 422) << invalid.body;
  const auto section = send(port, "POST", base + "/sections", {{"title", "Racking"}}, auth);
  ASSERT_EQ(section.status, 201) << section.body;
  const auto section_id = json_of(section)["sections"][0]["id"].get<std::int64_t>();
  const auto question = send(port, "POST", base + "/questions",
                             {{"section_id", section_id},
                              {"question_text", "Racking condition"},
                              {"question_type", "choice"},
                              {"options",
                               {{{"label", "Good"}, {"value", "good"}, {"score", 1}},
                                {{"label", "Damaged"},
                                 {"value", "damaged"},
                                 {"score", 0},
                                 {"triggers_finding", true},
                                 {"finding_grade", "major_nonconformity"}}}}},
                             auth);
  ASSERT_EQ(question.status, 201) << question.body;
  EXPECT_EQ(json_of(question)["questions"][0]["options"].size(), 2U);

  const auto published = send(port, "POST", base + "/publish", nlohmann::json::object(), auth);
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(json_of(published)["status"], "published");
  EXPECT_EQ(json_of(published)["published_version_number"], 1);
  const auto version =
      json_of(http_request(port, "GET", base + "/versions/1", {}, reader.auth_header()));
  EXPECT_EQ(version["content"]["questions"][0]["options"][1]["finding_grade"],
            "major_nonconformity");
  EXPECT_EQ(version["content"]["template"]["passing_score"], 75);

  const auto clone = send(port, "POST", base + "/clone", {{"name", "Warehouse safety v2"}}, auth);
  ASSERT_EQ(clone.status, 201) << clone.body;
  EXPECT_EQ(json_of(clone)["status"], "draft");
  EXPECT_EQ(json_of(clone)["passing_score"], 75);
  EXPECT_EQ(json_of(clone)["questions"][0]["options"].size(), 2U);
  const auto listed = json_of(
      http_request(port, "GET", "/api/v1/audits/templates?q=warehouse", {}, reader.auth_header()));
  EXPECT_EQ(listed["total"], 2);
  const auto history =
      json_of(http_request(port, "GET", base + "/history", {}, reader.auth_header()));
  EXPECT_EQ(history["items"][0]["action"], "create");
  EXPECT_EQ(history["items"][history["items"].size() - 1]["action"], "publish");
}

const nlohmann::json& question_named(const nlohmann::json& detail, const std::string& text) {
  for (const auto& question : detail["questions"]) {
    if (question["question_text"] == text) {
      return question;
    }
  }
  throw std::runtime_error("no question " + text + " in " + detail.dump());
}

TEST(TemplatesApi, PatchIsPartialVersionedAndAuditedWithBeforeAndAfter) {
  TestDatabase database;
  std::int64_t standard = 0;
  {
    db::Connection connection(database.url());
    standard = connection
                   .exec(
                       "INSERT INTO standards (code, name, full_name, edition) VALUES "
                       "('ISO9001', 'ISO 9001', 'Quality management systems', '2015') "
                       "RETURNING id")
                   .int64(0, 0);
  }
  ServerProcess server(api_server_env(database));
  const auto port = server.port();
  const auto auth = create_api_user(database, port, {"audits:read", "audits:write"}).auth_header();
  const auto call = [&](const std::string& method, const std::string& path,
                        const nlohmann::json& body, int status) {
    const auto response = send(port, method, path, body, auth);
    EXPECT_EQ(response.status, status) << method << " " << path << ": " << response.body;
    return response.body.empty() ? nlohmann::json() : json_of(response);
  };

  // allow_offline and the standards a template covers: set on create, returned, validated.
  EXPECT_EQ(
      call("POST", "/api/v1/audits/templates",
           {{"name", "Bad links"}, {"standard_ids", {standard + 1000}}}, 422)["details"]["fields"]
          .contains("standard_ids"),
      true);
  auto detail = call("POST", "/api/v1/audits/templates",
                     {{"name", "Supplier audit"},
                      {"description", "Yearly"},
                      {"scoring_method", "percentage"},
                      {"passing_score", 75},
                      {"allow_offline", true},
                      {"standard_ids", {standard}}},
                     201);
  EXPECT_EQ(detail["allow_offline"], true);
  EXPECT_EQ(detail["standard_ids"], nlohmann::json::array({standard}));
  const auto base = fmt::format("/api/v1/audits/templates/{}", detail["id"].get<std::int64_t>());

  // PATCH changes what it names: the pass threshold survives a rename; null clears it.
  detail =
      call("PATCH", base, {{"version", detail["version"]}, {"name", "Supplier audit v2"}}, 200);
  EXPECT_EQ(detail["name"], "Supplier audit v2");
  EXPECT_EQ(detail["passing_score"], 75);
  EXPECT_EQ(detail["description"], "Yearly");
  EXPECT_EQ(detail["allow_offline"], true);
  EXPECT_EQ(detail["standard_ids"], nlohmann::json::array({standard}));
  const auto stale_version = detail["version"].get<std::int64_t>() - 1;
  EXPECT_EQ(
      call("PATCH", base, {{"version", stale_version}, {"name", "Lost update"}}, 409)["error_code"],
      "CONFLICT");
  EXPECT_TRUE(call("PATCH", base, {{"version", detail["version"]}, {"status", "published"}},
                   422)["details"]["fields"]
                  .contains("status"));
  EXPECT_TRUE(call("PATCH", base, {{"version", detail["version"]}, {"name", nullptr}},
                   422)["details"]["fields"]
                  .contains("name"));
  detail = call("PATCH", base,
                {{"version", detail["version"]},
                 {"passing_score", nullptr},
                 {"description", nullptr},
                 {"allow_offline", false},
                 {"standard_ids", nlohmann::json::array()}},
                200);
  EXPECT_EQ(detail["passing_score"], nullptr);
  EXPECT_EQ(detail["description"], nullptr);
  EXPECT_EQ(detail["allow_offline"], false);
  EXPECT_EQ(detail["standard_ids"], nlohmann::json::array());
  EXPECT_EQ(detail["name"], "Supplier audit v2");
  EXPECT_EQ(detail["scoring_method"], "percentage");

  // Sections: partial PATCH with the section's own version; a stale one is a 409.
  detail = call("POST", base + "/sections", {{"title", "Contracts"}, {"weight", 2}}, 201);
  auto section = detail["sections"][0];
  const auto section_path = fmt::format("{}/sections/{}", base, section["id"].get<std::int64_t>());
  EXPECT_EQ(call("PATCH", section_path, {{"title", "No version"}}, 422)["error_code"],
            "VALIDATION_ERROR");
  detail = call("PATCH", section_path,
                {{"version", section["version"]}, {"description", "Signed contracts"}}, 200);
  EXPECT_EQ(detail["sections"][0]["title"], "Contracts");  // kept
  EXPECT_EQ(detail["sections"][0]["weight"], 2);
  EXPECT_EQ(detail["sections"][0]["description"], "Signed contracts");
  EXPECT_EQ(call("PATCH", section_path, {{"version", section["version"]}, {"title", "Stale"}},
                 409)["error_code"],
            "CONFLICT");

  // Questions: PUT replaces, PATCH changes what it names; both need the question's version.
  detail = call("POST", base + "/questions",
                {{"question_text", "Contract signed?"},
                 {"question_type", "choice"},
                 {"description", "Both parties"},
                 {"max_score", 2},
                 {"options",
                  {{{"label", "Yes"}, {"value", "yes"}, {"score", 2}},
                   {{"label", "No"},
                    {"value", "no"},
                    {"score", 0},
                    {"triggers_finding", true},
                    {"finding_grade", "minor_nonconformity"}}}}},
                201);
  auto question = question_named(detail, "Contract signed?");
  const auto question_path =
      fmt::format("{}/questions/{}", base, question["id"].get<std::int64_t>());
  detail =
      call("PATCH", question_path, {{"version", question["version"]}, {"is_critical", true}}, 200);
  const auto patched = question_named(detail, "Contract signed?");
  EXPECT_EQ(patched["is_critical"], true);
  EXPECT_EQ(patched["description"], "Both parties");
  EXPECT_EQ(patched["max_score"], 2);
  EXPECT_EQ(patched["options"].size(), 2U);
  EXPECT_EQ(patched["version"], question["version"].get<std::int64_t>() + 1);
  EXPECT_EQ(call("PATCH", question_path, {{"version", question["version"]}, {"allow_na", true}},
                 409)["error_code"],
            "CONFLICT");
  EXPECT_EQ(call("PUT", question_path,
                 {{"version", question["version"]},
                  {"question_text", "Contract signed?"},
                  {"question_type", "yes_no"}},
                 409)["error_code"],
            "CONFLICT");
  EXPECT_EQ(
      call("PUT", question_path,
           {{"question_text", "Contract signed?"}, {"question_type", "yes_no"}}, 422)["error_code"],
      "VALIDATION_ERROR");
  detail = call("PUT", question_path,
                {{"version", patched["version"]},
                 {"question_text", "Contract signed?"},
                 {"question_type", "yes_no"}},
                200);
  const auto replaced = question_named(detail, "Contract signed?");
  EXPECT_EQ(replaced["question_type"], "yes_no");
  EXPECT_EQ(replaced["description"], nullptr);  // PUT: what is not sent gets its default
  EXPECT_EQ(replaced["options"], nlohmann::json::array());

  // The history records before and after of what changed.
  const auto history = call("GET", base + "/history", nullptr, 200);
  bool saw_threshold = false;
  bool saw_options = false;
  const auto options_field =
      fmt::format("questions[{}].options", question["id"].get<std::int64_t>());
  for (const auto& item : history["items"]) {
    const auto& changes = item["changes"];
    if (changes.contains("passing_score") && item["action"] == "update") {
      EXPECT_EQ(changes["passing_score"], nlohmann::json({{"before", 75}, {"after", nullptr}}));
      saw_threshold = true;
    }
    if (changes.contains(options_field) && changes[options_field]["after"].is_null()) {
      EXPECT_EQ(changes[options_field]["before"],
                R"(yes "Yes" score=2; no "No" score=0 finding=minor_nonconformity)");
      EXPECT_EQ(
          changes[fmt::format("questions[{}].question_type", question["id"].get<std::int64_t>())],
          nlohmann::json({{"before", "choice"}, {"after", "yes_no"}}));
      saw_options = true;
    }
  }
  EXPECT_TRUE(saw_threshold) << history.dump();
  EXPECT_TRUE(saw_options) << history.dump();
}

TEST(TemplatesApi, ListsPageWithTheFullEnvelopeAndRefuseUnknownOrInvalidParameters) {
  TestDatabase database;
  ServerProcess server(api_server_env(database));
  const auto port = server.port();
  const auto auth = create_api_user(database, port, {"audits:read", "audits:write"}).auth_header();
  const auto get = [&](const std::string& path, int status) {
    const auto response = http_request(port, "GET", path, {}, auth);
    EXPECT_EQ(response.status, status) << path << ": " << response.body;
    return json_of(response);
  };
  const auto created = send(port, "POST", "/api/v1/audits/templates",
                            {{"name", "Kitchen hygiene"}, {"audit_type", "inspection"}}, auth);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto base = fmt::format("/api/v1/audits/templates/{}", json_of(created)["id"].get<int>());
  ASSERT_EQ(send(port, "POST", base + "/questions", {{"question_text", "Fridge below 5 C?"}}, auth)
                .status,
            201);

  // The audit_type filter is an enumeration: an unknown value is a 422 naming the values.
  const auto bad_type = get("/api/v1/audits/templates?audit_type=walkabout", 422);
  EXPECT_TRUE(bad_type["details"]["fields"].contains("audit_type"));
  EXPECT_TRUE(
      get("/api/v1/audits/templates?colour=red", 422)["details"]["fields"].contains("colour"));
  EXPECT_EQ(get("/api/v1/audits/templates?audit_type=survey", 200)["total"], 0);
  const auto listed = get("/api/v1/audits/templates?audit_type=inspection&page_size=1", 200);
  EXPECT_EQ(listed["total"], 1);
  EXPECT_EQ(listed["page_size"], 1);
  EXPECT_EQ(listed["pages"], 1);

  // Versions: two published, read a page at a time with the full envelope.
  auto detail = json_of(send(port, "POST", base + "/publish", nlohmann::json::object(), auth));
  detail = json_of(send(port, "PATCH", base,
                        {{"version", detail["version"]}, {"name", "Kitchen hygiene v2"}}, auth));
  ASSERT_EQ(send(port, "POST", base + "/publish", nlohmann::json::object(), auth).status, 200);
  const auto second = get(base + "/versions?page_size=1&page=2", 200);
  EXPECT_EQ(second["total"], 2);
  EXPECT_EQ(second["page"], 2);
  EXPECT_EQ(second["pages"], 2);
  ASSERT_EQ(second["items"].size(), 1U);
  EXPECT_EQ(second["items"][0]["version_number"], 2);
  EXPECT_EQ(get(base + "/versions?sort=-version_number", 200)["items"][0]["version_number"], 2);
  EXPECT_EQ(get(base + "/versions?page=3", 200)["items"], nlohmann::json::array());
  const auto huge = get(base + "/versions?page=99999999999999999999", 422);
  EXPECT_NE(huge["details"]["fields"]["page"].get<std::string>().find("too large"),
            std::string::npos);
  EXPECT_TRUE(
      get(base + "/versions?template_id=1", 422)["details"]["fields"].contains("template_id"));
  get("/api/v1/audits/templates/999999/versions", 404);
  get(base + "/versions/3", 404);
  // The frozen document names what it froze: version 1 keeps the first name.
  EXPECT_EQ(get(base + "/versions/1", 200)["content"]["template"]["name"], "Kitchen hygiene");
}

TEST(TemplatesApi, CloneTakesAnEmptyBodyAsItsDocumentSays) {
  TestDatabase database;
  ServerProcess server(api_server_env(database));
  const auto port = server.port();
  const auto auth = create_api_user(database, port, {"audits:read", "audits:write"}).auth_header();
  const auto created =
      send(port, "POST", "/api/v1/audits/templates", {{"name", "Ladder check"}}, auth);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto base = fmt::format("/api/v1/audits/templates/{}", json_of(created)["id"].get<int>());
  auto headers = auth;
  headers.emplace_back("Content-Type", "application/json");
  const auto empty = http_request(port, "POST", base + "/clone", "", headers);
  ASSERT_EQ(empty.status, 201) << empty.body;
  EXPECT_EQ(json_of(empty)["name"], "Copy of Ladder check");
  EXPECT_EQ(empty.header("Location").value_or(""),
            fmt::format("/api/v1/audits/templates/{}", json_of(empty)["id"].get<int>()));
  EXPECT_EQ(send(port, "POST", base + "/clone", {{"name", ""}}, auth).status, 422);
  EXPECT_EQ(send(port, "POST", base + "/clone", {{"title", "x"}}, auth).status, 422);

  const auto document = json_of(http_request(port, "GET", "/openapi.json", {}, {}));
  const auto& clone = document.at("paths").at("/api/v1/audits/templates/{id}/clone").at("post");
  EXPECT_EQ(clone.at("requestBody").at("required"), false);
  EXPECT_EQ(clone.at("requestBody").at("content").at("application/json").at("schema").at("$ref"),
            "#/components/schemas/AuditTemplateClone");
  EXPECT_FALSE(
      document.at("components").at("schemas").at("AuditTemplateClone").contains("required"));
}

TEST(TemplatesApi, BodiesAreCheckedByTheirDeclarationsNestedOptionsByPath) {
  TestDatabase database;
  ServerProcess server(api_server_env(database));
  const auto port = server.port();
  const auto auth = create_api_user(database, port, {"audits:read", "audits:write"}).auth_header();
  std::string name;
  for (int i = 0; i < 201; ++i) {
    name += "é";
  }
  const auto too_long = send(port, "POST", "/api/v1/audits/templates",
                             {{"name", name}, {"passing_score", 1e8}}, auth);
  ASSERT_EQ(too_long.status, 422);
  EXPECT_TRUE(json_of(too_long)["details"]["fields"].contains("name"));
  EXPECT_TRUE(json_of(too_long)["details"]["fields"].contains("passing_score"));
  name.resize(name.size() - 2);  // 200 code points, 400 bytes
  const auto created = send(port, "POST", "/api/v1/audits/templates", {{"name", name}}, auth);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(json_of(created)["name"], name);
  const auto base = fmt::format("/api/v1/audits/templates/{}", json_of(created)["id"].get<int>());

  nlohmann::json options = nlohmann::json::array();
  options.push_back({{"label", "Good"}});
  options.push_back({{"label", " "}, {"finding_grade", "fatal"}, {"id", 3}});
  const auto nested = send(
      port, "POST", base + "/questions",
      {{"question_text", "Condition"}, {"question_type", "choice"}, {"options", options}}, auth);
  ASSERT_EQ(nested.status, 422) << nested.body;
  const auto fields = json_of(nested)["details"]["fields"];
  EXPECT_TRUE(fields.contains("options[1].label")) << fields;
  EXPECT_TRUE(fields.contains("options[1].finding_grade")) << fields;
  EXPECT_TRUE(fields.contains("options[1].id")) << fields;
  EXPECT_FALSE(fields.contains("options[0].label")) << fields;

  // A section that is archived cannot take questions.
  auto detail = json_of(send(port, "POST", base + "/sections", {{"title", "Old"}}, auth));
  const auto section = detail["sections"][0]["id"].get<int>();
  EXPECT_EQ(
      http_request(port, "DELETE", fmt::format("{}/sections/{}", base, section), {}, auth).status,
      204);
  const auto orphan = send(port, "POST", base + "/questions",
                           {{"question_text", "Where?"}, {"section_id", section}}, auth);
  ASSERT_EQ(orphan.status, 422) << orphan.body;
  EXPECT_TRUE(json_of(orphan)["details"]["fields"].contains("section_id"));
}

TEST(TemplatesApi, AVersionRendersTheDocumentItsSchemaDeclares) {
  TestDatabase database;
  ServerProcess server(api_server_env(database));
  const auto port = server.port();
  const auto auth = create_api_user(database, port, {"audits:read", "audits:write"}).auth_header();
  const auto created = send(port, "POST", "/api/v1/audits/templates", {{"name", "Forklift"}}, auth);
  const auto base = fmt::format("/api/v1/audits/templates/{}", json_of(created)["id"].get<int>());
  // Publishing an empty draft: the 422 its operation documents, each problem by field path.
  const auto refused = send(port, "POST", base + "/publish", nlohmann::json::object(), auth);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(json_of(refused)["details"]["fields"]["questions"].is_string()) << refused.body;
  ASSERT_EQ(send(port, "POST", base + "/questions",
                 {{"question_text", "Horn works?"},
                  {"question_type", "choice"},
                  {"options", {{{"label", "Yes"}}, {{"label", "No"}}}}},
                 auth)
                .status,
            201);
  ASSERT_EQ(send(port, "POST", base + "/publish", nlohmann::json::object(), auth).status, 200);
  const auto version = json_of(http_request(port, "GET", base + "/versions/1", {}, auth));

  const auto document = json_of(http_request(port, "GET", "/openapi.json", {}, {}));
  const auto& schemas = document.at("components").at("schemas");
  const auto& operation =
      document.at("paths").at("/api/v1/audits/templates/{id}/versions/{number}").at("get");
  const auto& publish = document.at("paths").at("/api/v1/audits/templates/{id}/publish").at("post");
  EXPECT_EQ(publish.at("responses")
                .at("422")
                .at("content")
                .at("application/json")
                .at("schema")
                .at("$ref"),
            "#/components/schemas/ValidationError");
  EXPECT_EQ(operation.at("responses")
                .at("200")
                .at("content")
                .at("application/json")
                .at("schema")
                .at("$ref"),
            "#/components/schemas/AuditTemplateVersionDetail");
  // Every key rendered is declared and every declared key rendered, at each level.
  const auto same_keys = [&](const nlohmann::json& value, const std::string& component) {
    const auto& properties = schemas.at(component).at("properties");
    EXPECT_EQ(value.size(), properties.size()) << component << ": " << value.dump();
    for (const auto& item : value.items()) {
      EXPECT_TRUE(properties.contains(item.key())) << component << " lacks " << item.key();
    }
  };
  same_keys(version, "AuditTemplateVersionDetail");
  same_keys(version["content"], "AuditTemplateVersionContent");
  same_keys(version["content"]["template"], "AuditTemplateSnapshot");
  same_keys(version["content"]["questions"][0], "AuditQuestionSnapshot");
  same_keys(version["content"]["questions"][0]["options"][1], "AuditQuestionOptionSnapshot");
  EXPECT_EQ(version["content"]["questions"][0]["options"][1]["value"], "No");
  const auto detail = json_of(http_request(port, "GET", base, {}, auth));
  same_keys(detail, "AuditTemplateDetail");
  same_keys(detail["questions"][0], "AuditQuestion");
  same_keys(detail["questions"][0]["options"][0], "AuditQuestionOption");
}

}  // namespace
}  // namespace qgp::testing
