#include "domain/audits/findings.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/errors.hpp"
#include "db/errors.hpp"
#include "db/transaction.hpp"
#include "domain/audits/link_checks.hpp"
#include "store/audit/audit_log_store.hpp"
#include "store/common/reference_numbers.hpp"

namespace qgp::domain::audits {

namespace {

namespace store_audits = store::audits;
using store::audit::ChangeSet;
using store::audit::Value;

struct Transition {
  std::string_view from;
  std::string_view to;
};

constexpr std::array kTransitions = {
    Transition{.from = "open", .to = "in_progress"},
    Transition{.from = "open", .to = "pending_verification"},
    Transition{.from = "in_progress", .to = "pending_verification"},
    Transition{.from = "pending_verification", .to = "in_progress"},
    Transition{.from = "pending_verification", .to = "closed"},
    Transition{.from = "closed", .to = "open"},
};

bool valid_grade(std::string_view grade) {
  return std::find(kFindingGrades.begin(), kFindingGrades.end(), grade) != kFindingGrades.end();
}

bool valid_date(const std::string& date) {
  return date.size() == 10 && date[4] == '-' && date[7] == '-'
         && std::all_of(date.begin(), date.end(),
                        [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
}

Value optional_value(const std::optional<std::int64_t>& value) {
  return value ? Value(*value) : Value(std::monostate{});
}
Value optional_value(const std::optional<std::string>& value) {
  return value ? Value(*value) : Value(std::monostate{});
}

void audit(db::Connection& connection, const core::Actor& actor, std::string action,
           std::int64_t id, ChangeSet changes, std::string note = {}) {
  store::audit::append(connection, actor,
                       store::audit::Entry{.action = std::move(action),
                                           .entity_type = "audit_finding",
                                           .entity_id = id,
                                           .changes = std::move(changes).take(),
                                           .note = std::move(note)});
}

void check_text(core::FieldErrors& errors, const char* field, const std::string& value,
                std::size_t max) {
  if (value.empty() || value.size() > max) {
    errors[field] = fmt::format("must be 1-{} characters", max);
  }
}

FindingRecord locked(db::Connection& connection, std::int64_t id) {
  auto row = store_audits::find_finding(connection, id, true);
  if (!row) {
    throw core::NotFound(fmt::format("finding {} not found", id));
  }
  return *row;
}

std::string join_ids(const std::vector<std::int64_t>& ids) {
  return fmt::format("{}", fmt::join(ids, ","));
}

struct FindingLinks {
  std::vector<std::int64_t> clause_ids;
  std::vector<std::int64_t> control_ids;
  std::vector<std::int64_t> risk_ids;
};

// Records in `errors` the archived clauses, controls and risks the new lists add to `before`.
void check_links(db::Connection& connection, const FindingLinks& before,
                 const std::vector<std::int64_t>& clause_ids,
                 const std::vector<std::int64_t>& control_ids,
                 const std::vector<std::int64_t>& risk_ids, core::FieldErrors& errors) {
  using store::common::LinkTarget;
  check_new_links(connection, LinkTarget::kClause, "clause_ids", before.clause_ids, clause_ids,
                  errors);
  check_new_links(connection, LinkTarget::kControl, "control_ids", before.control_ids, control_ids,
                  errors);
  check_new_links(connection, LinkTarget::kRisk, "risk_ids", before.risk_ids, risk_ids, errors);
}

// Unknown clause/control/risk/user ids arrive as foreign-key violations; name the field.
[[noreturn]] void rethrow_reference(const db::ForeignKeyViolation& error) {
  const auto& constraint = error.diagnostics().constraint;
  for (const auto* field : {"clause_id", "control_id", "risk_id", "assigned_to_id", "question_id",
                            "response_id", "run_id"}) {
    if (constraint.find(field) != std::string::npos) {
      const std::string name(field);
      const bool list = name == "clause_id" || name == "control_id" || name == "risk_id";
      throw core::ValidationError(list ? name + "s" : name,
                                  "refers to a record that does not exist");
    }
  }
  throw core::ValidationError("links", "refers to a record that does not exist");
}

FindingRecord apply_transition(db::Connection& connection, const core::Actor& actor,
                               std::int64_t id, std::string_view to,
                               const std::optional<std::string>& note) {
  db::Transaction tx(connection);
  auto before = locked(connection, id);
  if (!is_finding_transition_allowed(before.status, to)) {
    const auto allowed = allowed_finding_targets(before.status);
    throw core::InvalidTransition(fmt::format(
        "a finding cannot go from {} to {}; allowed: {}", before.status, to,
        allowed.empty() ? std::string("none") : fmt::format("{}", fmt::join(allowed, ", "))));
  }
  if (const auto problem = finding_note_problem(before.grade, to, note)) {
    throw core::ValidationError("note", *problem);
  }
  store_audits::set_finding_status(connection, id, std::string(to), note, actor.user_id);
  ChangeSet changes;
  changes.track("status", before.status, std::string(to));
  audit(connection, actor, "transition", id, std::move(changes), note.value_or(""));
  auto result = *store_audits::find_finding(connection, id);
  tx.commit();
  return result;
}

}  // namespace

std::vector<std::string_view> allowed_finding_targets(std::string_view from) {
  std::vector<std::string_view> targets;
  for (const auto& transition : kTransitions) {
    if (transition.from == from) {
      targets.push_back(transition.to);
    }
  }
  return targets;
}

bool is_finding_transition_allowed(std::string_view from, std::string_view to) {
  return std::any_of(kTransitions.begin(), kTransitions.end(),
                     [&](const Transition& t) { return t.from == from && t.to == to; });
}

std::optional<std::string> finding_note_problem(std::string_view grade, std::string_view to,
                                                const std::optional<std::string>& note) {
  const bool empty = !note || note->find_first_not_of(" \t\r\n") == std::string::npos;
  if (to == "open" && empty) {
    return std::string("reopening a finding needs a note saying why");
  }
  if (to == "closed" && empty && grade.ends_with("nonconformity")) {
    return std::string("closing a nonconformity needs closure notes: what was done and verified");
  }
  if (note && note->size() > 10000) {
    return std::string("must be at most 10000 characters");
  }
  return std::nullopt;
}

std::int64_t create_finding(db::Connection& connection, const core::Actor& actor,
                            const NewFinding& finding) {
  db::Transaction tx(connection);
  core::FieldErrors errors;
  check_text(errors, "title", finding.title, 300);
  check_text(errors, "description", finding.description, 10000);
  if (!valid_grade(finding.grade)) {
    errors["grade"] = fmt::format("must be one of {}", fmt::join(kFindingGrades, ", "));
  }
  if (finding.due_date && !valid_date(*finding.due_date)) {
    errors["due_date"] = "must be a date YYYY-MM-DD";
  }
  if (!store_audits::run_exists(connection, finding.run_id)) {
    errors["run_id"] = "refers to a run that does not exist";
  }
  if (!finding.is_auto_created) {
    // An automatic finding copies its question's links, which stay valid after an archive.
    check_links(connection, FindingLinks{}, finding.clause_ids, finding.control_ids,
                finding.risk_ids, errors);
  }
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
  std::int64_t id = 0;
  try {
    id = store_audits::insert_finding(
        connection, store_audits::FindingInsert{
                        .reference_number = store::common::next_reference_number(connection, "FND"),
                        .run_id = finding.run_id,
                        .question_id = finding.question_id,
                        .response_id = finding.response_id,
                        .title = finding.title,
                        .description = finding.description,
                        .grade = finding.grade,
                        .is_auto_created = finding.is_auto_created,
                        .assigned_to_id = finding.assigned_to_id,
                        .due_date = finding.due_date,
                        .actor_id = actor.user_id});
    store_audits::replace_finding_links(connection, id, finding.clause_ids, finding.control_ids,
                                        finding.risk_ids);
  } catch (const db::ForeignKeyViolation& error) {
    rethrow_reference(error);
  }
  ChangeSet changes;
  changes.set("run_id", finding.run_id)
      .set("title", finding.title)
      .set("grade", finding.grade)
      .set("status", std::string("open"))
      .set("is_auto_created", finding.is_auto_created)
      .set("assigned_to_id", optional_value(finding.assigned_to_id))
      .set("due_date", optional_value(finding.due_date));
  if (!finding.clause_ids.empty()) {
    changes.set("clause_ids", join_ids(finding.clause_ids));
  }
  if (!finding.control_ids.empty()) {
    changes.set("control_ids", join_ids(finding.control_ids));
  }
  if (!finding.risk_ids.empty()) {
    changes.set("risk_ids", join_ids(finding.risk_ids));
  }
  audit(connection, actor, "create", id, std::move(changes));
  tx.commit();
  return id;
}

FindingRecord get_finding(db::Connection& connection, std::int64_t id) {
  auto row = store_audits::find_finding(connection, id);
  if (!row) {
    throw core::NotFound(fmt::format("finding {} not found", id));
  }
  return *row;
}

FindingRecord update_finding(db::Connection& connection, const core::Actor& actor, std::int64_t id,
                             const FindingUpdate& update) {
  db::Transaction tx(connection);
  auto before = locked(connection, id);
  if (before.version != update.version) {
    throw core::Conflict(fmt::format(
        "the finding was changed by someone else (version {} is current, {} was sent); reload it",
        before.version, update.version));
  }
  if (before.status == "closed") {
    throw core::Conflict("a closed finding cannot be edited; reopen it first");
  }
  store_audits::FindingFields fields{
      .title = update.title.value_or(before.title),
      .description = update.description.value_or(before.description),
      .grade = update.grade.value_or(before.grade),
      .assigned_to_id = update.assigned_to_id ? *update.assigned_to_id : before.assigned_to_id,
      .due_date = update.due_date ? *update.due_date : before.due_date};
  core::FieldErrors errors;
  check_text(errors, "title", fields.title, 300);
  check_text(errors, "description", fields.description, 10000);
  if (!valid_grade(fields.grade)) {
    errors["grade"] = fmt::format("must be one of {}", fmt::join(kFindingGrades, ", "));
  }
  if (fields.due_date && !valid_date(*fields.due_date)) {
    errors["due_date"] = "must be a date YYYY-MM-DD";
  }
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
  ChangeSet changes;
  changes.track("title", before.title, fields.title)
      .track("description", before.description, fields.description)
      .track("grade", before.grade, fields.grade)
      .track("assigned_to_id", optional_value(before.assigned_to_id),
             optional_value(fields.assigned_to_id))
      .track("due_date", optional_value(before.due_date), optional_value(fields.due_date));
  if (changes.empty()) {
    return before;
  }
  try {
    store_audits::update_finding_fields(connection, id, fields, actor.user_id);
  } catch (const db::ForeignKeyViolation& error) {
    rethrow_reference(error);
  }
  audit(connection, actor, "update", id, std::move(changes));
  auto result = *store_audits::find_finding(connection, id);
  tx.commit();
  return result;
}

FindingRecord transition_finding(db::Connection& connection, const core::Actor& actor,
                                 std::int64_t id, std::string_view to,
                                 const std::optional<std::string>& note) {
  if (to == "closed") {
    throw core::ValidationError(
        "to", "closing is verification: POST /api/v1/audits/findings/{id}/verify");
  }
  return apply_transition(connection, actor, id, to, note);
}

FindingRecord verify_finding(db::Connection& connection, const core::Actor& actor, std::int64_t id,
                             const std::optional<std::string>& note) {
  return apply_transition(connection, actor, id, "closed", note);
}

FindingRecord replace_finding_links(db::Connection& connection, const core::Actor& actor,
                                    std::int64_t id, const std::vector<std::int64_t>& clause_ids,
                                    const std::vector<std::int64_t>& control_ids,
                                    const std::vector<std::int64_t>& risk_ids) {
  db::Transaction tx(connection);
  auto before = locked(connection, id);
  auto sorted = [](std::vector<std::int64_t> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
  };
  const auto clauses = sorted(clause_ids);
  const auto controls = sorted(control_ids);
  const auto risks = sorted(risk_ids);
  core::FieldErrors errors;
  check_links(connection,
              FindingLinks{.clause_ids = before.clause_ids,
                           .control_ids = before.control_ids,
                           .risk_ids = before.risk_ids},
              clauses, controls, risks, errors);
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
  ChangeSet changes;
  changes.track("clause_ids", join_ids(before.clause_ids), join_ids(clauses))
      .track("control_ids", join_ids(before.control_ids), join_ids(controls))
      .track("risk_ids", join_ids(before.risk_ids), join_ids(risks));
  if (changes.empty()) {
    return before;
  }
  try {
    store_audits::replace_finding_links(connection, id, clauses, controls, risks);
  } catch (const db::ForeignKeyViolation& error) {
    rethrow_reference(error);
  }
  audit(connection, actor, "link", id, std::move(changes));
  auto result = *store_audits::find_finding(connection, id);
  tx.commit();
  return result;
}

}  // namespace qgp::domain::audits
