#include "domain/standards/audit_fields.hpp"

#include <optional>
#include <string>

#include <fmt/format.h>

namespace qgp::domain::standards::audit_fields {

namespace {

using store::audit::Value;

Value value(const std::optional<std::string>& text) {
  return text ? Value{*text} : Value{std::monostate{}};
}
Value value(const std::optional<std::int64_t>& number) {
  return number ? Value{*number} : Value{std::monostate{}};
}
Value value(const std::string& text) {
  return Value{text};
}
Value value(bool flag) {
  return Value{flag};
}
Value value(std::int64_t number) {
  return Value{number};
}

}  // namespace

store::standards::StandardFields fields_of(const store::standards::StandardRow& row) {
  return {.code = row.code,
          .name = row.name,
          .full_name = row.full_name,
          .edition = row.edition,
          .description = row.description,
          .effective_date = row.effective_date,
          .is_active = row.is_active};
}

store::standards::ClauseFields fields_of(const store::standards::ClauseRow& row) {
  return {.parent_clause_id = row.parent_clause_id,
          .clause_number = row.clause_number,
          .title = row.title,
          .description = row.description,
          .level = row.level,
          .sort_order = row.sort_order,
          .is_active = row.is_active};
}

store::standards::ControlFields fields_of(const store::standards::ControlRow& row) {
  return {.clause_id = row.clause_id,
          .control_number = row.control_number,
          .title = row.title,
          .description = row.description,
          .guidance = row.guidance,
          .theme = row.theme,
          .is_active = row.is_active};
}

store::standards::SoaFields fields_of(const store::standards::SoaEntryRow& row) {
  return {.is_applicable = row.is_applicable,
          .justification = row.justification,
          .implementation_status = row.implementation_status,
          .owner_id = row.owner_id,
          .notes = row.notes};
}

Fields of(const store::standards::StandardFields& fields) {
  return {{"code", value(fields.code)},
          {"name", value(fields.name)},
          {"full_name", value(fields.full_name)},
          {"edition", value(fields.edition)},
          {"description", value(fields.description)},
          {"effective_date", value(fields.effective_date)},
          {"is_active", value(fields.is_active)}};
}

Fields of(const store::standards::ClauseFields& fields) {
  return {{"parent_clause_id", value(fields.parent_clause_id)},
          {"clause_number", value(fields.clause_number)},
          {"title", value(fields.title)},
          {"description", value(fields.description)},
          {"level", value(static_cast<std::int64_t>(fields.level))},
          {"sort_order", value(static_cast<std::int64_t>(fields.sort_order))},
          {"is_active", value(fields.is_active)}};
}

Fields of(const store::standards::ControlFields& fields) {
  return {{"clause_id", value(fields.clause_id)}, {"control_number", value(fields.control_number)},
          {"title", value(fields.title)},         {"description", value(fields.description)},
          {"guidance", value(fields.guidance)},   {"theme", value(fields.theme)},
          {"is_active", value(fields.is_active)}};
}

Fields of(const store::standards::MappingRow& mapping) {
  return {{"clause_a_id", value(mapping.clause_a_id)},
          {"clause_b_id", value(mapping.clause_b_id)},
          {"mapping_type", value(mapping.mapping_type)},
          {"notes", value(mapping.notes)}};
}

Fields of(const store::standards::SoaFields& fields) {
  return {{"is_applicable", value(fields.is_applicable)},
          {"justification", value(fields.justification)},
          {"implementation_status", value(fields.implementation_status)},
          {"owner_id", value(fields.owner_id)},
          {"notes", value(fields.notes)}};
}

std::vector<store::audit::FieldChange> diff(const Fields& before, const Fields& after) {
  store::audit::ChangeSet changes;
  for (std::size_t i = 0; i < before.size() && i < after.size(); ++i) {
    changes.track(after[i].first, before[i].second, after[i].second);
  }
  return std::move(changes).take();
}

std::vector<store::audit::FieldChange> created(const Fields& after) {
  store::audit::ChangeSet changes;
  for (const auto& [field, after_value] : after) {
    changes.set(field, after_value);
  }
  return std::move(changes).take();
}

std::vector<store::audit::FieldChange> removed(const Fields& before) {
  store::audit::ChangeSet changes;
  for (const auto& [field, before_value] : before) {
    changes.track(field, before_value, Value{std::monostate{}});
  }
  return std::move(changes).take();
}

void append(db::Connection& connection, const core::Actor& actor, std::string_view action,
            std::string_view entity_type, std::int64_t entity_id,
            std::vector<store::audit::FieldChange> changes) {
  store::audit::Entry entry;
  entry.action = std::string(action);
  entry.entity_type = std::string(entity_type);
  entry.entity_id = entity_id;
  entry.changes = std::move(changes);
  store::audit::append(connection, actor, entry);
}

std::vector<store::standards::Relevelled> relevel_subtree(db::Connection& connection,
                                                          const core::Actor& actor,
                                                          std::int64_t moved_id) {
  auto relevelled = store::standards::relevel_descendants(connection, moved_id, actor.user_id);
  for (const auto& clause : relevelled) {
    store::audit::ChangeSet changes;
    changes.track("level", static_cast<std::int64_t>(clause.before),
                  static_cast<std::int64_t>(clause.after));
    store::audit::Entry entry;
    entry.action = "update";
    entry.entity_type = std::string(kClause);
    entry.entity_id = clause.id;
    entry.changes = std::move(changes).take();
    entry.note = fmt::format("re-levelled: clause {} moved", moved_id);
    store::audit::append(connection, actor, entry);
  }
  return relevelled;
}

}  // namespace qgp::domain::standards::audit_fields
