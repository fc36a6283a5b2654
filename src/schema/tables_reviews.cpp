#include <utility>
#include <vector>

#include "model/reviews/review.hpp"
#include "schema/builder.hpp"
#include "schema/resource_columns.hpp"
#include "schema/tables.hpp"

namespace qgp::schema::tables {

using build::kRequired;
using build::TableBuilder;

namespace {

namespace m = model::reviews;

Table reviews_table() {
  TableBuilder t("management_reviews",
                 "Management reviews (ISO 9.3): inputs, outputs and the approved minutes");
  t.id();
  t.reference_number("MRV");
  // The chair is required: kept explicit because the declaration's member is optional (the
  // workflow's separation-of-duties rule compares an optional user id).
  t.user_ref("chair_id", kRequired, "Top management chairing it; never the one approving");
  build::columns_of<m::Review>(t);
  t.check("held_on", "status IN ('planned', 'cancelled') OR held_on IS NOT NULL");
  t.check("approved", "(status = 'closed') = (approved_at IS NOT NULL)");
  t.check("approved_by", "(approved_at IS NULL) = (approved_by_id IS NULL)");
  t.check("approver", "approved_by_id <> chair_id");
  t.check("closed_has_minutes", "status <> 'closed' OR minutes IS NOT NULL");
  t.check("cancelled", "(status = 'cancelled') = (cancelled_at IS NOT NULL)");
  t.archivable();
  t.standard_columns();
  t.index("status", {"status"});
  t.index("planned_date", {"planned_date"});
  return std::move(t).build();
}

Table attendees() {
  TableBuilder t("management_review_attendees",
                 "Who attended a management review: a user, or a named external person");
  t.id();
  build::columns_of<m::ReviewAttendee>(t);
  t.check("one_person", "num_nonnulls(user_id, name) = 1");
  t.check("external_role", "name IS NULL OR role IS NOT NULL");
  t.standard_columns();
  t.index("review_id", {"review_id"});
  return std::move(t).build();
}

Table inputs() {
  TableBuilder t("management_review_inputs",
                 "A management review's 9.3.2 inputs, one per kind (or why it does not apply)");
  t.id();
  build::columns_of<m::ReviewInput>(t);
  t.standard_columns();
  t.unique({"review_id", "kind"});
  return std::move(t).build();
}

Table outputs() {
  TableBuilder t("management_review_outputs",
                 "A management review's 9.3.3 outputs: decisions and who carries them out");
  t.id();
  build::columns_of<m::ReviewOutput>(t);
  t.standard_columns();
  t.index("review_id", {"review_id"});
  return std::move(t).build();
}

}  // namespace

std::vector<Table> reviews() {
  return {reviews_table(), attendees(), inputs(), outputs(),
          build::link_table("management_review_standards",
                            "The standards whose management system a review covers", "review_id",
                            "management_reviews", FkAction::kCascade, "standard_id", "standards",
                            FkAction::kRestrict)};
}

std::vector<Table> review_actions() {
  return {build::link_table("management_review_output_actions",
                            "Actions raised from a management review's output", "output_id",
                            "management_review_outputs", FkAction::kCascade, "action_id", "actions",
                            FkAction::kRestrict)};
}

}  // namespace qgp::schema::tables
