#include "api/reviews/routes.hpp"

#include <string>
#include <string_view>
#include <utility>

#include "api/kit/routes.hpp"
#include "domain/reviews/reviews.hpp"

namespace qgp::api::reviews {

namespace {

using domain::reviews::Review;
using domain::reviews::ReviewAttendee;
using domain::reviews::ReviewInput;
using domain::reviews::ReviewOutput;
using model::actions::Action;

constexpr std::string_view kRead = "reviews:read";
constexpr std::string_view kWrite = "reviews:write";

kit::Operation add_child(std::string_view what, std::string summary) {
  return kit::Operation{.method = "POST",
                        .pattern = "/api/v1/management-reviews/{id}/" + std::string(what),
                        .summary = std::move(summary),
                        .permission = std::string(kWrite),
                        .writes = true,
                        .status = 201};
}

}  // namespace

void register_routes(http::Server& server, const core::Config& /*config*/) {
  kit::Routes routes(server, "management-reviews");
  routes.list<Review>(std::string(kRead),
                      "Management reviews, by status, planned dates, standard or chair");
  routes.create<Review>(
      std::string(kWrite),
      "Plan a management review (MRV reference): its chair, the standards it covers, the "
      "attendees and the inputs known so far",
      [](kit::Call& call, const Review& review) {
        return domain::reviews::plan_review(call.tx(), call.actor(), review);
      });
  routes.get<Review>(std::string(kRead),
                     "One management review with its attendees, inputs, outputs, the actions "
                     "raised from it, the actions earlier reviews left open (9.3.2 a) and the "
                     "moves you may make");
  routes.patch<Review>(
      std::string(kWrite),
      "Edit a management review (title, standards, dates, chair, minutes); send the version you "
      "read. Status changes are transitions",
      [](kit::Call& call, const qgp::kit::Patch<Review>& patch) {
        return domain::reviews::update_review(call.tx(), call.actor(), call.id(), patch);
      });
  routes.transitions<Review>(
      std::string(kRead),
      "Move a management review (reviews:write): held (with held_on, an attendee and every input "
      "recorded or marked not applicable), closed (reviews:approve: the minutes approved by "
      "someone other than the chair), cancelled from planned (with a reason), reopened from "
      "closed (with a note)",
      [](kit::Call& call, const kit::TransitionRequest<Review>& request) {
        return domain::reviews::move(call.tx(), call.actor(), call.id(), request.to, request.note,
                                     request.extra);
      });
  routes.history<Review>(std::string(kRead));

  routes.add<ReviewAttendee, ReviewAttendee>(
      add_child("attendees", "Add an attendee: a user, or an external person with their role"),
      [](kit::Call& call, const ReviewAttendee& attendee) {
        return domain::reviews::add_attendee(call.tx(), call.actor(), call.id(), attendee);
      });
  routes.patch<ReviewAttendee>(std::string(kWrite), "Edit an attendee; send the version you read",
                               [](kit::Call& call, const qgp::kit::Patch<ReviewAttendee>& patch) {
                                 return domain::reviews::update_attendee(call.tx(), call.actor(),
                                                                         call.id(), patch);
                               });
  routes.add<ReviewInput, ReviewInput>(
      add_child("inputs",
                "Record a 9.3.2 input (one per kind), or mark it not applicable with the reason"),
      [](kit::Call& call, const ReviewInput& input) {
        return domain::reviews::add_input(call.tx(), call.actor(), call.id(), input);
      });
  routes.patch<ReviewInput>(
      std::string(kWrite), "Edit an input's summary or applicability; send the version you read",
      [](kit::Call& call, const qgp::kit::Patch<ReviewInput>& patch) {
        return domain::reviews::update_input(call.tx(), call.actor(), call.id(), patch);
      });
  routes.add<ReviewOutput, ReviewOutput>(
      add_child("outputs", "Record a decision (9.3.3) of a held review and who carries it out"),
      [](kit::Call& call, const ReviewOutput& output) {
        return domain::reviews::add_output(call.tx(), call.actor(), call.id(), output);
      });
  routes.patch<ReviewOutput>(
      std::string(kWrite), "Edit a decision or its owner; send the version you read",
      [](kit::Call& call, const qgp::kit::Patch<ReviewOutput>& patch) {
        return domain::reviews::update_output(call.tx(), call.actor(), call.id(), patch);
      });
  // Raising an action needs actions:write too (the register's create): checked by the domain's
  // caller here, where the permissions are known.
  routes.add<Action, Action>(
      kit::Operation{.method = "POST",
                     .pattern = "/api/v1/management-review-outputs/{id}/actions",
                     .summary = "Raise an action (ACT reference) from a decision of a held review: "
                                "its source is the review (actions:write)",
                     .permission = "actions:write",
                     .writes = true,
                     .status = 201},
      [](kit::Call& call, const Action& action) {
        return domain::reviews::raise_action(call.tx(), call.actor(), call.id(), action);
      });
}

}  // namespace qgp::api::reviews
