#include <utility>

#include "schema/builder.hpp"
#include "schema/tables.hpp"

namespace qgp::schema::tables {

using build::kOptional;
using build::kRequired;
using build::TableBuilder;

namespace {

Table complaints_table() {
  TableBuilder t("complaints",
                 "Customer complaints (ISO 10002) with acknowledgement and response clocks");
  t.id();
  t.reference_number("CMP");
  t.text("title", kRequired, 300);
  t.text("description", kRequired, 20000);
  t.enumeration("category",
                {"product", "service", "delivery", "communication", "billing", "staff",
                 "environmental", "safety", "other"},
                kRequired, "other");
  t.enumeration("channel",
                {"email", "phone", "letter", "web", "in_person", "social_media", "api", "other"},
                kRequired, "other", "How the complaint arrived");
  t.enumeration("priority", {"critical", "high", "medium", "low"}, kRequired, "medium");
  t.enumeration("status",
                {"received", "acknowledged", "under_investigation", "pending_response",
                 "awaiting_customer", "escalated", "resolved", "closed"},
                kRequired, "received");
  t.column("stage", "smallint", kRequired, "1", "Complaint-handling stage: 1, or 2 once escalated");
  t.check("stage", "stage IN (1, 2)");
  t.timestamptz("received_at", kRequired, "now()");
  t.timestamptz("acknowledgement_due_at", kOptional);
  t.timestamptz("acknowledged_at", kOptional);
  t.check("acknowledged", "acknowledged_at >= received_at");
  t.timestamptz("response_due_at", kOptional);
  t.timestamptz("resolved_at", kOptional);
  t.check("resolved", "status NOT IN ('resolved', 'closed') OR resolved_at IS NOT NULL");
  t.text("complainant_name", kRequired, 200);
  t.text("complainant_email", kOptional, 320);
  t.text("complainant_phone", kOptional, 30);
  t.text("complainant_company", kOptional, 200);
  t.text("complainant_address", kOptional, 1000);
  t.text("related_reference", kOptional, 100, "e.g. an order or invoice number");
  t.text("related_product_service", kOptional, 200);
  t.user_ref("owner_id", kOptional, "Complaint handler");
  t.text("department", kOptional, 100);
  t.text("investigation_notes", kOptional);
  t.text("root_cause", kOptional);
  t.text("resolution", kOptional);
  t.column("customer_satisfied", "boolean", kOptional);
  t.column("compensation_amount", "numeric(14,2)", kOptional);
  t.check("compensation_amount", "compensation_amount >= 0");
  t.currency("currency");
  t.text("source_email_id", kOptional, 200);
  t.text("original_email_subject", kOptional, 500);
  t.closable();
  t.text("closure_notes", kOptional);
  t.archivable();
  t.standard_columns();
  t.index("status", {"status"});
  t.index("priority", {"priority"});
  t.index("category", {"category"});
  t.index("received_at", {"received_at"});
  t.index("created_at", {"created_at"});
  t.index("response_due_open", {"response_due_at"}, "status NOT IN ('resolved', 'closed')");
  t.index("complainant_email", {"lower(complainant_email)"});
  return std::move(t).build();
}

}  // namespace

std::vector<Table> complaints() {
  return {
      complaints_table(),
      build::link_table("complaint_risks", "Risks a complaint relates to", "complaint_id",
                        "complaints", FkAction::kCascade, "risk_id", "risks", FkAction::kCascade),
      build::link_table("complaint_clauses", "Clauses a complaint relates to", "complaint_id",
                        "complaints", FkAction::kCascade, "clause_id", "clauses",
                        FkAction::kCascade),
  };
}

}  // namespace qgp::schema::tables
