#pragma once

// Audit templates: the editable draft (template, sections, questions with options and links),
// publishing into immutable versions, and cloning. Every mutation is one transaction (a savepoint
// when the caller already has one open: db::Transaction nests) and writes one audit row in it,
// with the before and after of every changed field (of the template, or of
// the section or question, named `sections[<id>].<field>` / `questions[<id>].<field>`); editing a
// published template turns it back into a draft, to be published as the next version (runs keep
// the version they were scheduled against).
//
// Edits use optimistic concurrency: the template's settings are checked against the template's
// `version`, a section or question edit against that section's or question's own `version`; a
// stale one is a core::Conflict (409) and nothing is written.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/errors.hpp"
#include "store/audits/template_store.hpp"

namespace qgp::db {
class Connection;
}

namespace qgp::domain::audits {

using TemplateFields = store::audits::TemplateFields;
using SectionFields = store::audits::SectionFields;
using QuestionFields = store::audits::QuestionFields;
using TemplateDetail = store::audits::TemplateDetail;

// PATCH semantics: an absent field (nullopt) keeps its value; for a nullable field the inner
// optional is the new value (nullopt clears it).
template <typename T>
using Patch = std::optional<T>;
template <typename T>
using NullablePatch = std::optional<std::optional<T>>;

struct TemplatePatch {
  Patch<std::string> name;
  NullablePatch<std::string> description;
  NullablePatch<std::string> category;
  Patch<std::string> audit_type;
  NullablePatch<std::string> frequency;
  Patch<std::string> scoring_method;
  NullablePatch<std::string> passing_score;  // numeric text
  Patch<bool> allow_offline;
  Patch<bool> require_gps;
  Patch<bool> require_signature;
  Patch<bool> require_approval;
  Patch<bool> auto_create_findings;
  Patch<std::vector<std::int64_t>> standard_ids;
};

struct SectionPatch {
  Patch<std::string> title;
  NullablePatch<std::string> description;
  Patch<int> sort_order;
  Patch<std::string> weight;  // numeric text
};

struct QuestionPatch {
  NullablePatch<std::int64_t> section_id;
  Patch<std::string> question_text;
  NullablePatch<std::string> description;
  NullablePatch<std::string> help_text;
  Patch<std::string> question_type;
  Patch<bool> is_required;
  Patch<bool> allow_na;
  Patch<bool> is_critical;
  Patch<std::string> weight;  // numeric text, like the limits below
  NullablePatch<std::string> max_score;
  NullablePatch<std::string> min_value;
  NullablePatch<std::string> max_value;
  NullablePatch<int> decimal_places;
  NullablePatch<int> min_length;
  NullablePatch<int> max_length;
  Patch<int> sort_order;
  Patch<std::vector<store::audits::OptionFields>> options;  // replaces them all (matched by value)
  Patch<std::vector<std::int64_t>> clause_ids;
  Patch<std::vector<std::int64_t>> control_ids;
};

// `fields` with the patch's present fields applied (a create applies its body to the defaults).
TemplateFields apply_patch(TemplateFields fields, const TemplatePatch& patch);
SectionFields apply_patch(SectionFields fields, const SectionPatch& patch);
QuestionFields apply_patch(QuestionFields fields, const QuestionPatch& patch);

// The options of a question as the audit trail shows them: one entry per option in display order,
// `value "label" score=S [finding=GRADE]`, separated by "; ".
std::string options_summary(const std::vector<store::audits::OptionFields>& options);

// Field rules of one question (options only for choice/multi_choice/rating, limits consistent,
// weight positive, option grades). Returns problems keyed by field ("options[2].finding_grade").
core::FieldErrors question_problems(const QuestionFields& question);

// Everything that must hold before a draft is frozen: at least one question, every choice question
// has options, valid questions, a passing score that fits the scoring method.
core::FieldErrors publish_problems(const TemplateDetail& detail);

TemplateDetail get_template(db::Connection& connection, std::int64_t id);
std::int64_t create_template(db::Connection& connection, const core::Actor& actor,
                             const TemplateFields& fields);
// Only the patch's present fields change; an unknown standard id is a core::ValidationError.
TemplateDetail update_template(db::Connection& connection, const core::Actor& actor,
                               std::int64_t id, std::int64_t expected_version,
                               const TemplatePatch& patch);
void archive_template(db::Connection& connection, const core::Actor& actor, std::int64_t id);

std::int64_t add_section(db::Connection& connection, const core::Actor& actor,
                         std::int64_t template_id, const SectionFields& fields);
void update_section(db::Connection& connection, const core::Actor& actor, std::int64_t template_id,
                    std::int64_t section_id, std::int64_t expected_version,
                    const SectionPatch& patch);
void remove_section(db::Connection& connection, const core::Actor& actor, std::int64_t template_id,
                    std::int64_t section_id);

std::int64_t add_question(db::Connection& connection, const core::Actor& actor,
                          std::int64_t template_id, const QuestionFields& fields);
// Replaces every field of the question (PUT).
void update_question(db::Connection& connection, const core::Actor& actor, std::int64_t template_id,
                     std::int64_t question_id, std::int64_t expected_version,
                     const QuestionFields& fields);
// Changes only the patch's present fields (PATCH).
void patch_question(db::Connection& connection, const core::Actor& actor, std::int64_t template_id,
                    std::int64_t question_id, std::int64_t expected_version,
                    const QuestionPatch& patch);
void remove_question(db::Connection& connection, const core::Actor& actor, std::int64_t template_id,
                     std::int64_t question_id);

// Validates (core::ValidationError listing every problem) and freezes version N+1; publishing an
// unchanged published template is a core::Conflict.
int publish_template(db::Connection& connection, const core::Actor& actor, std::int64_t id);

std::int64_t clone_template(db::Connection& connection, const core::Actor& actor, std::int64_t id,
                            const std::optional<std::string>& name);

}  // namespace qgp::domain::audits
