#pragma once

// Investigations (root cause analysis), declared once (ADR-0010, ADR-0017): linked to exactly one
// case (an incident now), led by an investigator, with the method's records as child rows (the
// 5-whys in order; the fishbone's contributing factors by 6M category), the root cause statement,
// the actions raised from it (actions of the same case, listed in a link table) and the workflow
// open -> in_review -> signed_off, signed off by someone other than the investigator.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"
#include "kit/workflow.hpp"

namespace qgp::model::investigations {

// In the order of the columns' CHECK lists (the declared schema reads them from here).
QGP_KIT_ENUM(InvestigationStatus, kOpen, kInReview, kSignedOff)
// The fishbone's 6M: man (people), machine, method, material, measurement, mother nature
// (environment).
QGP_KIT_ENUM(FishboneCategory, kPeople, kMachine, kMethod, kMaterial, kMeasurement, kEnvironment)

// One step of the 5-whys: the question and its answer, numbered in the order asked.
struct InvestigationWhy : kit::Record {
  std::int64_t investigation_id = 0;
  std::int32_t position = 0;
  std::string why;
  std::string answer;
};

constexpr auto describe(kit::Tag<InvestigationWhy> /*unused*/) {
  using kit::field;
  using W = InvestigationWhy;
  return kit::record_resource<W>(
      {.name = "InvestigationWhy",
       .noun = "why",
       .entity = "investigation_why",
       .table = "investigation_whys",
       .alias = "w",
       .order = "w.position",
       .path = "/api/v1/investigation-whys"},
      field("investigation_id", &W::investigation_id)
          .server()
          .not_audited()
          .references("investigations", kit::OnDelete::kCascade),
      field("position", &W::position)
          .server()
          .describe("1 for the first why, then in the order they were asked"),
      field("why", &W::why).text(1, 2000).trimmed().describe("The question: why did this happen?"),
      field("answer", &W::answer).text(1, 4000).trimmed());
}

// A contributing factor on the fishbone diagram, under one of the 6M categories.
struct InvestigationFactor : kit::Record {
  std::int64_t investigation_id = 0;
  FishboneCategory category = FishboneCategory::kMethod;
  std::string factor;
};

constexpr auto describe(kit::Tag<InvestigationFactor> /*unused*/) {
  using kit::field;
  using F = InvestigationFactor;
  return kit::record_resource<F>(
      {.name = "InvestigationFactor",
       .noun = "contributing factor",
       .entity = "investigation_factor",
       .table = "investigation_factors",
       .alias = "c",
       .order = "c.id",
       .path = "/api/v1/investigation-factors"},
      field("investigation_id", &F::investigation_id)
          .server()
          .not_audited()
          .references("investigations", kit::OnDelete::kCascade),
      field("category", &F::category)
          .describe("The 6M: people (man), machine, method, material, measurement, environment "
                    "(mother nature)"),
      field("factor", &F::factor).text(1, 4000).trimmed());
}

struct Investigation : kit::Record {
  std::string reference_number;
  std::string title;
  std::optional<std::int64_t> incident_id;
  InvestigationStatus status = InvestigationStatus::kOpen;
  std::vector<InvestigationStatus> allowed_transitions;
  std::optional<std::int64_t> investigator_id;
  std::vector<InvestigationWhy> whys;
  std::vector<InvestigationFactor> factors;
  std::optional<std::string> root_cause;
  std::vector<std::int64_t> action_ids;
  std::optional<kit::Timestamp> submitted_at;
  std::optional<kit::Timestamp> signed_off_at;
  std::optional<std::int64_t> signed_off_by_id;
  std::optional<std::string> sign_off_notes;
};

constexpr auto describe(kit::Tag<Investigation> /*unused*/) {
  using kit::field;
  using I = Investigation;
  return kit::record_resource<I>(
      {.name = "Investigation",
       .noun = "investigation",
       .entity = "investigation",
       .table = "investigations",
       .alias = "v",
       .where = "v.archived_at IS NULL",
       .order = "v.created_at DESC",
       .path = "/api/v1/investigations"},
      field("reference_number", &I::reference_number).server().sort().search(),
      field("title", &I::title).text(1, 300).trimmed().sort().search(),
      field("incident_id", &I::incident_id)
          .create_only()
          .filter()
          .references("incidents", kit::OnDelete::kRestrict)
          .describe("The case investigated (exactly one case is set)"),
      field("status", &I::status).server().as(kit::Role::kStatus).filter_any().sort().db_default(),
      field("allowed_transitions", &I::allowed_transitions)
          .computed()
          .as(kit::Role::kTransitions)
          .describe("The statuses you may move this investigation to now"),
      field("investigator_id", &I::investigator_id)
          .user()
          .required()
          .filter()
          .describe("Who leads it (required, not null); never the one who signs it off"),
      field("whys", &I::whys)
          .children("investigation_id")
          .describe("The 5-whys in order; sent with the investigation, added later through "
                    "/investigations/{id}/whys"),
      field("factors", &I::factors)
          .children("investigation_id")
          .describe("The fishbone's contributing factors; sent with the investigation, added "
                    "later through /investigations/{id}/factors"),
      field("root_cause", &I::root_cause)
          .text(1, 10000)
          .trimmed()
          .search()
          .describe("The root cause statement; needed to go to review"),
      field("action_ids", &I::action_ids)
          .linked("investigation_actions", "investigation_id", "action_id")
          .filter()
          .describe("The actions raised from this investigation: actions of the same case (POST "
                    "/actions with its incident_id), listed here"),
      field("submitted_at", &I::submitted_at).server().describe("When it last went to review"),
      field("signed_off_at", &I::signed_off_at).server(),
      field("signed_off_by_id", &I::signed_off_by_id)
          .server()
          .user()
          .describe("Never the investigator"),
      field("sign_off_notes", &I::sign_off_notes).server());
}

namespace investigation_flow {
constexpr bool always(const Investigation& /*unused*/) {
  return true;
}
inline void submitted(Investigation& investigation, const core::Actor& /*actor*/,
                      const std::optional<std::string>& /*note*/) {
  investigation.submitted_at = kit::Timestamp::now();
}
inline void signed_off(Investigation& investigation, const core::Actor& /*actor*/,
                       const std::optional<std::string>& note) {
  investigation.sign_off_notes = note;
}
inline void reopened(Investigation& investigation, const core::Actor& /*actor*/,
                     const std::optional<std::string>& /*note*/) {
  investigation.sign_off_notes = std::nullopt;
}
}  // namespace investigation_flow

// Going to review also needs the root cause statement (the domain's rule).
constexpr auto workflow(kit::Tag<Investigation> /*unused*/) {
  using S = InvestigationStatus;
  using E = kit::Edge<Investigation, S>;
  constexpr std::string_view kWrite = "investigations:write";
  return kit::Workflow<Investigation, S, 4>{
      .status = &Investigation::status,
      .edges = {E{.from = S::kOpen,
                  .to = S::kInReview,
                  .permission = kWrite,
                  .effect = investigation_flow::submitted},
                E{.from = S::kInReview,
                  .to = S::kOpen,
                  .permission = kWrite,
                  .needs_note = investigation_flow::always,
                  .note_rule = "sending an investigation back needs a note saying why"},
                E{.from = S::kInReview,
                  .to = S::kSignedOff,
                  .permission = "investigations:signoff",
                  .not_by = &Investigation::investigator_id,
                  .not_by_rule =
                      "an investigation is signed off by someone other than its investigator",
                  .effect = investigation_flow::signed_off},
                E{.from = S::kSignedOff,
                  .to = S::kOpen,
                  .permission = kWrite,
                  .needs_note = investigation_flow::always,
                  .note_rule = "reopening a signed-off investigation needs a note saying why",
                  .effect = investigation_flow::reopened}},
      .closed = S::kSignedOff,
      .closed_at = &Investigation::signed_off_at,
      .closed_by_id = &Investigation::signed_off_by_id};
}

static_assert(kit::kWorkflow<Investigation>.edges.size() == 4);

}  // namespace qgp::model::investigations
