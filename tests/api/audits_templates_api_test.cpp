// The template builder through the real binary: build, publish, read the frozen version, clone;
// writes need audits:write.
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/api_session.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

HttpResponse send(std::uint16_t port, const std::string& method, const std::string& path,
                  const nlohmann::json& body, Headers headers) {
  headers.emplace_back("Content-Type", "application/json");
  return http_request(port, method, path, body.dump(), headers);
}

nlohmann::json json_of(const HttpResponse& response) {
  return nlohmann::json::parse(response.body);
}

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
  EXPECT_EQ(json_of(clone)["questions"][0]["options"].size(), 2U);
  const auto listed = json_of(
      http_request(port, "GET", "/api/v1/audits/templates?q=warehouse", {}, reader.auth_header()));
  EXPECT_EQ(listed["total"], 2);
  const auto history =
      json_of(http_request(port, "GET", base + "/history", {}, reader.auth_header()));
  EXPECT_EQ(history["items"][0]["action"], "create");
  EXPECT_EQ(history["items"][history["items"].size() - 1]["action"], "publish");
}

}  // namespace
}  // namespace qgp::testing
