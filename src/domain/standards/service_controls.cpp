#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "db/transaction.hpp"
#include "domain/standards/audit_fields.hpp"
#include "domain/standards/service.hpp"
#include "store/standards/standards_store.hpp"

// Controls and the Statement of Applicability.

namespace qgp::domain::standards {

namespace store_fn = store::standards;
using audit_fields::fields_of;

namespace {

bool one_of(const std::vector<std::string_view>& allowed, const std::optional<std::string>& value) {
  return !value || std::find(allowed.begin(), allowed.end(), *value) != allowed.end();
}

void require_valid_control(db::Connection& connection, std::int64_t standard_id,
                           const rows::ControlFields& fields, std::optional<std::int64_t> self) {
  core::FieldErrors errors;
  if (!is_valid_number(fields.control_number)) {
    errors["control_number"] = "dotted letters and digits, e.g. A.5.1 (at most 20 characters)";
  }
  if (fields.title.empty()) {
    errors["title"] = "must not be empty";
  }
  if (!one_of(control_themes(), fields.theme)) {
    errors["theme"] = "one of organizational, people, physical, technological";
  }
  if (fields.clause_id) {
    const auto clause = store_fn::find_clause(connection, *fields.clause_id);
    if (!clause || clause->standard_id != standard_id) {
      errors["clause_id"] = "no such clause in this standard";
    } else if (clause->archived_at) {
      errors["clause_id"] = "the clause is archived";
    }
  }
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
  for (const auto& existing : store_fn::all_controls(connection, standard_id, true)) {
    if (existing.control_number == fields.control_number && existing.id != self) {
      throw core::Conflict(
          fmt::format("control {} already exists in this standard", fields.control_number));
    }
  }
}

}  // namespace

// --- controls ---------------------------------------------------------------------------------

rows::ListResult<rows::ControlRow> list_controls(db::Connection& connection,
                                                 std::int64_t standard_id,
                                                 const rows::ControlFilter& filter,
                                                 const rows::ListWindow& window) {
  db::Transaction transaction(connection, db::Isolation::kRepeatableRead, true);
  static_cast<void>(get_standard(connection, standard_id));
  auto list = store_fn::list_controls(connection, standard_id, filter, window);
  transaction.commit();
  return list;
}

rows::ControlRow get_control(db::Connection& connection, std::int64_t id) {
  auto control = store_fn::find_control(connection, id);
  if (!control) {
    throw core::NotFound(fmt::format("control {} not found", id));
  }
  return std::move(*control);
}

rows::ControlRow create_control(db::Connection& connection, const core::Actor& actor,
                                std::int64_t standard_id, rows::ControlFields fields) {
  fields.description = normalized_text(fields.description);
  fields.guidance = normalized_text(fields.guidance);
  db::Transaction transaction(connection);
  if (get_standard(connection, standard_id).archived_at) {
    throw core::Conflict("the standard is archived and cannot be changed");
  }
  require_valid_control(connection, standard_id, fields, std::nullopt);
  const auto id = store_fn::insert_control(connection, standard_id, fields, actor.user_id);
  auto audited = audit_fields::of(fields);
  audited.emplace_back("standard_id", standard_id);
  audit_fields::append(connection, actor, "create", audit_fields::kControl, id,
                       audit_fields::created(audited));
  auto row = get_control(connection, id);
  transaction.commit();
  return row;
}

rows::ControlRow update_control(db::Connection& connection, const core::Actor& actor,
                                std::int64_t id, const ControlPatch& patch) {
  db::Transaction transaction(connection);
  auto current = get_control(connection, id);
  if (current.archived_at) {
    throw core::Conflict("the control is archived and cannot be changed");
  }
  if (current.version != patch.version) {
    throw core::Conflict(fmt::format(
        "the control was changed by someone else: version {} is stale, the current version is {}",
        patch.version, current.version));
  }
  const auto before = fields_of(current);
  auto after = before;
  if (patch.clause_id) {
    after.clause_id = *patch.clause_id;
  }
  after.control_number = patch.control_number.value_or(after.control_number);
  after.title = patch.title.value_or(after.title);
  if (patch.description) {
    after.description = normalized_text(*patch.description);
  }
  if (patch.guidance) {
    after.guidance = normalized_text(*patch.guidance);
  }
  if (patch.theme) {
    after.theme = *patch.theme;
  }
  after.is_active = patch.is_active.value_or(after.is_active);
  auto changes = audit_fields::diff(audit_fields::of(before), audit_fields::of(after));
  if (changes.empty()) {
    return current;
  }
  require_valid_control(connection, current.standard_id, after, id);
  if (!store_fn::update_control(connection, id, patch.version, after, actor.user_id)) {
    throw core::Conflict("the control was changed by someone else");
  }
  audit_fields::append(connection, actor, "update", audit_fields::kControl, id, std::move(changes));
  auto row = get_control(connection, id);
  transaction.commit();
  return row;
}

void archive_control(db::Connection& connection, const core::Actor& actor, std::int64_t id) {
  db::Transaction transaction(connection);
  const auto current = get_control(connection, id);
  if (current.archived_at || !store_fn::archive_control(connection, id, actor.user_id)) {
    throw core::Conflict("the control is already archived");
  }
  store::audit::ChangeSet changes;
  changes.track("is_active", current.is_active, false);
  audit_fields::append(connection, actor, "archive", audit_fields::kControl, id,
                       std::move(changes).take());
  transaction.commit();
}

// --- Statement of Applicability ---------------------------------------------------------------

rows::ListResult<rows::SoaLine> list_soa(db::Connection& connection, std::int64_t standard_id,
                                         const rows::SoaFilter& filter,
                                         const rows::ListWindow& window) {
  db::Transaction transaction(connection, db::Isolation::kRepeatableRead, true);
  static_cast<void>(get_standard(connection, standard_id));
  auto list = store_fn::list_soa(connection, standard_id, filter, window);
  transaction.commit();
  return list;
}

std::vector<rows::SoaLine> soa_lines(db::Connection& connection, std::int64_t standard_id) {
  db::Transaction transaction(connection, db::Isolation::kRepeatableRead, true);
  static_cast<void>(get_standard(connection, standard_id));
  auto lines = store_fn::all_soa(connection, standard_id);
  transaction.commit();
  return lines;
}

namespace {

// The fields a PUT writes over `existing` (nullopt: the control has no entry yet), after the
// optimistic version check and the SoA rules.
rows::SoaFields soa_fields(db::Connection& connection, const SoaPut& input,
                           const std::optional<rows::SoaEntryRow>& existing) {
  const std::int64_t current_version = existing ? existing->version : 0;
  if (input.version && *input.version != current_version) {
    throw core::Conflict(fmt::format(
        "the SoA entry was changed by someone else: version {} is stale, the current version is "
        "{}",
        *input.version, current_version));
  }
  rows::SoaFields fields;
  fields.is_applicable = input.is_applicable;
  fields.justification = normalized_text(input.justification);
  fields.implementation_status = input.implementation_status.value_or(default_implementation_status(
      input.is_applicable,
      existing ? std::optional<std::string>(existing->implementation_status) : std::nullopt));
  fields.owner_id = input.owner_id;
  fields.notes = normalized_text(input.notes);
  auto errors = validate_soa({.is_applicable = fields.is_applicable,
                              .justification = fields.justification,
                              .implementation_status = fields.implementation_status});
  if (fields.owner_id && !store_fn::user_exists(connection, *fields.owner_id)) {
    errors["owner_id"] = "no such user";
  }
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
  return fields;
}

}  // namespace

SoaPutResult put_soa(db::Connection& connection, const core::Actor& actor, std::int64_t control_id,
                     const SoaPut& input) {
  db::Transaction transaction(connection);
  const auto control = get_control(connection, control_id);
  if (control.archived_at) {
    throw core::Conflict("the control is archived; its SoA entry cannot be changed");
  }
  // Race-safe upsert: an existing entry is read under a row lock, so concurrent PUTs of one
  // control take turns; a first entry is inserted with ON CONFLICT DO NOTHING, so of concurrent
  // first PUTs exactly one creates it, and the others find it (committed: READ COMMITTED sees it
  // in their next statement) and update it like any later PUT. The audit row and the status
  // (201/200) follow what each request actually did.
  auto existing = store_fn::lock_soa_entry(connection, control_id);
  SoaPutResult result;
  if (!existing) {
    const auto fields = soa_fields(connection, input, std::nullopt);
    if (const auto id = store_fn::insert_soa_entry(connection, control_id, fields, actor.user_id)) {
      auto audited = audit_fields::of(fields);
      audited.emplace_back("control_id", control_id);
      audit_fields::append(connection, actor, "create", audit_fields::kSoaEntry, *id,
                           audit_fields::created(audited));
      result.created = true;
      result.entry = *store_fn::find_soa_entry(connection, control_id);
      transaction.commit();
      return result;
    }
    existing = store_fn::lock_soa_entry(connection, control_id);  // created meanwhile
    if (!existing) {
      throw core::Conflict("the SoA entry was changed by someone else");
    }
  }
  const auto fields = soa_fields(connection, input, existing);
  auto changes =
      audit_fields::diff(audit_fields::of(fields_of(*existing)), audit_fields::of(fields));
  if (changes.empty()) {
    result.entry = *existing;
    return result;
  }
  if (!store_fn::update_soa_entry(connection, existing->id, existing->version, fields,
                                  actor.user_id)) {
    throw core::Conflict("the SoA entry was changed by someone else");
  }
  audit_fields::append(connection, actor, "update", audit_fields::kSoaEntry, existing->id,
                       std::move(changes));
  result.entry = *store_fn::find_soa_entry(connection, control_id);
  transaction.commit();
  return result;
}

}  // namespace qgp::domain::standards
