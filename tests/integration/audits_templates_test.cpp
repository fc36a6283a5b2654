// The template builder against a real database: publishing freezes an exact snapshot, editing
// makes a new draft without touching old versions, edits are partial, version-checked and audited
// with before and after, and cloning copies everything.
#include <stdexcept>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "db/connection.hpp"
#include "domain/audits/templates.hpp"
#include "store/audits/template_store.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

namespace tpl = domain::audits;

tpl::QuestionFields choice_question(std::optional<std::int64_t> section) {
  tpl::QuestionFields q;
  q.section_id = section;
  q.question_text = "Are fire exits clear?";
  q.question_type = "choice";
  q.is_critical = true;
  q.weight = "2.5";
  q.options = {{.label = "Clear", .value = "clear", .score = "1", .sort_order = 0},
               {.label = "Blocked",
                .value = "blocked",
                .score = "0",
                .triggers_finding = true,
                .finding_grade = "major_nonconformity",
                .sort_order = 1}};
  return q;
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
    tpl::TemplateFields fields;
    fields.name = "Fire safety walk";
    fields.scoring_method = "weighted";
    fields.passing_score = "80";
    fields.require_approval = true;
    fields.allow_offline = true;
    fields.standard_ids = {standard_};
    const auto id = tpl::create_template(connection_, actor_, fields);
    const auto section =
        tpl::add_section(connection_, actor_, id, {.title = "Exits", .weight = "3"});
    tpl::add_question(connection_, actor_, id, choice_question(section));
    tpl::QuestionFields number;
    number.question_text = "Extinguisher pressure (bar)";
    number.question_type = "number";
    number.min_value = "0";
    number.max_value = "20";
    number.decimal_places = 1;
    tpl::add_question(connection_, actor_, id, number);
    tpl::QuestionFields text;
    text.question_text = "Describe the assembly point";
    text.question_type = "text";
    text.description = "Where people gather after an evacuation";
    text.help_text = "Name the sign and the landmark";
    text.max_score = "4";
    text.min_length = 5;
    text.max_length = 400;
    text.sort_order = 9;
    text.clause_ids = {clause_};
    text.control_ids = {control_};
    tpl::add_question(connection_, actor_, id, text);
    return id;
  }

  // The `changes` of the newest audit row of the template.
  nlohmann::json last_changes(std::int64_t id) {
    return nlohmann::json::parse(
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
};

const store::audits::QuestionRow& question_named(const tpl::TemplateDetail& detail,
                                                 const std::string& text) {
  for (const auto& question : detail.questions) {
    if (question.fields.question_text == text) {
      return question;
    }
  }
  throw std::runtime_error("no question " + text);
}

TEST_F(TemplatesTest, PublishingRefusesAnIncompleteDraftListingEveryProblem) {
  tpl::TemplateFields fields;
  fields.name = "Empty";
  const auto id = tpl::create_template(connection_, actor_, fields);
  try {
    tpl::publish_template(connection_, actor_, id);
    FAIL() << "published an empty template";
  } catch (const core::ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("questions"));
  }
  auto choice = choice_question(std::nullopt);
  choice.options.clear();
  tpl::add_question(connection_, actor_, id, choice);
  try {
    tpl::publish_template(connection_, actor_, id);
    FAIL() << "published a choice question without options";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().size(), 1U);
    EXPECT_TRUE(e.fields().begin()->first.ends_with(".options")) << e.fields().begin()->first;
  }
}

TEST_F(TemplatesTest, PublishFreezesTheSnapshotAndEditsMakeTheNextVersion) {
  const auto id = build();
  EXPECT_EQ(tpl::publish_template(connection_, actor_, id), 1);
  EXPECT_THROW(tpl::publish_template(connection_, actor_, id), core::Conflict);
  const auto v1 = store::audits::find_version(connection_, id, 1);
  ASSERT_TRUE(v1.has_value());
  const auto content = nlohmann::json::parse(v1->content);
  EXPECT_EQ(content["template"]["scoring_method"], "weighted");
  EXPECT_EQ(content["template"]["passing_score"], 80);
  EXPECT_EQ(content["sections"][0]["weight"], 3);
  EXPECT_EQ(content["template"]["allow_offline"], true);
  EXPECT_EQ(content["template"]["standard_ids"], nlohmann::json::array({standard_}));
  ASSERT_EQ(content["questions"].size(), 3U);
  const auto& exits = content["questions"][0];
  EXPECT_EQ(exits["question_type"], "choice");
  EXPECT_EQ(exits["weight"], 2.5);
  EXPECT_EQ(exits["options"][1]["triggers_finding"], true);
  EXPECT_EQ(exits["options"][1]["finding_grade"], "major_nonconformity");
  EXPECT_EQ(content["questions"][1]["decimal_places"], 1);

  // Editing: back to draft; version 1 stays exactly as it was.
  const auto detail = tpl::get_template(connection_, id);
  tpl::remove_question(connection_, actor_, id, detail.questions[1].id);
  EXPECT_EQ(tpl::get_template(connection_, id).row.status, "draft");
  EXPECT_EQ(tpl::publish_template(connection_, actor_, id), 2);
  EXPECT_EQ(store::audits::find_version(connection_, id, 1)->content, v1->content);
  const auto v2 = nlohmann::json::parse(store::audits::find_version(connection_, id, 2)->content);
  EXPECT_EQ(v2["questions"].size(), 2U);
}

TEST_F(TemplatesTest, CloneCopiesEveryFieldOfEveryRow) {
  const auto id = build();
  const auto clone_id = tpl::clone_template(connection_, actor_, id, std::nullopt);
  const auto original = tpl::get_template(connection_, id);
  const auto clone = tpl::get_template(connection_, clone_id);
  EXPECT_EQ(clone.row.fields.name, "Copy of Fire safety walk");
  EXPECT_NE(clone.row.reference_number, original.row.reference_number);
  EXPECT_EQ(clone.row.status, "draft");
  auto same_settings = clone.row.fields;
  same_settings.name = original.row.fields.name;
  EXPECT_EQ(same_settings.scoring_method, original.row.fields.scoring_method);
  EXPECT_EQ(same_settings.passing_score, original.row.fields.passing_score);
  EXPECT_EQ(same_settings.require_approval, original.row.fields.require_approval);
  EXPECT_TRUE(clone.row.fields.allow_offline);
  EXPECT_EQ(clone.row.fields.standard_ids, std::vector<std::int64_t>{standard_});
  ASSERT_EQ(clone.sections.size(), original.sections.size());
  EXPECT_EQ(clone.sections[0].fields.weight, original.sections[0].fields.weight);
  ASSERT_EQ(clone.questions.size(), original.questions.size());
  for (std::size_t i = 0; i < clone.questions.size(); ++i) {
    const auto& a = original.questions[i].fields;
    const auto& b = clone.questions[i].fields;
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
    ASSERT_EQ(a.options.size(), b.options.size());
    for (std::size_t j = 0; j < a.options.size(); ++j) {
      EXPECT_EQ(a.options[j].label, b.options[j].label);
      EXPECT_EQ(a.options[j].score, b.options[j].score);
      EXPECT_EQ(a.options[j].triggers_finding, b.options[j].triggers_finding);
      EXPECT_EQ(a.options[j].finding_grade, b.options[j].finding_grade);
    }
  }
  // The fields the loop compares are really there (a clone of an empty value proves nothing).
  const auto& text = question_named(clone, "Describe the assembly point").fields;
  EXPECT_EQ(text.description, "Where people gather after an evacuation");
  EXPECT_EQ(text.help_text, "Name the sign and the landmark");
  EXPECT_EQ(text.max_score, "4.00");
  EXPECT_EQ(text.min_length, 5);
  EXPECT_EQ(text.max_length, 400);
  EXPECT_EQ(text.clause_ids, std::vector<std::int64_t>{clause_});
  EXPECT_EQ(text.control_ids, std::vector<std::int64_t>{control_});
}

TEST_F(TemplatesTest, StaleEditsConflictAndArchivedTemplatesAreFrozen) {
  const auto id = build();
  const auto detail = tpl::get_template(connection_, id);
  tpl::TemplatePatch rename;
  rename.name = "Renamed";
  EXPECT_THROW(tpl::update_template(connection_, actor_, id, detail.row.version - 1, rename),
               core::Conflict);
  EXPECT_EQ(
      tpl::update_template(connection_, actor_, id, detail.row.version, rename).row.fields.name,
      "Renamed");
  tpl::archive_template(connection_, actor_, id);
  EXPECT_THROW(tpl::publish_template(connection_, actor_, id), core::Conflict);
  EXPECT_GE(audit_rows(id), 7);
}

TEST_F(TemplatesTest, PatchChangesOnlyTheFieldsSentAndNullClears) {
  const auto id = build();
  auto row = tpl::get_template(connection_, id).row;
  tpl::TemplatePatch rename;
  rename.name = "Fire safety walk (site B)";
  row = tpl::update_template(connection_, actor_, id, row.version, rename).row;
  EXPECT_EQ(row.fields.name, "Fire safety walk (site B)");
  EXPECT_EQ(row.fields.passing_score, "80.00");  // omitted: kept (the original defect reset it)
  EXPECT_EQ(row.fields.scoring_method, "weighted");
  EXPECT_TRUE(row.fields.require_approval);
  EXPECT_TRUE(row.fields.allow_offline);
  EXPECT_EQ(row.fields.standard_ids, std::vector<std::int64_t>{standard_});

  tpl::TemplatePatch describe;
  describe.description = std::optional<std::string>("Monthly walk of every exit");
  row = tpl::update_template(connection_, actor_, id, row.version, describe).row;
  EXPECT_EQ(row.fields.description, "Monthly walk of every exit");

  tpl::TemplatePatch clear;
  clear.passing_score = std::optional<std::string>();  // explicit null
  clear.description = std::optional<std::string>();
  clear.standard_ids = std::vector<std::int64_t>{};
  row = tpl::update_template(connection_, actor_, id, row.version, clear).row;
  EXPECT_FALSE(row.fields.passing_score.has_value());
  EXPECT_FALSE(row.fields.description.has_value());
  EXPECT_TRUE(row.fields.standard_ids.empty());
  EXPECT_EQ(row.fields.name, "Fire safety walk (site B)");

  // Sending the current values changes nothing: no version bump, no audit row.
  const auto rows = audit_rows(id);
  tpl::TemplatePatch same;
  same.name = row.fields.name;
  same.scoring_method = "weighted";
  EXPECT_EQ(tpl::update_template(connection_, actor_, id, row.version, same).row.version,
            row.version);
  EXPECT_EQ(audit_rows(id), rows);

  // A section PATCH keeps what it does not name; so does a question PATCH.
  const auto detail = tpl::get_template(connection_, id);
  const auto& section = detail.sections[0];
  tpl::SectionPatch retitle;
  retitle.title = "Exits and corridors";
  tpl::update_section(connection_, actor_, id, section.id, section.version, retitle);
  const auto& question = question_named(detail, "Describe the assembly point");
  tpl::QuestionPatch help;
  help.help_text = std::optional<std::string>();
  help.weight = "2";
  tpl::patch_question(connection_, actor_, id, question.id, question.version, help);
  const auto after = tpl::get_template(connection_, id);
  EXPECT_EQ(after.sections[0].fields.title, "Exits and corridors");
  EXPECT_EQ(after.sections[0].fields.weight, "3.000");
  const auto& patched = question_named(after, "Describe the assembly point");
  EXPECT_FALSE(patched.fields.help_text.has_value());
  EXPECT_EQ(patched.fields.weight, "2.000");
  EXPECT_EQ(patched.fields.description, question.fields.description);
  EXPECT_EQ(patched.fields.max_length, 400);
  EXPECT_EQ(patched.fields.clause_ids, std::vector<std::int64_t>{clause_});
}

TEST_F(TemplatesTest, UnknownStandardsAreRefused) {
  const auto id = build();
  const auto row = tpl::get_template(connection_, id).row;
  tpl::TemplatePatch patch;
  patch.standard_ids = std::vector<std::int64_t>{standard_, standard_ + 1000};
  try {
    tpl::update_template(connection_, actor_, id, row.version, patch);
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
  const auto detail = tpl::get_template(connection_, id);
  tpl::TemplatePatch rename;
  rename.name = "Fire safety walk (2027)";
  const auto renamed = tpl::update_template(connection_, actor_, id, detail.row.version, rename);
  EXPECT_EQ(renamed.row.fields.standard_ids, std::vector<std::int64_t>{standard_});
  const auto& linked = question_named(renamed, "Describe the assembly point");
  tpl::QuestionPatch reword;
  reword.question_text = "Describe the assembly point and its sign";
  tpl::patch_question(connection_, actor_, id, linked.id, linked.version, reword);

  // New links to archived records are refused, naming the field and the ids.
  tpl::TemplateFields fields;
  fields.name = "Another walk";
  fields.scoring_method = "percentage";
  fields.standard_ids = {standard_};
  try {
    tpl::create_template(connection_, actor_, fields);
    FAIL() << "a new template linked an archived standard";
  } catch (const core::ValidationError& e) {
    ASSERT_TRUE(e.fields().contains("standard_ids"));
    EXPECT_NE(e.fields().at("standard_ids").find(std::to_string(standard_)), std::string::npos);
  }
  tpl::QuestionFields question;
  question.question_text = "Is the perimeter intact?";
  question.question_type = "yes_no";
  question.clause_ids = {clause_};
  question.control_ids = {control_};
  try {
    tpl::add_question(connection_, actor_, id, question);
    FAIL() << "a new question linked an archived clause and control";
  } catch (const core::ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("clause_ids"));
    EXPECT_TRUE(e.fields().contains("control_ids"));
  }
  const auto current = tpl::get_template(connection_, id);
  const auto& unlinked = question_named(current, "Are fire exits clear?");
  tpl::QuestionPatch link;
  link.control_ids = std::vector<std::int64_t>{control_};
  EXPECT_THROW(tpl::patch_question(connection_, actor_, id, unlinked.id, unlinked.version, link),
               core::ValidationError);
}

TEST_F(TemplatesTest, SectionAndQuestionEditsCheckTheirVersion) {
  const auto id = build();
  const auto detail = tpl::get_template(connection_, id);
  const auto& section = detail.sections[0];
  const auto& question = question_named(detail, "Extinguisher pressure (bar)");
  tpl::SectionPatch retitle;
  retitle.title = "Escape routes";
  EXPECT_THROW(
      tpl::update_section(connection_, actor_, id, section.id, section.version + 1, retitle),
      core::Conflict);
  tpl::update_section(connection_, actor_, id, section.id, section.version, retitle);
  // The second editor read the same version: refused, not silently overwritten.
  retitle.title = "Exits (second editor)";
  EXPECT_THROW(tpl::update_section(connection_, actor_, id, section.id, section.version, retitle),
               core::Conflict);
  EXPECT_EQ(tpl::get_template(connection_, id).sections[0].fields.title, "Escape routes");

  auto replaced = question.fields;
  replaced.max_value = "25";
  tpl::update_question(connection_, actor_, id, question.id, question.version, replaced);
  replaced.max_value = "30";
  EXPECT_THROW(
      tpl::update_question(connection_, actor_, id, question.id, question.version, replaced),
      core::Conflict);
  tpl::QuestionPatch patch;
  patch.max_value = std::optional<std::string>("40");
  EXPECT_THROW(tpl::patch_question(connection_, actor_, id, question.id, question.version, patch),
               core::Conflict);
  const auto now =
      question_named(tpl::get_template(connection_, id), "Extinguisher pressure (bar)");
  EXPECT_EQ(now.fields.max_value, "25");
  EXPECT_EQ(now.version, question.version + 1);
  tpl::patch_question(connection_, actor_, id, question.id, now.version, patch);
  EXPECT_EQ(question_named(tpl::get_template(connection_, id), "Extinguisher pressure (bar)")
                .fields.max_value,
            "40");
}

TEST_F(TemplatesTest, EditsAuditTheBeforeAndAfterOfEveryChangedField) {
  const auto id = build();
  auto detail = tpl::get_template(connection_, id);

  tpl::TemplatePatch settings;
  settings.allow_offline = false;
  settings.passing_score = std::optional<std::string>("70");
  settings.standard_ids = std::vector<std::int64_t>{};
  tpl::update_template(connection_, actor_, id, detail.row.version, settings);
  auto changes = last_changes(id);
  EXPECT_EQ(changes["allow_offline"], nlohmann::json({{"before", true}, {"after", false}}));
  EXPECT_EQ(changes["passing_score"], nlohmann::json({{"before", 80}, {"after", 70}}));
  EXPECT_EQ(changes["standard_ids"]["before"], std::to_string(standard_));
  EXPECT_EQ(changes["standard_ids"]["after"], nullptr);
  EXPECT_FALSE(changes.contains("name"));  // unchanged fields are not recorded

  const auto& section = detail.sections[0];
  tpl::SectionPatch section_patch;
  section_patch.description = std::optional<std::string>("Doors and corridors");
  section_patch.weight = "1.5";
  tpl::update_section(connection_, actor_, id, section.id, section.version, section_patch);
  changes = last_changes(id);
  const auto at = fmt::format("sections[{}].", section.id);
  EXPECT_EQ(changes[at + "description"],
            nlohmann::json({{"before", nullptr}, {"after", "Doors and corridors"}}));
  EXPECT_EQ(changes[at + "weight"], nlohmann::json({{"before", 3}, {"after", 1.5}}));
  EXPECT_FALSE(changes.contains(at + "title"));

  detail = tpl::get_template(connection_, id);
  const auto& choice = question_named(detail, "Are fire exits clear?");
  tpl::QuestionPatch question_patch;
  question_patch.description = std::optional<std::string>("Check every exit on the route");
  question_patch.max_score = std::optional<std::string>("2");
  question_patch.clause_ids = std::vector<std::int64_t>{clause_};
  auto options = choice.fields.options;
  options[1].finding_grade = "minor_nonconformity";
  question_patch.options = options;
  tpl::patch_question(connection_, actor_, id, choice.id, choice.version, question_patch);
  changes = last_changes(id);
  const auto q = fmt::format("questions[{}].", choice.id);
  EXPECT_EQ(changes[q + "description"]["after"], "Check every exit on the route");
  EXPECT_EQ(changes[q + "max_score"], nlohmann::json({{"before", nullptr}, {"after", 2}}));
  EXPECT_EQ(changes[q + "clause_ids"],
            nlohmann::json({{"before", nullptr}, {"after", std::to_string(clause_)}}));
  EXPECT_EQ(changes[q + "options"]["before"],
            "clear \"Clear\" score=1; blocked \"Blocked\" score=0 finding=major_nonconformity");
  EXPECT_EQ(changes[q + "options"]["after"],
            "clear \"Clear\" score=1; blocked \"Blocked\" score=0 finding=minor_nonconformity");
  EXPECT_FALSE(changes.contains(q + "weight"));  // 2.5 stored as 2.500: the same value
  EXPECT_EQ(changes["_note"], fmt::format("question {} changed", choice.id));

  const auto& text = question_named(detail, "Describe the assembly point");
  auto replaced = text.fields;
  replaced.min_length = std::nullopt;
  replaced.max_length = 200;
  replaced.control_ids.clear();
  tpl::update_question(connection_, actor_, id, text.id, text.version, replaced);
  changes = last_changes(id);
  const auto t = fmt::format("questions[{}].", text.id);
  EXPECT_EQ(changes[t + "min_length"], nlohmann::json({{"before", 5}, {"after", nullptr}}));
  EXPECT_EQ(changes[t + "max_length"], nlohmann::json({{"before", 400}, {"after", 200}}));
  EXPECT_EQ(changes[t + "control_ids"],
            nlohmann::json({{"before", std::to_string(control_)}, {"after", nullptr}}));
  EXPECT_EQ(changes.size(), 3U + 1U);  // the three fields and the note
}

}  // namespace
}  // namespace qgp::testing
