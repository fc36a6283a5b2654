// The template builder against a real database: publishing freezes an exact snapshot, editing
// makes a new draft without touching old versions, and cloning copies everything.
#include <string>

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

  std::int64_t build() {
    tpl::TemplateFields fields;
    fields.name = "Fire safety walk";
    fields.scoring_method = "weighted";
    fields.passing_score = "80";
    fields.require_approval = true;
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
    return id;
  }
};

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
  ASSERT_EQ(content["questions"].size(), 2U);
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
  EXPECT_EQ(v2["questions"].size(), 1U);
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
}

TEST_F(TemplatesTest, StaleEditsConflictAndArchivedTemplatesAreFrozen) {
  const auto id = build();
  const auto detail = tpl::get_template(connection_, id);
  auto fields = detail.row.fields;
  fields.name = "Renamed";
  EXPECT_THROW(tpl::update_template(connection_, actor_, id, detail.row.version - 1, fields),
               core::Conflict);
  EXPECT_EQ(
      tpl::update_template(connection_, actor_, id, detail.row.version, fields).row.fields.name,
      "Renamed");
  tpl::archive_template(connection_, actor_, id);
  EXPECT_THROW(tpl::publish_template(connection_, actor_, id), core::Conflict);
  EXPECT_GE(connection_
                .exec("SELECT count(*) FROM audit_log WHERE entity_type = 'audit_template' "
                      "AND entity_id = $1",
                      db::Params(id))
                .int64(0, 0),
            6);
}

}  // namespace
}  // namespace qgp::testing
