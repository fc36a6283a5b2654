// The standards library against a real migrated database: seeding, the clause tree, mappings,
// the Statement of Applicability rules and archiving.
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/actor.hpp"
#include "core/errors.hpp"
#include "db/connection.hpp"
#include "db/errors.hpp"
#include "db/transaction.hpp"
#include "domain/standards/catalog.hpp"
#include "domain/standards/seed.hpp"
#include "domain/standards/service.hpp"
#include "store/standards/standards_store.hpp"
#include "support/run_process.hpp"
#include "support/test_database.hpp"

namespace qgp::domain::standards {
namespace {

using testing::TestDatabase;
namespace svc = qgp::domain::standards;

class StandardsTest : public ::testing::Test {
 protected:
  TestDatabase database_;
  db::Connection connection_{database_.url()};
  core::Actor system_{};

  SeedResult seed_once() {
    db::Transaction transaction(connection_);
    auto result = seed(connection_, system_);
    transaction.commit();
    return result;
  }

  std::int64_t audit_rows() {
    return connection_.exec("SELECT count(*) FROM audit_log").int64(0, 0);
  }

  std::int64_t audit_rows_for(const std::string& entity_type, std::int64_t id) {
    return connection_
        .exec("SELECT count(*) FROM audit_log WHERE entity_type = $1 AND entity_id = $2",
              db::Params(entity_type, id))
        .int64(0, 0);
  }

  std::int64_t standard_id(std::string_view code) {
    return store::standards::find_standard_by_code(connection_, code)->id;
  }

  store::standards::ClauseRow clause(std::string_view code, std::string_view number) {
    return *store::standards::find_clause_by_number(connection_, standard_id(code), number);
  }

  store::standards::ControlRow control(std::string_view number) {
    const auto id = connection_
                        .exec("SELECT id FROM controls WHERE control_number = $1",
                              db::Params(std::string(number)))
                        .int64(0, 0);
    return *store::standards::find_control(connection_, id);
  }

  std::int64_t make_user() {
    return connection_
        .exec(
            "INSERT INTO users (email, password_hash, first_name, last_name) VALUES "
            "('owner@example.com', '$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA', 'Olga', "
            "'Owner') RETURNING id")
        .int64(0, 0);
  }
};

std::int64_t catalog_clause_count() {
  std::int64_t count = 0;
  for (const auto& def : standard_catalog()) {
    count += static_cast<std::int64_t>(def.clauses.size());
  }
  return count;
}

TEST_F(StandardsTest, SeedLoadsTheCatalogOnceAndTheSecondRunChangesNothing) {
  const auto first = seed_once();
  EXPECT_EQ(first.standards.created, 4);
  EXPECT_EQ(first.clauses.created, catalog_clause_count());
  EXPECT_EQ(first.controls.created, 93);
  EXPECT_EQ(first.mappings.created, static_cast<std::int64_t>(clause_mappings().size()));
  EXPECT_EQ(first.changed(), first.standards.created + first.clauses.created
                                 + first.controls.created + first.mappings.created);
  // One audit row per created record, written in the seed's transaction.
  EXPECT_EQ(audit_rows(), first.changed());
  EXPECT_EQ(connection_.exec("SELECT count(*) FROM audit_log WHERE actor_user_id IS NOT NULL")
                .int64(0, 0),
            0);

  const auto second = seed_once();
  EXPECT_EQ(second.changed(), 0);
  EXPECT_EQ(second.standards.unchanged, 4);
  EXPECT_EQ(second.clauses.unchanged, catalog_clause_count());
  EXPECT_EQ(second.controls.unchanged, 93);
  EXPECT_EQ(second.mappings.unchanged, first.mappings.created);
  EXPECT_EQ(audit_rows(), first.changed());
  EXPECT_EQ(connection_.exec("SELECT max(version) FROM clauses").int64(0, 0), 1);
}

TEST_F(StandardsTest, SeedRunsInsideTheCallersTransaction) {
  {
    db::Transaction transaction(connection_);
    const auto result = seed(connection_, system_);
    EXPECT_EQ(result.standards.created, 4);
    // no commit: rolled back
  }
  EXPECT_EQ(connection_.exec("SELECT count(*) FROM standards").int64(0, 0), 0);
  EXPECT_EQ(audit_rows(), 0);
}

TEST_F(StandardsTest, SeedRepairsDriftButLeavesUserDataAndArchivedRecordsAlone) {
  seed_once();
  const auto drifted = clause(kIso9001, "7.5");
  connection_.exec(
      "UPDATE clauses SET title = 'Paperwork', description = 'licensed text' WHERE id = $1",
      db::Params(drifted.id));
  const auto gone = control("A.7.4");
  archive_control(connection_, system_, gone.id);
  const auto before = audit_rows();

  const auto result = seed_once();
  EXPECT_EQ(result.clauses.updated, 1);
  EXPECT_EQ(result.changed(), 1);
  EXPECT_EQ(audit_rows(), before + 1);
  const auto repaired = clause(kIso9001, "7.5");
  EXPECT_EQ(repaired.title, "Documented information");
  EXPECT_EQ(repaired.description, "licensed text");  // not catalog-owned
  EXPECT_TRUE(control("A.7.4").archived_at.has_value());
}

TEST_F(StandardsTest, TreeNestsClausesAndHangsAnnexAControlsUnderTheirTheme) {
  seed_once();
  const auto tree = get_tree(connection_, standard_id(kIso27001), true, false);
  EXPECT_EQ(tree.standard.code, "ISO27001");
  EXPECT_EQ(tree.standard.control_count, 93);
  std::vector<std::string> roots;
  for (const auto& node : tree.clauses) {
    roots.push_back(node.clause.clause_number);
  }
  EXPECT_EQ(roots, (std::vector<std::string>{"4", "5", "6", "7", "8", "9", "10", "A.5", "A.6",
                                             "A.7", "A.8"}));
  const auto& annex5 = tree.clauses[7];
  ASSERT_EQ(annex5.controls.size(), 37U);
  EXPECT_EQ(annex5.controls.front().control_number, "A.5.1");
  EXPECT_EQ(annex5.controls[9].control_number, "A.5.10");  // natural order, not text order
  EXPECT_EQ(annex5.controls.back().control_number, "A.5.37");
  const auto& nine = tree.clauses[5];
  ASSERT_EQ(nine.children.size(), 3U);
  EXPECT_EQ(nine.children[2].clause.clause_number, "9.3");
  EXPECT_EQ(nine.children[2].children.size(), 3U);
  EXPECT_EQ(nine.children[2].children[0].clause.level, 3);

  const auto quality = get_tree(connection_, standard_id(kIso9001), false, false);
  const auto& support = quality.clauses[3];
  ASSERT_EQ(support.clause.clause_number, "7");
  EXPECT_EQ(support.children[0].children.size(), 6U);  // 7.1.1 - 7.1.6
  EXPECT_EQ(clause(kIso9001, "7.1.5.2").level, 4);
  EXPECT_TRUE(support.controls.empty());
}

TEST_F(StandardsTest, MappingsAreFoundFromEitherSideOfThePair) {
  seed_once();
  const store::standards::ListWindow window{{}, {1, 20}};
  const auto from_quality =
      svc::list_mapped_clauses(connection_, clause(kIso9001, "7.5").id, window);
  ASSERT_EQ(from_quality.total, 3);
  EXPECT_EQ(from_quality.items[0].standard_code, "ISO14001");
  EXPECT_EQ(from_quality.items[1].standard_code, "ISO27001");
  EXPECT_EQ(from_quality.items[2].standard_code, "ISO45001");
  for (const auto& mapped : from_quality.items) {
    EXPECT_EQ(mapped.clause.clause_number, "7.5");
    EXPECT_EQ(mapped.mapping_type, "equivalent");
  }
  // 27001's clause has the larger id, so it sits on the b side of its pairs with 9001.
  const auto from_security =
      svc::list_mapped_clauses(connection_, clause(kIso27001, "10.1").id, window);
  std::vector<std::string> seen;
  for (const auto& mapped : from_security.items) {
    seen.push_back(mapped.standard_code + " " + mapped.clause.clause_number);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"ISO14001 10.3", "ISO45001 10.3", "ISO9001 10.3"}));

  // Creating a duplicate (in either order) or a same-standard mapping is refused.
  const auto a = clause(kIso9001, "8.7").id;
  const auto b = clause(kIso14001, "10.2").id;
  const auto created = create_mapping(connection_, system_, b, a, "related", "outputs vs NC");
  EXPECT_EQ(created.clause_a_id, std::min(a, b));
  EXPECT_EQ(created.clause_b_id, std::max(a, b));
  EXPECT_EQ(audit_rows_for("clause_mapping", created.id), 1);
  EXPECT_THROW(create_mapping(connection_, system_, a, b, "related", std::nullopt), core::Conflict);
  EXPECT_THROW(
      create_mapping(connection_, system_, a, clause(kIso9001, "10.2").id, "related", std::nullopt),
      core::ValidationError);
  delete_mapping(connection_, system_, created.id);
  EXPECT_THROW(get_mapping(connection_, created.id), core::NotFound);
  EXPECT_EQ(audit_rows_for("clause_mapping", created.id), 2);
}

TEST_F(StandardsTest, SoaRulesMirrorTheDatabaseChecks) {
  seed_once();
  const auto target = control("A.7.1");
  SoaPut excluded;
  excluded.is_applicable = false;
  try {
    put_soa(connection_, system_, target.id, excluded);
    FAIL() << "an exclusion without justification was accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("justification"));
  }
  excluded.justification = "   ";  // blank is no justification
  EXPECT_THROW(put_soa(connection_, system_, target.id, excluded), core::ValidationError);
  excluded.justification = "Fully remote organisation: no premises";
  excluded.implementation_status = "implemented";
  EXPECT_THROW(put_soa(connection_, system_, target.id, excluded), core::ValidationError);
  excluded.implementation_status.reset();
  const auto first = put_soa(connection_, system_, target.id, excluded);
  EXPECT_TRUE(first.created);
  EXPECT_FALSE(first.entry.is_applicable);
  EXPECT_EQ(first.entry.implementation_status, "not_applicable");
  EXPECT_EQ(first.entry.version, 1);
  EXPECT_TRUE(first.entry.reviewed_at.has_value());

  SoaPut stale;
  stale.version = 0;
  EXPECT_THROW(put_soa(connection_, system_, target.id, stale), core::Conflict);

  SoaPut included;
  included.version = 1;
  included.owner_id = 999999;
  try {
    put_soa(connection_, system_, target.id, included);
    FAIL() << "an unknown owner was accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("owner_id"));
  }
  included.owner_id = make_user();
  const auto second = put_soa(connection_, system_, target.id, included);
  EXPECT_FALSE(second.created);
  EXPECT_TRUE(second.entry.is_applicable);
  EXPECT_EQ(second.entry.implementation_status, "not_implemented");
  EXPECT_EQ(second.entry.version, 2);
  EXPECT_EQ(second.entry.owner_id, included.owner_id);
  EXPECT_EQ(audit_rows_for("soa_entry", second.entry.id), 2);

  // The same PUT again changes nothing and writes nothing.
  included.version = 2;
  const auto again = put_soa(connection_, system_, target.id, included);
  EXPECT_EQ(again.entry.version, 2);
  EXPECT_EQ(audit_rows_for("soa_entry", second.entry.id), 2);

  // The database refuses what the rules refuse, even when the application is bypassed.
  EXPECT_THROW(connection_.exec("UPDATE soa_entries SET is_applicable = false, justification = "
                                "NULL, implementation_status = 'not_applicable'"),
               db::DataViolation);
  EXPECT_THROW(connection_.exec("UPDATE soa_entries SET implementation_status = 'not_applicable'"),
               db::DataViolation);

  const store::standards::ListWindow window{{}, {1, 100}};
  const auto soa = svc::list_soa(connection_, standard_id(kIso27001), {}, window);
  EXPECT_EQ(soa.total, 93);
  const auto assessed = std::count_if(soa.items.begin(), soa.items.end(),
                                      [](const auto& line) { return line.entry.has_value(); });
  EXPECT_EQ(assessed, 1);
  store::standards::SoaFilter planned;
  planned.implementation_status = "not_implemented";
  EXPECT_EQ(svc::list_soa(connection_, standard_id(kIso27001), planned, window).total, 93);
  store::standards::SoaFilter physical;
  physical.theme = "physical";
  EXPECT_EQ(svc::list_soa(connection_, standard_id(kIso27001), physical, window).total, 14);
}

TEST_F(StandardsTest, ClauseTreeRefusesCyclesForeignParentsAndKeepsLevels) {
  seed_once();
  const auto quality = standard_id(kIso9001);
  ClauseCreate input;
  input.parent_clause_id = clause(kIso9001, "4").id;
  input.clause_number = "4.9";
  input.title = "Local addendum";
  const auto addendum = create_clause(connection_, system_, quality, input);
  EXPECT_EQ(addendum.level, 2);
  EXPECT_EQ(audit_rows_for("clause", addendum.id), 1);

  input.clause_number = "4.9";
  EXPECT_THROW(create_clause(connection_, system_, quality, input), core::Conflict);
  input.clause_number = "4.10";
  input.parent_clause_id = clause(kIso14001, "4").id;
  EXPECT_THROW(create_clause(connection_, system_, quality, input), core::ValidationError);

  // Moving clause 4 under its own child would make a cycle.
  const auto four = clause(kIso9001, "4");
  ClausePatch cycle;
  cycle.version = four.version;
  cycle.parent_clause_id = std::optional<std::int64_t>(addendum.id);
  EXPECT_THROW(update_clause(connection_, system_, four.id, cycle), core::ValidationError);

  // Moving 4.4 (with 4.4.1, 4.4.2) under 4.9 re-levels the subtree, and each re-levelled
  // sub-clause gets an audit row with its level before and after and a new version.
  const auto processes = clause(kIso9001, "4.4");
  const auto sub_before = clause(kIso9001, "4.4.1");
  const auto sub_rows = audit_rows_for("clause", sub_before.id);
  const auto sibling_rows = audit_rows_for("clause", clause(kIso9001, "4.4.2").id);
  ClausePatch move;
  move.version = processes.version;
  move.parent_clause_id = std::optional<std::int64_t>(addendum.id);
  const auto moved = update_clause(connection_, system_, processes.id, move);
  EXPECT_EQ(moved.level, 3);
  EXPECT_EQ(moved.version, processes.version + 1);
  const auto sub_after = clause(kIso9001, "4.4.1");
  EXPECT_EQ(sub_after.level, 4);
  EXPECT_EQ(sub_after.version, sub_before.version + 1);
  EXPECT_EQ(audit_rows_for("clause", sub_before.id), sub_rows + 1);
  const auto relevel = nlohmann::json::parse(
      connection_
          .exec("SELECT changes::text FROM audit_log WHERE entity_type = 'clause' AND "
                "entity_id = $1 ORDER BY id DESC LIMIT 1",
                db::Params(sub_before.id))
          .string(0, 0));
  EXPECT_EQ(relevel["level"], nlohmann::json({{"before", 3}, {"after", 4}}));
  EXPECT_EQ(audit_rows_for("clause", clause(kIso9001, "4.4.2").id), sibling_rows + 1);

  // A stale version is a conflict, not a lost update.
  EXPECT_THROW(update_clause(connection_, system_, processes.id, move), core::Conflict);
}

TEST_F(StandardsTest, ArchiveKeepsRecordsReadableButFrozen) {
  seed_once();
  const auto id = standard_id(kIso45001);
  archive_standard(connection_, system_, id);
  const auto archived = get_standard(connection_, id);
  EXPECT_TRUE(archived.archived_at.has_value());
  EXPECT_FALSE(archived.is_active);
  EXPECT_EQ(audit_rows_for("standard", id), 2);  // create + archive
  EXPECT_THROW(archive_standard(connection_, system_, id), core::Conflict);
  StandardPatch patch;
  patch.version = archived.version;
  patch.name = "renamed";
  EXPECT_THROW(update_standard(connection_, system_, id, patch), core::Conflict);

  const store::standards::ListWindow window{{}, {1, 20}};
  EXPECT_EQ(svc::list_standards(connection_, {}, window).total, 3);
  store::standards::StandardFilter everything;
  everything.include_archived = true;
  EXPECT_EQ(svc::list_standards(connection_, everything, window).total, 4);
  // The seed never revives what an administrator archived.
  EXPECT_EQ(seed_once().changed(), 0);
  EXPECT_TRUE(get_standard(connection_, id).archived_at.has_value());

  // A clause with live sub-clauses cannot be archived; a leaf can.
  const auto parent = clause(kIso9001, "9.2");
  EXPECT_THROW(archive_clause(connection_, system_, parent.id), core::Conflict);
  archive_clause(connection_, system_, clause(kIso9001, "9.2.1").id);
  archive_clause(connection_, system_, clause(kIso9001, "9.2.2").id);
  archive_clause(connection_, system_, parent.id);
  EXPECT_TRUE(clause(kIso9001, "9.2").archived_at.has_value());
  EXPECT_THROW(get_standard(connection_, 987654321), core::NotFound);
}

TEST_F(StandardsTest, StandardCrudValidatesAndAudits) {
  store::standards::StandardFields fields;
  fields.code = "ISO22301";
  fields.name = "ISO 22301";
  fields.full_name = "ISO 22301:2019 Business continuity management systems";
  fields.edition = "2019";
  fields.effective_date = "2019-10-31";
  const auto created = create_standard(connection_, system_, fields);
  EXPECT_EQ(created.effective_date, "2019-10-31");
  EXPECT_EQ(created.version, 1);
  EXPECT_THROW(create_standard(connection_, system_, fields), core::Conflict);
  fields.code = "bad code";
  EXPECT_THROW(create_standard(connection_, system_, fields), core::ValidationError);

  StandardPatch patch;
  patch.version = 1;
  patch.description = std::optional<std::string>("Resilience");
  const auto updated = update_standard(connection_, system_, created.id, patch);
  EXPECT_EQ(updated.description, "Resilience");
  EXPECT_EQ(updated.version, 2);
  const auto changes = connection_.exec(
      "SELECT changes::text FROM audit_log WHERE entity_type = 'standard' AND action = 'update'");
  ASSERT_EQ(changes.rows(), 1);
  EXPECT_NE(changes.string(0, 0).find("description"), std::string::npos);
  EXPECT_EQ(changes.string(0, 0).find("full_name"), std::string::npos);  // unchanged: not logged
  EXPECT_THROW(update_standard(connection_, system_, created.id, patch), core::Conflict);
}

TEST(StandardsSeedCommand, SeedsOnceAndReportsNothingToDoTheSecondTime) {
  TestDatabase database;
  const std::map<std::string, std::string> env = {{"APP_ENV", "development"},
                                                  {"DATABASE_URL", database.url()},
                                                  {"QGP_ENV_FILE", "/nonexistent"}};
  const auto first = testing::run_qgp({"seed"}, env);
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_NE(first.out.find("4 created"), std::string::npos) << first.out;
  EXPECT_NE(first.err.find("seed:"), std::string::npos) << first.err;  // progress on stderr
  db::Connection connection(database.url());
  EXPECT_EQ(connection.exec("SELECT count(*) FROM controls").int64(0, 0), 93);
  EXPECT_GT(connection.exec("SELECT count(*) FROM permissions").int64(0, 0), 0);
  const auto audited = connection.exec("SELECT count(*) FROM audit_log").int64(0, 0);

  const auto second = testing::run_qgp({"seed"}, env);
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_EQ(second.out.find(" 1 created"), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("0 created, 0 updated, 93 unchanged"), std::string::npos) << second.out;
  EXPECT_EQ(connection.exec("SELECT count(*) FROM audit_log").int64(0, 0), audited);
}

}  // namespace
}  // namespace qgp::domain::standards
