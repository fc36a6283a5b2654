#pragma once

// Audit templates: the editable draft (template, sections, questions with options and links),
// publishing into immutable versions, and cloning: the module's own rules over the declarations in
// model/audits/template.hpp (which check every field on its own) and the generic use cases of
// domain/common. Every mutation runs in the caller's unit of work and writes one audit row on the
// template, with the before and after of every changed field (of the template, or of the section
// or question, named `sections[<id>].<field>` / `questions[<id>].<field>`); editing a published
// template turns it back into a draft, to be published as the next version (runs keep the version
// they were scheduled against).
//
// Edits use optimistic concurrency: the template's settings are checked against the template's
// `version`, a section or question edit against that section's or question's own `version`; a
// stale one is a core::Conflict (409) and nothing is written.

#include <cstdint>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/errors.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "kit/list.hpp"
#include "kit/patch.hpp"
#include "model/audits/template.hpp"

namespace qgp::domain::audits {

using model::audits::Option;
using model::audits::Question;
using model::audits::Section;
using model::audits::Template;
using model::audits::TemplateClone;
using model::audits::TemplateDetail;
using model::audits::TemplateVersion;
using model::audits::TemplateVersionDetail;

// The rules across a question's fields (each field's own limits are its declaration's): limits
// that agree, options only where the type takes them, distinct option values, a grade for every
// option that raises a finding. Problems are keyed by field ("options[2].finding_grade").
core::FieldErrors question_problems(const Question& question);

// Everything that must hold before a draft is frozen: at least one question, every choice question
// has options, valid questions, a passing score that fits the scoring method.
core::FieldErrors publish_problems(const TemplateDetail& detail);

// The options as stored: a value defaults to the label, a sort_order to the option's position.
std::vector<Option> placed(std::vector<Option> options);

// The options of a question as the audit trail shows them: one entry per option in display order,
// `value "label" score=S [finding=GRADE]`, separated by "; ".
std::string options_summary(const std::vector<Option>& options);

// The template with its live sections, questions and options (404 when unknown).
TemplateDetail get_template(db::Connection& connection, std::int64_t id);

// A new draft with the next TPL reference number; new standard links must be current.
std::int64_t create_template(db::Transaction& tx, const core::Actor& actor, Template fields);
// Only the patch's fields change; a change turns a published template back into a draft.
void update_template(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                     const kit::Patch<Template>& patch);
void archive_template(db::Transaction& tx, const core::Actor& actor, std::int64_t id);

std::int64_t add_section(db::Transaction& tx, const core::Actor& actor, std::int64_t template_id,
                         Section section);
void update_section(db::Transaction& tx, const core::Actor& actor, std::int64_t template_id,
                    std::int64_t section_id, const kit::Patch<Section>& patch);
// Archives the section and its questions.
void remove_section(db::Transaction& tx, const core::Actor& actor, std::int64_t template_id,
                    std::int64_t section_id);

std::int64_t add_question(db::Transaction& tx, const core::Actor& actor, std::int64_t template_id,
                          Question question);
// PUT: every field of the question is replaced (what is not sent takes its default).
void replace_question(db::Transaction& tx, const core::Actor& actor, std::int64_t template_id,
                      std::int64_t question_id, const kit::Replace<Question>& replace);
// PATCH: only the fields sent change (options, when sent, replace them all).
void patch_question(db::Transaction& tx, const core::Actor& actor, std::int64_t template_id,
                    std::int64_t question_id, const kit::Patch<Question>& patch);
// Archives the question (answers in past runs keep pointing at it).
void remove_question(db::Transaction& tx, const core::Actor& actor, std::int64_t template_id,
                     std::int64_t question_id);

// Validates (core::ValidationError listing every problem) and freezes version N+1; publishing an
// unchanged published template is a core::Conflict.
int publish_template(db::Transaction& tx, const core::Actor& actor, std::int64_t id);

// A new draft holding every field, live section, question, option and link of the template.
std::int64_t clone_template(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                            const TemplateClone& request);

// The published versions of a template (404 when the template is unknown), a page at a time.
kit::Page<TemplateVersion> list_versions(db::Connection& connection, std::int64_t template_id,
                                         kit::ListQuery query);
TemplateVersionDetail get_version(db::Connection& connection, std::int64_t template_id,
                                  std::int64_t version_number);

}  // namespace qgp::domain::audits
