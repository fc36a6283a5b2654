#pragma once

// Audit templates: the editable draft (template, sections, questions with options and links),
// publishing into immutable versions, and cloning. Every mutation writes one audit row in the
// caller's transaction; editing a published template turns it back into a draft, to be published
// as the next version (runs keep the version they started on).

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

// Field rules of one question (options only for choice/multi_choice/rating, limits consistent,
// weight positive, option grades). Returns problems keyed by field ("options[2].finding_grade").
core::FieldErrors question_problems(const QuestionFields& question);

// Everything that must hold before a draft is frozen: at least one question, every choice question
// has options, valid questions, a passing score that fits the scoring method.
core::FieldErrors publish_problems(const TemplateDetail& detail);

TemplateDetail get_template(db::Connection& connection, std::int64_t id);
std::int64_t create_template(db::Connection& connection, const core::Actor& actor,
                             const TemplateFields& fields);
TemplateDetail update_template(db::Connection& connection, const core::Actor& actor,
                               std::int64_t id, std::int64_t expected_version,
                               const TemplateFields& fields);
void archive_template(db::Connection& connection, const core::Actor& actor, std::int64_t id);

std::int64_t add_section(db::Connection& connection, const core::Actor& actor,
                         std::int64_t template_id, const SectionFields& fields);
void update_section(db::Connection& connection, const core::Actor& actor, std::int64_t template_id,
                    std::int64_t section_id, const SectionFields& fields);
void remove_section(db::Connection& connection, const core::Actor& actor, std::int64_t template_id,
                    std::int64_t section_id);

std::int64_t add_question(db::Connection& connection, const core::Actor& actor,
                          std::int64_t template_id, const QuestionFields& fields);
void update_question(db::Connection& connection, const core::Actor& actor, std::int64_t template_id,
                     std::int64_t question_id, const QuestionFields& fields);
void remove_question(db::Connection& connection, const core::Actor& actor, std::int64_t template_id,
                     std::int64_t question_id);

// Validates (core::ValidationError listing every problem) and freezes version N+1; publishing an
// unchanged published template is a core::Conflict.
int publish_template(db::Connection& connection, const core::Actor& actor, std::int64_t id);

std::int64_t clone_template(db::Connection& connection, const core::Actor& actor, std::int64_t id,
                            const std::optional<std::string>& name);

}  // namespace qgp::domain::audits
