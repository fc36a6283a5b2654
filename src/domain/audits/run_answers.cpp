#include "domain/audits/run_answers.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "core/errors.hpp"

namespace qgp::domain::audits {

namespace {

using kit::code_points;

std::string number_text(double value) {
  return fmt::format("{}", value);
}

bool has_decimal_places(double value, int places) noexcept {
  const double scaled = value * std::pow(10.0, places);
  return std::fabs(scaled - std::round(scaled)) <= 1e-9 * std::max(1.0, std::fabs(scaled));
}

void check_number(const SnapshotQuestion& question, double value, core::FieldErrors& errors) {
  if (!std::isfinite(value)) {
    errors["value"] = "must be a finite number";
    return;
  }
  if (question.min_value && value < *question.min_value) {
    errors["value"] = "must be at least " + number_text(*question.min_value);
  } else if (question.max_value && value > *question.max_value) {
    errors["value"] = "must be at most " + number_text(*question.max_value);
  } else if ((question.type == QuestionType::kScore || question.type == QuestionType::kRating)
             && value < 0.0) {
    errors["value"] = "must not be negative";
  } else if ((question.type == QuestionType::kScore
              || (question.type == QuestionType::kRating && !question.max_value))
             && question.max_score && value > *question.max_score) {
    // A rating with a scale (max_value) is bounded by the scale and scored in proportion to
    // max_score (scoring.hpp), so only a rating without a scale is bounded by max_score.
    errors["value"] =
        "must not exceed the question's max_score " + number_text(*question.max_score);
  } else if (question.decimal_places && !has_decimal_places(value, *question.decimal_places)) {
    errors["value"] = fmt::format("must have at most {} decimal places", *question.decimal_places);
  }
}

void check_text(const SnapshotQuestion& question, const std::string& text,
                core::FieldErrors& errors) {
  const auto length = code_points(text);
  if (length == 0) {
    errors["value"] = "must not be empty";
  } else if (length > kMaxTextAnswerLength) {
    errors["value"] = fmt::format("must be at most {} characters", kMaxTextAnswerLength);
  } else if (question.type == QuestionType::kText && question.min_length
             && length < static_cast<std::size_t>(*question.min_length)) {
    errors["value"] = fmt::format("must be at least {} characters", *question.min_length);
  } else if (question.type == QuestionType::kText && question.max_length
             && length > static_cast<std::size_t>(*question.max_length)) {
    errors["value"] = fmt::format("must be at most {} characters", *question.max_length);
  }
}

std::optional<bool> boolean_of(QuestionType type, const RawValue& value) {
  if (const auto* flag = std::get_if<bool>(&value); flag != nullptr) {
    return *flag;
  }
  if (const auto* text = std::get_if<std::string>(&value); text != nullptr) {
    const std::string_view yes = type == QuestionType::kYesNo ? "yes" : "pass";
    const std::string_view no = type == QuestionType::kYesNo ? "no" : "fail";
    if (*text == yes) {
      return true;
    }
    if (*text == no) {
      return false;
    }
  }
  return std::nullopt;
}

void read_options(const SnapshotQuestion& question, const std::vector<std::int64_t>& ids,
                  Answer& answer, core::FieldErrors& errors) {
  if (question.type != QuestionType::kMultiChoice && ids.size() > 1) {
    errors["option_ids"] = "this question takes exactly one option";
    return;
  }
  std::set<std::int64_t> seen;
  for (const auto id : ids) {
    if (!seen.insert(id).second) {
      errors["option_ids"] = fmt::format("option {} is listed twice", id);
      return;
    }
    if (question.find_option(id) == nullptr) {
      errors["option_ids"] =
          fmt::format("option {} does not belong to question {}", id, question.id);
      return;
    }
  }
  answer.option_ids = ids;
}

void read_value(const SnapshotQuestion& question, const RawValue& value, Answer& answer,
                core::FieldErrors& errors) {
  const auto type_name = std::string(to_string(question.type));
  switch (question.type) {
    case QuestionType::kYesNo:
    case QuestionType::kPassFail: {
      answer.boolean = boolean_of(question.type, value);
      if (!answer.boolean) {
        errors["value"] = question.type == QuestionType::kYesNo
                              ? R"(must be true/false or "yes"/"no")"
                              : R"(must be true/false or "pass"/"fail")";
      }
      return;
    }
    case QuestionType::kScore:
    case QuestionType::kRating:
    case QuestionType::kNumber: {
      const auto* number = std::get_if<double>(&value);
      if (number == nullptr) {
        errors["value"] = "must be a number for a " + type_name + " question";
        return;
      }
      check_number(question, *number, errors);
      answer.number = *number;
      return;
    }
    case QuestionType::kDate: {
      const auto* text = std::get_if<std::string>(&value);
      if (text == nullptr || !is_iso_date(*text)) {
        errors["value"] = "must be a date YYYY-MM-DD";
        return;
      }
      answer.date = *text;
      return;
    }
    case QuestionType::kText:
    case QuestionType::kPhoto:
    case QuestionType::kSignature: {
      const auto* text = std::get_if<std::string>(&value);
      if (text == nullptr) {
        errors["value"] = "must be a string for a " + type_name + " question";
        return;
      }
      check_text(question, *text, errors);
      answer.text = *text;
      return;
    }
    case QuestionType::kChoice:
    case QuestionType::kMultiChoice:
      return;  // answered by options; handled by the caller
  }
}

}  // namespace

Answer validate_answer(const SnapshotQuestion& question, const AnswerInput& input) {
  Answer answer;
  answer.question_id = question.id;
  core::FieldErrors errors;
  const bool has_value = !std::holds_alternative<std::monostate>(input.value);
  const bool has_options = !input.option_ids.empty();

  if (input.notes) {
    if (code_points(*input.notes) > kMaxNotesLength) {
      errors["notes"] = fmt::format("must be at most {} characters", kMaxNotesLength);
    } else if (!input.notes->empty()) {
      answer.notes = input.notes;
    }
  }

  if (input.is_na) {
    if (!question.allow_na) {
      errors["is_na"] = "this question does not allow N/A";
    } else if (has_value || has_options) {
      errors["is_na"] = "an N/A answer carries no value or options";
    }
    answer.is_na = true;
  } else if (question.answered_by_options()) {
    if (has_value) {
      errors["value"] = "answer this question with option_ids";
    } else if (!has_options) {
      errors["option_ids"] = "required: the chosen option(s), or is_na";
    } else {
      read_options(question, input.option_ids, answer, errors);
    }
  } else {
    if (has_options) {
      errors["option_ids"] = "this question is answered with value, not options";
    } else if (!has_value) {
      errors["value"] = "required: the answer, or is_na";
    } else {
      read_value(question, input.value, answer, errors);
    }
  }

  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors), "the answer does not fit the question");
  }
  return answer;
}

std::vector<std::int64_t> missing_required(const Snapshot& snapshot,
                                           const std::vector<Answer>& answers) {
  std::set<std::int64_t> answered;
  for (const auto& answer : answers) {
    answered.insert(answer.question_id);
  }
  std::vector<std::int64_t> missing;
  for (const auto& question : snapshot.questions) {
    if (question.is_required && !answered.contains(question.id)) {
      missing.push_back(question.id);
    }
  }
  return missing;
}

void require_all_required_answered(const Snapshot& snapshot, const std::vector<Answer>& answers) {
  const auto missing = missing_required(snapshot, answers);
  if (missing.empty()) {
    return;
  }
  core::FieldErrors errors;
  for (const auto id : missing) {
    errors[fmt::format("responses.{}", id)] = "required question is not answered";
  }
  throw core::ValidationError(
      std::move(errors), fmt::format("{} required question(s) are not answered", missing.size()));
}

}  // namespace qgp::domain::audits
