#include "domain/audits/run_service.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "db/connection.hpp"
#include "domain/audits/findings.hpp"
#include "domain/audits/scoring.hpp"
#include "domain/common/records.hpp"
#include "kit/text.hpp"
#include "store/audits/run_store.hpp"
#include "store/common/reference_numbers.hpp"

namespace qgp::domain::audits {

namespace {

namespace rs = store::audits;
using model::audits::FindingGrade;
using model::audits::FindingsSummary;
using model::audits::FindingStatus;
using model::audits::RunAnswer;
using model::audits::RunFinding;

// --- numbers -------------------------------------------------------------------------------------

// Scores travel as exact decimals written as their shortest text ("4", "62.5"), so the audit trail
// shows what was computed, and equal figures compare equal whatever scale the column gave them.
kit::Decimal exact(double value) {
  return kit::Decimal{fmt::format("{}", value)};
}

std::optional<kit::Decimal> decimal(std::optional<double> value) {
  if (!value) {
    return std::nullopt;
  }
  return exact(*value);
}

std::optional<double> number(const std::optional<kit::Decimal>& value) {
  if (!value) {
    return std::nullopt;
  }
  double out = 0;
  const auto& text = value->text;
  std::from_chars(text.data(), text.data() + text.size(), out);
  return out;
}

// --- schedule ------------------------------------------------------------------------------------

// The schedule's rules on `after` (what changed since `before`): dates in order, both coordinates
// or neither, an assignee that exists and is active when it is set or changed.
void schedule_problems(db::Connection& connection, const Run& before, const Run& after,
                       core::FieldErrors& errors) {
  if (after.scheduled_date && after.due_date && after.due_date->iso < after.scheduled_date->iso) {
    errors["due_date"] = "must not be before scheduled_date";
  }
  if (after.latitude.has_value() != after.longitude.has_value()) {
    errors[after.latitude ? "longitude" : "latitude"] = "latitude and longitude are given together";
  }
  if (after.assigned_to_id && after.assigned_to_id != before.assigned_to_id
      && !rs::active_user_exists(connection, *after.assigned_to_id)) {
    errors["assigned_to_id"] = "no active user with this id";
  }
}

void raise(core::FieldErrors errors) {
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
}

// --- completion ----------------------------------------------------------------------------------

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

// Checks the answers, scores the run into `after` and each response (stored, with one audit row
// per response whose score changed).
void score_completion(db::Transaction& tx, const core::Actor& actor, const Run& run,
                      const Snapshot& snapshot, const std::vector<RunResponse>& responses,
                      Run& after) {
  std::vector<Answer> answers;
  answers.reserve(responses.size());
  for (const auto& response : responses) {
    answers.push_back(to_answer(response, snapshot.find_question(response.question_id)));
  }
  require_all_required_answered(snapshot, answers);
  require_signatures(snapshot, answers);

  const auto result = score_run(snapshot, answers);
  std::map<std::int64_t, const QuestionScore*> by_question;
  for (const auto& score : result.questions) {
    by_question[score.question_id] = &score;
  }
  std::vector<rs::ResponseScore> scores;
  std::vector<std::pair<std::int64_t, kit::ChangeSet>> audited;
  for (const auto& response : responses) {
    const auto found = by_question.find(response.question_id);
    if (found == by_question.end()) {
      continue;
    }
    const auto& figures = *found->second;
    if (!figures.possible) {
      continue;  // not scored (or N/A)
    }
    auto before = response;
    before.score = decimal(number(response.score));
    before.max_score = decimal(number(response.max_score));
    auto scored = before;
    scored.score = exact(round_half_up(figures.earned.value_or(0.0)));
    scored.max_score = exact(round_half_up(*figures.possible));
    scores.push_back(rs::ResponseScore{
        .response_id = response.id, .score = scored.score, .max_score = scored.max_score});
    if (auto changes = common::changes(before, scored); !changes.empty()) {
      audited.emplace_back(response.id, std::move(changes));
    }
  }
  rs::set_response_scores(tx.connection(), scores);
  const auto note = fmt::format("scored at completion of {}", run.reference_number);
  for (auto& [id, changes] : audited) {
    common::append_audit(tx, actor, "update", kit::meta<RunResponse>().entity, id,
                         std::move(changes), note);
  }
  after.score = decimal(result.score);
  after.max_score = decimal(result.max_score);
  after.score_percentage = decimal(result.percentage);
  after.passed = result.passed;
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

// One finding per answer whose chosen options trigger findings, unless that answer already raised
// one (a run sent back from review and completed again must not duplicate its findings).
void raise_findings(db::Transaction& tx, const core::Actor& actor, const Run& run,
                    const Snapshot& snapshot, const std::vector<RunResponse>& responses) {
  std::set<std::int64_t> already;
  for (const auto& finding : rs::list_run_findings(tx.connection(), run.id)) {
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
    auto grade = kit::enum_values<FindingGrade>().back();
    std::string labels;
    for (const auto* option : triggering) {
      const auto option_grade = kit::parse_enum<FindingGrade>(*option->finding_grade);
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
    raise_finding(tx, actor, finding);
  }
}

FindingsSummary summarise(std::vector<RunFinding> findings) {
  FindingsSummary summary;
  summary.total = static_cast<std::int64_t>(findings.size());
  for (const auto& finding : findings) {
    ++summary.by_grade[finding.grade];
    ++summary.by_status[finding.status];
    summary.open += finding.status == FindingStatus::kClosed ? 0 : 1;
  }
  summary.items = std::move(findings);
  return summary;
}

// The validated answer in the form it is stored: its typed value, its options in order.
RunAnswer stored_form(const Answer& answer) {
  RunAnswer out;
  if (answer.boolean) {
    out.value = *answer.boolean;
  } else if (answer.number) {
    out.value = *answer.number;
  } else if (answer.date) {
    out.value = *answer.date;
  } else if (answer.text) {
    out.value = *answer.text;
  }
  out.option_ids = answer.option_ids;
  std::sort(out.option_ids.begin(), out.option_ids.end());
  out.is_na = answer.is_na;
  out.notes = answer.notes;
  return out;
}

}  // namespace

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

Answer to_answer(const RunResponse& response, const SnapshotQuestion* question) {
  Answer answer;
  answer.question_id = response.question_id;
  answer.is_na = response.is_na;
  if (const auto* flag = std::get_if<bool>(&response.value)) {
    answer.boolean = *flag;
  } else if (const auto* figure = std::get_if<double>(&response.value)) {
    answer.number = *figure;
  } else if (const auto* words = std::get_if<std::string>(&response.value)) {
    const bool is_date = question != nullptr && question->type == QuestionType::kDate;
    (is_date ? answer.date : answer.text) = *words;
  }
  answer.option_ids = response.option_ids;
  answer.notes = response.notes;
  return answer;
}

Run schedule_run(db::Transaction& tx, const core::Actor& actor, Run run) {
  auto& connection = tx.connection();
  // The run is pinned here, to the version published now (see run_service.hpp): nothing later
  // re-points it, so what was planned is what is performed and scored.
  const auto version = rs::find_published_version(connection, run.template_id);
  core::FieldErrors errors;
  if (!version) {
    errors["template_id"] = "no published, unarchived template with this id";
  }
  schedule_problems(connection, Run{}, run, errors);
  if (!version || !errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
  run.template_version_id = version->version_id;
  run.status = RunStatus::kScheduled;
  run.reference_number = store::common::next_reference_number(connection, "AUD");
  return common::create(tx, actor, run);
}

RunDetail get_run(db::Connection& connection, std::int64_t run_id) {
  auto detail = common::get<RunDetail>(connection, run_id);
  detail.responses = rs::list_responses(connection, run_id);
  detail.response_count = static_cast<std::int64_t>(detail.responses.size());
  detail.completion_percentage = exact(
      detail.question_count == 0 ? 0.0
                                 : round_half_up(static_cast<double>(detail.response_count) * 100.0
                                                 / static_cast<double>(detail.question_count)));
  detail.findings_summary = summarise(rs::list_run_findings(connection, run_id));
  return detail;
}

Run update_run(db::Transaction& tx, const core::Actor& actor, std::int64_t run_id,
               const kit::Patch<Run>& patch) {
  return common::update<Run>(tx, actor, run_id, patch, [&](const Run& before, const Run& after) {
    if (!schedule_editable(before.status)) {
      throw core::Conflict(
          fmt::format("the schedule of a {} run cannot be changed", kit::wire_name(before.status)));
    }
    core::FieldErrors errors;
    schedule_problems(tx.connection(), before, after, errors);
    raise(std::move(errors));
  });
}

Run move_run(db::Transaction& tx, const core::Actor& actor, std::int64_t run_id, RunStatus to,
             const std::optional<std::string>& note, const kit::Patch<Run>& extra) {
  auto& connection = tx.connection();
  std::optional<Snapshot> completed_on;  // the pinned version, when this move completes the run
  std::vector<RunResponse> responses;
  auto run = common::transition<Run>(
      tx, actor, run_id, to, note, extra, [&](const Run& before, Run& after) {
        const bool starts = before.status == RunStatus::kScheduled && to == RunStatus::kInProgress;
        const bool completes = before.status == RunStatus::kInProgress
                               && (to == RunStatus::kCompleted || to == RunStatus::kPendingReview);
        if (starts) {
          if (extra.has("latitude") != extra.has("longitude")) {
            throw core::ValidationError(extra.has("latitude") ? "longitude" : "latitude",
                                        "latitude and longitude are given together");
          }
          // GPS is checked at start: it records where the audit is actually performed, and a run
          // that has begun somewhere unknown cannot be located afterwards. The pinned version
          // decides, even when a newer one was published since the run was scheduled.
          if (load_run_snapshot(connection, before.template_version_id).settings.require_gps
              && !after.latitude) {
            throw core::ValidationError(
                core::FieldErrors{{"latitude", "required: the template requires GPS coordinates"},
                                  {"longitude", "required: the template requires GPS coordinates"}},
                "this template requires the run's GPS position at start");
          }
        }
        if (completes) {
          completed_on = load_run_snapshot(connection, before.template_version_id);
          responses = rs::list_responses(connection, run_id);
          score_completion(tx, actor, before, *completed_on, responses, after);
        }
        if (to == RunStatus::kCancelled && note) {
          const auto limit = kit::max_of<Run>("cancellation_reason");
          if (std::cmp_greater(kit::code_points(*note), limit)) {
            throw core::ValidationError(
                "note", fmt::format("must be at most {} characters: it is kept as the "
                                    "cancellation_reason",
                                    limit));
          }
        }
      });
  if (completed_on && completed_on->settings.auto_create_findings) {
    raise_findings(tx, actor, run, *completed_on, responses);
  }
  return run;
}

AnswerResult answer_question(db::Transaction& tx, const core::Actor& actor, std::int64_t run_id,
                             std::int64_t question_id, const RunAnswer& answer) {
  auto& connection = tx.connection();
  const auto run = common::lock<Run>(tx, run_id);
  if (!accepts_answers(run.status)) {
    throw core::Conflict(
        fmt::format("answers are accepted only while the run is in_progress; it is {}",
                    kit::wire_name(run.status)));
  }
  const auto snapshot = load_run_snapshot(connection, run.template_version_id);
  const auto* question = snapshot.find_question(question_id);
  if (question == nullptr) {
    throw core::NotFound(
        fmt::format("question {} is not part of the template version this run uses", question_id));
  }
  const auto valid = validate_answer(*question, answer);
  const auto before = rs::find_response(connection, run_id, question_id);
  rs::upsert_response(connection, run_id, question_id, stored_form(valid),
                      question->type == QuestionType::kDate, actor.user_id);
  auto stored = rs::find_response(connection, run_id, question_id);
  if (!stored) {
    throw core::Error(core::ErrorCode::kInternal, "the answer was not stored");
  }
  common::append_audit(tx, actor, before ? "update" : "create", kit::meta<RunResponse>().entity,
                       stored->id,
                       before ? common::changes(*before, *stored) : common::created(*stored));
  return AnswerResult{.response = std::move(*stored), .created = !before};
}

}  // namespace qgp::domain::audits
