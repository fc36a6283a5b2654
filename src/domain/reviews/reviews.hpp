#pragma once

// Management reviews (ISO 9.3) over the generic use cases (domain/common): the chair, the
// attendees, the inputs and outputs as child rows, the actions raised from an output (actions of
// the register whose source is the review), and the workflow's rules beyond the edge table (what
// holding a review needs, the minutes to close it). Declarations: model/reviews/review.hpp;
// ADR-0019.

#include <cstdint>
#include <optional>
#include <string>

#include "core/actor.hpp"
#include "core/errors.hpp"
#include "db/transaction.hpp"
#include "kit/patch.hpp"
#include "model/actions/action.hpp"
#include "model/reviews/review.hpp"

namespace qgp::domain::reviews {

using model::reviews::Review;
using model::reviews::ReviewAttendee;
using model::reviews::ReviewInput;
using model::reviews::ReviewInputKind;
using model::reviews::ReviewOutput;
using model::reviews::ReviewStatus;

// What stops `review` from being held, by field (empty: nothing): the day it was held, at least
// one attendee, and every input kind but previous_actions (computed) recorded or marked not
// applicable. Pure.
core::FieldErrors held_problems(const Review& review);

// Why `attendee` is not a person the review can name, by field (empty: nothing): exactly one of
// user_id and name, and an external person's role. Pure.
core::FieldErrors attendee_problems(const ReviewAttendee& attendee);

// A new review, planned, with the next MRV reference: chaired (422 when null), covering live
// standards, with its attendees and inputs (one per kind) as sent.
Review plan_review(db::Transaction& tx, const core::Actor& actor, Review review);

// PATCH. A closed or cancelled review is not edited (409); attendees and inputs by their own
// routes (422); the chair stays set, a held review keeps its day, new standards are live (422).
Review update_review(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                     const kit::Patch<Review>& patch);

// Children of a review that is planned or held (409 otherwise). An input kind is recorded once
// per review (409: edit the one recorded). Outputs are recorded once the review is held (409).
ReviewAttendee add_attendee(db::Transaction& tx, const core::Actor& actor, std::int64_t review_id,
                            ReviewAttendee attendee);
ReviewInput add_input(db::Transaction& tx, const core::Actor& actor, std::int64_t review_id,
                      ReviewInput input);
ReviewOutput add_output(db::Transaction& tx, const core::Actor& actor, std::int64_t review_id,
                        ReviewOutput output);
ReviewAttendee update_attendee(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                               const kit::Patch<ReviewAttendee>& patch);
ReviewInput update_input(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                         const kit::Patch<ReviewInput>& patch);
ReviewOutput update_output(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                           const kit::Patch<ReviewOutput>& patch);

// Raises an action of the register from output `output_id` of a held review (409 otherwise): its
// source is the review (another source sent is 422 `source`), it is listed by the output.
model::actions::Action raise_action(db::Transaction& tx, const core::Actor& actor,
                                    std::int64_t output_id, model::actions::Action action);

// A move along the workflow (409/403/422 from the edge table: approving the minutes needs
// reviews:approve and someone other than the chair); to held also needs held_problems empty
// (held_on may come with the move), to closed the minutes (422 minutes).
Review move(db::Transaction& tx, const core::Actor& actor, std::int64_t id, ReviewStatus to,
            const std::optional<std::string>& note, const kit::Patch<Review>& extra);

}  // namespace qgp::domain::reviews
