// The template builder against a real database: publishing freezes an exact snapshot, editing
// makes a new draft without touching old versions, edits are partial, version-checked and audited
// with before and after, and cloning copies everything. Bodies are parsed by the kit from the same
// declarations the API uses; each use case runs in its own unit of work like api/kit's routes.
#include <stdexcept>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/json.hpp"
#include "core/errors.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "domain/audits/templates.hpp"
#include "store/audits/template_store.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

namespace tpl = domain::audits;
using domain::audits::Question;
using domain::audits::Section;
using domain::audits::Template;
using domain::audits::TemplateDetail;
using model::audits::TemplateStatus;
using nlohmann::json;

json choice_question(std::optional<std::int64_t> section) {
  return {{"section_id", section ? json(*section) : json(nullptr)},
          {"question_text", "Are fire exits clear?"},
          {"question_type", "choice"},
          {"is_critical", true},
          {"weight", 2.5},
          {"options",
           {{{"label", "Clear"}, {"value", "clear"}, {"score", 1}},
            {{"label", "Blocked"},
             {"value", "blocked"},
             {"score", 0},
             {"triggers_finding", true},
             {"finding_grade", "major_nonconformity"}}}}};
}

class TemplatesTest : public ::testing::Test {
 protected:
  TestDatabase database_;
  db::Connection connection_{database_.url()};
  core::Actor actor_{};
  std::int64_t standard_ = 0;
  std::int64_t clause_ = 0;
  std::int64_t control_ = 0;

  std::int64_t scalar(const std::string& sql) { return connection_.exec(sql).int64(0, 0); }

  // One use case in its own unit of work, committed like api/kit's route wrapper does.
  template <typename Work>
  auto in_tx(Work&& work) {
    db::Transaction tx(connection_);
    auto result = std::forward<Work>(work)(tx);
    tx.commit();
    return result;
  }
  std::int64_t create(const json& body) {
    return in_tx([&](db::Transaction& tx) {
      return tpl::create_template(tx, actor_, api::kit::parse_create<Template>(body));
    });
  }
  std::int64_t add_section(std::int64_t id, const json& body) {
    return in_tx([&](db::Transaction& tx) {
      return tpl::add_section(tx, actor_, id, api::kit::parse_create<Section>(body));
    });
  }
  std::int64_t add_question(std::int64_t id, const json& body) {
    return in_tx([&](db::Transaction& tx) {
      return tpl::add_question(tx, actor_, id, api::kit::parse_create<Question>(body));
    });
  }
  void update(std::int64_t id, const json& body) {
    in_tx([&](db::Transaction& tx) {
      tpl::update_template(tx, actor_, id, api::kit::parse_patch<Template>(body));
      return 0;
    });
  }
  void update_section(std::int64_t id, std::int64_t section, const json& body) {
    in_tx([&](db::Transaction& tx) {
      tpl::update_section(tx, actor_, id, section, api::kit::parse_patch<Section>(body));
      return 0;
    });
  }
  void patch_question(std::int64_t id, std::int64_t question, const kit::Patch<Question>& patch) {
    in_tx([&](db::Transaction& tx) {
      tpl::patch_question(tx, actor_, id, question, patch);
      return 0;
    });
  }
  void patch_question(std::int64_t id, std::int64_t question, const json& body) {
    patch_question(id, question, api::kit::parse_patch<Question>(body));
  }
  void replace_question(std::int64_t id, std::int64_t question, const kit::Replace<Question>& r) {
    in_tx([&](db::Transaction& tx) {
      tpl::replace_question(tx, actor_, id, question, r);
      return 0;
    });
  }
  int publish(std::int64_t id) {
    return in_tx([&](db::Transaction& tx) { return tpl::publish_template(tx, actor_, id); });
  }
  TemplateDetail get(std::int64_t id) { return tpl::get_template(connection_, id); }

  // A template with a weighted section, a choice question, a number question and a text question
  // carrying every optional field (description, help text, limits, clause and control links).
  std::int64_t build() {
    standard_ = scalar(
        "INSERT INTO standards (code, name, full_name, edition) VALUES ('ISO45001', 'ISO 45001', "
        "'Occupational health and safety', '2018') RETURNING id");
    clause_ = scalar(
        fmt::format("INSERT INTO clauses (standard_id, clause_number, title) VALUES ({}, '8.2', "
                    "'Emergency preparedness') RETURNING id",
                    standard_));
    control_ = scalar(fmt::format(
        "INSERT INTO controls (standard_id, control_number, title) VALUES ({}, 'A.7.1', "
        "'Physical security perimeters') RETURNING id",
        standard_));
    const auto id = create({{"name", "Fire safety walk"},
                            {"scoring_method", "weighted"},
                            {"passing_score", 80},
                            {"require_approval", true},
                            {"allow_offline", true},
                            {"standard_ids", {standard_}}});
    const auto section = add_section(id, {{"title", "Exits"}, {"weight", 3}});
    add_question(id, choice_question(section));
    add_question(id, {{"question_text", "Extinguisher pressure (bar)"},
                      {"question_type", "number"},
                      {"min_value", 0},
                      {"max_value", 20},
                      {"decimal_places", 1}});
    add_question(id, {{"question_text", "Describe the assembly point"},
                      {"question_type", "text"},
                      {"description", "Where people gather after an evacuation"},
                      {"help_text", "Name the sign and the landmark"},
                      {"max_score", 4},
                      {"min_length", 5},
                      {"max_length", 400},
                      {"sort_order", 9},
                      {"clause_ids", {clause_}},
                      {"control_ids", {control_}}});
    return id;
  }

  // The `changes` of the newest audit row of the template.
  json last_changes(std::int64_t id) {
    return json::parse(
        connection_
            .exec("SELECT changes::text FROM audit_log WHERE entity_type = 'audit_template' AND "
                  "entity_id = $1 ORDER BY id DESC LIMIT 1",
                  db::Params(id))
            .string(0, 0));
  }
  std::int64_t audit_rows(std::int64_t id) {
    return connection_
        .exec(
            "SELECT count(*) FROM audit_log WHERE entity_type = 'audit_template' AND "
            "entity_id = $1",
            db::Params(id))
        .int64(0, 0);
  }
  json version_content(std::int64_t id, int number) {
    const auto version = store::audits::find_version(connection_, id, number);
    if (!version) {
      throw std::runtime_error("no version");
    }
    return json::parse(version->content.text);
  }
};

const Question& question_named(const TemplateDetail& detail, const std::string& text) {
  for (const auto& question : detail.questions) {
    if (question.question_text == text) {
      return question;
    }
  }
  throw std::runtime_error("no question " + text);
}

TEST_F(TemplatesTest, PublishingRefusesAnIncompleteDraftListingEveryProblem) {
  const auto id = create({{"name", "Empty"}});
  try {
    publish(id);
    FAIL() << "published an empty template";
  } catch (const core::ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("questions"));
  }
  auto choice = choice_question(std::nullopt);
  choice["options"] = json::array();
  add_question(id, choice);
  try {
    publish(id);
    FAIL() << "published a choice question without options";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().size(), 1U);
    EXPECT_TRUE(e.fields().begin()->first.ends_with(".options")) << e.fields().begin()->first;
  }
}

TEST_F(TemplatesTest, PublishFreezesTheSnapshotAndEditsMakeTheNextVersion) {
  const auto id = build();
  EXPECT_EQ(publish(id), 1);
  EXPECT_THROW(publish(id), core::Conflict);
  const auto v1 = store::audits::find_version(connection_, id, 1);
  ASSERT_TRUE(v1.has_value());
  const auto content = json::parse(v1->content.text);
  EXPECT_EQ(content["template"]["scoring_method"], "weighted");
  EXPECT_EQ(content["template"]["passing_score"], 80);
  EXPECT_EQ(content["sections"][0]["weight"], 3);
  EXPECT_EQ(content["template"]["allow_offline"], true);
  EXPECT_EQ(content["template"]["standard_ids"], json::array({standard_}));
  ASSERT_EQ(content["questions"].size(), 3U);
  const auto& exits = content["questions"][0];
  EXPECT_EQ(exits["question_type"], "choice");
  EXPECT_EQ(exits["weight"], 2.5);
  EXPECT_EQ(exits["options"][1]["triggers_finding"], true);
  EXPECT_EQ(exits["options"][1]["finding_grade"], "major_nonconformity");
  EXPECT_EQ(content["questions"][1]["decimal_places"], 1);
  // The document holds exactly the keys the runs read (and the snapshot declaration renders).
  EXPECT_EQ(content["questions"][2]["clause_ids"], json::array({clause_}));
  EXPECT_EQ(content["template"].size(), 14U);
  EXPECT_EQ(exits.size(), 20U);
  EXPECT_EQ(exits["options"][0].size(), 7U);

  // Editing: back to draft; version 1 stays exactly as it was.
  const auto detail = get(id);
  in_tx([&](db::Transaction& tx) {
    tpl::remove_question(tx, actor_, id, detail.questions[1].id);
    return 0;
  });
  EXPECT_EQ(get(id).status, TemplateStatus::kDraft);
  EXPECT_EQ(publish(id), 2);
  EXPECT_EQ(store::audits::find_version(connection_, id, 1)->content, v1->content);
  EXPECT_EQ(version_content(id, 2)["questions"].size(), 2U);
}

TEST_F(TemplatesTest, CloneCopiesEveryFieldOfEveryRow) {
  const auto id = build();
  const auto clone_id = in_tx([&](db::Transaction& tx) {
    return tpl::clone_template(tx, actor_, id, domain::audits::TemplateClone{});
  });
  const auto original = get(id);
  const auto clone = get(clone_id);
  EXPECT_EQ(clone.name, "Copy of Fire safety walk");
  EXPECT_NE(clone.reference_number, original.reference_number);
  EXPECT_EQ(clone.status, TemplateStatus::kDraft);
  EXPECT_EQ(clone.scoring_method, original.scoring_method);
  EXPECT_EQ(clone.passing_score, original.passing_score);
  EXPECT_EQ(clone.require_approval, original.require_approval);
  EXPECT_TRUE(clone.allow_offline);
  EXPECT_EQ(clone.standard_ids, std::vector<std::int64_t>{standard_});
  ASSERT_EQ(clone.sections.size(), original.sections.size());
  EXPECT_EQ(clone.sections[0].weight, original.sections[0].weight);
  ASSERT_EQ(clone.questions.size(), original.questions.size());
  for (std::size_t i = 0; i < clone.questions.size(); ++i) {
    const model::audits::QuestionContent& a = original.questions[i];
    const model::audits::QuestionContent& b = clone.questions[i];
    EXPECT_EQ(a.question_text, b.question_text);
    EXPECT_EQ(a.question_type, b.question_type);
    EXPECT_EQ(a.is_critical, b.is_critical);
    EXPECT_EQ(a.weight, b.weight);
    EXPECT_EQ(a.min_value, b.min_value);
    EXPECT_EQ(a.max_value, b.max_value);
    EXPECT_EQ(a.decimal_places, b.decimal_places);
    EXPECT_EQ(a.description, b.description);
    EXPECT_EQ(a.help_text, b.help_text);
    EXPECT_EQ(a.max_score, b.max_score);
    EXPECT_EQ(a.min_length, b.min_length);
    EXPECT_EQ(a.max_length, b.max_length);
    EXPECT_EQ(a.sort_order, b.sort_order);
    EXPECT_EQ(a.clause_ids, b.clause_ids);
    EXPECT_EQ(a.control_ids, b.control_ids);
    EXPECT_EQ(a.section_id.has_value(), b.section_id.has_value());
    if (b.section_id) {
      EXPECT_EQ(*b.section_id, clone.sections[0].id);  // re-pointed at the clone's section
    }
    const auto& a_options = original.questions[i].options;
    const auto& b_options = clone.questions[i].options;
    ASSERT_EQ(a_options.size(), b_options.size());
    for (std::size_t j = 0; j < a_options.size(); ++j) {
      EXPECT_EQ(static_cast<const model::audits::OptionContent&>(a_options[j]),
                static_cast<const model::audits::OptionContent&>(b_options[j]));
      EXPECT_NE(a_options[j].id, b_options[j].id);
    }
  }
  // The fields the loop compares are really there (a clone of an empty value proves nothing).
  const auto& text = question_named(clone, "Describe the assembly point");
  EXPECT_EQ(text.description, "Where people gather after an evacuation");
  EXPECT_EQ(text.help_text, "Name the sign and the landmark");
  EXPECT_EQ(text.max_score, kit::Decimal{"4.00"});
  EXPECT_EQ(text.min_length, 5);
  EXPECT_EQ(text.max_length, 400);
  EXPECT_EQ(text.clause_ids, std::vector<std::int64_t>{clause_});
  EXPECT_EQ(text.control_ids, std::vector<std::int64_t>{control_});
  EXPECT_EQ(question_named(clone, "Are fire exits clear?").options[1].finding_grade,
            model::audits::FindingGrade::kMajorNonconformity);
}

TEST_F(TemplatesTest, StaleEditsConflictAndArchivedTemplatesAreFrozen) {
  const auto id = build();
  const auto detail = get(id);
  EXPECT_THROW(update(id, {{"version", detail.version - 1}, {"name", "Renamed"}}), core::Conflict);
  update(id, {{"version", detail.version}, {"name", "Renamed"}});
  EXPECT_EQ(get(id).name, "Renamed");
  in_tx([&](db::Transaction& tx) {
    tpl::archive_template(tx, actor_, id);
    return 0;
  });
  EXPECT_TRUE(get(id).archived_at.has_value());
  EXPECT_THROW(publish(id), core::Conflict);
  EXPECT_THROW(add_section(id, {{"title", "Late"}}), core::Conflict);
  EXPECT_GE(audit_rows(id), 7);
  EXPECT_TRUE(last_changes(id).contains("archived_at"));  // the archive row
}

TEST_F(TemplatesTest, PatchChangesOnlyTheFieldsSentAndNullClears) {
  const auto id = build();
  auto row = get(id);
  update(id, {{"version", row.version}, {"name", "Fire safety walk (site B)"}});
  row = get(id);
  EXPECT_EQ(row.name, "Fire safety walk (site B)");
  EXPECT_EQ(row.passing_score, kit::Decimal{"80.00"});  // omitted: kept (the original reset it)
  EXPECT_EQ(row.scoring_method, model::audits::ScoringMethod::kWeighted);
  EXPECT_TRUE(row.require_approval);
  EXPECT_TRUE(row.allow_offline);
  EXPECT_EQ(row.standard_ids, std::vector<std::int64_t>{standard_});

  update(id, {{"version", row.version}, {"description", "Monthly walk of every exit"}});
  row = get(id);
  EXPECT_EQ(row.description, "Monthly walk of every exit");

  update(id, {{"version", row.version},
              {"passing_score", nullptr},
              {"description", nullptr},
              {"standard_ids", json::array()}});
  row = get(id);
  EXPECT_FALSE(row.passing_score.has_value());
  EXPECT_FALSE(row.description.has_value());
  EXPECT_TRUE(row.standard_ids.empty());
  EXPECT_EQ(row.name, "Fire safety walk (site B)");

  // Sending the current values changes nothing: no version bump, no audit row (a decimal sent as
  // 3 is the 3.000 its column keeps).
  const auto rows = audit_rows(id);
  update(id, {{"version", row.version}, {"name", row.name}, {"scoring_method", "weighted"}});
  EXPECT_EQ(get(id).version, row.version);
  const auto section = get(id).sections[0];
  update_section(id, section.id, {{"version", section.version}, {"weight", 3}});
  EXPECT_EQ(get(id).sections[0].version, section.version);
  EXPECT_EQ(audit_rows(id), rows);

  // A section PATCH keeps what it does not name; so does a question PATCH.
  const auto detail = get(id);
  update_section(id, section.id, {{"version", section.version}, {"title", "Exits and corridors"}});
  const auto& question = question_named(detail, "Describe the assembly point");
  patch_question(id, question.id,
                 {{"version", question.version}, {"help_text", nullptr}, {"weight", 2}});
  const auto after = get(id);
  EXPECT_EQ(after.sections[0].title, "Exits and corridors");
  EXPECT_EQ(after.sections[0].weight, kit::Decimal{"3.000"});
  const auto& patched = question_named(after, "Describe the assembly point");
  EXPECT_FALSE(patched.help_text.has_value());
  EXPECT_EQ(patched.weight, kit::Decimal{"2.000"});
  EXPECT_EQ(patched.description, question.description);
  EXPECT_EQ(patched.max_length, 400);
  EXPECT_EQ(patched.clause_ids, std::vector<std::int64_t>{clause_});
}

TEST_F(TemplatesTest, UnknownStandardsAreRefused) {
  const auto id = build();
  const auto row = get(id);
  try {
    update(id, {{"version", row.version}, {"standard_ids", {standard_, standard_ + 1000}}});
    FAIL() << "linked a standard that does not exist";
  } catch (const core::ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("standard_ids"));
  }
}

TEST_F(TemplatesTest, ArchivedStandardsClausesAndControlsCannotBeNewlyLinked) {
  const auto id = build();
  connection_.exec("UPDATE standards SET archived_at = now()");
  connection_.exec("UPDATE clauses SET archived_at = now()");
  connection_.exec("UPDATE controls SET archived_at = now()");

  // What was linked before the archive stays linked through unrelated edits.
  const auto detail = get(id);
  update(id, {{"version", detail.version}, {"name", "Fire safety walk (2027)"}});
  const auto renamed = get(id);
  EXPECT_EQ(renamed.standard_ids, std::vector<std::int64_t>{standard_});
  const auto& linked = question_named(renamed, "Describe the assembly point");
  patch_question(
      id, linked.id,
      {{"version", linked.version}, {"question_text", "Describe the assembly point and its sign"}});

  // New links to archived records are refused, naming the field and the ids.
  try {
    create({{"name", "Another walk"}, {"standard_ids", {standard_}}});
    FAIL() << "a new template linked an archived standard";
  } catch (const core::ValidationError& e) {
    ASSERT_TRUE(e.fields().contains("standard_ids"));
    EXPECT_NE(e.fields().at("standard_ids").find(std::to_string(standard_)), std::string::npos);
  }
  try {
    add_question(id, {{"question_text", "Is the perimeter intact?"},
                      {"clause_ids", {clause_}},
                      {"control_ids", {control_}}});
    FAIL() << "a new question linked an archived clause and control";
  } catch (const core::ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("clause_ids"));
    EXPECT_TRUE(e.fields().contains("control_ids"));
  }
  const auto unlinked = question_named(get(id), "Are fire exits clear?");
  EXPECT_THROW(
      patch_question(id, unlinked.id, {{"version", unlinked.version}, {"control_ids", {control_}}}),
      core::ValidationError);
}

TEST_F(TemplatesTest, AQuestionBelongsToALiveSectionOfItsTemplate) {
  const auto id = build();
  const auto other = create({{"name", "Other"}});
  const auto foreign = add_section(other, {{"title", "Elsewhere"}});
  const auto archived = add_section(id, {{"title", "Old"}});
  in_tx([&](db::Transaction& tx) {
    tpl::remove_section(tx, actor_, id, archived);
    return 0;
  });
  for (const auto section : {foreign, archived, archived + 1000}) {
    try {
      add_question(id, {{"question_text", "Where?"}, {"section_id", section}});
      FAIL() << "a question joined section " << section;
    } catch (const core::ValidationError& e) {
      EXPECT_TRUE(e.fields().contains("section_id")) << section;
    }
  }
  const auto moved = question_named(get(id), "Extinguisher pressure (bar)");
  EXPECT_THROW(patch_question(id, moved.id, {{"version", moved.version}, {"section_id", archived}}),
               core::ValidationError);
  EXPECT_EQ(question_named(get(id), "Extinguisher pressure (bar)").section_id, std::nullopt);
}

TEST_F(TemplatesTest, SectionAndQuestionEditsCheckTheirVersion) {
  const auto id = build();
  const auto detail = get(id);
  const auto& section = detail.sections[0];
  const auto& question = question_named(detail, "Extinguisher pressure (bar)");
  EXPECT_THROW(
      update_section(id, section.id, {{"version", section.version + 1}, {"title", "Escape"}}),
      core::Conflict);
  update_section(id, section.id, {{"version", section.version}, {"title", "Escape routes"}});
  // The second editor read the same version: refused, not silently overwritten.
  EXPECT_THROW(update_section(id, section.id,
                              {{"version", section.version}, {"title", "Exits (second editor)"}}),
               core::Conflict);
  EXPECT_EQ(get(id).sections[0].title, "Escape routes");

  kit::Replace<Question> replaced{.values = question, .version = question.version};
  replaced.values.max_value = kit::Decimal{"25"};
  replace_question(id, question.id, replaced);
  replaced.values.max_value = kit::Decimal{"30"};
  EXPECT_THROW(replace_question(id, question.id, replaced), core::Conflict);
  EXPECT_THROW(patch_question(id, question.id, {{"version", question.version}, {"max_value", 40}}),
               core::Conflict);
  const auto now = question_named(get(id), "Extinguisher pressure (bar)");
  EXPECT_EQ(now.max_value, kit::Decimal{"25"});
  EXPECT_EQ(now.version, question.version + 1);
  patch_question(id, question.id, {{"version", now.version}, {"max_value", 40}});
  EXPECT_EQ(question_named(get(id), "Extinguisher pressure (bar)").max_value, kit::Decimal{"40"});
}

TEST_F(TemplatesTest, OptionsAreKeptByValueRevivedAndArchivedNeverDeleted) {
  const auto id = build();
  const auto choice = question_named(get(id), "Are fire exits clear?");
  const auto clear = choice.options[0].id;
  // Drop "blocked", add "partly" first: "clear" keeps its row, sort orders follow the list.
  patch_question(id, choice.id,
                 {{"version", choice.version},
                  {"options",
                   {{{"label", "Partly clear"}, {"score", 0.5}},
                    {{"label", "Clear"}, {"value", "clear"}, {"score", 1}}}}});
  auto options = question_named(get(id), "Are fire exits clear?").options;
  ASSERT_EQ(options.size(), 2U);
  EXPECT_EQ(options[0].value, "Partly clear");  // no value sent: the label
  EXPECT_EQ(options[0].sort_order, 0);
  EXPECT_EQ(options[1].id, clear);
  EXPECT_EQ(options[1].sort_order, 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_question_options WHERE value = 'blocked' AND "
                   "archived_at IS NOT NULL"),
            1);
  // Sending "blocked" again revives its row.
  const auto again = question_named(get(id), "Are fire exits clear?");
  patch_question(id, again.id,
                 {{"version", again.version},
                  {"options", {{{"label", "Blocked"}, {"value", "blocked"}, {"score", 0}}}}});
  options = question_named(get(id), "Are fire exits clear?").options;
  ASSERT_EQ(options.size(), 1U);
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_question_options WHERE value = 'blocked'"), 1);
  EXPECT_EQ(options[0].value, "blocked");
  EXPECT_FALSE(options[0].triggers_finding);  // its fields are the ones sent now
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_question_options o JOIN audit_questions q ON "
                   "q.id = o.question_id WHERE q.question_text = 'Are fire exits clear?' AND "
                   "o.archived_at IS NULL"),
            1);
}

TEST_F(TemplatesTest, EditsAuditTheBeforeAndAfterOfEveryChangedField) {
  const auto id = build();
  auto detail = get(id);

  update(id, {{"version", detail.version},
              {"allow_offline", false},
              {"passing_score", 70},
              {"standard_ids", json::array()}});
  auto changes = last_changes(id);
  EXPECT_EQ(changes["allow_offline"], json({{"before", true}, {"after", false}}));
  EXPECT_EQ(changes["passing_score"], json({{"before", 80}, {"after", 70}}));
  EXPECT_EQ(changes["standard_ids"]["before"], std::to_string(standard_));
  EXPECT_EQ(changes["standard_ids"]["after"], "");
  EXPECT_FALSE(changes.contains("name"));  // unchanged fields are not recorded

  const auto& section = detail.sections[0];
  update_section(
      id, section.id,
      {{"version", section.version}, {"description", "Doors and corridors"}, {"weight", 1.5}});
  changes = last_changes(id);
  const auto at = fmt::format("sections[{}].", section.id);
  EXPECT_EQ(changes[at + "description"],
            json({{"before", nullptr}, {"after", "Doors and corridors"}}));
  EXPECT_EQ(changes[at + "weight"], json({{"before", 3}, {"after", 1.5}}));
  EXPECT_FALSE(changes.contains(at + "title"));

  detail = get(id);
  const auto& choice = question_named(detail, "Are fire exits clear?");
  auto question_patch =
      api::kit::parse_patch<Question>({{"version", choice.version},
                                       {"description", "Check every exit on the route"},
                                       {"max_score", 2},
                                       {"clause_ids", {clause_}}});
  question_patch.values.options = choice.options;
  question_patch.values.options[1].finding_grade = model::audits::FindingGrade::kMinorNonconformity;
  question_patch.mark(kit::field_index<Question>("options"));
  patch_question(id, choice.id, question_patch);
  changes = last_changes(id);
  const auto q = fmt::format("questions[{}].", choice.id);
  EXPECT_EQ(changes[q + "description"]["after"], "Check every exit on the route");
  EXPECT_EQ(changes[q + "max_score"], json({{"before", nullptr}, {"after", 2}}));
  EXPECT_EQ(changes[q + "clause_ids"], json({{"before", ""}, {"after", std::to_string(clause_)}}));
  EXPECT_EQ(changes[q + "options"]["before"],
            "clear \"Clear\" score=1; blocked \"Blocked\" score=0 finding=major_nonconformity");
  EXPECT_EQ(changes[q + "options"]["after"],
            "clear \"Clear\" score=1; blocked \"Blocked\" score=0 finding=minor_nonconformity");
  EXPECT_FALSE(changes.contains(q + "weight"));  // 2.5 stored as 2.500: the same value
  EXPECT_EQ(changes["_note"], fmt::format("question {} changed", choice.id));

  const auto& text = question_named(detail, "Describe the assembly point");
  kit::Replace<Question> replaced{.values = text, .version = text.version};
  replaced.values.min_length = std::nullopt;
  replaced.values.max_length = 200;
  replaced.values.control_ids.clear();
  replace_question(id, text.id, replaced);
  changes = last_changes(id);
  const auto t = fmt::format("questions[{}].", text.id);
  EXPECT_EQ(changes[t + "min_length"], json({{"before", 5}, {"after", nullptr}}));
  EXPECT_EQ(changes[t + "max_length"], json({{"before", 400}, {"after", 200}}));
  EXPECT_EQ(changes[t + "control_ids"],
            json({{"before", std::to_string(control_)}, {"after", ""}}));
  EXPECT_EQ(changes.size(), 3U + 1U);  // the three fields and the note
}

}  // namespace
}  // namespace qgp::testing
