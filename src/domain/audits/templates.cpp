#include "domain/audits/templates.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>

#include <fmt/format.h>

#include "db/errors.hpp"
#include "store/audit/audit_log_store.hpp"
#include "store/common/reference_numbers.hpp"

namespace qgp::domain::audits {

namespace {

namespace templates = store::audits;
using store::audit::ChangeSet;
using store::audit::Value;

constexpr std::array<std::string_view, 11> kQuestionTypes = {
    "yes_no", "pass_fail",    "score", "rating", "number",   "text",
    "choice", "multi_choice", "date",  "photo",  "signature"};
constexpr std::array<std::string_view, 4> kGrades = {"major_nonconformity", "minor_nonconformity",
                                                     "observation", "opportunity_for_improvement"};

bool has_options(std::string_view type) {
  return type == "choice" || type == "multi_choice" || type == "rating";
}

std::optional<double> number(const std::optional<std::string>& text) {
  if (!text) {
    return std::nullopt;
  }
  double value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size()) {
    return std::nullopt;
  }
  return value;
}

Value text_value(const std::optional<std::string>& text) {
  return text ? Value(*text) : Value(std::monostate{});
}
Value decimal_value(const std::optional<std::string>& text) {
  return text ? Value(store::audit::Decimal{*text}) : Value(std::monostate{});
}

void audit(db::Connection& connection, const core::Actor& actor, std::string action,
           std::int64_t template_id, ChangeSet changes, std::string note = {}) {
  store::audit::append(connection, actor,
                       store::audit::Entry{.action = std::move(action),
                                           .entity_type = "audit_template",
                                           .entity_id = template_id,
                                           .changes = std::move(changes).take(),
                                           .note = std::move(note)});
}

templates::TemplateRow editable(db::Connection& connection, std::int64_t id) {
  auto row = templates::find_template(connection, id, true);
  if (!row) {
    throw core::NotFound(fmt::format("template {} not found", id));
  }
  if (row->archived_at) {
    throw core::Conflict("the template is archived and cannot change");
  }
  return *row;
}

core::FieldErrors template_problems(const TemplateFields& fields) {
  core::FieldErrors errors;
  if (fields.name.empty() || fields.name.size() > 200) {
    errors["name"] = "must be 1-200 characters";
  }
  if (const auto score = number(fields.passing_score)) {
    if (*score < 0) {
      errors["passing_score"] = "must not be negative";
    } else if ((fields.scoring_method == "percentage" || fields.scoring_method == "weighted")
               && *score > 100) {
      errors["passing_score"] = "is a percentage for this scoring method: at most 100";
    }
  }
  return errors;
}

void merge(core::FieldErrors& into, const core::FieldErrors& from, const std::string& prefix) {
  for (const auto& [field, problem] : from) {
    into[prefix + field] = problem;
  }
}

void throw_if(core::FieldErrors errors) {
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
}

// Unknown section/clause/control ids arrive as foreign-key violations.
template <typename Work>
auto with_references(Work&& work) {
  try {
    return std::forward<Work>(work)();
  } catch (const db::ForeignKeyViolation& error) {
    const auto& constraint = error.diagnostics().constraint;
    const std::string field = constraint.find("clause") != std::string::npos    ? "clause_ids"
                              : constraint.find("control") != std::string::npos ? "control_ids"
                                                                                : "section_id";
    throw core::ValidationError(field, "refers to a record that does not exist");
  }
}

ChangeSet question_changes(const QuestionFields& q) {
  ChangeSet changes;
  changes.set("question_text", q.question_text)
      .set("question_type", q.question_type)
      .set("is_required", q.is_required)
      .set("weight", store::audit::Decimal{q.weight})
      .set("options", static_cast<std::int64_t>(q.options.size()));
  return changes;
}

}  // namespace

core::FieldErrors question_problems(const QuestionFields& q) {
  core::FieldErrors errors;
  if (q.question_text.empty() || q.question_text.size() > 1000) {
    errors["question_text"] = "must be 1-1000 characters";
  }
  if (std::find(kQuestionTypes.begin(), kQuestionTypes.end(), q.question_type)
      == kQuestionTypes.end()) {
    errors["question_type"] = "unknown question type";
  }
  if (const auto weight = number(q.weight); !weight || *weight <= 0) {
    errors["weight"] = "must be a positive number";
  }
  const auto min_value = number(q.min_value);
  const auto max_value = number(q.max_value);
  if (min_value && max_value && *min_value > *max_value) {
    errors["min_value"] = "must not exceed max_value";
  }
  if (q.decimal_places && (*q.decimal_places < 0 || *q.decimal_places > 6)) {
    errors["decimal_places"] = "must be 0-6";
  }
  if (q.min_length && *q.min_length < 0) {
    errors["min_length"] = "must not be negative";
  }
  if (q.max_length && (*q.max_length < 1 || *q.max_length > 100000)) {
    errors["max_length"] = "must be 1-100000";
  }
  if (q.min_length && q.max_length && *q.min_length > *q.max_length) {
    errors["min_length"] = "must not exceed max_length";
  }
  if (const auto max_score = number(q.max_score); q.max_score && (!max_score || *max_score < 0)) {
    errors["max_score"] = "must be a non-negative number";
  }
  if (!has_options(q.question_type) && !q.options.empty()) {
    errors["options"] = "only choice, multi_choice and rating questions have options";
  }
  std::set<std::string> values;
  for (std::size_t i = 0; i < q.options.size(); ++i) {
    const auto& option = q.options[i];
    const auto at = fmt::format("options[{}].", i);
    if (option.label.empty() || option.label.size() > 200) {
      errors[at + "label"] = "must be 1-200 characters";
    }
    if (option.value.empty() || option.value.size() > 200) {
      errors[at + "value"] = "must be 1-200 characters";
    } else if (!values.insert(option.value).second) {
      errors[at + "value"] = "duplicates another option's value";
    }
    if (const auto score = number(option.score); option.score && (!score || *score < 0)) {
      errors[at + "score"] = "must be a non-negative number";
    }
    if (option.finding_grade
        && std::find(kGrades.begin(), kGrades.end(), *option.finding_grade) == kGrades.end()) {
      errors[at + "finding_grade"] = "unknown grade";
    }
    if (option.triggers_finding && !option.finding_grade) {
      errors[at + "finding_grade"] = "is required when the option triggers a finding";
    }
  }
  return errors;
}

core::FieldErrors publish_problems(const TemplateDetail& detail) {
  core::FieldErrors errors = template_problems(detail.row.fields);
  if (detail.questions.empty()) {
    errors["questions"] = "a template needs at least one question to be published";
  }
  for (const auto& question : detail.questions) {
    const auto at = fmt::format("questions[{}].", question.id);
    merge(errors, question_problems(question.fields), at);
    if ((question.fields.question_type == "choice"
         || question.fields.question_type == "multi_choice")
        && question.options.empty()) {
      errors[at + "options"] = "a choice question needs at least one option";
    }
  }
  for (const auto& section : detail.sections) {
    if (const auto weight = number(section.fields.weight); !weight || *weight <= 0) {
      errors[fmt::format("sections[{}].weight", section.id)] = "must be a positive number";
    }
  }
  return errors;
}

TemplateDetail get_template(db::Connection& connection, std::int64_t id) {
  const auto row = templates::find_template(connection, id);
  if (!row) {
    throw core::NotFound(fmt::format("template {} not found", id));
  }
  return templates::load_detail(connection, *row);
}

std::int64_t create_template(db::Connection& connection, const core::Actor& actor,
                             const TemplateFields& fields) {
  throw_if(template_problems(fields));
  const auto id = templates::insert_template(
      connection, store::common::next_reference_number(connection, "TPL"), fields, actor.user_id);
  ChangeSet changes;
  changes.set("name", fields.name)
      .set("audit_type", fields.audit_type)
      .set("scoring_method", fields.scoring_method)
      .set("passing_score", decimal_value(fields.passing_score));
  audit(connection, actor, "create", id, std::move(changes));
  return id;
}

TemplateDetail update_template(db::Connection& connection, const core::Actor& actor,
                               std::int64_t id, std::int64_t expected_version,
                               const TemplateFields& fields) {
  const auto before = editable(connection, id);
  if (before.version != expected_version) {
    throw core::Conflict(
        fmt::format("the template was changed by someone else (version {} is current, {} was sent)",
                    before.version, expected_version));
  }
  throw_if(template_problems(fields));
  const auto& b = before.fields;
  ChangeSet changes;
  changes.track("name", b.name, fields.name)
      .track("description", text_value(b.description), text_value(fields.description))
      .track("category", text_value(b.category), text_value(fields.category))
      .track("audit_type", b.audit_type, fields.audit_type)
      .track("frequency", text_value(b.frequency), text_value(fields.frequency))
      .track("scoring_method", b.scoring_method, fields.scoring_method)
      .track("passing_score", decimal_value(b.passing_score), decimal_value(fields.passing_score))
      .track("require_gps", b.require_gps, fields.require_gps)
      .track("require_signature", b.require_signature, fields.require_signature)
      .track("require_approval", b.require_approval, fields.require_approval)
      .track("auto_create_findings", b.auto_create_findings, fields.auto_create_findings);
  if (!changes.empty()) {
    templates::update_template(connection, id, fields, actor.user_id);
    changes.track("status", before.status, std::string("draft"));
    audit(connection, actor, "update", id, std::move(changes));
  }
  return get_template(connection, id);
}

void archive_template(db::Connection& connection, const core::Actor& actor, std::int64_t id) {
  const auto before = editable(connection, id);
  templates::archive_template(connection, id, actor.user_id);
  ChangeSet changes;
  changes.set("archived", true);
  audit(connection, actor, "archive", before.id, std::move(changes));
}

std::int64_t add_section(db::Connection& connection, const core::Actor& actor,
                         std::int64_t template_id, const SectionFields& fields) {
  const auto before = editable(connection, template_id);
  if (fields.title.empty() || fields.title.size() > 200) {
    throw core::ValidationError("title", "must be 1-200 characters");
  }
  if (const auto weight = number(fields.weight); !weight || *weight <= 0) {
    throw core::ValidationError("weight", "must be a positive number");
  }
  const auto id = templates::insert_section(connection, template_id, fields, actor.user_id);
  templates::mark_draft(connection, template_id, actor.user_id);
  ChangeSet changes;
  changes.set("section_id", id).set("section_title", fields.title);
  changes.track("status", before.status, std::string("draft"));
  audit(connection, actor, "update", template_id, std::move(changes), "section added");
  return id;
}

void update_section(db::Connection& connection, const core::Actor& actor, std::int64_t template_id,
                    std::int64_t section_id, const SectionFields& fields) {
  const auto before = editable(connection, template_id);
  if (fields.title.empty() || fields.title.size() > 200) {
    throw core::ValidationError("title", "must be 1-200 characters");
  }
  if (const auto weight = number(fields.weight); !weight || *weight <= 0) {
    throw core::ValidationError("weight", "must be a positive number");
  }
  if (!templates::update_section(connection, template_id, section_id, fields, actor.user_id)) {
    throw core::NotFound(
        fmt::format("section {} not found in template {}", section_id, template_id));
  }
  templates::mark_draft(connection, template_id, actor.user_id);
  ChangeSet changes;
  changes.set("section_id", section_id).set("section_title", fields.title);
  changes.track("status", before.status, std::string("draft"));
  audit(connection, actor, "update", template_id, std::move(changes), "section changed");
}

void remove_section(db::Connection& connection, const core::Actor& actor, std::int64_t template_id,
                    std::int64_t section_id) {
  const auto before = editable(connection, template_id);
  if (!templates::archive_section(connection, template_id, section_id, actor.user_id)) {
    throw core::NotFound(
        fmt::format("section {} not found in template {}", section_id, template_id));
  }
  templates::mark_draft(connection, template_id, actor.user_id);
  ChangeSet changes;
  changes.set("section_id", section_id);
  changes.track("status", before.status, std::string("draft"));
  audit(connection, actor, "update", template_id, std::move(changes),
        "section archived with its questions");
}

std::int64_t add_question(db::Connection& connection, const core::Actor& actor,
                          std::int64_t template_id, const QuestionFields& fields) {
  const auto before = editable(connection, template_id);
  throw_if(question_problems(fields));
  const auto id = with_references(
      [&] { return templates::insert_question(connection, template_id, fields, actor.user_id); });
  templates::mark_draft(connection, template_id, actor.user_id);
  auto changes = question_changes(fields);
  changes.set("question_id", id);
  changes.track("status", before.status, std::string("draft"));
  audit(connection, actor, "update", template_id, std::move(changes), "question added");
  return id;
}

void update_question(db::Connection& connection, const core::Actor& actor, std::int64_t template_id,
                     std::int64_t question_id, const QuestionFields& fields) {
  const auto before = editable(connection, template_id);
  throw_if(question_problems(fields));
  const bool found = with_references([&] {
    return templates::update_question(connection, template_id, question_id, fields, actor.user_id);
  });
  if (!found) {
    throw core::NotFound(
        fmt::format("question {} not found in template {}", question_id, template_id));
  }
  templates::mark_draft(connection, template_id, actor.user_id);
  auto changes = question_changes(fields);
  changes.set("question_id", question_id);
  changes.track("status", before.status, std::string("draft"));
  audit(connection, actor, "update", template_id, std::move(changes), "question changed");
}

void remove_question(db::Connection& connection, const core::Actor& actor, std::int64_t template_id,
                     std::int64_t question_id) {
  const auto before = editable(connection, template_id);
  if (!templates::archive_question(connection, template_id, question_id, actor.user_id)) {
    throw core::NotFound(
        fmt::format("question {} not found in template {}", question_id, template_id));
  }
  templates::mark_draft(connection, template_id, actor.user_id);
  ChangeSet changes;
  changes.set("question_id", question_id);
  changes.track("status", before.status, std::string("draft"));
  audit(connection, actor, "update", template_id, std::move(changes), "question archived");
}

int publish_template(db::Connection& connection, const core::Actor& actor, std::int64_t id) {
  const auto row = editable(connection, id);
  if (row.status == "published") {
    throw core::Conflict(fmt::format(
        "version {} already holds this content; edit the template to publish a new version",
        row.published_version_number.value_or(0)));
  }
  throw_if(publish_problems(templates::load_detail(connection, row)));
  const auto number = templates::publish_version(connection, id, actor.user_id);
  ChangeSet changes;
  changes.track("status", row.status, std::string("published"))
      .track("published_version_number",
             row.published_version_number
                 ? Value(static_cast<std::int64_t>(*row.published_version_number))
                 : Value(std::monostate{}),
             static_cast<std::int64_t>(number));
  audit(connection, actor, "publish", id, std::move(changes));
  return number;
}

std::int64_t clone_template(db::Connection& connection, const core::Actor& actor, std::int64_t id,
                            const std::optional<std::string>& name) {
  const auto source = templates::find_template(connection, id);
  if (!source) {
    throw core::NotFound(fmt::format("template {} not found", id));
  }
  const auto new_name = name.value_or("Copy of " + source->fields.name).substr(0, 200);
  if (new_name.empty()) {
    throw core::ValidationError("name", "must not be empty");
  }
  const auto clone_id = templates::clone_template(
      connection, id, store::common::next_reference_number(connection, "TPL"), new_name,
      actor.user_id);
  ChangeSet changes;
  changes.set("cloned_from_id", id).set("name", new_name);
  audit(connection, actor, "clone", clone_id, std::move(changes),
        fmt::format("cloned from {}", source->reference_number));
  return clone_id;
}

}  // namespace qgp::domain::audits
