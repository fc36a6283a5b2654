#include "domain/audits/run_service.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "domain/audits/findings.hpp"
#include "domain/audits/scoring.hpp"
#include "store/audit/audit_log_store.hpp"

namespace qgp::domain::audits {

namespace {

namespace audit = store::audit;
namespace rs = store::audits;

constexpr std::string_view kEntity = "audit_run";
constexpr std::string_view kResponseEntity = "audit_response";
constexpr std::size_t kMaxReasonLength = 2000;

audit::Value value_of(const std::optional<std::string>& v) {
  return v ? audit::Value{*v} : audit::Value{};
}
audit::Value value_of(const std::optional<std::int64_t>& v) {
  return v ? audit::Value{*v} : audit::Value{};
}
audit::Value value_of(const std::optional<bool>& v) {
  return v ? audit::Value{*v} : audit::Value{};
}
audit::Value value_of(const std::optional<double>& v) {
  return v ? audit::Value{audit::Decimal{fmt::format("{}", *v)}} : audit::Value{};
}
audit::Value value_of(const std::vector<std::int64_t>& ids) {
  return ids.empty() ? audit::Value{} : audit::Value{fmt::format("{}", fmt::join(ids, ","))};
}

RunStatus status_of(const RunRecord& run) {
  const auto status = parse_run_status(run.status);
  if (!status) {
    throw core::Error(core::ErrorCode::kInternal, "audit run has an unknown status");
  }
  return *status;
}

RunRecord lock_run(db::Connection& connection, std::int64_t run_id) {
  auto run = rs::find_run(connection, run_id, /*lock=*/true);
  if (!run) {
    throw core::NotFound(fmt::format("audit run {} not found", run_id));
  }
  return std::move(*run);
}

void append_transition(db::Connection& connection, const core::Actor& actor, const RunRecord& run,
                       RunStatus to, audit::ChangeSet changes, std::string note = {}) {
  audit::ChangeSet all;
  all.track("status", std::string(run.status), std::string(to_string(to)));
  for (auto& change : std::move(changes).take()) {
    all.track(change.field, std::move(change.before), std::move(change.after));
  }
  audit::append(connection, actor,
                audit::Entry{.action = "transition",
                             .entity_type = std::string(kEntity),
                             .entity_id = run.id,
                             .changes = std::move(all).take(),
                             .note = std::move(note)});
}

std::string checked_reason(const std::string& reason, std::string_view field) {
  const auto first = reason.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    throw core::ValidationError(std::string(field), "required: say why");
  }
  if (reason.size() > kMaxReasonLength) {
    throw core::ValidationError(std::string(field),
                                fmt::format("must be at most {} characters", kMaxReasonLength));
  }
  return reason;
}

std::string truncate_utf8(const std::string& text, std::size_t max_code_points) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) {
      if (count == max_code_points) {
        return text.substr(0, i);
      }
      ++count;
    }
  }
  return text;
}

rs::ResponseValues to_values(const Answer& answer) {
  rs::ResponseValues values;
  values.response_text = answer.text;
  values.response_number = answer.number;
  values.response_bool = answer.boolean;
  values.response_date = answer.date;
  values.option_ids = answer.option_ids;
  std::sort(values.option_ids.begin(), values.option_ids.end());
  values.is_na = answer.is_na;
  values.notes = answer.notes;
  return values;
}

void require_signatures(const Snapshot& snapshot, const std::vector<Answer>& answers) {
  if (!snapshot.settings.require_signature) {
    return;
  }
  core::FieldErrors errors;
  for (const auto& question : snapshot.questions) {
    if (question.type != QuestionType::kSignature) {
      continue;
    }
    const auto found = std::find_if(answers.begin(), answers.end(), [&](const Answer& a) {
      return a.question_id == question.id && !a.is_na && a.text;
    });
    if (found == answers.end()) {
      errors[fmt::format("responses.{}", question.id)] = "the template requires a signature";
    }
  }
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors), "the run must be signed before completion");
  }
}

// One finding per answer whose chosen options trigger findings, unless that
// answer already raised one (a run rejected from review and completed again
// must not duplicate its findings).
void raise_findings(db::Connection& connection, const core::Actor& actor, const RunRecord& run,
                    const Snapshot& snapshot, const std::vector<ResponseRecord>& responses) {
  std::set<std::int64_t> already;
  for (const auto& finding : rs::list_run_findings(connection, run.id)) {
    if (finding.is_auto_created && finding.response_id) {
      already.insert(*finding.response_id);
    }
  }
  for (const auto& response : responses) {
    const auto* question = snapshot.find_question(response.question_id);
    if (question == nullptr || response.is_na || already.contains(response.id)) {
      continue;
    }
    std::vector<const SnapshotOption*> triggering;
    for (const auto option_id : response.option_ids) {
      const auto* option = question->find_option(option_id);
      if (option != nullptr && option->triggers_finding && option->finding_grade) {
        triggering.push_back(option);
      }
    }
    if (triggering.empty()) {
      continue;
    }
    // Grades are declared from most to least severe: the worst triggered grade wins.
    auto grade = kit::enum_values<model::audits::FindingGrade>().back();
    std::string labels;
    for (const auto* option : triggering) {
      const auto option_grade =
          kit::parse_enum<model::audits::FindingGrade>(*option->finding_grade);
      if (option_grade && *option_grade < grade) {
        grade = *option_grade;
      }
      labels += labels.empty() ? "" : "\", \"";
      labels += option->label;
    }
    Finding finding;
    finding.run_id = run.id;
    finding.question_id = question->id;
    finding.response_id = response.id;
    finding.title = truncate_utf8(question->question_text,
                                  static_cast<std::size_t>(kit::max_of<Finding>("title")));
    finding.description = truncate_utf8(
        fmt::format(
            R"(Raised automatically by audit run {} ("{}"): question "{}" was answered "{}".{})",
            run.reference_number, run.title, question->question_text, labels,
            response.notes ? "\nAuditor notes: " + *response.notes : std::string()),
        static_cast<std::size_t>(kit::max_of<Finding>("description")));
    finding.grade = grade;
    finding.is_auto_created = true;
    finding.clause_ids = question->clause_ids;
    finding.control_ids = question->control_ids;
    db::Transaction tx(connection);  // a savepoint of the completion's transaction
    raise_finding(tx, actor, finding);
    tx.commit();
  }
}

}  // namespace

void validate_schedule(db::Connection& connection, const ScheduleFields& fields) {
  core::FieldErrors errors;
  if (fields.scheduled_date && fields.due_date && *fields.due_date < *fields.scheduled_date) {
    errors["due_date"] = "must not be before scheduled_date";
  }
  if (fields.latitude.has_value() != fields.longitude.has_value()) {
    errors[fields.latitude ? "longitude" : "latitude"] =
        "latitude and longitude are given together";
  }
  if (fields.assigned_to_id && !rs::active_user_exists(connection, *fields.assigned_to_id)) {
    errors["assigned_to_id"] = "no active user with this id";
  }
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
}

Snapshot to_snapshot(const rs::SnapshotRows& rows) {
  const auto bad = [](const std::string& what) {
    return core::Error(core::ErrorCode::kInternal,
                       "the published template version has an unknown " + what);
  };
  Snapshot snapshot;
  const auto& t = rows.template_row;
  auto& s = snapshot.settings;
  s.id = t.id;
  s.reference_number = t.reference_number;
  s.name = t.name;
  s.description = t.description;
  s.category = t.category;
  s.audit_type = t.audit_type;
  const auto method = parse_scoring_method(t.scoring_method);
  if (!method) {
    throw bad("scoring method");
  }
  s.scoring_method = *method;
  s.passing_score = t.passing_score;
  s.require_gps = t.require_gps;
  s.require_signature = t.require_signature;
  s.require_approval = t.require_approval;
  s.auto_create_findings = t.auto_create_findings;
  for (const auto& row : rows.sections) {
    snapshot.sections.push_back(SnapshotSection{.id = row.id,
                                                .title = row.title,
                                                .description = row.description,
                                                .sort_order = row.sort_order,
                                                .weight = row.weight});
  }
  std::map<std::int64_t, std::size_t> index;
  for (const auto& row : rows.questions) {
    const auto type = parse_question_type(row.question_type);
    if (!type) {
      throw bad("question type");
    }
    SnapshotQuestion q;
    q.id = row.id;
    q.section_id = row.section_id;
    q.question_text = row.question_text;
    q.description = row.description;
    q.help_text = row.help_text;
    q.type = *type;
    q.is_required = row.is_required;
    q.allow_na = row.allow_na;
    q.is_critical = row.is_critical;
    q.weight = row.weight;
    q.max_score = row.max_score;
    q.min_value = row.min_value;
    q.max_value = row.max_value;
    q.decimal_places = row.decimal_places;
    q.min_length = row.min_length;
    q.max_length = row.max_length;
    q.sort_order = row.sort_order;
    q.clause_ids = row.clause_ids;
    q.control_ids = row.control_ids;
    index[q.id] = snapshot.questions.size();
    snapshot.questions.push_back(std::move(q));
  }
  for (const auto& row : rows.options) {
    const auto found = index.find(row.question_id);
    if (found == index.end()) {
      continue;
    }
    snapshot.questions[found->second].options.push_back(
        SnapshotOption{.id = row.id,
                       .label = row.label,
                       .value = row.value,
                       .score = row.score,
                       .triggers_finding = row.triggers_finding,
                       .finding_grade = row.finding_grade,
                       .sort_order = row.sort_order});
  }
  return snapshot;
}

Snapshot load_run_snapshot(db::Connection& connection, std::int64_t version_id) {
  const auto rows = rs::load_snapshot(connection, version_id);
  if (!rows) {
    throw core::Error(core::ErrorCode::kInternal, "the run's template version is missing");
  }
  return to_snapshot(*rows);
}

Answer to_answer(const ResponseRecord& response) {
  Answer answer;
  answer.question_id = response.question_id;
  answer.is_na = response.is_na;
  answer.boolean = response.response_bool;
  answer.number = response.response_number;
  answer.text = response.response_text;
  answer.date = response.response_date;
  answer.option_ids = response.option_ids;
  answer.notes = response.notes;
  return answer;
}

std::int64_t schedule_run(db::Connection& connection, const core::Actor& actor,
                          const ScheduleRunInput& input) {
  db::Transaction tx(connection);
  // The run is pinned here, to the version published now (see run_service.hpp): nothing later
  // re-points it, so what was planned is what is performed and scored.
  const auto version = rs::find_published_version(connection, input.template_id);
  if (!version) {
    throw core::ValidationError("template_id", "no published, unarchived template with this id");
  }
  validate_schedule(connection, input.fields);
  const auto inserted = rs::insert_run(connection, *version, input.fields, actor.user_id);
  const auto& f = input.fields;
  audit::ChangeSet changes;
  changes.set("reference_number", inserted.reference_number)
      .set("template_id", version->template_id)
      .set("template_version_id", version->version_id)
      .set("template_version", static_cast<std::int64_t>(version->version_number))
      .set("status", std::string(to_string(RunStatus::kScheduled)))
      .set("title", f.title)
      .set("assigned_to_id", value_of(f.assigned_to_id))
      .set("scheduled_date", value_of(f.scheduled_date))
      .set("due_date", value_of(f.due_date))
      .set("location", value_of(f.location))
      .set("location_details", value_of(f.location_details))
      .set("latitude", value_of(f.latitude))
      .set("longitude", value_of(f.longitude))
      .set("notes", value_of(f.notes));
  audit::append(connection, actor,
                audit::Entry{.action = "create",
                             .entity_type = std::string(kEntity),
                             .entity_id = inserted.id,
                             .changes = std::move(changes).take(),
                             .note = {}});
  tx.commit();
  return inserted.id;
}

RunDetail get_run(db::Connection& connection, std::int64_t run_id) {
  db::Transaction tx(connection, db::Isolation::kRepeatableRead,
                     /*read_only=*/true);
  auto run = rs::find_run(connection, run_id);
  if (!run) {
    throw core::NotFound(fmt::format("audit run {} not found", run_id));
  }
  RunDetail detail;
  // Only the targets this run can reach: complete leads to pending_review exactly when its
  // version requires approval.
  for (const auto target : allowed_targets(status_of(*run))) {
    const bool other_completion =
        status_of(*run) == RunStatus::kInProgress
        && target == (run->require_approval ? RunStatus::kCompleted : RunStatus::kPendingReview);
    if (!other_completion) {
      detail.allowed_targets.push_back(target);
    }
  }
  detail.responses = rs::list_responses(connection, run_id);
  detail.findings = rs::list_run_findings(connection, run_id);
  detail.run = std::move(*run);
  tx.commit();
  return detail;
}

RunPage list_runs(db::Connection& connection, const RunFilter& filter,
                  const std::vector<store::common::SortKey>& sort,
                  const store::common::Page& page) {
  // One snapshot for the total and the page, so they agree.
  db::Transaction tx(connection, db::Isolation::kRepeatableRead, /*read_only=*/true);
  auto result = rs::list_runs(connection, filter, sort, page);
  tx.commit();
  return result;
}

void update_run(db::Connection& connection, const core::Actor& actor, std::int64_t run_id,
                const RunPatch& patch) {
  db::Transaction tx(connection);
  const auto run = lock_run(connection, run_id);
  if (patch.version != run.version) {
    throw core::Conflict(
        fmt::format("audit run {} was changed by someone else (version {} is current, not {}); "
                    "reload it",
                    run_id, run.version, patch.version));
  }
  if (!schedule_editable(status_of(run))) {
    throw core::Conflict("the schedule of a " + run.status + " audit run cannot be changed");
  }
  ScheduleFields next{.title = patch.title.value_or(run.title),
                      .assigned_to_id = patch.assigned_to_id.value_or(run.assigned_to_id),
                      .scheduled_date = patch.scheduled_date.value_or(run.scheduled_date),
                      .due_date = patch.due_date.value_or(run.due_date),
                      .location = patch.location.value_or(run.location),
                      .location_details = patch.location_details.value_or(run.location_details),
                      .latitude = patch.latitude.value_or(run.latitude),
                      .longitude = patch.longitude.value_or(run.longitude),
                      .notes = patch.notes.value_or(run.notes)};
  audit::ChangeSet changes;
  changes.track("title", run.title, next.title)
      .track("assigned_to_id", value_of(run.assigned_to_id), value_of(next.assigned_to_id))
      .track("scheduled_date", value_of(run.scheduled_date), value_of(next.scheduled_date))
      .track("due_date", value_of(run.due_date), value_of(next.due_date))
      .track("location", value_of(run.location), value_of(next.location))
      .track("location_details", value_of(run.location_details), value_of(next.location_details))
      .track("latitude", value_of(run.latitude), value_of(next.latitude))
      .track("longitude", value_of(run.longitude), value_of(next.longitude))
      .track("notes", value_of(run.notes), value_of(next.notes));
  if (changes.empty()) {
    return;  // nothing changed: no write, no version bump, no audit row
  }
  validate_schedule(connection, next);
  if (!rs::update_schedule(connection, run_id, patch.version, next, actor.user_id)) {
    throw core::Conflict(fmt::format("audit run {} was changed by someone else", run_id));
  }
  audit::append(connection, actor,
                audit::Entry{.action = "update",
                             .entity_type = std::string(kEntity),
                             .entity_id = run_id,
                             .changes = std::move(changes).take(),
                             .note = {}});
  tx.commit();
}

void start_run(db::Connection& connection, const core::Actor& actor, std::int64_t run_id,
               const StartInput& input) {
  db::Transaction tx(connection);
  const auto run = lock_run(connection, run_id);
  const auto to = apply_verb(RunVerb::kStart, status_of(run), false);
  if (input.latitude.has_value() != input.longitude.has_value()) {
    throw core::ValidationError(input.latitude ? "longitude" : "latitude",
                                "latitude and longitude are given together");
  }
  // The pinned version, even when a newer one was published since the run was scheduled.
  const auto snapshot = load_run_snapshot(connection, run.template_version_id);
  // GPS is checked at start: it records where the audit is actually performed,
  // and a run that has begun somewhere unknown cannot be located afterwards.
  if (snapshot.settings.require_gps && !input.latitude && !run.latitude) {
    throw core::ValidationError(
        core::FieldErrors{{"latitude", "required: the template requires GPS coordinates"},
                          {"longitude", "required: the template requires GPS coordinates"}},
        "this template requires the run's GPS position at start");
  }
  rs::mark_started(connection, run_id, input.latitude, input.longitude, actor.user_id);
  audit::ChangeSet changes;
  if (input.latitude) {
    changes.track("latitude", value_of(run.latitude), value_of(input.latitude))
        .track("longitude", value_of(run.longitude), value_of(input.longitude));
  }
  append_transition(connection, actor, run, to, std::move(changes));
  tx.commit();
}

AnswerResult answer_question(db::Connection& connection, const core::Actor& actor,
                             std::int64_t run_id, std::int64_t question_id,
                             const AnswerInput& input) {
  db::Transaction tx(connection);
  const auto run = lock_run(connection, run_id);
  if (!accepts_answers(status_of(run))) {
    throw core::Conflict("answers are accepted only while the run is in_progress; it is "
                         + run.status);
  }
  const auto snapshot = load_run_snapshot(connection, run.template_version_id);
  const auto* question = snapshot.find_question(question_id);
  if (question == nullptr) {
    throw core::NotFound(
        fmt::format("question {} is not part of the template version this run uses", question_id));
  }
  const auto answer = validate_answer(*question, input);
  const auto before = rs::find_response(connection, run_id, question_id);
  const auto values = to_values(answer);
  const auto id = rs::upsert_response(connection, run_id, question_id, values, actor.user_id);

  audit::ChangeSet changes;
  const auto track = [&](std::string_view field, audit::Value old_value, audit::Value new_value) {
    changes.track(field, before ? std::move(old_value) : audit::Value{}, std::move(new_value));
  };
  if (!before) {
    changes.set("run_id", run_id).set("question_id", question_id);
  }
  track("response_text", before ? value_of(before->response_text) : audit::Value{},
        value_of(values.response_text));
  track("response_number", before ? value_of(before->response_number) : audit::Value{},
        value_of(values.response_number));
  track("response_bool", before ? value_of(before->response_bool) : audit::Value{},
        value_of(values.response_bool));
  track("response_date", before ? value_of(before->response_date) : audit::Value{},
        value_of(values.response_date));
  track("option_ids", before ? value_of(before->option_ids) : audit::Value{},
        value_of(values.option_ids));
  track("is_na", before ? audit::Value{before->is_na} : audit::Value{}, values.is_na);
  track("notes", before ? value_of(before->notes) : audit::Value{}, value_of(values.notes));
  audit::append(connection, actor,
                audit::Entry{.action = before ? "update" : "create",
                             .entity_type = std::string(kResponseEntity),
                             .entity_id = id,
                             .changes = std::move(changes).take(),
                             .note = {}});
  auto stored = rs::find_response(connection, run_id, question_id);
  tx.commit();
  return AnswerResult{.response = std::move(*stored), .created = !before};
}

void complete_run(db::Connection& connection, const core::Actor& actor, std::int64_t run_id) {
  db::Transaction tx(connection);
  const auto run = lock_run(connection, run_id);
  const auto from = status_of(run);
  const auto snapshot = load_run_snapshot(connection, run.template_version_id);
  const auto to = apply_verb(RunVerb::kComplete, from, snapshot.settings.require_approval);

  const auto responses = rs::list_responses(connection, run_id);
  std::vector<Answer> answers;
  answers.reserve(responses.size());
  for (const auto& response : responses) {
    answers.push_back(to_answer(response));
  }
  require_all_required_answered(snapshot, answers);
  require_signatures(snapshot, answers);

  const auto result = score_run(snapshot, answers);
  std::map<std::int64_t, const QuestionScore*> by_question;
  for (const auto& score : result.questions) {
    by_question[score.question_id] = &score;
  }
  std::vector<rs::ResponseScore> response_scores;
  std::vector<audit::Entry> score_entries;
  for (const auto& response : responses) {
    const auto found = by_question.find(response.question_id);
    if (found == by_question.end() || !found->second->possible) {
      continue;
    }
    auto& score = response_scores.emplace_back(
        rs::ResponseScore{.response_id = response.id,
                          .score = round_half_up(*found->second->earned),
                          .max_score = round_half_up(*found->second->possible)});
    audit::ChangeSet changes;
    changes.track("score", value_of(response.score), value_of(score.score))
        .track("max_score", value_of(response.max_score), value_of(score.max_score));
    if (!changes.empty()) {
      score_entries.push_back(
          audit::Entry{.action = "update",
                       .entity_type = std::string(kResponseEntity),
                       .entity_id = response.id,
                       .changes = std::move(changes).take(),
                       .note = fmt::format("scored at completion of {}", run.reference_number)});
    }
  }
  rs::set_response_scores(connection, response_scores);
  for (const auto& entry : score_entries) {
    audit::append(connection, actor, entry);
  }
  rs::mark_completed(connection, run_id,
                     rs::Completion{.status = std::string(to_string(to)),
                                    .score = result.score,
                                    .max_score = result.max_score,
                                    .score_percentage = result.percentage,
                                    .passed = result.passed},
                     actor.user_id);
  audit::ChangeSet changes;
  changes.set("score", value_of(result.score))
      .set("max_score", value_of(result.max_score))
      .set("score_percentage", value_of(result.percentage))
      .set("passed", value_of(result.passed))
      .set("completed_by_id", value_of(actor.user_id));
  append_transition(connection, actor, run, to, std::move(changes));
  if (snapshot.settings.auto_create_findings) {
    raise_findings(connection, actor, run, snapshot, responses);
  }
  tx.commit();
}

void approve_run(db::Connection& connection, const core::Actor& actor, std::int64_t run_id,
                 const std::optional<std::string>& note) {
  db::Transaction tx(connection);
  const auto run = lock_run(connection, run_id);
  const auto to = apply_verb(RunVerb::kApprove, status_of(run), true);
  // Review means a second pair of eyes: whoever completed the run cannot
  // approve it.
  if (run.completed_by_id && actor.user_id && *run.completed_by_id == *actor.user_id) {
    throw core::Forbidden("a run is approved by someone other than the person who completed it");
  }
  if (note && note->size() > kMaxReasonLength) {
    throw core::ValidationError("note",
                                fmt::format("must be at most {} characters", kMaxReasonLength));
  }
  rs::mark_approved(connection, run_id, actor.user_id);
  append_transition(connection, actor, run, to, {}, note.value_or(""));
  tx.commit();
}

void reject_run(db::Connection& connection, const core::Actor& actor, std::int64_t run_id,
                const std::string& reason) {
  db::Transaction tx(connection);
  const auto run = lock_run(connection, run_id);
  const auto to = apply_verb(RunVerb::kReject, status_of(run), true);
  const auto checked = checked_reason(reason, "reason");
  rs::mark_rejected(connection, run_id, actor.user_id);
  audit::ChangeSet changes;
  changes.track("score", value_of(run.score), audit::Value{})
      .track("max_score", value_of(run.max_score), audit::Value{})
      .track("score_percentage", value_of(run.score_percentage), audit::Value{})
      .track("passed", value_of(run.passed), audit::Value{})
      .track("completed_by_id", value_of(run.completed_by_id), audit::Value{});
  append_transition(connection, actor, run, to, std::move(changes), checked);
  tx.commit();
}

void cancel_run(db::Connection& connection, const core::Actor& actor, std::int64_t run_id,
                const std::string& reason) {
  db::Transaction tx(connection);
  const auto run = lock_run(connection, run_id);
  const auto to = apply_verb(RunVerb::kCancel, status_of(run), false);
  const auto checked = checked_reason(reason, "reason");
  rs::mark_cancelled(connection, run_id, checked, actor.user_id);
  audit::ChangeSet changes;
  changes.set("cancellation_reason", checked);
  append_transition(connection, actor, run, to, std::move(changes), checked);
  tx.commit();
}

}  // namespace qgp::domain::audits
