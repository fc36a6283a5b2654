#include <utility>

#include "schema/builder.hpp"
#include "schema/tables.hpp"

namespace qgp::schema::tables {

using build::kOptional;
using build::kRequired;
using build::TableBuilder;

namespace {

Table policies_table() {
  TableBuilder t("policies", "Controlled documents: policies, procedures, work instructions, ...");
  t.id();
  t.reference_number("POL");
  t.text("title", kRequired, 300);
  t.text("description", kOptional, 4000);
  t.enumeration("document_type",
                {"policy", "procedure", "work_instruction", "sop", "form", "template", "guideline",
                 "manual", "record", "other"},
                kRequired, "policy");
  t.enumeration("status", {"draft", "under_review", "approved", "published", "retired"}, kRequired,
                "draft");
  t.text("category", kOptional, 100);
  t.text("department", kOptional, 100);
  t.user_ref("owner_id", kOptional);
  t.user_ref("approver_id", kOptional);
  t.column("review_frequency_months", "smallint", kRequired, "12");
  t.check("review_frequency_months", "review_frequency_months BETWEEN 1 AND 60");
  t.date("next_review_date", kOptional);
  t.timestamptz("last_reviewed_at", kOptional, std::nullopt,
                "A review with no change is recorded here without a new version");
  t.boolean("is_public", false, "Readable by every user; otherwise restricted to policy_roles");
  t.timestamptz("retired_at", kOptional);
  t.user_ref("retired_by_id", kOptional);
  t.check("retired", "(status = 'retired') = (retired_at IS NOT NULL)");
  t.archivable();
  t.standard_columns();
  t.index("status", {"status"});
  t.index("document_type", {"document_type"});
  t.index("created_at", {"created_at"});
  t.index("next_review_date", {"next_review_date"}, "archived_at IS NULL AND status <> 'retired'");
  return std::move(t).build();
}

Table policy_tags() {
  TableBuilder t("policy_tags", "Free-form tags of a policy, one row per tag");
  t.reference("policy_id", "policies", FkAction::kCascade, kRequired);
  t.text("tag", kRequired, 0, "Lowercase tag");
  t.check("tag", "tag ~ '^[a-z0-9][a-z0-9_-]*$' AND char_length(tag) <= 50");
  t.primary_key({"policy_id", "tag"});
  t.index("tag", {"tag"});
  return std::move(t).build();
}

}  // namespace

std::vector<Table> policies() {
  return {
      policies_table(),
      build::link_table("policy_clauses", "Clauses a policy addresses", "policy_id", "policies",
                        FkAction::kCascade, "clause_id", "clauses", FkAction::kCascade),
      build::link_table("policy_roles", "Roles allowed to read a non-public policy", "policy_id",
                        "policies", FkAction::kCascade, "role_id", "roles", FkAction::kCascade),
      policy_tags(),
  };
}

std::vector<Table> policy_versions() {
  TableBuilder t("policy_versions", "Versions of a policy; exactly one is current once published");
  t.id();
  t.reference("policy_id", "policies", FkAction::kCascade, kRequired);
  t.column("version_number", "integer", kRequired, std::nullopt, "1, 2, 3, ... per policy");
  t.check("version_number", "version_number >= 1");
  t.boolean("is_major_revision", false);
  t.text("version_notes", kOptional, 4000);
  t.boolean("is_current", false, "The effective version; at most one per policy");
  t.enumeration("status",
                {"draft", "under_review", "approved", "published", "superseded", "retired"},
                kRequired, "draft");
  t.check("current_published", "NOT is_current OR status = 'published'");
  t.text("summary", kOptional, 4000);
  t.text("content", kOptional);
  t.reference("document_attachment_id", "attachments", FkAction::kRestrict, kOptional,
              "The controlled document file of this version");
  t.timestamptz("submitted_at", kOptional);
  t.user_ref("submitted_by_id", kOptional);
  t.timestamptz("reviewed_at", kOptional);
  t.user_ref("reviewed_by_id", kOptional);
  t.timestamptz("approved_at", kOptional);
  t.user_ref("approved_by_id", kOptional);
  t.check("approved", "(approved_at IS NULL) = (approved_by_id IS NULL)");
  t.timestamptz("published_at", kOptional);
  t.user_ref("published_by_id", kOptional);
  t.date("effective_date", kOptional);
  t.date("expiry_date", kOptional);
  t.check("dates", "expiry_date >= effective_date");
  t.column("supersedes_version_id", "bigint", kOptional, std::nullopt,
           "The earlier version of the same policy this one replaces");
  t.check("supersedes", "supersedes_version_id <> id");
  t.standard_columns();
  t.unique({"policy_id", "version_number"});
  t.unique({"policy_id", "id"});
  // NO ACTION (checked at statement end) so that deleting a policy can cascade through its chain
  // of versions in any order.
  t.foreign_key("supersedes", {"policy_id", "supersedes_version_id"}, "policy_versions",
                {"policy_id", "id"}, FkAction::kNoAction);
  t.unique_index("current", {"policy_id"}, "is_current");
  t.index("status", {"status"});
  return {std::move(t).build()};
}

}  // namespace qgp::schema::tables
