#include "domain/reviews/reviews.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "domain/actions/actions.hpp"
#include "domain/common/link_checks.hpp"
#include "domain/common/records.hpp"
#include "kit/enums.hpp"
#include "kit/text.hpp"
#include "store/common/archived_links.hpp"
#include "store/common/reference_numbers.hpp"
#include "store/kit/write.hpp"

namespace qgp::domain::reviews {

namespace {

using model::actions::Action;
using model::reviews::required_input_kinds;

// cancellation_reason's column limit (a transition's note may be longer elsewhere).
constexpr std::size_t kMaxReasonCodePoints = 2000;

// A closed or cancelled review is the record of what was decided: it changes only once reopened.
void refuse_settled(const Review& review, std::string_view what) {
  if (review.status == ReviewStatus::kClosed) {
    throw core::Conflict(
        fmt::format("a closed management review cannot be {}; reopen it first", what));
  }
  if (review.status == ReviewStatus::kCancelled) {
    throw core::Conflict(fmt::format("a cancelled management review cannot be {}", what));
  }
}

void check_chair(const Review& review) {
  if (!review.chair_id) {
    throw core::ValidationError("chair_id", "a management review has a chair");
  }
}

void check_attendee(const ReviewAttendee& attendee, std::string_view prefix) {
  core::FieldErrors errors;
  for (auto& [field, problem] : attendee_problems(attendee)) {
    errors.emplace(fmt::format("{}{}", prefix, field), std::move(problem));
  }
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
}

// The kinds of `inputs` are distinct (one row per kind and review).
void check_input_kinds(const std::vector<ReviewInput>& inputs) {
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (inputs[i].kind == inputs[j].kind) {
        throw core::ValidationError(
            fmt::format("inputs[{}].kind", i),
            fmt::format("{} is recorded once per review", kit::wire_name(inputs[i].kind)));
      }
    }
  }
}

// A child added to a review that is neither closed nor cancelled (its row lock held, so `check`
// sees the review's children as they stay), audited, the review's version moved.
template <class C, class Check>
C add_child(db::Transaction& tx, const core::Actor& actor, std::int64_t review_id, C child,
            Check&& check) {
  const auto review = common::lock<Review>(tx, review_id);
  refuse_settled(review, "changed");
  std::forward<Check>(check)(review, child);
  child.review_id = review_id;
  auto stored = common::create(tx, actor, child);
  store::kit::touch<Review>(tx.connection(), review_id, actor);
  return stored;
}

// A child edited while its review is neither closed nor cancelled.
template <class C, class Check>
C update_child(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
               const kit::Patch<C>& patch, Check&& check) {
  return common::update<C>(tx, actor, id, patch, [&](const C& before, const C& after) {
    refuse_settled(common::lock<Review>(tx, before.review_id), "changed");
    check(after);
  });
}

}  // namespace

core::FieldErrors held_problems(const Review& review) {
  core::FieldErrors errors;
  if (!review.held_on) {
    errors.emplace("held_on", "a management review is held on a day: set held_on");
  }
  if (review.attendees.empty()) {
    errors.emplace("attendees", "a management review is held with at least one attendee");
  }
  std::vector<std::string_view> missing;
  for (const auto kind : required_input_kinds()) {
    if (std::none_of(review.inputs.begin(), review.inputs.end(),
                     [&](const ReviewInput& input) { return input.kind == kind; })) {
      missing.push_back(kit::wire_name(kind));
    }
  }
  if (!missing.empty()) {
    errors.emplace("inputs",
                   fmt::format("every input is recorded or marked not applicable with the reason "
                               "before the review is held; missing: {}",
                               fmt::join(missing, ", ")));
  }
  return errors;
}

core::FieldErrors attendee_problems(const ReviewAttendee& attendee) {
  core::FieldErrors errors;
  if (attendee.user_id.has_value() == attendee.name.has_value()) {
    errors.emplace("user_id",
                   "an attendee is a user (user_id) or an external person (name), "
                   "exactly one of them");
  }
  if (attendee.name && !attendee.role) {
    errors.emplace("role", "an external attendee's role is recorded");
  }
  return errors;
}

Review plan_review(db::Transaction& tx, const core::Actor& actor, Review review) {
  check_chair(review);
  for (std::size_t i = 0; i < review.attendees.size(); ++i) {
    check_attendee(review.attendees[i], fmt::format("attendees[{}].", i));
  }
  check_input_kinds(review.inputs);
  if (review.held_on) {
    throw core::ValidationError("held_on",
                                "a review is planned: the day it was held comes with "
                                "the move to held");
  }
  auto& connection = tx.connection();
  core::FieldErrors errors;
  common::check_new_links(connection, store::common::LinkTarget::kStandard, "standard_ids", {},
                          review.standard_ids, errors);
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
  review.status = ReviewStatus::kPlanned;
  review.reference_number = store::common::next_reference_number(connection, "MRV");
  const auto stored = common::create(tx, actor, review);
  for (auto attendee : review.attendees) {
    attendee.review_id = stored.id;
    common::create(tx, actor, attendee);
  }
  for (auto input : review.inputs) {
    input.review_id = stored.id;
    common::create(tx, actor, input);
  }
  return common::get<Review>(connection, stored.id);
}

Review update_review(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                     const kit::Patch<Review>& patch) {
  return common::update<Review>(
      tx, actor, id, patch, [&](const Review& before, const Review& after) {
        refuse_settled(before, "edited");
        for (const auto* children : {"attendees", "inputs"}) {
          if (patch.has(kit::field_index<Review>(children))) {
            throw core::ValidationError(
                children, fmt::format("are added through /management-reviews/{{id}}/{}", children));
          }
        }
        check_chair(after);
        if (before.status == ReviewStatus::kHeld && !after.held_on) {
          throw core::ValidationError("held_on",
                                      "a held management review keeps the day it was held");
        }
        core::FieldErrors errors;
        common::check_new_links(tx.connection(), store::common::LinkTarget::kStandard,
                                "standard_ids", before.standard_ids, after.standard_ids, errors);
        if (!errors.empty()) {
          throw core::ValidationError(std::move(errors));
        }
      });
}

ReviewAttendee add_attendee(db::Transaction& tx, const core::Actor& actor, std::int64_t review_id,
                            ReviewAttendee attendee) {
  return add_child(
      tx, actor, review_id, std::move(attendee),
      [](const Review& /*review*/, const ReviewAttendee& child) { check_attendee(child, ""); });
}

ReviewInput add_input(db::Transaction& tx, const core::Actor& actor, std::int64_t review_id,
                      ReviewInput input) {
  return add_child(
      tx, actor, review_id, std::move(input), [](const Review& review, const ReviewInput& child) {
        for (const auto& recorded : review.inputs) {
          if (recorded.kind == child.kind) {
            throw core::Conflict(
                fmt::format("the review has its {} input already (id {}): edit that one",
                            kit::wire_name(child.kind), recorded.id));
          }
        }
      });
}

ReviewOutput add_output(db::Transaction& tx, const core::Actor& actor, std::int64_t review_id,
                        ReviewOutput output) {
  output.action_ids.clear();
  return add_child(
      tx, actor, review_id, std::move(output),
      [](const Review& review, const ReviewOutput& /*child*/) {
        if (review.status != ReviewStatus::kHeld) {
          throw core::Conflict("the outputs of a management review are recorded once it is held");
        }
      });
}

ReviewAttendee update_attendee(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                               const kit::Patch<ReviewAttendee>& patch) {
  return update_child(tx, actor, id, patch,
                      [](const ReviewAttendee& after) { check_attendee(after, ""); });
}

ReviewInput update_input(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                         const kit::Patch<ReviewInput>& patch) {
  return update_child(tx, actor, id, patch, [](const ReviewInput& /*after*/) {});
}

ReviewOutput update_output(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                           const kit::Patch<ReviewOutput>& patch) {
  return update_child(tx, actor, id, patch, [](const ReviewOutput& /*after*/) {});
}

Action raise_action(db::Transaction& tx, const core::Actor& actor, std::int64_t output_id,
                    Action action) {
  const auto output = common::lock<ReviewOutput>(tx, output_id);
  const auto review = common::lock<Review>(tx, output.review_id);
  if (review.status != ReviewStatus::kHeld) {
    throw core::Conflict(
        fmt::format("a {} management review raises no actions{}", kit::wire_name(review.status),
                    review.status == ReviewStatus::kClosed ? "; reopen it first" : ""));
  }
  if (action.management_review_id && *action.management_review_id != review.id) {
    throw core::ValidationError("management_review_id",
                                "an action raised from an output is its review's");
  }
  action.management_review_id = review.id;
  auto raised = actions::create_action(tx, actor, std::move(action));
  auto after = output;
  after.action_ids.push_back(raised.id);
  common::write(tx, actor, output, after, "update",
                fmt::format("raised {}", raised.reference_number));
  return raised;
}

Review move(db::Transaction& tx, const core::Actor& actor, std::int64_t id, ReviewStatus to,
            const std::optional<std::string>& note, const kit::Patch<Review>& extra) {
  return common::transition<Review>(
      tx, actor, id, to, note, extra, [&](const Review& /*before*/, Review& after) {
        if (to == ReviewStatus::kHeld) {
          if (auto problems = held_problems(after); !problems.empty()) {
            throw core::ValidationError(std::move(problems));
          }
        }
        if (to == ReviewStatus::kCancelled && note
            && kit::code_points(*note) > kMaxReasonCodePoints) {
          throw core::ValidationError(
              "note",
              fmt::format("a cancellation reason has at most {} characters", kMaxReasonCodePoints));
        }
        if (to == ReviewStatus::kClosed && !after.minutes) {
          throw core::ValidationError(
              "minutes", "a management review is closed by approving its minutes: record them");
        }
      });
}

}  // namespace qgp::domain::reviews
