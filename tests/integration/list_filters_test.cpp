// Every filter of the user, audit-log, template and finding lists against a real database: each
// list builds its WHERE from the filters in use only (common::Where), so each filter is its own
// SQL and needs its own proof that it selects the right rows, alone and combined.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/actor.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "kit/list.hpp"
#include "model/audit/entry.hpp"
#include "model/audits/finding.hpp"
#include "model/audits/template.hpp"
#include "model/identity/user.hpp"
#include "store/audit/audit_log_store.hpp"
#include "store/kit/list.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

template <typename Page>
std::vector<std::int64_t> ids_of(const Page& page) {
  std::vector<std::int64_t> ids;
  ids.reserve(page.items.size());
  for (const auto& item : page.items) {
    ids.push_back(item.id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

using Ids = std::vector<std::int64_t>;

class ListFiltersTest : public ::testing::Test {
 protected:
  TestDatabase database_;
  db::Connection connection_{database_.url()};
  store::common::Page page_{.page = 1, .page_size = 100};

  std::int64_t scalar(const std::string& sql) { return connection_.exec(sql).int64(0, 0); }

  std::int64_t insert_user(const std::string& email, const std::string& last_name,
                           const std::string& department, bool active) {
    return connection_
        .exec(
            "INSERT INTO users (email, password_hash, first_name, last_name, department, "
            "is_active, disabled_at) VALUES ($1, '$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA', "
            "'Test', $2, $3, $4, CASE WHEN NOT $4 THEN now() END) RETURNING id",
            db::Params(email, last_name, department, active))
        .int64(0, 0);
  }
};

TEST_F(ListFiltersTest, UsersByRoleDepartmentActivityAndText) {
  const auto ann = insert_user("ann@example.com", "Quality", "Quality Assurance", true);
  const auto bob = insert_user("bob@example.com", "Safety", "quality assurance", false);
  const auto cat = insert_user("cat@example.com", "Auditor", "Operations", true);
  const auto role = scalar("INSERT INTO roles (name) VALUES ('Site auditor') RETURNING id");
  connection_.exec("INSERT INTO user_roles (user_id, role_id) VALUES ($1, $3), ($2, $3)",
                   db::Params(bob, cat, role));
  // The kit's list from the user's declaration (model/identity/user.hpp).
  const auto list = [&](std::vector<kit::Condition> conditions, std::optional<std::string> q = {}) {
    kit::ListQuery query;
    query.conditions = std::move(conditions);
    query.q = std::move(q);
    return ids_of(store::kit::list<model::identity::User>(connection_, query));
  };
  EXPECT_EQ(list({}), (Ids{ann, bob, cat}));
  EXPECT_EQ(list({{"role_id", role}}), (Ids{bob, cat}));
  EXPECT_EQ(list({{"department", std::string("QUALITY ASSURANCE")}}), (Ids{ann, bob}));  // any case
  EXPECT_EQ(list({{"is_active", false}}), (Ids{bob}));
  EXPECT_EQ(list({{"is_active", true}, {"role_id", role}}), (Ids{cat}));
  EXPECT_EQ(list({}, "test auditor"), (Ids{cat}));  // first and last name together
  EXPECT_EQ(list({}, "BOB@"), (Ids{bob}));
  EXPECT_EQ(list({}, "%"), Ids{});  // wildcards are matched literally
  EXPECT_EQ(list({{"role_id", role}, {"department", std::string("Operations")}}), (Ids{cat}));
}

TEST_F(ListFiltersTest, AuditLogByEntityActorActionRequestAndTime) {
  const auto actor = insert_user("ann@example.com", "Quality", "QA", true);
  const auto append = [&](std::optional<std::int64_t> user, const std::string& request,
                          const std::string& action, const std::string& entity_type,
                          std::int64_t entity_id) {
    db::Transaction tx(connection_);
    store::audit::ChangeSet changes;
    changes.set("title", std::string("t"));
    const auto id = store::audit::append(
        connection_, core::Actor{.user_id = user, .request_id = request, .client_address = {}},
        store::audit::Entry{.action = action,
                            .entity_type = entity_type,
                            .entity_id = entity_id,
                            .changes = std::move(changes).take(),
                            .note = {}});
    tx.commit();
    return id;
  };
  const auto created = append(actor, "req-a", "create", "incident", 7);
  const auto updated = append(actor, "req-b", "update", "incident", 7);
  const auto other = append(std::nullopt, "req-c", "update", "audit_run", 7);
  // The kit's list from the audit entry's declaration (model/audit/entry.hpp).
  const auto list = [&](std::vector<kit::Condition> conditions) {
    kit::ListQuery query;
    query.conditions = std::move(conditions);
    return ids_of(store::kit::list<model::audit::AuditEntry>(connection_, query));
  };
  using std::string;
  EXPECT_EQ(list({}), (Ids{created, updated, other}));
  EXPECT_EQ(list({{"entity_type", string("incident")}}), (Ids{created, updated}));
  EXPECT_EQ(list({{"entity_id", std::int64_t{7}}}), (Ids{created, updated, other}));
  EXPECT_EQ(list({{"actor_user_id", actor}}), (Ids{created, updated}));
  EXPECT_EQ(list({{"action", string("update")}}), (Ids{updated, other}));
  EXPECT_EQ(list({{"request_id", string("req-c")}}), (Ids{other}));
  EXPECT_EQ(list({{"entity_type", string("incident")}, {"action", string("update")}}),
            (Ids{updated}));
  EXPECT_EQ(list({{"occurred_after", string("2000-01-01T00:00:00Z")}}),
            (Ids{created, updated, other}));
  EXPECT_EQ(list({{"occurred_after", string("2999-01-01T00:00:00Z")}}), Ids{});
  EXPECT_EQ(list({{"occurred_before", string("2000-01-01T00:00:00Z")}}), Ids{});
  EXPECT_EQ(list({{"occurred_after", string("2000-01-01T00:00:00Z")},
                  {"occurred_before", string("2999-01-01T00:00:00Z")}}),
            (Ids{created, updated, other}));
}

TEST_F(ListFiltersTest, TemplatesByStatusTypeCategoryTextAndArchive) {
  const auto insert = [&](int number, const std::string& name, const std::string& status,
                          const std::string& type, const std::string& category, bool archived) {
    return connection_
        .exec(
            "INSERT INTO audit_templates (reference_number, name, status, "
            "published_version_number, audit_type, category, archived_at) VALUES ($1, $2, $3, "
            "CASE WHEN $3 = 'published' THEN 1 END, $4, $5, CASE WHEN $6 THEN now() END) "
            "RETURNING id",
            db::Params(fmt::format("TPL-2099-{:04}", number), name, status, type, category,
                       archived))
        .int64(0, 0);
  };
  const auto fire = insert(1, "fire walk", "published", "inspection", "Safety", false);
  const auto iso = insert(2, "ISO 9001 internal audit", "draft", "audit", "Quality", false);
  const auto old = insert(3, "Old fire walk", "draft", "inspection", "safety", true);
  // The kit's list from the template's declaration: its filters, the archive flag and search.
  using Condition = kit::Condition;
  const auto list = [&](std::vector<Condition> conditions, std::optional<std::string> q = {}) {
    kit::ListQuery query;
    query.conditions = std::move(conditions);
    query.q = std::move(q);
    return ids_of(store::kit::list<model::audits::Template>(connection_, query));
  };
  const Condition archived_too{"include_archived", true};
  EXPECT_EQ(list({}), (Ids{fire, iso}));
  EXPECT_EQ(list({archived_too}), (Ids{fire, iso, old}));
  EXPECT_EQ(list({{"status", std::string("draft")}}), (Ids{iso}));
  EXPECT_EQ(list({{"status", std::string("draft")}, archived_too}), (Ids{iso, old}));
  EXPECT_EQ(list({{"audit_type", std::string("inspection")}}), (Ids{fire}));
  EXPECT_EQ(list({{"category", std::string("SAFETY")}, archived_too}),
            (Ids{fire, old}));  // any case
  EXPECT_EQ(list({archived_too}, "fire"), (Ids{fire, old}));
  EXPECT_EQ(list({}, "TPL-2099-0002"), (Ids{iso}));
  EXPECT_EQ(list({}, "%"), Ids{});  // wildcards are matched literally
  EXPECT_EQ(list({{"audit_type", std::string("audit")}, {"category", std::string("Safety")}}),
            Ids{});
  // Sorting by name ignores case, like the default order (in C.UTF-8 "ISO" sorts before "fire").
  kit::ListQuery by_name;
  by_name.sort = {{.field = "name", .descending = false}};
  const auto page = store::kit::list<model::audits::Template>(connection_, by_name);
  ASSERT_EQ(page.items.size(), 2U);
  EXPECT_EQ(page.items[0].id, fire);
  EXPECT_EQ(page.items[1].id, iso);
}

TEST_F(ListFiltersTest, FindingsByStatusGradeRunAssigneeOverdueAndText) {
  const auto assignee = insert_user("ann@example.com", "Quality", "QA", true);
  connection_.exec(
      "INSERT INTO audit_templates (reference_number, name) VALUES ('TPL-2099-0001', 'Walk')");
  connection_.exec(
      "INSERT INTO audit_template_versions (template_id, version_number, content) "
      "VALUES (1, 1, '{}'::jsonb)");
  const auto run_a = scalar(
      "INSERT INTO audit_runs (reference_number, template_id, template_version_id, title) "
      "VALUES ('AUD-2099-0001', 1, 1, 'Warehouse') RETURNING id");
  const auto run_b = scalar(
      "INSERT INTO audit_runs (reference_number, template_id, template_version_id, title) "
      "VALUES ('AUD-2099-0002', 1, 1, 'Office') RETURNING id");
  const auto insert = [&](int number, std::int64_t run, const std::string& title,
                          const std::string& grade, const std::string& status,
                          std::optional<std::int64_t> assigned, const std::string& due,
                          bool archived) {
    return connection_
        .exec(
            "INSERT INTO audit_findings (reference_number, run_id, title, description, grade, "
            "status, assigned_to_id, due_date, closed_at, archived_at) VALUES ($1, $2, $3, "
            "'Seen on the walk', $4, $5, $6, $7::date, CASE WHEN $5 = 'closed' THEN now() END, "
            "CASE WHEN $8 THEN now() END) RETURNING id",
            db::Params(fmt::format("FND-2099-{:04}", number), run, title, grade, status, assigned,
                       due, archived))
        .int64(0, 0);
  };
  const auto late = insert(1, run_a, "Blocked exit", "major_nonconformity", "open", assignee,
                           "2000-01-01", false);
  const auto closed_late = insert(2, run_a, "Missing sign", "minor_nonconformity", "closed",
                                  std::nullopt, "2000-01-01", false);
  const auto future =
      insert(3, run_b, "Untidy desk", "observation", "in_progress", assignee, "2099-12-31", false);
  insert(4, run_b, "Archived", "observation", "open", assignee, "2000-01-01", true);
  // The kit's list from the finding's declaration: filters, the overdue flag and search.
  using Condition = kit::Condition;
  const auto list = [&](std::vector<Condition> conditions, std::optional<std::string> q = {}) {
    kit::ListQuery query;
    query.conditions = std::move(conditions);
    query.q = std::move(q);
    return ids_of(store::kit::list<model::audits::Finding>(connection_, query));
  };
  EXPECT_EQ(list({}), (Ids{late, closed_late, future}));  // never the archived one
  EXPECT_EQ(list({{"status", std::string("closed")}}), (Ids{closed_late}));
  EXPECT_EQ(list({{"grade", std::string("observation")}}), (Ids{future}));
  EXPECT_EQ(list({{"run_id", run_a}}), (Ids{late, closed_late}));
  EXPECT_EQ(list({{"assigned_to_id", assignee}}), (Ids{late, future}));
  EXPECT_EQ(list({{"overdue", true}}), (Ids{late}));  // a closed finding is not overdue
  EXPECT_EQ(list({}, "EXIT"), (Ids{late}));
  EXPECT_EQ(list({}, "FND-2099-0003"), (Ids{future}));
  EXPECT_EQ(list({}, "AUD-2099-0002"), (Ids{}));  // the run's number is not searched
  EXPECT_EQ(list({{"run_id", run_b}, {"assigned_to_id", assignee}}), (Ids{future}));
}

}  // namespace
}  // namespace qgp::testing
