// The standards API end to end: the real `qgp serve` over HTTP, a seeded database, real users.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <latch>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/actor.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "domain/standards/seed.hpp"
#include "support/api_session.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

using nlohmann::json;

// Re-checks `condition` whenever the thread gets the CPU again (no fixed sleep); false when the
// hang guard ran out first (only a broken behaviour comes near it).
template <typename Condition>
bool eventually(Condition condition) {
  const auto guard = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > guard) {
      return false;
    }
    std::this_thread::yield();
  }
  return true;
}

class StandardsApiTest : public ::testing::Test {
 protected:
  TestDatabase database_;
  ServerProcess server_{api_server_env(database_)};
  ApiUser reader_;
  ApiUser writer_;

  void SetUp() override {
    db::Connection connection(database_.url());
    db::Transaction transaction(connection);
    domain::standards::seed(transaction, core::Actor{});
    transaction.commit();
    reader_ = create_api_user(database_, server_.port(), {"standards:read"});
    writer_ = create_api_user(database_, server_.port(), {"standards:read", "standards:write"});
  }

  HttpResponse call(const ApiUser& user, std::string_view method, const std::string& target,
                    const json& body = nullptr) {
    auto headers = user.auth_header();
    std::string payload;
    if (!body.is_null()) {
      headers.emplace_back("Content-Type", "application/json");
      payload = body.dump();
    }
    return http_request(server_.port(), method, target, payload, headers);
  }

  json get_json(const std::string& target) {
    const auto response = call(reader_, "GET", target);
    EXPECT_EQ(response.status, 200) << target << ": " << response.body;
    return json::parse(response.body);
  }

  std::int64_t standard_id(const std::string& code) {
    const auto list = get_json("/api/v1/standards?code=" + code);
    return list.at("items").at(0).at("id").get<std::int64_t>();
  }

  std::int64_t clause_id(const std::string& code, const std::string& number) {
    const auto list = get_json(
        fmt::format("/api/v1/standards/{}/clauses?q={}&page_size=100", standard_id(code), number));
    for (const auto& item : list.at("items")) {
      if (item.at("clause_number") == number) {
        return item.at("id").get<std::int64_t>();
      }
    }
    ADD_FAILURE() << "no clause " << number << " in " << code;
    return 0;
  }

  std::int64_t control_id(const std::string& number) {
    const auto list = get_json(fmt::format("/api/v1/standards/{}/controls?q={}&page_size=100",
                                           standard_id("ISO27001"), number));
    for (const auto& item : list.at("items")) {
      if (item.at("control_number") == number) {
        return item.at("id").get<std::int64_t>();
      }
    }
    ADD_FAILURE() << "no control " << number;
    return 0;
  }
};

TEST_F(StandardsApiTest, ListsGetsTheTreeAndFollowsMappings) {
  const auto list = get_json("/api/v1/standards?sort=-code");
  EXPECT_EQ(list.at("total"), 4);
  EXPECT_EQ(list.at("pages"), 1);
  ASSERT_EQ(list.at("items").size(), 4U);
  EXPECT_EQ(list.at("items").at(0).at("code"), "ISO9001");  // text order, descending
  EXPECT_EQ(get_json("/api/v1/standards?q=27001").at("total"), 1);
  EXPECT_EQ(call(reader_, "GET", "/api/v1/standards?sort=bogus").status, 422);
  EXPECT_EQ(call(reader_, "GET", "/api/v1/standards?is_active=maybe").status, 422);
  EXPECT_EQ(http_request(server_.port(), "GET", "/api/v1/standards").status, 401);

  const auto security = standard_id("ISO27001");
  const auto detail = get_json(fmt::format("/api/v1/standards/{}", security));
  EXPECT_EQ(detail.at("code"), "ISO27001");
  EXPECT_EQ(detail.at("control_count"), 93);
  ASSERT_EQ(detail.at("clauses").size(), 11U);
  EXPECT_EQ(detail.at("clauses").at(6).at("clause_number"), "10");
  EXPECT_FALSE(detail.at("clauses").at(0).contains("controls"));

  const auto tree = get_json(fmt::format("/api/v1/standards/{}/tree", security));
  const auto& annex5 = tree.at("clauses").at(7);
  EXPECT_EQ(annex5.at("clause_number"), "A.5");
  EXPECT_EQ(annex5.at("controls").size(), 37U);
  EXPECT_EQ(annex5.at("controls").at(36).at("control_number"), "A.5.37");
  const auto& planning = tree.at("clauses").at(2);
  EXPECT_EQ(planning.at("children").at(0).at("children").size(), 3U);  // 6.1.1 - 6.1.3

  const auto mappings =
      get_json(fmt::format("/api/v1/clauses/{}/mappings", clause_id("ISO45001", "7.5")));
  EXPECT_EQ(mappings.at("total"), 3);
  std::vector<std::string> codes;
  for (const auto& item : mappings.at("items")) {
    codes.push_back(item.at("standard_code"));
    EXPECT_EQ(item.at("clause").at("clause_number"), "7.5");
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"ISO14001", "ISO27001", "ISO9001"}));

  EXPECT_EQ(call(reader_, "GET", "/api/v1/standards/999999").status, 404);
  EXPECT_EQ(call(reader_, "GET", "/api/v1/clauses/999999/mappings").status, 404);
}

TEST_F(StandardsApiTest, StatementOfApplicabilityUpdatesAndExportsCsv) {
  const auto control = control_id("A.7.1");
  const auto target = fmt::format("/api/v1/controls/{}/soa", control);

  const auto forbidden = call(reader_, "PUT", target, {{"is_applicable", true}});
  EXPECT_EQ(forbidden.status, 403) << forbidden.body;
  EXPECT_EQ(json::parse(forbidden.body).at("error_code"), "FORBIDDEN");

  const auto unjustified = call(writer_, "PUT", target, {{"is_applicable", false}});
  ASSERT_EQ(unjustified.status, 422) << unjustified.body;
  EXPECT_TRUE(json::parse(unjustified.body).at("details").at("fields").contains("justification"));
  const auto contradictory =
      call(writer_, "PUT", target,
           {{"is_applicable", true}, {"implementation_status", "not_applicable"}});
  EXPECT_EQ(contradictory.status, 422) << contradictory.body;

  const auto created = call(writer_, "PUT", target,
                            {{"is_applicable", false},
                             {"justification", "Fully remote, \"no\" premises"},
                             {"version", 0}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto entry = json::parse(created.body);
  EXPECT_EQ(entry.at("implementation_status"), "not_applicable");
  EXPECT_EQ(entry.at("reviewed_by_id"), writer_.id);
  EXPECT_EQ(entry.at("version"), 1);

  EXPECT_EQ(call(writer_, "PUT", target, {{"is_applicable", true}, {"version", 0}}).status, 409);
  const auto updated =
      call(writer_, "PUT", fmt::format("/api/v1/controls/{}/soa", control_id("A.8.1")),
           {{"is_applicable", true}, {"implementation_status", "implemented"}});
  ASSERT_EQ(updated.status, 201) << updated.body;

  EXPECT_EQ(entry.at("created_by_id"), writer_.id);
  EXPECT_EQ(entry.at("updated_by_id"), writer_.id);

  const auto security = standard_id("ISO27001");
  // Statuses sort in their declared (workflow) order, not as text: not_applicable is last.
  const auto by_status = get_json(
      fmt::format("/api/v1/standards/{}/soa?sort=-implementation_status,control_number", security));
  EXPECT_EQ(by_status.at("items").at(0).at("control_number"), "A.7.1");
  EXPECT_EQ(by_status.at("items").at(1).at("control_number"), "A.8.1");  // implemented
  EXPECT_EQ(by_status.at("items").at(0).at("standard_id"), security);
  const auto excluded =
      get_json(fmt::format("/api/v1/standards/{}/soa?is_applicable=false", security));
  ASSERT_EQ(excluded.at("total"), 1);
  EXPECT_EQ(excluded.at("items").at(0).at("control_number"), "A.7.1");
  const auto all = get_json(fmt::format("/api/v1/standards/{}/soa?page_size=100", security));
  EXPECT_EQ(all.at("total"), 93);
  EXPECT_EQ(all.at("items").at(0).at("entry_id"), nullptr);  // defaults for unassessed controls
  EXPECT_EQ(all.at("items").at(0).at("implementation_status"), "not_implemented");

  const auto csv = call(reader_, "GET", fmt::format("/api/v1/standards/{}/soa.csv", security));
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("Content-Type").value_or("").rfind("text/csv", 0), 0U);
  EXPECT_NE(csv.header("Content-Disposition").value_or("").find("attachment"), std::string::npos);
  EXPECT_EQ(csv.body.rfind("control_number,title,theme,", 0), 0U);
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 94);  // header + 93 controls
  EXPECT_NE(csv.body.find("A.7.1,Physical security perimeters,physical,A.7,false,"
                          "\"Fully remote, \"\"no\"\" premises\",not_applicable,"),
            std::string::npos);
  EXPECT_NE(csv.body.find("\r\nA.8.1,User endpoint devices,technological,A.8,true,,implemented,"),
            std::string::npos);

  const auto history =
      get_json(fmt::format("/api/v1/soa-entries/{}/history", entry.at("id").get<std::int64_t>()));
  ASSERT_EQ(history.at("total"), 1) << history.dump();
  EXPECT_EQ(history.at("items").at(0).at("action"), "create");

  // Every SoA change is on the record, attributed to the writer.
  db::Connection connection(database_.url());
  EXPECT_EQ(connection
                .exec("SELECT count(*) FROM audit_log WHERE entity_type = 'soa_entry' AND "
                      "actor_user_id = $1",
                      db::Params(writer_.id))
                .int64(0, 0),
            2);
}

TEST_F(StandardsApiTest, ConcurrentFirstSoaAssessmentsAllSucceedAndExactlyOneCreates) {
  // N first PUTs of one control, released together: one creates the entry (201), the others
  // update it (200), none is refused. Each sends its own notes, so each update changes the entry.
  // The test holds the control's row lock until all N requests wait in the database, so every one
  // of them has started before any can finish, whatever the scheduling.
  constexpr int kClients = 8;
  const auto control = control_id("A.5.9");
  const auto target = fmt::format("/api/v1/controls/{}/soa", control);
  db::Connection holder(database_.url());
  db::Transaction hold(holder);
  holder.exec("SELECT 1 FROM controls WHERE id = $1 FOR UPDATE", db::Params(control));
  auto headers = writer_.auth_header();
  headers.emplace_back("Content-Type", "application/json");
  std::latch connected(kClients);
  std::vector<HttpResponse> responses(kClients);
  std::vector<std::thread> clients;
  clients.reserve(kClients);
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      auto& response = responses[static_cast<std::size_t>(i)];
      try {
        HttpClient client(server_.port());
        connected.arrive_and_wait();  // every client connected: all send at once
        response = client.request(
            "PUT", target,
            json{{"is_applicable", true}, {"notes", fmt::format("assessor {}", i)}}.dump(),
            headers);
      } catch (const std::exception& e) {
        response.body = e.what();  // status stays 0: reported below
      }
    });
  }
  db::Connection observer(database_.url());
  const auto waiting = [&] {
    return observer
        .exec(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
            "wait_event_type = 'Lock' AND pid <> pg_backend_pid()")
        .int64(0, 0);
  };
  const bool all_waiting = eventually([&] { return waiting() == kClients; });
  hold.commit();  // releases the lock: the requests go on
  for (auto& client : clients) {
    client.join();
  }
  ASSERT_TRUE(all_waiting) << "not every request reached the database";
  int created = 0;
  std::set<std::int64_t> entry_ids;
  for (const auto& response : responses) {
    ASSERT_TRUE(response.status == 201 || response.status == 200)
        << response.status << " " << response.body;
    created += response.status == 201 ? 1 : 0;
    entry_ids.insert(json::parse(response.body).at("id").get<std::int64_t>());
  }
  EXPECT_EQ(created, 1);
  ASSERT_EQ(entry_ids.size(), 1U);
  const auto entry_id = *entry_ids.begin();
  // One creation and N - 1 updates, each on the record as what it was.
  db::Connection connection(database_.url());
  const auto count = [&](const char* action) {
    return connection
        .exec(
            "SELECT count(*) FROM audit_log WHERE entity_type = 'soa_entry' AND entity_id = $1 "
            "AND action = $2",
            db::Params(entry_id, std::string(action)))
        .int64(0, 0);
  };
  EXPECT_EQ(count("create"), 1);
  EXPECT_EQ(count("update"), kClients - 1);
  EXPECT_EQ(connection.exec("SELECT version FROM soa_entries WHERE id = $1", db::Params(entry_id))
                .int64(0, 0),
            kClients);
}

TEST_F(StandardsApiTest, WritesNeedStandardsWriteAndAreVersioned) {
  const json standard = {{"code", "ISO22301"},
                         {"name", "ISO 22301"},
                         {"full_name", "ISO 22301:2019 Business continuity"},
                         {"edition", "2019"},
                         {"effective_date", "2019-10-31"}};
  EXPECT_EQ(call(reader_, "POST", "/api/v1/standards", standard).status, 403);
  const auto created = call(writer_, "POST", "/api/v1/standards", standard);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = json::parse(created.body).at("id").get<std::int64_t>();
  EXPECT_EQ(created.header("Location").value_or(""), fmt::format("/api/v1/standards/{}", id));
  EXPECT_EQ(call(writer_, "POST", "/api/v1/standards", standard).status, 409);

  const auto path = fmt::format("/api/v1/standards/{}", id);
  EXPECT_EQ(call(reader_, "PATCH", path, {{"version", 1}, {"name", "x"}}).status, 403);
  const auto patched = call(writer_, "PATCH", path, {{"version", 1}, {"description", "BCMS"}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(json::parse(patched.body).at("version"), 2);
  EXPECT_EQ(call(writer_, "PATCH", path, {{"version", 1}, {"description", "again"}}).status, 409);
  EXPECT_EQ(call(writer_, "PATCH", path, {{"description", "no version"}}).status, 422);

  const auto clause = call(writer_, "POST", path + "/clauses",
                           {{"clause_number", "8.4"}, {"title", "Business continuity plans"}});
  ASSERT_EQ(clause.status, 201) << clause.body;
  const auto clause_id_new = json::parse(clause.body).at("id").get<std::int64_t>();
  const auto mapping = call(writer_, "POST", "/api/v1/clause-mappings",
                            {{"clause_a_id", clause_id_new},
                             {"clause_b_id", clause_id("ISO27001", "A.5")},
                             {"mapping_type", "related"}});
  ASSERT_EQ(mapping.status, 201) << mapping.body;
  const auto mapping_path = mapping.header("Location").value_or("");
  EXPECT_EQ(call(reader_, "DELETE", mapping_path).status, 403);
  EXPECT_EQ(call(writer_, "DELETE", mapping_path).status, 204);
  EXPECT_EQ(call(reader_, "GET", mapping_path).status, 404);

  EXPECT_EQ(call(reader_, "DELETE", path).status, 403);
  EXPECT_EQ(call(writer_, "DELETE", path).status, 204);
  EXPECT_EQ(call(writer_, "DELETE", path).status, 409);
  const auto history = get_json(path + "/history");
  ASSERT_EQ(history.at("total"), 3) << history.dump();
  EXPECT_EQ(history.at("items").at(0).at("action"), "create");
  EXPECT_EQ(history.at("items").at(2).at("action"), "archive");
  const auto archived = get_json(path);
  EXPECT_FALSE(archived.at("archived_at").is_null());
  EXPECT_EQ(get_json("/api/v1/standards").at("total"), 4);

  db::Connection connection(database_.url());
  EXPECT_EQ(connection
                .exec("SELECT count(*) FROM audit_log WHERE actor_user_id = $1 AND entity_type IN "
                      "('standard', 'clause', 'clause_mapping')",
                      db::Params(writer_.id))
                .int64(0, 0),
            6);  // standard create+update+archive, clause create, mapping create+delete
}

TEST_F(StandardsApiTest, EveryListRefusesUnknownParametersAndPagesWithTheFullEnvelope) {
  const auto security = standard_id("ISO27001");
  const auto clause = clause_id("ISO9001", "7.5");
  for (const auto& list :
       {std::string("/api/v1/standards"), fmt::format("/api/v1/standards/{}/clauses", security),
        fmt::format("/api/v1/standards/{}/controls", security),
        fmt::format("/api/v1/standards/{}/soa", security),
        fmt::format("/api/v1/clauses/{}/mappings", clause)}) {
    const auto unknown = call(reader_, "GET", list + "?colour=blue");
    ASSERT_EQ(unknown.status, 422) << list << ": " << unknown.body;
    EXPECT_TRUE(json::parse(unknown.body).at("details").at("fields").contains("colour")) << list;
    EXPECT_EQ(call(reader_, "GET", list + "?page_size=101").status, 422) << list;
    const auto page = get_json(list + "?page_size=2&page=2");
    for (const auto* key : {"items", "total", "page", "page_size", "pages"}) {
      EXPECT_TRUE(page.contains(key)) << list << " lacks " << key;
    }
    EXPECT_EQ(page.at("page"), 2) << list;
    EXPECT_LE(page.at("items").size(), 2U) << list;
  }
  const auto soa = get_json(fmt::format("/api/v1/standards/{}/soa?page_size=40", security));
  EXPECT_EQ(soa.at("pages"), 3);  // 93 controls
  // Lists take what their declarations say, typed: enum values, booleans, ids.
  EXPECT_EQ(
      call(reader_, "GET", fmt::format("/api/v1/standards/{}/soa?theme=space", security)).status,
      422);
  EXPECT_EQ(call(reader_, "GET", fmt::format("/api/v1/standards/{}/controls?clause_id=x", security))
                .status,
            422);
  EXPECT_EQ(call(reader_, "GET", fmt::format("/api/v1/clauses/{}/mappings?q=7", clause)).status,
            422);  // mappings are not searchable
  const auto physical = get_json(
      fmt::format("/api/v1/standards/{}/controls?theme=physical&sort=-control_number", security));
  EXPECT_EQ(physical.at("total"), 14);
  EXPECT_EQ(physical.at("items").at(0).at("control_number"), "A.7.14");  // natural order
  EXPECT_EQ(call(reader_, "GET", "/api/v1/standards/999999/controls").status, 404);
  // The views' own query is declared too.
  EXPECT_EQ(
      call(reader_, "GET", fmt::format("/api/v1/standards/{}?include_archived=maybe", security))
          .status,
      422);
  EXPECT_EQ(call(reader_, "GET", fmt::format("/api/v1/standards/{}/tree?depth=2", security)).status,
            422);
}

TEST_F(StandardsApiTest, BodiesAreCheckedByTheirDeclarationsInCodePoints) {
  const auto security = standard_id("ISO27001");
  const auto path = fmt::format("/api/v1/standards/{}/controls", security);
  // 300 code points of a two-byte letter fit a title (600 bytes); 301 do not.
  std::string title;
  for (int i = 0; i < 300; ++i) {
    title += "\u00e9";
  }
  const auto created = call(writer_, "POST", path,
                            {{"control_number", "X.1"}, {"title", title}, {"theme", "people"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto control = json::parse(created.body);
  EXPECT_EQ(control.at("title"), title);
  EXPECT_EQ(control.at("standard_id"), security);
  EXPECT_EQ(created.header("Location").value_or(""),
            fmt::format("/api/v1/controls/{}", control.at("id").get<std::int64_t>()));
  // Every problem of a body at once.
  const auto refused = call(writer_, "POST", path,
                            {{"control_number", "X 2"},
                             {"title", title + "\u00e9"},
                             {"theme", "space"},
                             {"standard_id", 1},
                             {"colour", "blue"}});
  ASSERT_EQ(refused.status, 422) << refused.body;
  const auto fields = json::parse(refused.body).at("details").at("fields");
  EXPECT_EQ(fields.at("control_number"), "must be dotted letters and digits, e.g. A.5.1");
  EXPECT_EQ(fields.at("title"), "must be at most 300 characters");
  EXPECT_TRUE(fields.contains("theme"));
  EXPECT_EQ(fields.at("standard_id"), "is read-only (set by the server)");
  EXPECT_EQ(fields.at("colour"), "unknown field");
  EXPECT_EQ(call(writer_, "POST", path, {{"control_number", "X.1"}, {"title", "again"}}).status,
            409);
  // The SoA body: an unknown status is refused like any enumeration.
  const auto soa = call(writer_, "PUT", fmt::format("/api/v1/controls/{}/soa", control_id("A.5.1")),
                        {{"is_applicable", true}, {"implementation_status", "bogus"}});
  ASSERT_EQ(soa.status, 422) << soa.body;
  EXPECT_TRUE(json::parse(soa.body).at("details").at("fields").contains("implementation_status"));
}

TEST_F(StandardsApiTest, PatchChangesWhatIsSentAndNullClearsOnlyNullableFields) {
  const auto control = control_id("A.5.2");
  const auto path = fmt::format("/api/v1/controls/{}", control);
  const auto described =
      call(writer_, "PATCH", path, {{"version", 1}, {"description", "Who does what"}});
  ASSERT_EQ(described.status, 200) << described.body;
  EXPECT_EQ(json::parse(described.body).at("description"), "Who does what");
  const auto cleared =
      call(writer_, "PATCH", path, {{"version", 2}, {"description", nullptr}, {"theme", nullptr}});
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  const auto after = json::parse(cleared.body);
  EXPECT_TRUE(after.at("description").is_null());
  EXPECT_TRUE(after.at("theme").is_null());
  EXPECT_EQ(after.at("title"), "Information security roles and responsibilities");  // kept
  EXPECT_EQ(after.at("version"), 3);
  const auto refused = call(writer_, "PATCH", path, {{"version", 3}, {"title", nullptr}});
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(json::parse(refused.body).at("details").at("fields").at("title"), "cannot be null");
  // A clause moves only within its standard.
  const auto foreign =
      call(writer_, "PATCH", path, {{"version", 3}, {"clause_id", clause_id("ISO9001", "7.5")}});
  ASSERT_EQ(foreign.status, 422) << foreign.body;
  EXPECT_EQ(json::parse(foreign.body).at("details").at("fields").at("clause_id"),
            "no such clause in this standard");
}

TEST_F(StandardsApiTest, ArchivedRecordsAreFrozenUntilRestored) {
  const auto control = control_id("A.6.3");
  const auto path = fmt::format("/api/v1/controls/{}", control);
  EXPECT_EQ(call(reader_, "POST", path + "/restore").status, 403);
  EXPECT_EQ(call(writer_, "POST", path + "/restore").status, 409);  // not archived
  EXPECT_EQ(call(writer_, "DELETE", path).status, 204);
  const auto archived = get_json(path);
  EXPECT_FALSE(archived.at("archived_at").is_null());
  EXPECT_EQ(archived.at("archived_by_id"), writer_.id);
  EXPECT_FALSE(archived.at("is_active").get<bool>());
  EXPECT_EQ(
      call(writer_, "PATCH", path, {{"version", archived.at("version")}, {"title", "x"}}).status,
      409);
  EXPECT_EQ(call(writer_, "PUT", path + "/soa", {{"is_applicable", true}}).status, 409);
  const auto security = standard_id("ISO27001");
  EXPECT_EQ(get_json(fmt::format("/api/v1/standards/{}/soa", security)).at("total"), 92);
  EXPECT_EQ(
      get_json(fmt::format("/api/v1/standards/{}/controls?include_archived=true&q=A.6.3", security))
          .at("total"),
      1);

  const auto restored = call(writer_, "POST", path + "/restore");
  ASSERT_EQ(restored.status, 200) << restored.body;
  const auto back = json::parse(restored.body);
  EXPECT_TRUE(back.at("archived_at").is_null());
  EXPECT_TRUE(back.at("is_active").get<bool>());
  EXPECT_EQ(
      call(writer_, "PATCH", path, {{"version", back.at("version")}, {"title", "Screened"}}).status,
      200);
  const auto history = get_json(path + "/history");
  std::vector<std::string> actions;
  for (const auto& item : history.at("items")) {
    actions.push_back(item.at("action"));
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "archive", "restore", "update"}));
}

TEST_F(StandardsApiTest, OpenApiDocumentsWhatTheRoutesTakeAndRender) {
  const auto document = get_json("/openapi.json");
  const auto& schemas = document.at("components").at("schemas");
  for (const auto* name :
       {"Standard", "StandardCreate", "StandardPatch", "StandardDetail", "StandardTree",
        "ClauseNode", "ClauseTreeNode", "Clause", "Control", "ClauseMapping", "MappedClause",
        "SoaEntry", "SoaAssessment", "SoaLine", "SoaLineList"}) {
    ASSERT_TRUE(schemas.contains(name)) << name;
    EXPECT_FALSE(schemas.at(name).at("additionalProperties").get<bool>()) << name;
  }
  EXPECT_EQ(schemas.at("StandardCreate").at("properties").at("code").at("pattern"),
            "^[A-Za-z0-9][A-Za-z0-9._:-]*$");
  const auto& paths = document.at("paths");
  const auto& soa = paths.at("/api/v1/standards/{id}/soa").at("get");
  std::set<std::string> parameters;
  for (const auto& parameter : soa.at("parameters")) {
    parameters.insert(parameter.at("name"));
  }
  for (const auto* name :
       {"page", "page_size", "sort", "q", "theme", "is_applicable", "implementation_status"}) {
    EXPECT_TRUE(parameters.contains(name)) << name;
  }
  std::set<std::string> tree_parameters;
  for (const auto& parameter : paths.at("/api/v1/standards/{id}/tree").at("get").at("parameters")) {
    tree_parameters.insert(parameter.at("name"));
  }
  EXPECT_TRUE(tree_parameters.contains("include_archived"));
  EXPECT_TRUE(paths.contains("/api/v1/clauses/{id}/restore"));
  EXPECT_TRUE(paths.at("/api/v1/controls/{id}/soa").contains("put"));
}

}  // namespace
}  // namespace qgp::testing
