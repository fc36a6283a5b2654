#include <string>
#include <utility>
#include <vector>

#include "kit/enum_sql.hpp"
#include "kit/enums.hpp"
#include "model/incidents/incident.hpp"
#include "schema/builder.hpp"
#include "schema/resource_columns.hpp"
#include "schema/tables.hpp"

namespace qgp::schema::tables {

using build::kOptional;
using build::kRequired;
using build::TableBuilder;

namespace {

namespace m = model::incidents;

// The wire names of a declared enumeration (model/incidents/incident.hpp), as the CHECK lists them.
template <class E>
std::vector<std::string> names() {
  const auto& wire = kit::kWireNames<E>;
  return {wire.begin(), wire.end()};
}

Table incidents_table() {
  TableBuilder t("incidents", "Health, safety, environmental, security and quality incidents");
  t.id();
  t.reference_number("INC");
  t.text("title", kRequired, 300);
  t.text("description", kRequired, 20000);
  t.enumeration("incident_type", names<m::IncidentType>(), kRequired, "other");
  t.enumeration("severity", names<m::IncidentSeverity>(), kRequired, "medium");
  t.enumeration("status", names<m::IncidentStatus>(), kRequired, "reported");
  t.timestamptz("occurred_at", kRequired);
  t.timestamptz("reported_at", kRequired, "now()");
  t.check("reported_after_occurred", "reported_at >= occurred_at");
  t.timestamptz("aware_at", kOptional, std::nullopt,
                "When the organisation became aware of it, when later than the event");
  t.check("aware_after_occurred", "aware_at >= occurred_at");
  t.text("location", kOptional, 300);
  t.text("department", kOptional, 100);
  t.user_ref("reporter_id", kOptional);
  t.user_ref("assigned_to_id", kOptional, "Investigator");
  t.text("immediate_actions", kOptional);
  t.boolean("first_aid_given", false);
  t.boolean("emergency_services_called", false);
  t.boolean("work_related", true, "RIDDOR applies to work-related incidents only");
  t.boolean("gas_incident", false, "Flammable gas caused harm (RIDDOR reg. 11(1))");
  t.date("diagnosed_on", kOptional, "Ill health: the day of the written diagnosis");
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
  t.enumeration("riddor_category", names<m::RiddorCategory>(), kOptional, std::nullopt,
                "over_three_day_incapacitation is recorded, not reported");
  t.check("riddor_categorised", "riddor_reportable IS NOT TRUE OR riddor_category IS NOT NULL");
  t.text("riddor_rationale", kOptional, 4000);
  t.date("riddor_due_date", kOptional,
         "The report's last day, counted from the day of the event (of the diagnosis for a "
         "disease)");
  t.timestamptz("riddor_reported_at", kOptional);
  t.check("riddor_reported", "riddor_reported_at IS NULL OR riddor_reportable");
  t.text("hse_reference", kOptional, 100, "Reference given by HSE/HSENI on submission");
  t.user_ref("riddor_confirmed_by_id", kOptional, "Responsible person who confirmed the decision");
  t.timestamptz("riddor_decided_at", kOptional);
  t.check("riddor_decided", "(riddor_decided_at IS NULL) = (riddor_confirmed_by_id IS NULL)");
  t.enumeration("source_type", {"manual", "email", "api"}, kRequired, "manual");
  t.text("source_email_id", kOptional, 200);
  t.closable();
  t.text("closure_notes", kOptional);
  t.text("closure_override_reason", kOptional, 4000,
         "Why the incident was closed while linked actions were open");
  t.archivable();
  t.standard_columns();
  t.index("status", {"status"});
  t.index("severity", {"severity"});
  t.index("incident_type", {"incident_type"});
  t.index("occurred_at", {"occurred_at"});
  t.index("reported_at", {"reported_at"});
  t.index("created_at", {"created_at"});
  t.index("riddor_due", {"riddor_due_date"}, "riddor_reportable AND riddor_reported_at IS NULL");
  // The register sorted by severity, most severe first or last, in the kit's order (declaration
  // rank, then id): a page reads 20 index entries instead of sorting every match (bench/incidents).
  const auto severity_rank =
      qgp::kit::declaration_rank_sql<model::incidents::IncidentSeverity>("severity");
  t.index("severity_rank", {severity_rank, "id"}, "archived_at IS NULL");
  t.index("severity_rank_desc", {severity_rank + " DESC NULLS LAST", "id"}, "archived_at IS NULL");
  return std::move(t).build();
}

Table incident_people() {
  TableBuilder t("incident_people", "People involved in an incident, and its witnesses");
  t.id();
  build::columns_of<m::IncidentPerson>(t);
  t.standard_columns();
  t.index("incident_id", {"incident_id"});
  return std::move(t).build();
}

}  // namespace

std::vector<Table> incidents() {
  return {
      incidents_table(),
      incident_people(),
      build::link_table("incident_risks", "Risks an incident relates to", "incident_id",
                        "incidents", FkAction::kCascade, "risk_id", "risks", FkAction::kCascade),
      build::link_table("incident_clauses", "Clauses an incident relates to", "incident_id",
                        "incidents", FkAction::kCascade, "clause_id", "clauses",
                        FkAction::kCascade),
  };
}

}  // namespace qgp::schema::tables
