#include "domain/audits/templates.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "domain/common/link_checks.hpp"
#include "domain/common/records.hpp"
#include "kit/text.hpp"
#include "store/audits/template_store.hpp"
#include "store/common/reference_numbers.hpp"
#include "store/kit/list.hpp"
#include "store/kit/write.hpp"

namespace qgp::domain::audits {

namespace {

using model::audits::ScoringMethod;
using model::audits::TemplateStatus;
using store::common::LinkTarget;

std::optional<double> number(const std::optional<kit::Decimal>& value) {
  if (!value) {
    return std::nullopt;
  }
  double out = 0;
  const auto& text = value->text;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return out;
}

void throw_if(core::FieldErrors errors) {
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
}

void merge(core::FieldErrors& into, const core::FieldErrors& from, const std::string& prefix) {
  for (const auto& [field, problem] : from) {
    into[prefix + field] = problem;
  }
}

// The template, locked for an edit of it or of one of its parts: every change to a template is
// serialised on this row. An archived template does not change any more.
Template editable(db::Transaction& tx, std::int64_t id) {
  auto row = common::lock<Template>(tx, id);
  if (row.archived_at) {
    throw core::Conflict("the template is archived and cannot change");
  }
  return row;
}

core::FieldErrors template_problems(const Template& fields) {
  core::FieldErrors errors;
  const auto score = number(fields.passing_score);
  const bool percentage = fields.scoring_method == ScoringMethod::kPercentage
                          || fields.scoring_method == ScoringMethod::kWeighted;
  if (score && percentage && *score > 100) {
    errors["passing_score"] = "is a percentage for this scoring method: at most 100";
  }
  return errors;
}

// What is wrong with `after`, including archived standards it links that `before` did not.
core::FieldErrors template_and_link_problems(db::Connection& connection, const Template& before,
                                             const Template& after) {
  auto errors = template_problems(after);
  common::check_new_links(connection, LinkTarget::kStandard, "standard_ids", before.standard_ids,
                          after.standard_ids, errors);
  return errors;
}

// What is wrong with `after`, including archived clauses and controls it links that `before` did
// not, and a section that is not a live section of the template.
core::FieldErrors question_and_link_problems(db::Connection& connection, const Question& before,
                                             const Question& after) {
  auto errors = question_problems(after);
  common::check_new_links(connection, LinkTarget::kClause, "clause_ids", before.clause_ids,
                          after.clause_ids, errors);
  common::check_new_links(connection, LinkTarget::kControl, "control_ids", before.control_ids,
                          after.control_ids, errors);
  if (after.section_id && after.section_id != before.section_id
      && !store::audits::find_section(connection, after.template_id, *after.section_id)) {
    errors["section_id"] = "is not a section of this template";
  }
  return errors;
}

std::string part_prefix(std::string_view part, std::int64_t id) {
  return fmt::format("{}[{}].", part, id);
}

// `changes` with every field named `prefix` + field.
kit::ChangeSet prefixed(const kit::ChangeSet& changes, const std::string& prefix) {
  kit::ChangeSet out;
  for (const auto& change : changes.changes()) {
    out.track(prefix + change.field, change.before, change.after);
  }
  return out;
}

// A change to a part makes the template a draft again, to be published as its next version, and
// moves the template's version. Returns the status change for the audit row.
kit::ChangeSet mark_draft(db::Transaction& tx, const core::Actor& actor, const Template& before) {
  auto after = before;
  after.status = TemplateStatus::kDraft;
  if (!store::kit::update(tx.connection(), before.id, before, after, actor)) {
    store::kit::touch<Template>(tx.connection(), before.id, actor);
  }
  return common::changes(before, after);
}

// One audit row on the template for a change of one of its parts.
void audit_part(db::Transaction& tx, const core::Actor& actor, const Template& before,
                kit::ChangeSet changes, std::string note) {
  changes.append(mark_draft(tx, actor, before));
  common::append_audit(tx, actor, "update", kit::meta<Template>().entity, before.id,
                       std::move(changes), note);
}

// Options in display order (sort_order, then value), as the audit trail and comparisons see them.
std::vector<const model::audits::OptionContent*> in_display_order(
    const std::vector<Option>& options) {
  std::vector<const model::audits::OptionContent*> ordered;
  ordered.reserve(options.size());
  for (const auto& option : options) {
    ordered.push_back(&option);
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
    return std::tie(a->sort_order, a->value) < std::tie(b->sort_order, b->value);
  });
  return ordered;
}

bool same_options(const std::vector<Option>& a, const std::vector<Option>& b) {
  const auto left = in_display_order(a);
  const auto right = in_display_order(b);
  return std::equal(left.begin(), left.end(), right.begin(), right.end(),
                    [](const auto* x, const auto* y) { return *x == *y; });
}

// Makes the question's options exactly `wanted`, matched by value: a known value keeps its row
// (changed where it differs, revived when archived), a new one is inserted, the others archived.
void replace_options(db::Connection& connection, const core::Actor& actor, std::int64_t question_id,
                     const std::vector<Option>& wanted) {
  const auto existing = store::audits::all_options(connection, question_id);
  std::vector<std::int64_t> kept;
  for (auto option : wanted) {
    option.question_id = question_id;
    const auto match = std::ranges::find_if(
        existing, [&](const Option& known) { return known.value == option.value; });
    if (match == existing.end()) {
      kept.push_back(store::kit::insert(connection, option, actor));
    } else {
      store::kit::update(connection, match->id, *match, option, actor);
      kept.push_back(match->id);
    }
  }
  store::audits::keep_options(connection, question_id, kept, actor);
}

// The audited fields of a question's change, named questions[<id>].<field>, with its options.
kit::ChangeSet question_changes(const Question& before, const Question& after, std::int64_t id) {
  auto changes = common::changes(before, after);
  changes.track("options", before.options.empty() ? kit::Value{} : options_summary(before.options),
                after.options.empty() ? kit::Value{} : options_summary(after.options));
  return prefixed(changes, part_prefix("questions", id));
}

// Writes `after` over the live question `before` when anything differs: its columns and links,
// its options, the template back to draft, and one audit row.
void write_question(db::Transaction& tx, const core::Actor& actor, const Template& owner,
                    const Question& before, Question after) {
  auto& connection = tx.connection();
  after.id = before.id;
  after.template_id = before.template_id;
  after.options = placed(std::move(after.options));
  throw_if(question_and_link_problems(connection, before, after));
  const auto changes = question_changes(before, after, before.id);
  const bool options_changed = !same_options(before.options, after.options);
  if (changes.empty() && !options_changed) {
    return;  // nothing changed: no write, no version bump, no audit row
  }
  if (!store::kit::update(connection, before.id, before, after, actor)) {
    store::kit::touch<Question>(connection, before.id, actor);
  }
  if (options_changed) {
    replace_options(connection, actor, before.id, after.options);
  }
  audit_part(tx, actor, owner, changes, fmt::format("question {} changed", before.id));
}

Question live_question(db::Connection& connection, std::int64_t template_id,
                       std::int64_t question_id) {
  auto question = store::audits::find_question(connection, template_id, question_id);
  if (!question) {
    throw core::NotFound(
        fmt::format("question {} not found in template {}", question_id, template_id));
  }
  return std::move(*question);
}

Section live_section(db::Connection& connection, std::int64_t template_id,
                     std::int64_t section_id) {
  auto section = store::audits::find_section(connection, template_id, section_id);
  if (!section) {
    throw core::NotFound(
        fmt::format("section {} not found in template {}", section_id, template_id));
  }
  return std::move(*section);
}

// At most `count` code points of `text` (never a split UTF-8 sequence).
std::string first_code_points(const std::string& text, std::size_t count) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U && seen++ == count) {
      return text.substr(0, i);
    }
  }
  return text;
}

}  // namespace

core::FieldErrors question_problems(const Question& q) {
  core::FieldErrors errors;
  const auto min_value = number(q.min_value);
  const auto max_value = number(q.max_value);
  if (min_value && max_value && *min_value > *max_value) {
    errors["min_value"] = "must not exceed max_value";
  }
  if (q.min_length && q.max_length && *q.min_length > *q.max_length) {
    errors["min_length"] = "must not exceed max_length";
  }
  if (!model::audits::takes_options(q.question_type) && !q.options.empty()) {
    errors["options"] = "only choice, multi_choice and rating questions have options";
  }
  std::set<std::string> values;
  for (std::size_t i = 0; i < q.options.size(); ++i) {
    const auto& option = q.options[i];
    const auto at = fmt::format("options[{}].", i);
    if (!values.insert(option.value).second) {
      errors[at + "value"] = "duplicates another option's value";
    }
    if (option.triggers_finding && !option.finding_grade) {
      errors[at + "finding_grade"] = "is required when the option triggers a finding";
    }
  }
  return errors;
}

core::FieldErrors publish_problems(const TemplateDetail& detail) {
  core::FieldErrors errors = template_problems(detail);
  if (detail.questions.empty()) {
    errors["questions"] = "a template needs at least one question to be published";
  }
  for (const auto& question : detail.questions) {
    const auto at = part_prefix("questions", question.id);
    merge(errors, question_problems(question), at);
    if (model::audits::needs_options(question.question_type) && question.options.empty()) {
      errors[at + "options"] = "a choice question needs at least one option";
    }
  }
  return errors;
}

std::vector<Option> placed(std::vector<Option> options) {
  for (std::size_t i = 0; i < options.size(); ++i) {
    auto& option = options[i];
    if (option.value.empty()) {
      option.value = option.label;
    }
    if (option.sort_order == model::audits::kUnplaced) {
      option.sort_order = static_cast<int>(i);
    }
  }
  return options;
}

std::string options_summary(const std::vector<Option>& options) {
  std::string summary;
  for (const auto* option : in_display_order(options)) {
    // The shortest text of the score: 1.00 as stored and 1 as sent are the same value.
    const auto score = number(option->score);
    summary += fmt::format("{}{} \"{}\" score={}", summary.empty() ? "" : "; ", option->value,
                           option->label, score ? fmt::format("{}", *score) : "none");
    if (option->triggers_finding) {
      summary += " finding=";
      summary += option->finding_grade ? kit::wire_name(*option->finding_grade) : "";
    }
  }
  return summary;
}

TemplateDetail get_template(db::Connection& connection, std::int64_t id) {
  return common::get<TemplateDetail>(connection, id);
}

std::int64_t create_template(db::Transaction& tx, const core::Actor& actor, Template fields) {
  throw_if(template_and_link_problems(tx.connection(), Template{}, fields));
  fields.status = TemplateStatus::kDraft;
  fields.reference_number = store::common::next_reference_number(tx.connection(), "TPL");
  return common::create(tx, actor, fields).id;
}

void update_template(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                     const kit::Patch<Template>& patch) {
  const auto before = editable(tx, id);
  common::check_version(before, patch.version);
  auto after = kit::applied(before, patch);
  throw_if(template_and_link_problems(tx.connection(), before, after));
  if (common::changes(before, after).empty()) {
    return;  // nothing changed: no write, no version bump, no audit row
  }
  after.status = TemplateStatus::kDraft;
  common::write(tx, actor, before, after, "update");
}

void archive_template(db::Transaction& tx, const core::Actor& actor, std::int64_t id) {
  const auto before = editable(tx, id);
  auto after = before;
  after.archived_at = kit::Timestamp::now();
  after.archived_by_id = actor.user_id;
  common::write(tx, actor, before, after, "archive");
}

std::int64_t add_section(db::Transaction& tx, const core::Actor& actor, std::int64_t template_id,
                         Section section) {
  const auto owner = editable(tx, template_id);
  section.template_id = template_id;
  const auto id = store::kit::insert(tx.connection(), section, actor);
  const auto stored = common::get<Section>(tx.connection(), id);
  audit_part(tx, actor, owner, prefixed(common::created(stored), part_prefix("sections", id)),
             fmt::format("section {} added", id));
  return id;
}

void update_section(db::Transaction& tx, const core::Actor& actor, std::int64_t template_id,
                    std::int64_t section_id, const kit::Patch<Section>& patch) {
  const auto owner = editable(tx, template_id);
  const auto before = live_section(tx.connection(), template_id, section_id);
  common::check_version(before, patch.version);
  const auto after = kit::applied(before, patch);
  const auto changes = common::changes(before, after);
  if (changes.empty()) {
    return;  // nothing changed: no write, no version bump, no audit row
  }
  store::kit::update(tx.connection(), section_id, before, after, actor);
  audit_part(tx, actor, owner, prefixed(changes, part_prefix("sections", section_id)),
             fmt::format("section {} changed", section_id));
}

void remove_section(db::Transaction& tx, const core::Actor& actor, std::int64_t template_id,
                    std::int64_t section_id) {
  const auto owner = editable(tx, template_id);
  if (!store::audits::archive_section(tx.connection(), template_id, section_id, actor)) {
    throw core::NotFound(
        fmt::format("section {} not found in template {}", section_id, template_id));
  }
  kit::ChangeSet changes;
  changes.track(part_prefix("sections", section_id) + "archived", false, true);
  audit_part(tx, actor, owner, std::move(changes),
             fmt::format("section {} archived with its questions", section_id));
}

std::int64_t add_question(db::Transaction& tx, const core::Actor& actor, std::int64_t template_id,
                          Question question) {
  auto& connection = tx.connection();
  const auto owner = editable(tx, template_id);
  question.template_id = template_id;
  question.options = placed(std::move(question.options));
  Question none;
  none.template_id = template_id;
  throw_if(question_and_link_problems(connection, none, question));
  std::int64_t id = 0;
  try {
    id = store::kit::insert(connection, question, actor);
  } catch (const db::ForeignKeyViolation& error) {
    common::refused_reference<Question>(error);
  }
  replace_options(connection, actor, id, question.options);
  const auto stored = live_question(connection, template_id, id);
  auto changes = common::created(stored);
  if (!stored.options.empty()) {
    changes.set("options", options_summary(stored.options));
  }
  audit_part(tx, actor, owner, prefixed(changes, part_prefix("questions", id)),
             fmt::format("question {} added", id));
  return id;
}

void replace_question(db::Transaction& tx, const core::Actor& actor, std::int64_t template_id,
                      std::int64_t question_id, const kit::Replace<Question>& replace) {
  const auto owner = editable(tx, template_id);
  const auto before = live_question(tx.connection(), template_id, question_id);
  common::check_version(before, replace.version);
  try {
    write_question(tx, actor, owner, before, replace.values);
  } catch (const db::ForeignKeyViolation& error) {
    common::refused_reference<Question>(error);
  }
}

void patch_question(db::Transaction& tx, const core::Actor& actor, std::int64_t template_id,
                    std::int64_t question_id, const kit::Patch<Question>& patch) {
  const auto owner = editable(tx, template_id);
  const auto before = live_question(tx.connection(), template_id, question_id);
  common::check_version(before, patch.version);
  try {
    write_question(tx, actor, owner, before, kit::applied(before, patch));
  } catch (const db::ForeignKeyViolation& error) {
    common::refused_reference<Question>(error);
  }
}

void remove_question(db::Transaction& tx, const core::Actor& actor, std::int64_t template_id,
                     std::int64_t question_id) {
  const auto owner = editable(tx, template_id);
  if (!store::audits::archive_question(tx.connection(), template_id, question_id, actor)) {
    throw core::NotFound(
        fmt::format("question {} not found in template {}", question_id, template_id));
  }
  kit::ChangeSet changes;
  changes.track(part_prefix("questions", question_id) + "archived", false, true);
  audit_part(tx, actor, owner, std::move(changes),
             fmt::format("question {} archived", question_id));
}

int publish_template(db::Transaction& tx, const core::Actor& actor, std::int64_t id) {
  const auto before = editable(tx, id);
  if (before.status == TemplateStatus::kPublished) {
    throw core::Conflict(fmt::format(
        "version {} already holds this content; edit the template to publish a new version",
        before.published_version_number.value_or(0)));
  }
  throw_if(publish_problems(get_template(tx.connection(), id)));
  const auto number = store::audits::publish_version(tx.connection(), id, actor);
  auto after = before;
  after.status = TemplateStatus::kPublished;
  after.published_version_number = number;
  common::write(tx, actor, before, after, "publish");
  return number;
}

std::int64_t clone_template(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                            const TemplateClone& request) {
  auto& connection = tx.connection();
  const auto source = get_template(connection, id);
  Template copy = static_cast<const Template&>(source);  // its settings, without the parts
  copy.name = request.name.value_or(first_code_points("Copy of " + source.name, 200));
  copy.reference_number = store::common::next_reference_number(connection, "TPL");
  copy.status = TemplateStatus::kDraft;
  copy.published_version_number = std::nullopt;
  copy.archived_at = std::nullopt;
  copy.archived_by_id = std::nullopt;
  const auto clone_id = store::kit::insert(connection, copy, actor);
  std::map<std::int64_t, std::int64_t> sections;
  for (auto section : source.sections) {
    section.template_id = clone_id;
    sections[section.id] = store::kit::insert(connection, section, actor);
  }
  for (auto question : source.questions) {
    question.template_id = clone_id;
    if (question.section_id) {
      question.section_id = sections.at(*question.section_id);  // re-pointed at the copy's
    }
    const auto question_id = store::kit::insert(connection, question, actor);
    for (auto option : question.options) {
      option.question_id = question_id;
      store::kit::insert(connection, option, actor);
    }
  }
  kit::ChangeSet changes;
  changes.set("cloned_from_id", id).set("name", copy.name);
  common::append_audit(tx, actor, "clone", kit::meta<Template>().entity, clone_id,
                       std::move(changes), fmt::format("cloned from {}", source.reference_number));
  return clone_id;
}

kit::Page<TemplateVersion> list_versions(db::Connection& connection, std::int64_t template_id,
                                         kit::ListQuery query) {
  if (!store::kit::find<Template>(connection, template_id)) {
    common::not_found<Template>(template_id);
  }
  query.conditions.push_back({.name = "template_id", .value = template_id});
  return store::kit::list<TemplateVersion>(connection, query);
}

TemplateVersionDetail get_version(db::Connection& connection, std::int64_t template_id,
                                  std::int64_t version_number) {
  auto version = store::audits::find_version(connection, template_id, version_number);
  if (!version) {
    throw core::NotFound(fmt::format("template {} has no version {}", template_id, version_number));
  }
  return std::move(*version);
}

}  // namespace qgp::domain::audits
