// The standards library against a real migrated database: seeding, the clause tree, mappings,
// the Statement of Applicability rules, archiving and restoring, and the lists the declarations
// generate.
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/json.hpp"
#include "api/kit/list.hpp"
#include "core/actor.hpp"
#include "core/errors.hpp"
#include "db/connection.hpp"
#include "db/errors.hpp"
#include "db/transaction.hpp"
#include "domain/common/records.hpp"
#include "domain/standards/catalog.hpp"
#include "domain/standards/seed.hpp"
#include "domain/standards/service.hpp"
#include "store/kit/list.hpp"
#include "store/kit/rows.hpp"
#include "support/run_process.hpp"
#include "support/test_database.hpp"
#include "support/unit_of_work.hpp"

namespace qgp::domain::standards {
namespace {

using nlohmann::json;
using testing::TestDatabase;
namespace svc = qgp::domain::standards;

class StandardsTest : public ::testing::Test {
 protected:
  TestDatabase database_;
  db::Connection connection_{database_.url()};
  core::Actor system_{};

  // Runs `fn(tx)` as one unit of work, committed when it returns (rolled back when it throws).
  template <class Fn>
  auto in_tx(Fn&& fn) {
    return testing::in_transaction(connection_, std::forward<Fn>(fn));
  }

  SeedResult seed_once() {
    return in_tx([&](db::Transaction& tx) { return seed(tx, system_); });
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

  std::string last_action(const std::string& entity_type, std::int64_t id) {
    return connection_
        .exec(
            "SELECT action FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY id "
            "DESC LIMIT 1",
            db::Params(entity_type, id))
        .string(0, 0);
  }

  std::int64_t id_of(const char* sql, const std::string& key) {
    return connection_.exec(sql, db::Params(key)).int64(0, 0);
  }

  std::int64_t standard_id(std::string_view code) {
    return id_of("SELECT id FROM standards WHERE code = $1", std::string(code));
  }

  Clause clause(std::string_view code, std::string_view number) {
    const auto id =
        connection_
            .exec("SELECT id FROM clauses WHERE standard_id = $1 AND clause_number = $2",
                  db::Params(standard_id(code), std::string(number)))
            .int64(0, 0);
    return common::get<Clause>(connection_, id);
  }

  Control control(std::string_view number) {
    return common::get<Control>(
        connection_,
        id_of("SELECT id FROM controls WHERE control_number = $1", std::string(number)));
  }

  std::int64_t make_user() {
    return connection_
        .exec(
            "INSERT INTO users (email, password_hash, first_name, last_name) VALUES "
            "('owner@example.com', '$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA', 'Olga', "
            "'Owner') RETURNING id")
        .int64(0, 0);
  }

  template <class R>
  static kit::Patch<R> patch_of(const json& body) {
    return api::kit::parse_patch<R>(body);
  }

  template <class R>
  static kit::ListQuery query_of(const http::QueryParams& params) {
    return api::kit::parse_list(params, api::kit::list_spec<R>());
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
    const auto result = seed(transaction, system_);
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
  in_tx([&](db::Transaction& tx) { archive_control(tx, system_, gone.id); });
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
  const auto tree = get_tree(connection_, standard_id(kIso27001), false);
  EXPECT_EQ(tree.code, "ISO27001");
  EXPECT_EQ(tree.control_count, 93);
  std::vector<std::string> roots;
  for (const auto& node : tree.clauses) {
    roots.push_back(node.clause_number);
  }
  EXPECT_EQ(roots, (std::vector<std::string>{"4", "5", "6", "7", "8", "9", "10", "A.5", "A.6",
                                             "A.7", "A.8"}));
  const auto& annex5 = tree.clauses[7];
  ASSERT_EQ(annex5.controls.size(), 37U);
  EXPECT_EQ(annex5.controls.front().control_number, "A.5.1");
  EXPECT_EQ(annex5.controls[9].control_number, "A.5.10");  // natural order, not text order
  EXPECT_EQ(annex5.controls.back().control_number, "A.5.37");
  EXPECT_EQ(annex5.controls.back().clause_number, "A.5");
  const auto& nine = tree.clauses[5];
  ASSERT_EQ(nine.children.size(), 3U);
  EXPECT_EQ(nine.children[2].clause_number, "9.3");
  EXPECT_EQ(nine.children[2].children.size(), 3U);
  EXPECT_EQ(nine.children[2].children[0].level, 3);

  const auto quality = get_detail(connection_, standard_id(kIso9001), false);
  const auto& support = quality.clauses[3];
  ASSERT_EQ(support.clause_number, "7");
  EXPECT_EQ(support.children[0].children.size(), 6U);  // 7.1.1 - 7.1.6
  EXPECT_EQ(clause(kIso9001, "7.1.5.2").level, 4);
  EXPECT_THROW(get_detail(connection_, 987654321, false), core::NotFound);
}

TEST_F(StandardsTest, MappingsAreFoundFromEitherSideOfThePair) {
  seed_once();
  const auto from_quality = svc::list_mapped_clauses(connection_, clause(kIso9001, "7.5").id, {});
  ASSERT_EQ(from_quality.total, 3);
  EXPECT_EQ(from_quality.items[0].standard_code, "ISO14001");
  EXPECT_EQ(from_quality.items[1].standard_code, "ISO27001");
  EXPECT_EQ(from_quality.items[2].standard_code, "ISO45001");
  for (const auto& mapped : from_quality.items) {
    EXPECT_EQ(mapped.clause.clause_number, "7.5");
    EXPECT_EQ(mapped.clause.standard_id, mapped.standard_id);
    EXPECT_EQ(mapped.mapping_type, model::standards::MappingType::kEquivalent);
  }
  // 27001's clause has the larger id, so it sits on the b side of its pairs with 9001.
  const auto from_security =
      svc::list_mapped_clauses(connection_, clause(kIso27001, "10.1").id, {});
  std::vector<std::string> seen;
  for (const auto& mapped : from_security.items) {
    seen.push_back(mapped.standard_code + " " + mapped.clause.clause_number);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"ISO14001 10.3", "ISO45001 10.3", "ISO9001 10.3"}));
  // Sorted by a declared sort key (the nested clause's number) and by a field, paged.
  const auto sorted = svc::list_mapped_clauses(
      connection_, clause(kIso9001, "7.5").id,
      query_of<MappedClause>({{"sort", "-standard_code"}, {"page_size", "2"}, {"page", "2"}}));
  EXPECT_EQ(sorted.total, 3);
  ASSERT_EQ(sorted.items.size(), 1U);
  EXPECT_EQ(sorted.items[0].standard_code, "ISO14001");
  // 27001:2022 numbers its continual improvement 10.1, the others 10.3.
  const auto improvement = clause(kIso9001, "10.3").id;
  const auto by_number = svc::list_mapped_clauses(
      connection_, improvement, query_of<MappedClause>({{"sort", "clause_number"}}));
  ASSERT_EQ(by_number.items.size(), 3U);
  EXPECT_EQ(by_number.items[0].clause.clause_number, "10.1");
  EXPECT_EQ(by_number.items[0].standard_code, "ISO27001");
  const auto by_code = svc::list_mapped_clauses(connection_, improvement, {});
  EXPECT_EQ(by_code.items[0].standard_code, "ISO14001");

  // Creating a duplicate (in either order) or a same-standard mapping is refused.
  const auto a = clause(kIso9001, "8.7").id;
  const auto b = clause(kIso14001, "10.2").id;
  ClauseMapping input;
  input.clause_a_id = b;
  input.clause_b_id = a;
  input.mapping_type = model::standards::MappingType::kRelated;
  input.notes = "outputs vs NC";
  const auto created =
      in_tx([&](db::Transaction& tx) { return create_mapping(tx, system_, input); });
  EXPECT_EQ(created.clause_a_id, std::min(a, b));
  EXPECT_EQ(created.clause_b_id, std::max(a, b));
  EXPECT_EQ(audit_rows_for("clause_mapping", created.id), 1);
  std::swap(input.clause_a_id, input.clause_b_id);
  EXPECT_THROW(in_tx([&](db::Transaction& tx) { return create_mapping(tx, system_, input); }),
               core::Conflict);
  input.clause_b_id = clause(kIso9001, "10.2").id;
  EXPECT_THROW(in_tx([&](db::Transaction& tx) { return create_mapping(tx, system_, input); }),
               core::ValidationError);
  input.clause_b_id = input.clause_a_id;
  EXPECT_THROW(in_tx([&](db::Transaction& tx) { return create_mapping(tx, system_, input); }),
               core::ValidationError);
  in_tx([&](db::Transaction& tx) { delete_mapping(tx, system_, created.id); });
  EXPECT_THROW(common::get<ClauseMapping>(connection_, created.id), core::NotFound);
  EXPECT_EQ(audit_rows_for("clause_mapping", created.id), 2);
  EXPECT_EQ(last_action("clause_mapping", created.id), "delete");
}

TEST_F(StandardsTest, SoaRulesMirrorTheDatabaseChecks) {
  seed_once();
  const auto target = control("A.7.1");
  const auto assess = [&](const SoaAssessment& input) {
    return in_tx(
        [&](db::Transaction& tx) { return assess_control(tx, system_, target.id, input); });
  };
  SoaAssessment excluded;
  excluded.is_applicable = false;
  try {
    assess(excluded);
    FAIL() << "an exclusion without justification was accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("justification"));
  }
  excluded.justification = "   ";  // blank is no justification
  EXPECT_THROW(assess(excluded), core::ValidationError);
  excluded.justification = "Fully remote organisation: no premises";
  excluded.implementation_status = model::standards::ImplementationStatus::kImplemented;
  EXPECT_THROW(assess(excluded), core::ValidationError);
  excluded.implementation_status.reset();
  const auto first = assess(excluded);
  EXPECT_TRUE(first.created);
  EXPECT_FALSE(first.entry.is_applicable);
  EXPECT_EQ(first.entry.implementation_status,
            model::standards::ImplementationStatus::kNotApplicable);
  EXPECT_EQ(first.entry.version, 1);
  EXPECT_TRUE(first.entry.reviewed_at.has_value());

  SoaAssessment stale;
  stale.version = 0;
  EXPECT_THROW(assess(stale), core::Conflict);

  SoaAssessment included;
  included.version = 1;
  included.owner_id = 999999;
  try {
    assess(included);
    FAIL() << "an unknown owner was accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("owner_id"));
  }
  included.owner_id = make_user();
  const auto second = assess(included);
  EXPECT_FALSE(second.created);
  EXPECT_TRUE(second.entry.is_applicable);
  EXPECT_EQ(second.entry.implementation_status,
            model::standards::ImplementationStatus::kNotImplemented);
  EXPECT_EQ(second.entry.version, 2);
  EXPECT_EQ(second.entry.owner_id, included.owner_id);
  EXPECT_EQ(audit_rows_for("soa_entry", second.entry.id), 2);

  // The same assessment again changes nothing and writes nothing.
  included.version = 2;
  const auto again = assess(included);
  EXPECT_EQ(again.entry.version, 2);
  EXPECT_EQ(audit_rows_for("soa_entry", second.entry.id), 2);

  // The database refuses what the rules refuse, even when the application is bypassed.
  EXPECT_THROW(connection_.exec("UPDATE soa_entries SET is_applicable = false, justification = "
                                "NULL, implementation_status = 'not_applicable'"),
               db::DataViolation);
  EXPECT_THROW(connection_.exec("UPDATE soa_entries SET implementation_status = 'not_applicable'"),
               db::DataViolation);

  const auto security = standard_id(kIso27001);
  const auto soa = svc::list_soa(connection_, security, query_of<SoaLine>({{"page_size", "100"}}));
  EXPECT_EQ(soa.total, 93);
  const auto assessed = std::count_if(soa.items.begin(), soa.items.end(),
                                      [](const auto& line) { return line.entry_id.has_value(); });
  EXPECT_EQ(assessed, 1);
  EXPECT_EQ(svc::list_soa(connection_, security,
                          query_of<SoaLine>({{"implementation_status", "not_implemented"}}))
                .total,
            93);
  EXPECT_EQ(svc::list_soa(connection_, security, query_of<SoaLine>({{"theme", "physical"}})).total,
            14);
  // The entry's updated_at orders the lines (a declared sort key): the assessed one last.
  const auto by_update = svc::list_soa(
      connection_, security, query_of<SoaLine>({{"sort", "updated_at"}, {"page_size", "100"}}));
  ASSERT_EQ(by_update.items.size(), 93U);
  EXPECT_EQ(by_update.items.front().control_number, "A.7.1");
  const auto lines = svc::soa_lines(connection_, security);
  ASSERT_EQ(lines.size(), 93U);
  EXPECT_EQ(lines[9].control_number, "A.5.10");
}

TEST_F(StandardsTest, ClauseTreeRefusesCyclesForeignParentsAndKeepsLevels) {
  seed_once();
  const auto quality = standard_id(kIso9001);
  Clause input;
  input.parent_clause_id = clause(kIso9001, "4").id;
  input.clause_number = "4.9";
  input.title = "Local addendum";
  const auto create = [&](const Clause& clause_input) {
    return in_tx(
        [&](db::Transaction& tx) { return create_clause(tx, system_, quality, clause_input); });
  };
  const auto addendum = create(input);
  EXPECT_EQ(addendum.level, 2);
  EXPECT_EQ(addendum.standard_id, quality);
  EXPECT_EQ(audit_rows_for("clause", addendum.id), 1);

  EXPECT_THROW(create(input), core::Conflict);
  input.clause_number = "4.10";
  input.parent_clause_id = clause(kIso14001, "4").id;
  EXPECT_THROW(create(input), core::ValidationError);

  const auto update = [&](std::int64_t id, const json& body) {
    return in_tx([&](db::Transaction& tx) {
      return update_clause(tx, system_, id, patch_of<Clause>(body));
    });
  };
  // Moving clause 4 under its own child would make a cycle.
  const auto four = clause(kIso9001, "4");
  EXPECT_THROW(update(four.id, {{"version", four.version}, {"parent_clause_id", addendum.id}}),
               core::ValidationError);
  // A clause number another clause of the standard has is a conflict.
  EXPECT_THROW(update(addendum.id, {{"version", 1}, {"clause_number", "4.1"}}), core::Conflict);

  // Moving 4.4 (with 4.4.1, 4.4.2) under 4.9 re-levels the subtree, and each re-levelled
  // sub-clause gets an audit row with its level before and after and a new version.
  const auto processes = clause(kIso9001, "4.4");
  const auto sub_before = clause(kIso9001, "4.4.1");
  const auto sub_rows = audit_rows_for("clause", sub_before.id);
  const auto sibling_rows = audit_rows_for("clause", clause(kIso9001, "4.4.2").id);
  const json move = {{"version", processes.version}, {"parent_clause_id", addendum.id}};
  const auto moved = update(processes.id, move);
  EXPECT_EQ(moved.level, 3);
  EXPECT_EQ(moved.version, processes.version + 1);
  const auto sub_after = clause(kIso9001, "4.4.1");
  EXPECT_EQ(sub_after.level, 4);
  EXPECT_EQ(sub_after.version, sub_before.version + 1);
  EXPECT_EQ(audit_rows_for("clause", sub_before.id), sub_rows + 1);
  const auto relevel =
      json::parse(connection_
                      .exec("SELECT changes::text FROM audit_log WHERE entity_type = 'clause' AND "
                            "entity_id = $1 ORDER BY id DESC LIMIT 1",
                            db::Params(sub_before.id))
                      .string(0, 0));
  EXPECT_EQ(relevel["level"], json({{"before", 3}, {"after", 4}}));
  EXPECT_EQ(audit_rows_for("clause", clause(kIso9001, "4.4.2").id), sibling_rows + 1);

  // A stale version is a conflict, not a lost update.
  EXPECT_THROW(update(processes.id, move), core::Conflict);
}

TEST_F(StandardsTest, ClauseListsFilterSortAndSearchAsDeclared) {
  seed_once();
  const auto quality = standard_id(kIso9001);
  const auto list = [&](const http::QueryParams& params) {
    return svc::list_clauses(connection_, quality, query_of<Clause>(params));
  };
  const auto top = list({{"top_level", "true"}});
  EXPECT_EQ(top.total, 7);  // 4 - 10
  EXPECT_EQ(top.items.front().clause_number, "4");
  EXPECT_EQ(list({{"level", "4"}}).total, 6);  // 7.1.5.x, 7.5.3.x, 8.2.3.x
  EXPECT_EQ(list({{"parent_clause_id", std::to_string(clause(kIso9001, "7.1").id)}}).total, 6);
  const auto natural = list({{"sort", "-clause_number"}, {"top_level", "true"}});
  EXPECT_EQ(natural.items.front().clause_number, "10");  // natural order, not text order
  EXPECT_EQ(list({{"q", "traceab"}}).items.at(0).clause_number, "7.1.5.2");
  // q finds numbers anywhere in them, as in every list (no longer only as a prefix).
  EXPECT_EQ(list({{"q", "1.5"}}).items.at(0).clause_number, "7.1.5");
  in_tx([&](db::Transaction& tx) { archive_clause(tx, system_, clause(kIso9001, "7.1.5.2").id); });
  EXPECT_EQ(list({{"level", "4"}}).total, 5);
  EXPECT_EQ(list({{"level", "4"}, {"include_archived", "true"}}).total, 6);
  EXPECT_THROW(svc::list_clauses(connection_, 987654321, {}), core::NotFound);
}

TEST_F(StandardsTest, ArchiveKeepsRecordsReadableButFrozenUntilRestored) {
  seed_once();
  const auto id = standard_id(kIso45001);
  in_tx([&](db::Transaction& tx) { archive_standard(tx, system_, id); });
  const auto archived = common::get<Standard>(connection_, id);
  EXPECT_TRUE(archived.archived_at.has_value());
  EXPECT_FALSE(archived.is_active);
  EXPECT_EQ(audit_rows_for("standard", id), 2);  // create + archive
  EXPECT_THROW(in_tx([&](db::Transaction& tx) { archive_standard(tx, system_, id); }),
               core::Conflict);
  const auto rename = patch_of<Standard>({{"version", archived.version}, {"name", "renamed"}});
  EXPECT_THROW(in_tx([&](db::Transaction& tx) { return update_standard(tx, system_, id, rename); }),
               core::Conflict);
  // Nothing is added to an archived standard.
  Clause extra;
  extra.clause_number = "11";
  extra.title = "Extra";
  EXPECT_THROW(in_tx([&](db::Transaction& tx) { return create_clause(tx, system_, id, extra); }),
               core::Conflict);

  EXPECT_EQ(store::kit::list<Standard>(connection_, query_of<Standard>({})).total, 3);
  EXPECT_EQ(
      store::kit::list<Standard>(connection_, query_of<Standard>({{"include_archived", "true"}}))
          .total,
      4);
  // The seed never revives what an administrator archived.
  EXPECT_EQ(seed_once().changed(), 0);
  EXPECT_TRUE(common::get<Standard>(connection_, id).archived_at.has_value());

  // Restoring makes it active and editable again, on the record.
  const auto restored =
      in_tx([&](db::Transaction& tx) { return restore_standard(tx, system_, id); });
  EXPECT_FALSE(restored.archived_at.has_value());
  EXPECT_FALSE(restored.archived_by_id.has_value());
  EXPECT_TRUE(restored.is_active);
  EXPECT_EQ(last_action("standard", id), "restore");
  EXPECT_THROW(in_tx([&](db::Transaction& tx) { return restore_standard(tx, system_, id); }),
               core::Conflict);
  const auto renamed = in_tx([&](db::Transaction& tx) {
    return update_standard(
        tx, system_, id, patch_of<Standard>({{"version", restored.version}, {"name", "renamed"}}));
  });
  EXPECT_EQ(renamed.name, "renamed");

  // A clause with live sub-clauses cannot be archived; a leaf can. A clause or control under an
  // archived clause is restored only after it.
  const auto parent = clause(kIso9001, "9.2");
  const auto archive = [&](std::int64_t clause_id) {
    in_tx([&](db::Transaction& tx) { archive_clause(tx, system_, clause_id); });
  };
  EXPECT_THROW(archive(parent.id), core::Conflict);
  const auto leaf = clause(kIso9001, "9.2.1");
  archive(leaf.id);
  archive(clause(kIso9001, "9.2.2").id);
  archive(parent.id);
  EXPECT_TRUE(clause(kIso9001, "9.2").archived_at.has_value());
  const auto restore_leaf = [&] {
    return in_tx([&](db::Transaction& tx) { return restore_clause(tx, system_, leaf.id); });
  };
  EXPECT_THROW(restore_leaf(), core::Conflict);
  in_tx([&](db::Transaction& tx) { return restore_clause(tx, system_, parent.id); });
  EXPECT_EQ(restore_leaf().parent_clause_id, parent.id);

  const auto annex = clause(kIso27001, "A.7");
  const auto perimeter = control("A.7.1");
  for (const auto& number : {"A.7.1", "A.7.2", "A.7.3", "A.7.4", "A.7.5", "A.7.6", "A.7.7", "A.7.8",
                             "A.7.9", "A.7.10", "A.7.11", "A.7.12", "A.7.13", "A.7.14"}) {
    in_tx([&](db::Transaction& tx) { archive_control(tx, system_, control(number).id); });
  }
  archive(annex.id);
  EXPECT_THROW(
      in_tx([&](db::Transaction& tx) { return restore_control(tx, system_, perimeter.id); }),
      core::Conflict);
  in_tx([&](db::Transaction& tx) { return restore_clause(tx, system_, annex.id); });
  const auto back =
      in_tx([&](db::Transaction& tx) { return restore_control(tx, system_, perimeter.id); });
  EXPECT_TRUE(back.is_active);
  EXPECT_EQ(last_action("control", perimeter.id), "restore");
}

TEST_F(StandardsTest, StandardCrudValidatesAndAudits) {
  auto input = api::kit::parse_create<Standard>(
      {{"code", "ISO22301"},
       {"name", "ISO 22301"},
       {"full_name", "ISO 22301:2019 Business continuity management systems"},
       {"edition", "2019"},
       {"effective_date", "2019-10-31"}});
  const auto created =
      in_tx([&](db::Transaction& tx) { return create_standard(tx, system_, input); });
  EXPECT_EQ(created.effective_date, kit::Date{"2019-10-31"});
  EXPECT_EQ(created.version, 1);
  EXPECT_TRUE(created.is_active);
  EXPECT_THROW(in_tx([&](db::Transaction& tx) { return create_standard(tx, system_, input); }),
               core::Conflict);

  const auto patch = patch_of<Standard>({{"version", 1}, {"description", "Resilience"}});
  const auto update = [&] {
    return in_tx(
        [&](db::Transaction& tx) { return update_standard(tx, system_, created.id, patch); });
  };
  const auto updated = update();
  EXPECT_EQ(updated.description, "Resilience");
  EXPECT_EQ(updated.version, 2);
  const auto changes = connection_.exec(
      "SELECT changes::text FROM audit_log WHERE entity_type = 'standard' AND action = 'update'");
  ASSERT_EQ(changes.rows(), 1);
  EXPECT_NE(changes.string(0, 0).find("description"), std::string::npos);
  EXPECT_EQ(changes.string(0, 0).find("full_name"), std::string::npos);  // unchanged: not logged
  EXPECT_THROW(update(), core::Conflict);
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
