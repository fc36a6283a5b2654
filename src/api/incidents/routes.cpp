#include "api/incidents/routes.hpp"

#include <array>
#include <string>
#include <string_view>

#include "api/kit/csv.hpp"
#include "api/kit/routes.hpp"
#include "domain/common/records.hpp"
#include "domain/incidents/incidents.hpp"
#include "store/incidents/incident_store.hpp"

namespace qgp::api::incidents {

namespace {

using domain::incidents::Incident;
using domain::incidents::IncidentPerson;
using domain::incidents::RiddorAssessment;
using domain::incidents::RiddorDecision;
using domain::incidents::RiddorReport;
using model::incidents::IncidentStatistics;

constexpr std::string_view kRead = "incidents:read";
constexpr std::string_view kWrite = "incidents:write";
constexpr std::string_view kOne = "/api/v1/incidents/{id}";

// The exported fields of the register, in column order (names of Incident's declared fields).
constexpr std::array<std::string_view, 20> kCsvColumns = {"reference_number",
                                                          "title",
                                                          "incident_type",
                                                          "severity",
                                                          "status",
                                                          "occurred_at",
                                                          "occurred_on",
                                                          "reported_at",
                                                          "location",
                                                          "department",
                                                          "reporter_id",
                                                          "assigned_to_id",
                                                          "first_aid_given",
                                                          "emergency_services_called",
                                                          "riddor_reportable",
                                                          "riddor_category",
                                                          "riddor_due_date",
                                                          "riddor_reported_at",
                                                          "hse_reference",
                                                          "riddor_overdue"};
static_assert(kit::csv_columns_exist<Incident>(kCsvColumns),
              "every CSV column is a field of Incident");

kit::Operation read(std::string pattern, std::string summary) {
  return kit::Operation{.method = "GET",
                        .pattern = std::move(pattern),
                        .summary = std::move(summary),
                        .permission = std::string(kRead)};
}

kit::Operation write(std::string pattern, std::string summary) {
  return kit::Operation{.method = "POST",
                        .pattern = std::move(pattern),
                        .summary = std::move(summary),
                        .permission = std::string(kWrite),
                        .writes = true};
}

}  // namespace

void register_routes(http::Server& server, const core::Config& /*config*/) {
  kit::Routes routes(server, "incidents");
  routes.list<Incident>(std::string(kRead), "The incident register");
  routes.create<Incident>(
      "incidents:report",
      "Report an incident (INC reference): what happened, when, where, who was involved or saw "
      "it, and what was done at once",
      [](kit::Call& call, const Incident& incident) {
        return domain::incidents::report_incident(call.tx(), call.actor(), incident);
      });
  routes.get<Incident>(std::string(kRead),
                       "One incident with its people, RIDDOR decision and the moves you may make");
  routes.patch<Incident>(
      std::string(kWrite),
      "Edit an incident: the fields sent change (null clears a nullable one); send the version "
      "you read. Status changes are transitions, RIDDOR decisions their own route",
      [](kit::Call& call, const qgp::kit::Patch<Incident>& patch) {
        return domain::incidents::update_incident(call.tx(), call.actor(), call.id(), patch);
      });
  routes.transitions<Incident>(
      std::string(kRead),
      "Move an incident: triaged (after the RIDDOR decision), under_investigation, actions, "
      "review, closed (every investigation signed off; every linked action done, or "
      "closure_override_reason with incidents:close_override; from triaged with a note), reopened "
      "with a note",
      [](kit::Call& call, const kit::TransitionRequest<Incident>& request) {
        return domain::incidents::move(call.tx(), call.actor(), call.id(), request.to, request.note,
                                       request.extra);
      });
  routes.history<Incident>(std::string(kRead));

  routes.add<IncidentPerson, IncidentPerson>(
      kit::Operation{.method = "POST",
                     .pattern = std::string(kOne) + "/people",
                     .summary = "Add a person involved or a witness",
                     .permission = std::string(kWrite),
                     .writes = true,
                     .status = 201},
      [](kit::Call& call, const IncidentPerson& person) {
        return domain::incidents::add_person(call.tx(), call.actor(), call.id(), person);
      });
  routes.patch<IncidentPerson>(
      std::string(kWrite),
      "Edit a person of an incident (e.g. the days off work once known); send the version you read",
      [](kit::Call& call, const qgp::kit::Patch<IncidentPerson>& patch) {
        return domain::incidents::update_person(call.tx(), call.actor(), call.id(), patch);
      });

  routes.add<kit::NoBody, RiddorAssessment>(
      read(std::string(kOne) + "/riddor-assessment",
           "What the RIDDOR engine proposes from the recorded facts: the category, the "
           "regulation, and the deadline counted from the day of the event"),
      [](kit::Call& call) {
        return domain::incidents::assess(
            domain::common::get<Incident>(call.connection(), call.id()));
      });
  routes.add<RiddorDecision, Incident>(
      write(std::string(kOne) + "/riddor-decision",
            "Record the responsible person's RIDDOR decision (the caller): the category or none, "
            "and why; the report's due date is counted from the day of the event"),
      [](kit::Call& call, const RiddorDecision& decision) {
        return domain::incidents::decide_riddor(call.tx(), call.actor(), call.id(), decision);
      });
  routes.add<RiddorReport, Incident>(
      write(std::string(kOne) + "/riddor-report",
            "Record that the incident was reported to the enforcing authority (its reference)"),
      [](kit::Call& call, const RiddorReport& report) {
        return domain::incidents::record_riddor_report(call.tx(), call.actor(), call.id(), report);
      });

  routes.add<kit::NoBody, IncidentStatistics>(
      read("/api/v1/incidents/statistics",
           "Counts by status, type and severity; RIDDOR reports due and overdue"),
      [](kit::Call& call) { return store::incidents::statistics(call.connection()); });
  routes.add<kit::NoBody, http::Response>(
      read("/api/v1/incidents/export.csv", "The register as CSV (RFC 4180, one row per incident)"),
      [](kit::Call& call) {
        http::Response response;
        response.set_header("Content-Type", "text/csv; charset=utf-8");
        response.set_header("Content-Disposition", "attachment; filename=\"incidents.csv\"");
        response.body = kit::csv_table<Incident>(store::incidents::all_incidents(call.connection()),
                                                 kCsvColumns);
        return response;
      });
}

}  // namespace qgp::api::incidents
