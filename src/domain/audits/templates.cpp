#include "domain/audits/templates.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "db/errors.hpp"
#include "db/transaction.hpp"
#include "domain/audits/link_checks.hpp"
#include "store/audit/audit_log_store.hpp"
#include "store/common/reference_numbers.hpp"

namespace qgp::domain::audits {

namespace {

namespace templates = store::audits;
using store::audit::ChangeSet;
using store::audit::Value;
using store::common::LinkTarget;

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
// A decimal as the audit trail records it: the shortest text of its value, so "2.500" (as stored)
// and "2.5" (as sent) are the same value and only real changes are recorded.
Value decimal_value(const std::optional<std::string>& text) {
  if (!text) {
    return std::monostate{};
  }
  const auto value = number(text);
  return store::audit::Decimal{value ? fmt::format("{}", *value) : *text};
}
Value int_value(const std::optional<int>& value) {
  return value ? Value(static_cast<std::int64_t>(*value)) : Value(std::monostate{});
}
Value ids_value(const std::vector<std::int64_t>& ids) {
  return ids.empty() ? Value(std::monostate{}) : Value(fmt::format("{}", fmt::join(ids, ",")));
}

std::vector<std::int64_t> sorted_unique(std::vector<std::int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

// Link lists are sets: stored (and compared) ascending without duplicates.
TemplateFields normalized(TemplateFields fields) {
  fields.standard_ids = sorted_unique(std::move(fields.standard_ids));
  return fields;
}
QuestionFields normalized(QuestionFields fields) {
  fields.clause_ids = sorted_unique(std::move(fields.clause_ids));
  fields.control_ids = sorted_unique(std::move(fields.control_ids));
  return fields;
}

// The audited fields of each part, in a fixed order (what an edit compares and records).
using Audited = std::vector<std::pair<std::string_view, Value>>;

Audited audited(const TemplateFields& f) {
  return {{"name", f.name},
          {"description", text_value(f.description)},
          {"category", text_value(f.category)},
          {"audit_type", f.audit_type},
          {"frequency", text_value(f.frequency)},
          {"scoring_method", f.scoring_method},
          {"passing_score", decimal_value(f.passing_score)},
          {"allow_offline", f.allow_offline},
          {"require_gps", f.require_gps},
          {"require_signature", f.require_signature},
          {"require_approval", f.require_approval},
          {"auto_create_findings", f.auto_create_findings},
          {"standard_ids", ids_value(f.standard_ids)}};
}

Audited audited(const SectionFields& f) {
  return {{"title", f.title},
          {"description", text_value(f.description)},
          {"sort_order", static_cast<std::int64_t>(f.sort_order)},
          {"weight", decimal_value(f.weight)}};
}

Audited audited(const QuestionFields& f) {
  return {
      {"section_id", f.section_id ? Value(*f.section_id) : Value(std::monostate{})},
      {"question_text", f.question_text},
      {"description", text_value(f.description)},
      {"help_text", text_value(f.help_text)},
      {"question_type", f.question_type},
      {"is_required", f.is_required},
      {"allow_na", f.allow_na},
      {"is_critical", f.is_critical},
      {"weight", decimal_value(f.weight)},
      {"max_score", decimal_value(f.max_score)},
      {"min_value", decimal_value(f.min_value)},
      {"max_value", decimal_value(f.max_value)},
      {"decimal_places", int_value(f.decimal_places)},
      {"min_length", int_value(f.min_length)},
      {"max_length", int_value(f.max_length)},
      {"sort_order", static_cast<std::int64_t>(f.sort_order)},
      {"options", f.options.empty() ? Value(std::monostate{}) : Value(options_summary(f.options))},
      {"clause_ids", ids_value(f.clause_ids)},
      {"control_ids", ids_value(f.control_ids)}};
}

// Records every field of `after` that differs from `before` (nullptr: a new part, every set
// field) as `prefix` + field.
void track(ChangeSet& changes, std::string_view prefix, const Audited* before,
           const Audited& after) {
  for (std::size_t i = 0; i < after.size(); ++i) {
    changes.track(fmt::format("{}{}", prefix, after[i].first),
                  before != nullptr ? (*before)[i].second : Value(std::monostate{}),
                  after[i].second);
  }
}

std::string section_prefix(std::int64_t id) {
  return fmt::format("sections[{}].", id);
}
std::string question_prefix(std::int64_t id) {
  return fmt::format("questions[{}].", id);
}

void check_version(std::string_view what, std::int64_t current, std::int64_t expected) {
  if (current != expected) {
    throw core::Conflict(
        fmt::format("the {} was changed by someone else (version {} is current, {} was sent)", what,
                    current, expected));
  }
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

// The template with all its rows, read in the caller's transaction.
TemplateDetail load_template(db::Connection& connection, std::int64_t id) {
  const auto row = templates::find_template(connection, id);
  if (!row) {
    throw core::NotFound(fmt::format("template {} not found", id));
  }
  return templates::load_detail(connection, *row);
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
    const std::string field = constraint.find("standard_id") != std::string::npos ? "standard_ids"
                              : constraint.find("clause") != std::string::npos    ? "clause_ids"
                              : constraint.find("control") != std::string::npos   ? "control_ids"
                                                                                  : "section_id";
    throw core::ValidationError(field, "refers to a record that does not exist");
  }
}

// What is wrong with `after`, including archived standards it links that `before` did not.
core::FieldErrors template_and_link_problems(db::Connection& connection,
                                             const TemplateFields& before,
                                             const TemplateFields& after) {
  auto errors = template_problems(after);
  check_new_links(connection, LinkTarget::kStandard, "standard_ids", before.standard_ids,
                  after.standard_ids, errors);
  return errors;
}

core::FieldErrors section_problems(const SectionFields& fields) {
  core::FieldErrors errors;
  if (fields.title.empty() || fields.title.size() > 200) {
    errors["title"] = "must be 1-200 characters";
  }
  if (const auto weight = number(fields.weight); !weight || *weight <= 0) {
    errors["weight"] = "must be a positive number";
  }
  return errors;
}

templates::QuestionRow live_question(db::Connection& connection, std::int64_t template_id,
                                     std::int64_t question_id) {
  auto question = templates::find_question(connection, template_id, question_id);
  if (!question) {
    throw core::NotFound(
        fmt::format("question {} not found in template {}", question_id, template_id));
  }
  return std::move(*question);
}

// What is wrong with `after`, including archived clauses and controls it links that `before` did
// not.
core::FieldErrors question_and_link_problems(db::Connection& connection,
                                             const QuestionFields& before,
                                             const QuestionFields& after) {
  auto errors = question_problems(after);
  check_new_links(connection, LinkTarget::kClause, "clause_ids", before.clause_ids,
                  after.clause_ids, errors);
  check_new_links(connection, LinkTarget::kControl, "control_ids", before.control_ids,
                  after.control_ids, errors);
  return errors;
}

// Writes `fields` over the question when anything changed, with one audit row of the changes.
void replace_question(db::Connection& connection, const core::Actor& actor,
                      const templates::TemplateRow& row, const templates::QuestionRow& current,
                      std::int64_t expected_version, const QuestionFields& requested) {
  check_version("question", current.version, expected_version);
  const auto fields = normalized(requested);
  throw_if(question_and_link_problems(connection, current.fields, fields));
  ChangeSet changes;
  const auto before = audited(current.fields);
  track(changes, question_prefix(current.id), &before, audited(fields));
  if (changes.empty()) {
    return;  // nothing changed: no write, no version bump, no audit row
  }
  const bool found = with_references([&] {
    return templates::update_question(connection, row.id, current.id, fields, actor.user_id);
  });
  if (!found) {
    throw core::NotFound(fmt::format("question {} not found in template {}", current.id, row.id));
  }
  templates::mark_draft(connection, row.id, actor.user_id);
  changes.track("status", row.status, std::string("draft"));
  audit(connection, actor, "update", row.id, std::move(changes),
        fmt::format("question {} changed", current.id));
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
  // One snapshot for the template and all its rows.
  db::Transaction tx(connection, db::Isolation::kRepeatableRead, /*read_only=*/true);
  auto detail = load_template(connection, id);
  tx.commit();
  return detail;
}

TemplateFields apply_patch(TemplateFields fields, const TemplatePatch& patch) {
  fields.name = patch.name.value_or(std::move(fields.name));
  fields.description = patch.description.value_or(std::move(fields.description));
  fields.category = patch.category.value_or(std::move(fields.category));
  fields.audit_type = patch.audit_type.value_or(std::move(fields.audit_type));
  fields.frequency = patch.frequency.value_or(std::move(fields.frequency));
  fields.scoring_method = patch.scoring_method.value_or(std::move(fields.scoring_method));
  fields.passing_score = patch.passing_score.value_or(std::move(fields.passing_score));
  fields.allow_offline = patch.allow_offline.value_or(fields.allow_offline);
  fields.require_gps = patch.require_gps.value_or(fields.require_gps);
  fields.require_signature = patch.require_signature.value_or(fields.require_signature);
  fields.require_approval = patch.require_approval.value_or(fields.require_approval);
  fields.auto_create_findings = patch.auto_create_findings.value_or(fields.auto_create_findings);
  fields.standard_ids = patch.standard_ids.value_or(std::move(fields.standard_ids));
  return fields;
}

SectionFields apply_patch(SectionFields fields, const SectionPatch& patch) {
  fields.title = patch.title.value_or(std::move(fields.title));
  fields.description = patch.description.value_or(std::move(fields.description));
  fields.sort_order = patch.sort_order.value_or(fields.sort_order);
  fields.weight = patch.weight.value_or(std::move(fields.weight));
  return fields;
}

QuestionFields apply_patch(QuestionFields fields, const QuestionPatch& patch) {
  fields.section_id = patch.section_id.value_or(fields.section_id);
  fields.question_text = patch.question_text.value_or(std::move(fields.question_text));
  fields.description = patch.description.value_or(std::move(fields.description));
  fields.help_text = patch.help_text.value_or(std::move(fields.help_text));
  fields.question_type = patch.question_type.value_or(std::move(fields.question_type));
  fields.is_required = patch.is_required.value_or(fields.is_required);
  fields.allow_na = patch.allow_na.value_or(fields.allow_na);
  fields.is_critical = patch.is_critical.value_or(fields.is_critical);
  fields.weight = patch.weight.value_or(std::move(fields.weight));
  fields.max_score = patch.max_score.value_or(std::move(fields.max_score));
  fields.min_value = patch.min_value.value_or(std::move(fields.min_value));
  fields.max_value = patch.max_value.value_or(std::move(fields.max_value));
  fields.decimal_places = patch.decimal_places.value_or(fields.decimal_places);
  fields.min_length = patch.min_length.value_or(fields.min_length);
  fields.max_length = patch.max_length.value_or(fields.max_length);
  fields.sort_order = patch.sort_order.value_or(fields.sort_order);
  fields.options = patch.options.value_or(std::move(fields.options));
  fields.clause_ids = patch.clause_ids.value_or(std::move(fields.clause_ids));
  fields.control_ids = patch.control_ids.value_or(std::move(fields.control_ids));
  return fields;
}

std::string options_summary(const std::vector<store::audits::OptionFields>& options) {
  std::vector<const store::audits::OptionFields*> ordered;
  ordered.reserve(options.size());
  for (const auto& option : options) {
    ordered.push_back(&option);
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
    return std::tie(a->sort_order, a->value) < std::tie(b->sort_order, b->value);
  });
  std::string summary;
  for (const auto* option : ordered) {
    const auto score = decimal_value(option->score);
    summary += fmt::format("{}{} \"{}\" score={}", summary.empty() ? "" : "; ", option->value,
                           option->label,
                           std::holds_alternative<store::audit::Decimal>(score)
                               ? std::get<store::audit::Decimal>(score).text
                               : std::string("none"));
    if (option->triggers_finding) {
      summary += " finding=" + option->finding_grade.value_or("");
    }
  }
  return summary;
}

std::int64_t create_template(db::Connection& connection, const core::Actor& actor,
                             const TemplateFields& fields) {
  db::Transaction tx(connection);
  const auto stored = normalized(fields);
  throw_if(template_and_link_problems(connection, TemplateFields{}, stored));
  const auto id = with_references([&] {
    return templates::insert_template(
        connection, store::common::next_reference_number(connection, "TPL"), stored, actor.user_id);
  });
  ChangeSet changes;
  track(changes, "", nullptr, audited(stored));
  audit(connection, actor, "create", id, std::move(changes));
  tx.commit();
  return id;
}

TemplateDetail update_template(db::Connection& connection, const core::Actor& actor,
                               std::int64_t id, std::int64_t expected_version,
                               const TemplatePatch& patch) {
  db::Transaction tx(connection);
  const auto before = editable(connection, id);
  check_version("template", before.version, expected_version);
  const auto fields = normalized(apply_patch(before.fields, patch));
  throw_if(template_and_link_problems(connection, before.fields, fields));
  ChangeSet changes;
  const auto old_values = audited(before.fields);
  track(changes, "", &old_values, audited(fields));
  if (!changes.empty()) {
    with_references([&] { templates::update_template(connection, id, fields, actor.user_id); });
    changes.track("status", before.status, std::string("draft"));
    audit(connection, actor, "update", id, std::move(changes));
  }
  auto result = load_template(connection, id);  // read in this transaction: no savepoint
  tx.commit();
  return result;
}

void archive_template(db::Connection& connection, const core::Actor& actor, std::int64_t id) {
  db::Transaction tx(connection);
  const auto before = editable(connection, id);
  templates::archive_template(connection, id, actor.user_id);
  ChangeSet changes;
  changes.set("archived", true);
  audit(connection, actor, "archive", before.id, std::move(changes));
  tx.commit();
}

std::int64_t add_section(db::Connection& connection, const core::Actor& actor,
                         std::int64_t template_id, const SectionFields& fields) {
  db::Transaction tx(connection);
  const auto before = editable(connection, template_id);
  throw_if(section_problems(fields));
  const auto id = templates::insert_section(connection, template_id, fields, actor.user_id);
  templates::mark_draft(connection, template_id, actor.user_id);
  ChangeSet changes;
  track(changes, section_prefix(id), nullptr, audited(fields));
  changes.track("status", before.status, std::string("draft"));
  audit(connection, actor, "update", template_id, std::move(changes),
        fmt::format("section {} added", id));
  tx.commit();
  return id;
}

void update_section(db::Connection& connection, const core::Actor& actor, std::int64_t template_id,
                    std::int64_t section_id, std::int64_t expected_version,
                    const SectionPatch& patch) {
  db::Transaction tx(connection);
  const auto before = editable(connection, template_id);
  const auto current = templates::find_section(connection, template_id, section_id);
  if (!current) {
    throw core::NotFound(
        fmt::format("section {} not found in template {}", section_id, template_id));
  }
  check_version("section", current->version, expected_version);
  const auto fields = apply_patch(current->fields, patch);
  throw_if(section_problems(fields));
  ChangeSet changes;
  const auto old_values = audited(current->fields);
  track(changes, section_prefix(section_id), &old_values, audited(fields));
  if (changes.empty()) {
    return;  // nothing changed: no write, no version bump, no audit row
  }
  if (!templates::update_section(connection, template_id, section_id, fields, actor.user_id)) {
    throw core::NotFound(
        fmt::format("section {} not found in template {}", section_id, template_id));
  }
  templates::mark_draft(connection, template_id, actor.user_id);
  changes.track("status", before.status, std::string("draft"));
  audit(connection, actor, "update", template_id, std::move(changes),
        fmt::format("section {} changed", section_id));
  tx.commit();
}

void remove_section(db::Connection& connection, const core::Actor& actor, std::int64_t template_id,
                    std::int64_t section_id) {
  db::Transaction tx(connection);
  const auto before = editable(connection, template_id);
  if (!templates::archive_section(connection, template_id, section_id, actor.user_id)) {
    throw core::NotFound(
        fmt::format("section {} not found in template {}", section_id, template_id));
  }
  templates::mark_draft(connection, template_id, actor.user_id);
  ChangeSet changes;
  changes.track(section_prefix(section_id) + "archived", false, true);
  changes.track("status", before.status, std::string("draft"));
  audit(connection, actor, "update", template_id, std::move(changes),
        fmt::format("section {} archived with its questions", section_id));
  tx.commit();
}

std::int64_t add_question(db::Connection& connection, const core::Actor& actor,
                          std::int64_t template_id, const QuestionFields& fields) {
  db::Transaction tx(connection);
  const auto before = editable(connection, template_id);
  const auto stored = normalized(fields);
  throw_if(question_and_link_problems(connection, QuestionFields{}, stored));
  const auto id = with_references(
      [&] { return templates::insert_question(connection, template_id, stored, actor.user_id); });
  templates::mark_draft(connection, template_id, actor.user_id);
  ChangeSet changes;
  track(changes, question_prefix(id), nullptr, audited(stored));
  changes.track("status", before.status, std::string("draft"));
  audit(connection, actor, "update", template_id, std::move(changes),
        fmt::format("question {} added", id));
  tx.commit();
  return id;
}

void update_question(db::Connection& connection, const core::Actor& actor, std::int64_t template_id,
                     std::int64_t question_id, std::int64_t expected_version,
                     const QuestionFields& fields) {
  db::Transaction tx(connection);
  const auto row = editable(connection, template_id);
  replace_question(connection, actor, row, live_question(connection, template_id, question_id),
                   expected_version, fields);
  tx.commit();
}

void patch_question(db::Connection& connection, const core::Actor& actor, std::int64_t template_id,
                    std::int64_t question_id, std::int64_t expected_version,
                    const QuestionPatch& patch) {
  db::Transaction tx(connection);
  const auto row = editable(connection, template_id);
  const auto current = live_question(connection, template_id, question_id);
  replace_question(connection, actor, row, current, expected_version,
                   apply_patch(current.fields, patch));
  tx.commit();
}

void remove_question(db::Connection& connection, const core::Actor& actor, std::int64_t template_id,
                     std::int64_t question_id) {
  db::Transaction tx(connection);
  const auto before = editable(connection, template_id);
  if (!templates::archive_question(connection, template_id, question_id, actor.user_id)) {
    throw core::NotFound(
        fmt::format("question {} not found in template {}", question_id, template_id));
  }
  templates::mark_draft(connection, template_id, actor.user_id);
  ChangeSet changes;
  changes.track(question_prefix(question_id) + "archived", false, true);
  changes.track("status", before.status, std::string("draft"));
  audit(connection, actor, "update", template_id, std::move(changes),
        fmt::format("question {} archived", question_id));
  tx.commit();
}

int publish_template(db::Connection& connection, const core::Actor& actor, std::int64_t id) {
  db::Transaction tx(connection);
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
  tx.commit();
  return number;
}

std::int64_t clone_template(db::Connection& connection, const core::Actor& actor, std::int64_t id,
                            const std::optional<std::string>& name) {
  db::Transaction tx(connection);
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
  tx.commit();
  return clone_id;
}

}  // namespace qgp::domain::audits
