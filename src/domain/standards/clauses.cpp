// Clauses (the tree of a standard) and the mappings between clauses of different standards.

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "domain/common/records.hpp"
#include "domain/standards/archiving.hpp"
#include "domain/standards/relevel.hpp"
#include "domain/standards/service.hpp"
#include "kit/patch.hpp"
#include "store/kit/list.hpp"
#include "store/kit/rows.hpp"
#include "store/standards/standards_store.hpp"

namespace qgp::domain::standards {

namespace {

using model::standards::kMaxClauseLevel;

// The level a clause under `parent_id` has: a live clause of the same standard (422 otherwise).
std::int16_t level_under(db::Connection& connection, std::int64_t standard_id,
                         std::optional<std::int64_t> parent_id) {
  if (!parent_id) {
    return 1;
  }
  const auto parent = store::kit::find<Clause>(connection, *parent_id);
  if (!parent || parent->standard_id != standard_id) {
    throw core::ValidationError("parent_clause_id", "no such clause in this standard");
  }
  if (parent->archived_at) {
    throw core::ValidationError("parent_clause_id", "the parent clause is archived");
  }
  return static_cast<std::int16_t>(parent->level + 1);
}

[[noreturn]] void too_deep() {
  throw core::ValidationError("parent_clause_id",
                              fmt::format("clauses nest at most {} levels", kMaxClauseLevel));
}

std::string number_taken(const Clause& clause) {
  return fmt::format("clause {} already exists in this standard", clause.clause_number);
}

}  // namespace

kit::Page<Clause> list_clauses(db::Connection& connection, std::int64_t standard_id,
                               kit::ListQuery query) {
  static_cast<void>(common::get<Standard>(connection, standard_id));
  query.conditions.push_back({.name = "standard_id", .value = standard_id});
  return store::kit::list<Clause>(connection, query);
}

Clause create_clause(db::Transaction& tx, const core::Actor& actor, std::int64_t standard_id,
                     Clause clause) {
  refuse_archived(common::get<Standard>(tx.connection(), standard_id));
  clause.standard_id = standard_id;
  clause.level = level_under(tx.connection(), standard_id, clause.parent_clause_id);
  if (clause.level > kMaxClauseLevel) {
    too_deep();
  }
  return unique_or_conflict([&] { return common::create(tx, actor, clause); },
                            number_taken(clause));
}

Clause update_clause(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                     const kit::Patch<Clause>& patch) {
  const auto before = common::lock<Clause>(tx, id);
  common::check_version(before, patch.version);
  refuse_archived(before);
  auto after = kit::applied(before, patch);
  if (after.parent_clause_id != before.parent_clause_id) {
    if (after.parent_clause_id
        && store::standards::in_subtree(tx.connection(), id, *after.parent_clause_id)) {
      throw core::ValidationError("parent_clause_id",
                                  "a clause cannot move under itself or one of its sub-clauses");
    }
    after.level = level_under(tx.connection(), before.standard_id, after.parent_clause_id);
    if (after.level + store::standards::subtree_height(tx.connection(), id) > kMaxClauseLevel) {
      too_deep();
    }
  }
  auto stored = unique_or_conflict(
      [&] { return common::write(tx, actor, before, after, "update"); }, number_taken(after));
  if (stored.level != before.level) {
    relevel_subtree(tx, actor, id);
  }
  return stored;
}

void archive_clause(db::Transaction& tx, const core::Actor& actor, std::int64_t id) {
  archive<Clause>(tx, actor, id, [&](const Clause& /*clause*/) {
    if (store::standards::count_live_children(tx.connection(), id) > 0) {
      throw core::Conflict("the clause still has sub-clauses or controls; archive those first");
    }
  });
}

Clause restore_clause(db::Transaction& tx, const core::Actor& actor, std::int64_t id) {
  return restore<Clause>(tx, actor, id, [&](const Clause& clause) {
    refuse_archived(common::get<Standard>(tx.connection(), clause.standard_id));
    if (clause.parent_clause_id) {
      if (common::get<Clause>(tx.connection(), *clause.parent_clause_id).archived_at) {
        throw core::Conflict("the parent clause is archived; restore it first");
      }
    }
  });
}

// --- clause mappings --------------------------------------------------------------------------

kit::Page<MappedClause> list_mapped_clauses(db::Connection& connection, std::int64_t clause_id,
                                            const kit::ListQuery& query) {
  static_cast<void>(common::get<Clause>(connection, clause_id));
  return store::standards::mapped_clauses(connection, clause_id, query);
}

ClauseMapping create_mapping(db::Transaction& tx, const core::Actor& actor, ClauseMapping mapping) {
  if (mapping.clause_a_id == mapping.clause_b_id) {
    throw core::ValidationError("clause_b_id", "a clause cannot be mapped to itself");
  }
  const auto a = store::kit::find<Clause>(tx.connection(), mapping.clause_a_id);
  const auto b = store::kit::find<Clause>(tx.connection(), mapping.clause_b_id);
  core::FieldErrors errors;
  if (!a || a->archived_at) {
    errors["clause_a_id"] = "no such live clause";
  }
  if (!b || b->archived_at) {
    errors["clause_b_id"] = "no such live clause";
  }
  if (errors.empty() && a->standard_id == b->standard_id) {
    errors["clause_b_id"] = "a mapping links clauses of two different standards";
  }
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
  // One row per pair, the lower id first (the table's ordered_pair check).
  const auto low = std::min(mapping.clause_a_id, mapping.clause_b_id);
  const auto high = std::max(mapping.clause_a_id, mapping.clause_b_id);
  mapping.clause_a_id = low;
  mapping.clause_b_id = high;
  return unique_or_conflict([&] { return common::create(tx, actor, mapping); },
                            "these clauses are already mapped");
}

void delete_mapping(db::Transaction& tx, const core::Actor& actor, std::int64_t id) {
  const auto mapping = common::lock<ClauseMapping>(tx, id);
  store::standards::delete_mapping(tx.connection(), id);
  const auto fields = common::created(mapping);
  kit::ChangeSet removed;
  for (const auto& change : fields.changes()) {
    removed.track(change.field, change.after, {});
  }
  common::append_audit(tx, actor, "delete", kit::meta<ClauseMapping>().entity, id,
                       std::move(removed));
}

}  // namespace qgp::domain::standards
