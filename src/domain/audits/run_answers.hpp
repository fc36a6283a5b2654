#pragma once

// Answers to the questions of a run: what a client may send for each question type, checked
// against the question's limits in the published snapshot, and the rule that a run cannot be
// completed while a required question is unanswered. Pure rules: no I/O, no JSON.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/audits/snapshot.hpp"
#include "kit/field.hpp"
#include "kit/text.hpp"
#include "kit/values.hpp"
#include "model/audits/run.hpp"

namespace qgp::domain::audits {

// The `value` of a request: null, a boolean, a number or a string.
using RawValue = kit::Scalar;

// One answer as the client sent it (PUT /runs/{id}/responses/{question_id}), declared in
// model/audits/run.hpp. No options is the same as an empty list.
using AnswerInput = model::audits::RunAnswer;

// One answer after validation, in the shape audit_responses stores it: exactly one of the typed
// values (or the chosen options) is set, or none when is_na.
struct Answer {
  std::int64_t question_id = 0;
  bool is_na = false;
  std::optional<bool> boolean;           // yes_no, pass_fail
  std::optional<double> number;          // score, rating (without options), number
  std::optional<std::string> text;       // text, photo, signature (a reference to the evidence)
  std::optional<std::string> date;       // date, YYYY-MM-DD
  std::vector<std::int64_t> option_ids;  // choice, multi_choice, rating with options
  std::optional<std::string> notes;
};

// The declared limits (code points) of a text answer and of the notes.
inline constexpr auto kMaxTextAnswerLength =
    static_cast<std::size_t>(kit::max_of<AnswerInput>("value"));
inline constexpr auto kMaxNotesLength = static_cast<std::size_t>(kit::max_of<AnswerInput>("notes"));

// Checks `input` against the question's type and limits; throws core::ValidationError with
// details per field (value, option_ids, is_na, notes). Returns the normalized answer.
Answer validate_answer(const SnapshotQuestion& question, const AnswerInput& input);

// Required questions of the snapshot without an answer (an N/A answer counts as an answer), in
// snapshot order.
std::vector<std::int64_t> missing_required(const Snapshot& snapshot,
                                           const std::vector<Answer>& answers);

// Throws core::ValidationError (422) naming every unanswered required question
// (`responses.<question_id>`), so a run cannot be completed half-filled.
void require_all_required_answered(const Snapshot& snapshot, const std::vector<Answer>& answers);

// True when `text` is a real calendar date written YYYY-MM-DD.
using kit::is_iso_date;

}  // namespace qgp::domain::audits
