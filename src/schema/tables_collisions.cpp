#include <utility>

#include "schema/builder.hpp"
#include "schema/tables.hpp"

namespace qgp::schema::tables {

using build::kOptional;
using build::kRequired;
using build::TableBuilder;

namespace {

Table road_traffic_collisions() {
  TableBuilder t("road_traffic_collisions",
                 "Road traffic collisions involving company vehicles or drivers");
  t.id();
  t.reference_number("RTC");
  t.text("title", kRequired, 300);
  t.text("description", kRequired, 20000);
  t.enumeration("severity", {"fatal", "serious_injury", "minor_injury", "damage_only", "near_miss"},
                kRequired, "damage_only");
  t.enumeration(
      "status",
      {"reported", "under_investigation", "pending_insurance", "pending_actions", "closed"},
      kRequired, "reported");
  t.timestamptz("occurred_at", kRequired);
  t.timestamptz("reported_at", kRequired, "now()");
  t.check("reported_after_occurred", "reported_at >= occurred_at");
  t.text("location", kRequired, 500);
  t.text("road_name", kOptional, 200);
  t.text("postcode", kOptional, 20);
  t.boolean("on_public_road", true,
            "RIDDOR reg 14: collisions on public roads are reportable only in four cases");
  t.enumeration("weather_conditions",
                {"clear", "rain", "snow", "sleet", "fog", "high_wind", "other"}, kOptional);
  t.enumeration("road_conditions", {"dry", "wet", "ice", "snow", "flood", "mud", "oil", "other"},
                kOptional);
  t.enumeration("lighting_conditions", {"daylight", "dusk_dawn", "dark_lit", "dark_unlit"},
                kOptional);
  t.text("vehicle_registration", kOptional, 20, "Company vehicle registration");
  t.text("vehicle_make_model", kOptional, 100);
  t.text("vehicle_damage", kOptional);
  t.user_ref("driver_id", kOptional);
  t.text("driver_name", kOptional, 200, "When the driver has no account");
  t.text("driver_statement", kOptional);
  t.boolean("driver_injured", false);
  t.text("driver_injury_details", kOptional);
  t.boolean("injuries", false, "Anyone injured");
  t.text("witnesses", kOptional);
  // RIDDOR reg 14 exceptions: a public-road collision is reportable only if one of these holds.
  t.column("involved_substance_exposure", "boolean", kOptional);
  t.column("involved_loading_unloading", "boolean", kOptional);
  t.column("involved_roadside_work", "boolean", kOptional);
  t.column("involved_train", "boolean", kOptional);
  t.column("riddor_reportable", "boolean", kOptional, std::nullopt, "NULL until assessed");
  t.boolean("police_attended", false);
  t.text("police_reference", kOptional, 100);
  t.text("police_station", kOptional, 200);
  t.timestamptz("police_reported_at", kOptional, std::nullopt,
                "Road Traffic Act 1988 s.170: within 24 hours if details not exchanged");
  t.boolean("insurance_notified", false);
  t.timestamptz("insurance_notified_at", kOptional);
  t.text("insurer", kOptional, 200);
  t.text("insurance_reference", kOptional, 100);
  t.text("insurance_notes", kOptional);
  t.column("estimated_cost", "numeric(14,2)", kOptional);
  t.check("estimated_cost", "estimated_cost >= 0");
  t.currency("currency");
  t.enumeration("fault_determination",
                {"company_fault", "third_party_fault", "shared", "undetermined"}, kOptional);
  t.user_ref("reporter_id", kOptional);
  t.user_ref("assigned_to_id", kOptional, "Investigator");
  t.text("investigation_notes", kOptional);
  t.text("root_cause", kOptional);
  t.closable();
  t.text("closure_notes", kOptional);
  t.archivable();
  t.standard_columns();
  t.index("status", {"status"});
  t.index("severity", {"severity"});
  t.index("occurred_at", {"occurred_at"});
  t.index("created_at", {"created_at"});
  t.index("vehicle_registration", {"vehicle_registration"});
  return std::move(t).build();
}

Table rtc_third_parties() {
  TableBuilder t("rtc_third_parties", "Other parties involved in a road traffic collision");
  t.id();
  t.reference("collision_id", "road_traffic_collisions", FkAction::kCascade, kRequired);
  t.text("name", kRequired, 200);
  t.text("contact_phone", kOptional, 30);
  t.text("contact_email", kOptional, 320);
  t.text("address", kOptional, 1000);
  t.text("vehicle_registration", kOptional, 20);
  t.text("vehicle_make_model", kOptional, 100);
  t.text("damage_description", kOptional);
  t.boolean("injured", false);
  t.text("injury_details", kOptional);
  t.text("insurer", kOptional, 200);
  t.text("policy_number", kOptional, 100);
  t.standard_columns();
  return std::move(t).build();
}

}  // namespace

std::vector<Table> collisions() {
  return {
      road_traffic_collisions(),
      rtc_third_parties(),
      build::link_table("rtc_risks", "Risks a road traffic collision relates to", "collision_id",
                        "road_traffic_collisions", FkAction::kCascade, "risk_id", "risks",
                        FkAction::kCascade),
  };
}

}  // namespace qgp::schema::tables
