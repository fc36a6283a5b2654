#include <algorithm>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "db/transaction.hpp"
#include "domain/standards/audit_fields.hpp"
#include "domain/standards/service.hpp"
#include "store/standards/standards_store.hpp"

// Standards, clauses, the clause tree and clause mappings.

namespace qgp::domain::standards {

namespace store_fn = store::standards;
using audit_fields::fields_of;

namespace {

[[noreturn]] void throw_stale(std::string_view kind, std::int64_t given, std::int64_t current) {
  throw core::Conflict(fmt::format(
      "the {} was changed by someone else: version {} is stale, the current version is {}", kind,
      given, current));
}

[[noreturn]] void throw_archived(std::string_view kind) {
  throw core::Conflict(fmt::format("the {} is archived and cannot be changed", kind));
}

void require_valid_standard(const rows::StandardFields& fields) {
  core::FieldErrors errors;
  if (!is_valid_standard_code(fields.code)) {
    errors["code"] =
        "1-30 characters: a letter or digit, then letters, digits, '.', '_', ':' or '-'";
  }
  if (fields.name.empty()) {
    errors["name"] = "must not be empty";
  }
  if (fields.full_name.empty()) {
    errors["full_name"] = "must not be empty";
  }
  if (fields.edition.empty()) {
    errors["edition"] = "must not be empty";
  }
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
}

// The parent a clause may hang under: a live clause of the same standard. Returns its level.
int parent_level(db::Connection& connection, std::int64_t standard_id,
                 std::optional<std::int64_t> parent_id) {
  if (!parent_id) {
    return 0;
  }
  const auto parent = store_fn::find_clause(connection, *parent_id);
  if (!parent || parent->standard_id != standard_id) {
    throw core::ValidationError("parent_clause_id", "no such clause in this standard");
  }
  if (parent->archived_at) {
    throw core::ValidationError("parent_clause_id", "the parent clause is archived");
  }
  return parent->level;
}

void require_unique_number(db::Connection& connection, std::int64_t standard_id,
                           const std::string& number, std::optional<std::int64_t> self) {
  const auto existing = store_fn::find_clause_by_number(connection, standard_id, number);
  if (existing && existing->id != self) {
    throw core::Conflict(fmt::format("clause {} already exists in this standard", number));
  }
}

rows::StandardRow live_standard(db::Connection& connection, std::int64_t id) {
  auto standard = get_standard(connection, id);
  if (standard.archived_at) {
    throw_archived("standard");
  }
  return standard;
}

}  // namespace

// --- standards --------------------------------------------------------------------------------

rows::ListResult<rows::StandardRow> list_standards(db::Connection& connection,
                                                   const rows::StandardFilter& filter,
                                                   const rows::ListWindow& window) {
  db::Transaction transaction(connection, db::Isolation::kRepeatableRead, true);
  auto list = store_fn::list_standards(connection, filter, window);
  transaction.commit();
  return list;
}

rows::StandardRow get_standard(db::Connection& connection, std::int64_t id) {
  auto standard = store_fn::find_standard(connection, id);
  if (!standard) {
    throw core::NotFound(fmt::format("standard {} not found", id));
  }
  return std::move(*standard);
}

rows::StandardRow create_standard(db::Connection& connection, const core::Actor& actor,
                                  rows::StandardFields fields) {
  fields.description = normalized_text(fields.description);
  require_valid_standard(fields);
  db::Transaction transaction(connection);
  if (store_fn::find_standard_by_code(connection, fields.code)) {
    throw core::Conflict(fmt::format("a standard with code {} already exists", fields.code));
  }
  const auto id = store_fn::insert_standard(connection, fields, actor.user_id);
  audit_fields::append(connection, actor, "create", audit_fields::kStandard, id,
                       audit_fields::created(audit_fields::of(fields)));
  auto row = get_standard(connection, id);
  transaction.commit();
  return row;
}

rows::StandardRow update_standard(db::Connection& connection, const core::Actor& actor,
                                  std::int64_t id, const StandardPatch& patch) {
  db::Transaction transaction(connection);
  auto current = get_standard(connection, id);
  if (current.archived_at) {
    throw_archived("standard");
  }
  if (current.version != patch.version) {
    throw_stale("standard", patch.version, current.version);
  }
  const auto before = fields_of(current);
  auto after = before;
  after.name = patch.name.value_or(after.name);
  after.full_name = patch.full_name.value_or(after.full_name);
  after.edition = patch.edition.value_or(after.edition);
  if (patch.description) {
    after.description = normalized_text(*patch.description);
  }
  if (patch.effective_date) {
    after.effective_date = *patch.effective_date;
  }
  after.is_active = patch.is_active.value_or(after.is_active);
  require_valid_standard(after);
  auto changes = audit_fields::diff(audit_fields::of(before), audit_fields::of(after));
  if (changes.empty()) {
    return current;
  }
  if (!store_fn::update_standard(connection, id, patch.version, after, actor.user_id)) {
    throw_stale("standard", patch.version, get_standard(connection, id).version);
  }
  audit_fields::append(connection, actor, "update", audit_fields::kStandard, id,
                       std::move(changes));
  auto row = get_standard(connection, id);
  transaction.commit();
  return row;
}

void archive_standard(db::Connection& connection, const core::Actor& actor, std::int64_t id) {
  db::Transaction transaction(connection);
  const auto current = get_standard(connection, id);
  if (current.archived_at || !store_fn::archive_standard(connection, id, actor.user_id)) {
    throw core::Conflict("the standard is already archived");
  }
  store::audit::ChangeSet changes;
  changes.track("is_active", current.is_active, false);
  audit_fields::append(connection, actor, "archive", audit_fields::kStandard, id,
                       std::move(changes).take());
  transaction.commit();
}

StandardTree get_tree(db::Connection& connection, std::int64_t standard_id, bool with_controls,
                      bool include_archived) {
  db::Transaction transaction(connection, db::Isolation::kRepeatableRead, true);
  StandardTree tree;
  tree.standard = get_standard(connection, standard_id);
  const auto clauses = store_fn::all_clauses(connection, standard_id, include_archived);
  const auto controls = with_controls
                            ? store_fn::all_controls(connection, standard_id, include_archived)
                            : std::vector<rows::ControlRow>{};
  tree.clauses = build_tree(clauses, controls);
  transaction.commit();
  return tree;
}

// --- clauses ----------------------------------------------------------------------------------

rows::ListResult<rows::ClauseRow> list_clauses(db::Connection& connection, std::int64_t standard_id,
                                               const rows::ClauseFilter& filter,
                                               const rows::ListWindow& window) {
  db::Transaction transaction(connection, db::Isolation::kRepeatableRead, true);
  static_cast<void>(get_standard(connection, standard_id));
  auto list = store_fn::list_clauses(connection, standard_id, filter, window);
  transaction.commit();
  return list;
}

rows::ClauseRow get_clause(db::Connection& connection, std::int64_t id) {
  auto clause = store_fn::find_clause(connection, id);
  if (!clause) {
    throw core::NotFound(fmt::format("clause {} not found", id));
  }
  return std::move(*clause);
}

rows::ClauseRow create_clause(db::Connection& connection, const core::Actor& actor,
                              std::int64_t standard_id, const ClauseCreate& input) {
  if (!is_valid_number(input.clause_number)) {
    throw core::ValidationError("clause_number",
                                "dotted letters and digits, e.g. 7.5.1 (at most 20 characters)");
  }
  db::Transaction transaction(connection);
  static_cast<void>(live_standard(connection, standard_id));
  const int level = parent_level(connection, standard_id, input.parent_clause_id) + 1;
  if (level > kMaxClauseLevel) {
    throw core::ValidationError("parent_clause_id",
                                fmt::format("clauses nest at most {} levels", kMaxClauseLevel));
  }
  require_unique_number(connection, standard_id, input.clause_number, std::nullopt);
  const rows::ClauseFields fields{.parent_clause_id = input.parent_clause_id,
                                  .clause_number = input.clause_number,
                                  .title = input.title,
                                  .description = normalized_text(input.description),
                                  .level = level,
                                  .sort_order = input.sort_order.value_or(0),
                                  .is_active = input.is_active};
  const auto id = store_fn::insert_clause(connection, standard_id, fields, actor.user_id);
  auto audited = audit_fields::of(fields);
  audited.emplace_back("standard_id", standard_id);
  audit_fields::append(connection, actor, "create", audit_fields::kClause, id,
                       audit_fields::created(audited));
  auto row = get_clause(connection, id);
  transaction.commit();
  return row;
}

rows::ClauseRow update_clause(db::Connection& connection, const core::Actor& actor, std::int64_t id,
                              const ClausePatch& patch) {
  db::Transaction transaction(connection);
  auto current = get_clause(connection, id);
  if (current.archived_at) {
    throw_archived("clause");
  }
  if (current.version != patch.version) {
    throw_stale("clause", patch.version, current.version);
  }
  const auto before = fields_of(current);
  auto after = before;
  if (patch.clause_number) {
    if (!is_valid_number(*patch.clause_number)) {
      throw core::ValidationError("clause_number", "dotted letters and digits, e.g. 7.5.1");
    }
    after.clause_number = *patch.clause_number;
    require_unique_number(connection, current.standard_id, after.clause_number, id);
  }
  after.title = patch.title.value_or(after.title);
  if (patch.description) {
    after.description = normalized_text(*patch.description);
  }
  after.sort_order = patch.sort_order.value_or(after.sort_order);
  after.is_active = patch.is_active.value_or(after.is_active);
  if (patch.parent_clause_id && *patch.parent_clause_id != current.parent_clause_id) {
    const auto& parent = *patch.parent_clause_id;
    if (parent && store_fn::in_subtree(connection, id, *parent)) {
      throw core::ValidationError("parent_clause_id",
                                  "a clause cannot move under itself or one of its sub-clauses");
    }
    after.parent_clause_id = parent;
    after.level = parent_level(connection, current.standard_id, parent) + 1;
    if (after.level + store_fn::subtree_height(connection, id) > kMaxClauseLevel) {
      throw core::ValidationError("parent_clause_id",
                                  fmt::format("clauses nest at most {} levels", kMaxClauseLevel));
    }
  }
  auto changes = audit_fields::diff(audit_fields::of(before), audit_fields::of(after));
  if (changes.empty()) {
    return current;
  }
  if (!store_fn::update_clause(connection, id, patch.version, after, actor.user_id)) {
    throw_stale("clause", patch.version, get_clause(connection, id).version);
  }
  audit_fields::append(connection, actor, "update", audit_fields::kClause, id, std::move(changes));
  if (after.level != before.level) {
    audit_fields::relevel_subtree(connection, actor, id);
  }
  auto row = get_clause(connection, id);
  transaction.commit();
  return row;
}

void archive_clause(db::Connection& connection, const core::Actor& actor, std::int64_t id) {
  db::Transaction transaction(connection);
  const auto current = get_clause(connection, id);
  if (current.archived_at) {
    throw core::Conflict("the clause is already archived");
  }
  if (store_fn::count_live_children(connection, id) > 0) {
    throw core::Conflict("the clause still has sub-clauses or controls; archive those first");
  }
  if (!store_fn::archive_clause(connection, id, actor.user_id)) {
    throw core::Conflict("the clause is already archived");
  }
  store::audit::ChangeSet changes;
  changes.track("is_active", current.is_active, false);
  audit_fields::append(connection, actor, "archive", audit_fields::kClause, id,
                       std::move(changes).take());
  transaction.commit();
}

// --- clause mappings --------------------------------------------------------------------------

rows::ListResult<rows::MappedClauseRow> list_mapped_clauses(db::Connection& connection,
                                                            std::int64_t clause_id,
                                                            const rows::ListWindow& window) {
  db::Transaction transaction(connection, db::Isolation::kRepeatableRead, true);
  static_cast<void>(get_clause(connection, clause_id));
  auto list = store_fn::list_mapped_clauses(connection, clause_id, window);
  transaction.commit();
  return list;
}

rows::MappingRow get_mapping(db::Connection& connection, std::int64_t id) {
  auto mapping = store_fn::find_mapping(connection, id);
  if (!mapping) {
    throw core::NotFound(fmt::format("clause mapping {} not found", id));
  }
  return std::move(*mapping);
}

rows::MappingRow create_mapping(db::Connection& connection, const core::Actor& actor,
                                std::int64_t a, std::int64_t b, const std::string& mapping_type,
                                const std::optional<std::string>& notes) {
  db::Transaction transaction(connection);
  const auto clause_a = store_fn::find_clause(connection, a);
  const auto clause_b = store_fn::find_clause(connection, b);
  core::FieldErrors errors;
  if (!clause_a || clause_a->archived_at) {
    errors["clause_a_id"] = "no such live clause";
  }
  if (!clause_b || clause_b->archived_at) {
    errors["clause_b_id"] = "no such live clause";
  }
  const auto& types = mapping_types();
  if (std::find(types.begin(), types.end(), mapping_type) == types.end()) {
    errors["mapping_type"] = "one of equivalent, partial, related";
  }
  if (errors.empty() && clause_a->standard_id == clause_b->standard_id) {
    errors["clause_b_id"] = "a mapping links clauses of two different standards";
  }
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
  if (store_fn::find_mapping_by_pair(connection, a, b)) {
    throw core::Conflict("these clauses are already mapped");
  }
  const auto id = store_fn::insert_mapping(connection, a, b, mapping_type, normalized_text(notes),
                                           actor.user_id);
  auto row = get_mapping(connection, id);
  audit_fields::append(connection, actor, "create", audit_fields::kClauseMapping, id,
                       audit_fields::created(audit_fields::of(row)));
  transaction.commit();
  return row;
}

void delete_mapping(db::Connection& connection, const core::Actor& actor, std::int64_t id) {
  db::Transaction transaction(connection);
  const auto current = get_mapping(connection, id);
  if (!store_fn::delete_mapping(connection, id)) {
    throw core::NotFound(fmt::format("clause mapping {} not found", id));
  }
  audit_fields::append(connection, actor, "delete", audit_fields::kClauseMapping, id,
                       audit_fields::removed(audit_fields::of(current)));
  transaction.commit();
}

}  // namespace qgp::domain::standards
