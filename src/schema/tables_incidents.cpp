#include <utility>

#include "schema/builder.hpp"
#include "schema/tables.hpp"

namespace qgp::schema::tables {

using build::kOptional;
using build::kRequired;
using build::TableBuilder;

namespace {

Table incidents_table() {
  TableBuilder t("incidents", "Health, safety, environmental, security and quality incidents");
  t.id();
  t.reference_number("INC");
  t.text("title", kRequired, 300);
  t.text("description", kRequired, 20000);
  t.enumeration("incident_type",
                {"injury", "ill_health", "near_miss", "hazard", "dangerous_occurrence",
                 "property_damage", "environmental", "security", "quality", "other"},
                kRequired, "other");
  t.enumeration("severity", {"critical", "high", "medium", "low", "negligible"}, kRequired,
                "medium");
  t.enumeration("status",
                {"reported", "under_investigation", "pending_actions", "actions_in_progress",
                 "pending_review", "closed"},
                kRequired, "reported");
  t.timestamptz("occurred_at", kRequired);
  t.timestamptz("reported_at", kRequired, "now()");
  t.check("reported_after_occurred", "reported_at >= occurred_at");
  t.text("location", kOptional, 300);
  t.text("department", kOptional, 100);
  t.user_ref("reporter_id", kOptional);
  t.user_ref("assigned_to_id", kOptional, "Investigator");
  t.text("people_involved", kOptional);
  t.text("witnesses", kOptional);
  t.text("immediate_actions", kOptional);
  t.boolean("first_aid_given", false);
  t.boolean("emergency_services_called", false);
  t.timestamptz("investigation_started_at", kOptional);
  t.timestamptz("investigation_completed_at", kOptional);
  t.text("root_cause", kOptional);
  t.text("contributing_factors", kOptional);
  // UK RIDDOR 2013 reportability: the system recommends, the "responsible person" (the employer,
  // or whoever controls the premises) confirms.
  t.enumeration("jurisdiction", {"gb", "ni"}, kRequired, "gb",
                "gb: RIDDOR 2013 (HSE); ni: RIDDOR (NI) 1997 (HSENI)");
  t.column("riddor_reportable", "boolean", kOptional, std::nullopt,
           "NULL until assessed; then whether the incident must be reported");
  t.enumeration(
      "riddor_category",
      {"death", "specified_injury", "over_7_day_incapacitation", "over_3_day_incapacitation",
       "non_worker_hospital", "occupational_disease", "dangerous_occurrence", "gas_incident"},
      kOptional, std::nullopt, "over_3_day_incapacitation is recorded, not reported");
  t.check("riddor_categorised", "riddor_reportable IS NOT TRUE OR riddor_category IS NOT NULL");
  t.text("riddor_rationale", kOptional, 4000);
  t.column("days_lost", "integer", kOptional, std::nullopt,
           "Consecutive days off or on restricted duties, excluding the accident day");
  t.check("days_lost", "days_lost >= 0");
  t.date("riddor_due_date", kOptional, "10 or 15 days after the incident, by category");
  t.timestamptz("riddor_reported_at", kOptional);
  t.check("riddor_reported", "riddor_reported_at IS NULL OR riddor_reportable");
  t.text("hse_reference", kOptional, 100, "Reference given by HSE/HSENI on submission");
  t.user_ref("riddor_confirmed_by_id", kOptional, "Responsible person who confirmed the decision");
  t.enumeration("source_type", {"manual", "email", "api"}, kRequired, "manual");
  t.text("source_email_id", kOptional, 200);
  t.closable();
  t.text("closure_notes", kOptional);
  t.archivable();
  t.standard_columns();
  t.index("status", {"status"});
  t.index("severity", {"severity"});
  t.index("incident_type", {"incident_type"});
  t.index("occurred_at", {"occurred_at"});
  t.index("reported_at", {"reported_at"});
  t.index("created_at", {"created_at"});
  t.index("riddor_due", {"riddor_due_date"}, "riddor_reportable AND riddor_reported_at IS NULL");
  return std::move(t).build();
}

}  // namespace

std::vector<Table> incidents() {
  return {
      incidents_table(),
      build::link_table("incident_risks", "Risks an incident relates to", "incident_id",
                        "incidents", FkAction::kCascade, "risk_id", "risks", FkAction::kCascade),
      build::link_table("incident_clauses", "Clauses an incident relates to", "incident_id",
                        "incidents", FkAction::kCascade, "clause_id", "clauses",
                        FkAction::kCascade),
  };
}

}  // namespace qgp::schema::tables
