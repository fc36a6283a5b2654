// Controls and the Statement of Applicability.

#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "domain/common/records.hpp"
#include "domain/standards/archiving.hpp"
#include "domain/standards/rules.hpp"
#include "domain/standards/service.hpp"
#include "kit/patch.hpp"
#include "store/kit/list.hpp"
#include "store/kit/rows.hpp"
#include "store/standards/standards_store.hpp"

namespace qgp::domain::standards {

namespace {

// A control hangs under a live clause of its own standard, if any (422 otherwise).
void check_clause(db::Connection& connection, const Control& control) {
  if (!control.clause_id) {
    return;
  }
  const auto clause = store::kit::find<Clause>(connection, *control.clause_id);
  if (!clause || clause->standard_id != control.standard_id) {
    throw core::ValidationError("clause_id", "no such clause in this standard");
  }
  if (clause->archived_at) {
    throw core::ValidationError("clause_id", "the clause is archived");
  }
}

std::string number_taken(const Control& control) {
  return fmt::format("control {} already exists in this standard", control.control_number);
}

}  // namespace

kit::Page<Control> list_controls(db::Connection& connection, std::int64_t standard_id,
                                 kit::ListQuery query) {
  static_cast<void>(common::get<Standard>(connection, standard_id));
  query.conditions.push_back({.name = "standard_id", .value = standard_id});
  return store::kit::list<Control>(connection, query);
}

Control create_control(db::Transaction& tx, const core::Actor& actor, std::int64_t standard_id,
                       Control control) {
  refuse_archived(common::get<Standard>(tx.connection(), standard_id));
  control.standard_id = standard_id;
  check_clause(tx.connection(), control);
  return unique_or_conflict([&] { return common::create(tx, actor, control); },
                            number_taken(control));
}

Control update_control(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                       const kit::Patch<Control>& patch) {
  const auto before = common::lock<Control>(tx, id);
  common::check_version(before, patch.version);
  refuse_archived(before);
  const auto after = kit::applied(before, patch);
  if (after.clause_id != before.clause_id) {
    check_clause(tx.connection(), after);
  }
  return unique_or_conflict([&] { return common::write(tx, actor, before, after, "update"); },
                            number_taken(after));
}

void archive_control(db::Transaction& tx, const core::Actor& actor, std::int64_t id) {
  archive<Control>(tx, actor, id, [](const Control& /*control*/) {});
}

Control restore_control(db::Transaction& tx, const core::Actor& actor, std::int64_t id) {
  return restore<Control>(tx, actor, id, [&](const Control& control) {
    refuse_archived(common::get<Standard>(tx.connection(), control.standard_id));
    if (control.clause_id && common::get<Clause>(tx.connection(), *control.clause_id).archived_at) {
      throw core::Conflict("the control's clause is archived; restore it first");
    }
  });
}

// --- Statement of Applicability ---------------------------------------------------------------

kit::Page<SoaLine> list_soa(db::Connection& connection, std::int64_t standard_id,
                            kit::ListQuery query) {
  static_cast<void>(common::get<Standard>(connection, standard_id));
  query.conditions.push_back({.name = "standard_id", .value = standard_id});
  return store::kit::list<SoaLine>(connection, query);
}

std::vector<SoaLine> soa_lines(db::Connection& connection, std::int64_t standard_id) {
  static_cast<void>(common::get<Standard>(connection, standard_id));
  return store::standards::soa_lines(connection, standard_id);
}

Assessed assess_control(db::Transaction& tx, const core::Actor& actor, std::int64_t control_id,
                        const SoaAssessment& assessment) {
  // The control's row lock makes concurrent assessments of one control take turns: the first
  // creates the entry, the next ones (READ COMMITTED: each statement sees what committed before
  // it) find it and update it.
  const auto control = common::lock<Control>(tx, control_id);
  if (control.archived_at) {
    throw core::Conflict("the control is archived; its SoA entry cannot be changed");
  }
  const auto existing = store::standards::soa_entry_of(tx.connection(), control_id);
  const std::int64_t current_version = existing ? existing->version : 0;
  if (assessment.version && *assessment.version != current_version) {
    throw core::Conflict(fmt::format(
        "the SoA entry was changed by someone else (version {} is current, {} was sent); reload it",
        current_version, *assessment.version));
  }
  auto after = existing.value_or(SoaEntry{});
  after.control_id = control_id;
  using Decision = model::standards::SoaDecision;
  static_cast<Decision&>(after) = static_cast<const Decision&>(assessment);
  after.implementation_status =
      assessment.implementation_status.value_or(default_implementation_status(
          assessment.is_applicable,
          existing ? std::optional(existing->implementation_status) : std::nullopt));
  if (auto errors = validate_soa(after); !errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
  if (existing && common::changes(*existing, after).empty()) {
    return {.entry = *existing, .created = false};  // the same decision again: nothing written
  }
  after.reviewed_at = kit::Timestamp::now();
  after.reviewed_by_id = actor.user_id;
  if (!existing) {
    return {.entry = common::create(tx, actor, after), .created = true};
  }
  return {.entry = common::write(tx, actor, *existing, after, "update"), .created = false};
}

}  // namespace qgp::domain::standards
