#include <utility>
#include <vector>

#include "model/investigations/investigation.hpp"
#include "schema/builder.hpp"
#include "schema/resource_columns.hpp"
#include "schema/tables.hpp"

namespace qgp::schema::tables {

using build::kRequired;
using build::TableBuilder;

namespace {

namespace m = model::investigations;

Table investigations_table() {
  TableBuilder t("investigations",
                 "Root cause analyses (5-whys, fishbone) of a case, signed off by a second person");
  t.id();
  t.reference_number("INV");
  // The investigator is required: kept explicit because the declaration's member is optional (the
  // workflow's separation-of-duties rule compares an optional user id).
  t.user_ref("investigator_id", kRequired, "Who leads it; never the one who signs it off");
  build::columns_of<m::Investigation>(t);
  // The case investigated: one source column set, as in the actions register (collisions and
  // complaints join this check when their investigations land).
  t.check("one_case", "num_nonnulls(incident_id) = 1");
  t.check("signed_off", "(status = 'signed_off') = (signed_off_at IS NOT NULL)");
  t.check("signed_off_by", "(signed_off_at IS NULL) = (signed_off_by_id IS NULL)");
  t.check("signer", "signed_off_by_id <> investigator_id");
  t.check("in_review_has_root_cause", "status = 'open' OR root_cause IS NOT NULL");
  t.archivable();
  t.standard_columns();
  t.index("status", {"status"});
  t.index("created_at", {"created_at"});
  return std::move(t).build();
}

Table investigation_whys() {
  TableBuilder t("investigation_whys", "The 5-whys of an investigation, in the order asked");
  t.id();
  build::columns_of<m::InvestigationWhy>(t);
  t.check("position", "position >= 1");
  t.standard_columns();
  t.unique({"investigation_id", "position"});
  return std::move(t).build();
}

Table investigation_factors() {
  TableBuilder t("investigation_factors",
                 "Contributing factors of an investigation's fishbone, by 6M category");
  t.id();
  build::columns_of<m::InvestigationFactor>(t);
  t.standard_columns();
  t.index("investigation_id", {"investigation_id"});
  return std::move(t).build();
}

}  // namespace

std::vector<Table> investigations() {
  return {investigations_table(), investigation_whys(), investigation_factors(),
          build::link_table("investigation_actions", "Actions raised from an investigation",
                            "investigation_id", "investigations", FkAction::kCascade, "action_id",
                            "actions", FkAction::kRestrict)};
}

}  // namespace qgp::schema::tables
