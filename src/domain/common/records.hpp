#pragma once

// The use cases every resource shares, written once over the kit's declarations (ADR-0010): read
// one, create, update with optimistic concurrency, move along the workflow. Each mutation runs in
// the caller's unit of work (db::Transaction, opened by api/kit's route wrapper or the CLI), writes
// exactly one audit row with the before/after of the fields that changed, and returns the record
// as stored (re-read, so database-made values such as closed_at are the real ones).

#include <concepts>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/actor.hpp"
#include "core/errors.hpp"
#include "db/errors.hpp"
#include "db/transaction.hpp"
#include "kit/field.hpp"
#include "kit/patch.hpp"
#include "kit/values.hpp"
#include "kit/workflow.hpp"
#include "store/audit/audit_log_store.hpp"
#include "store/kit/rows.hpp"
#include "store/kit/write.hpp"

namespace qgp::domain::common {

using qgp::kit::Described;

// --- the audit trail's view of a record
// -----------------------------------------------------------

template <class T>
qgp::kit::Value audit_value(const T& value) {
  if constexpr (qgp::kit::kIsOptional<T>) {
    return value ? audit_value(*value) : qgp::kit::Value{};
  } else if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, std::string>
                       || std::is_same_v<T, qgp::kit::Decimal>) {
    return value;
  } else if constexpr (qgp::kit::kIsInteger<T>) {
    return static_cast<std::int64_t>(value);
  } else if constexpr (qgp::kit::DeclaredEnum<T>) {
    return std::string(qgp::kit::wire_name(value));
  } else if constexpr (std::is_same_v<T, qgp::kit::Date>) {
    return value.iso;
  } else if constexpr (std::is_same_v<T, qgp::kit::Timestamp> || qgp::kit::kIsJson<T>) {
    return value.text;
  } else if constexpr (std::is_same_v<T, qgp::kit::Scalar>) {
    return std::visit(
        [](const auto& held) -> qgp::kit::Value {
          using H = std::remove_cvref_t<decltype(held)>;
          if constexpr (std::is_same_v<H, double>) {
            return qgp::kit::Decimal{fmt::format("{}", held)};
          } else {
            return held;
          }
        },
        value);
  } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>
                       || std::is_same_v<T, std::vector<std::string>>) {
    return fmt::format("{}", fmt::join(value, ","));
  } else if constexpr (qgp::kit::kIsComposite<T>) {
    throw std::logic_error("a list or nested record is audited field by field: mark it computed()");
  } else {
    static_assert(std::is_same_v<T, void>, "no audit value for this member type");
  }
}

template <class F>
constexpr bool audited(const F& f) {
  return !f.has(qgp::kit::kNotAudited) && f.source != qgp::kit::Source::kComputed
         && f.source != qgp::kit::Source::kChildren;
}

// Before/after of every audited field that differs.
template <Described R>
qgp::kit::ChangeSet changes(const R& before, const R& after) {
  qgp::kit::ChangeSet out;
  qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
    using M = typename std::remove_cvref_t<decltype(f)>::Member;
    if constexpr (qgp::kit::kComparable<M> && std::is_void_v<qgp::kit::ChildOfT<M>>) {
      if (!audited(f) || before.*f.member == after.*f.member) {
        return;
      }
      if (f.has(qgp::kit::kSensitive)) {
        out.track(f.name, std::string("(previous value)"), std::string("(changed)"));
      } else {
        out.track(f.name, audit_value(before.*f.member), audit_value(after.*f.member));
      }
    }
  });
  return out;
}

// The audited fields of a new record that hold a value (null and empty lists are left out).
template <Described R>
qgp::kit::ChangeSet created(const R& row) {
  qgp::kit::ChangeSet out;
  qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
    using M = typename std::remove_cvref_t<decltype(f)>::Member;
    if constexpr (qgp::kit::kComparable<M> && std::is_void_v<qgp::kit::ChildOfT<M>>) {
      if (!audited(f)) {
        return;
      }
      if constexpr (qgp::kit::kIsVector<M>) {
        if ((row.*f.member).empty()) {
          return;
        }
      }
      out.set(f.name, f.has(qgp::kit::kSensitive) ? qgp::kit::Value(std::string("(set)"))
                                                  : audit_value(row.*f.member));
    }
  });
  return out;
}

// The audited fields of a record being removed, each from its value to null (what a delete
// records; null and empty lists are left out, like created()).
template <Described R>
qgp::kit::ChangeSet removed(const R& row) {
  qgp::kit::ChangeSet out;
  for (auto& change : created(row).take()) {
    out.track(change.field, std::move(change.after), qgp::kit::Value{});
  }
  return out;
}

void append_audit(db::Transaction& tx, const core::Actor& actor, std::string_view action,
                  std::string_view entity, std::int64_t id, qgp::kit::ChangeSet changes,
                  const std::optional<std::string>& note = std::nullopt);

// --- errors
// -----------------------------------------------------------------------------------------

template <Described R>
[[noreturn]] void not_found(std::int64_t id) {
  throw core::NotFound(fmt::format("{} {} not found", qgp::kit::meta<R>().noun, id));
}

// A foreign key the database refused, named by the field that carried it: "refers to a record
// that does not exist" on `assigned_to_id`, `clause_ids`, ...
template <Described R>
[[noreturn]] void refused_reference(const db::ForeignKeyViolation& error) {
  const auto& constraint = error.diagnostics().constraint;
  std::string field = "links";
  qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
    const bool own =
        f.source == qgp::kit::Source::kColumn
        && constraint
               == fmt::format("{}_{}_fkey", qgp::kit::meta<R>().table, store::kit::column_name(f));
    const bool linked = f.source == qgp::kit::Source::kLinks
                        && constraint == fmt::format("{}_{}_fkey", f.links.table, f.links.target);
    if (own || linked) {
      field = std::string(f.name);
    }
  });
  throw core::ValidationError(field, "refers to a record that does not exist");
}

// --- use cases
// ------------------------------------------------------------------------------------

template <Described R>
R get(db::Connection& connection, std::int64_t id) {
  auto row = store::kit::find<R>(connection, id);
  if (!row) {
    not_found<R>(id);
  }
  return std::move(*row);
}

// The record with its row lock held until the unit of work ends.
template <Described R>
R lock(db::Transaction& tx, std::int64_t id) {
  auto row = store::kit::find<R>(tx.connection(), id, true);
  if (!row) {
    not_found<R>(id);
  }
  return std::move(*row);
}

// Inserts `row` (validated by the caller), audits it as `create` and returns it as stored.
template <Described R>
R create(db::Transaction& tx, const core::Actor& actor, const R& row) {
  std::int64_t id = 0;
  try {
    id = store::kit::insert(tx.connection(), row, actor);
  } catch (const db::ForeignKeyViolation& error) {
    refused_reference<R>(error);
  }
  auto stored = get<R>(tx.connection(), id);
  append_audit(tx, actor, "create", qgp::kit::meta<R>().entity, id, created(stored));
  return stored;
}

// Writes `after` over the locked `before` (same record): the changed columns, one audit row of
// `action` with their before/after, and returns the record as stored. Nothing changed: no write,
// no audit row, `before` back.
template <Described R>
R write(db::Transaction& tx, const core::Actor& actor, const R& before, const R& after,
        std::string_view action, const std::optional<std::string>& note = std::nullopt) {
  bool changed = false;
  try {
    changed = store::kit::update(tx.connection(), before.id, before, after, actor);
  } catch (const db::ForeignKeyViolation& error) {
    refused_reference<R>(error);
  }
  if (!changed) {
    return before;
  }
  auto stored = get<R>(tx.connection(), before.id);
  append_audit(tx, actor, action, qgp::kit::meta<R>().entity, before.id, changes(before, stored),
               note);
  return stored;
}

// Refuses a stale version: someone else changed the record since the client read it.
template <Described R>
void check_version(const R& current, std::int64_t sent) {
  if (current.version != sent) {
    throw core::Conflict(fmt::format(
        "the {} was changed by someone else (version {} is current, {} was sent); reload it",
        qgp::kit::meta<R>().noun, current.version, sent));
  }
}

// PATCH: lock, check the version, apply the sent fields, let `validate(before, after)` refuse
// (throwing), write and audit as `update`.
template <Described R, class Validate>
R update(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
         const qgp::kit::Patch<R>& patch, Validate&& validate) {
  const auto before = lock<R>(tx, id);
  check_version(before, patch.version);
  const auto after = qgp::kit::applied(before, patch);
  std::forward<Validate>(validate)(before, after);
  return write(tx, actor, before, after, "update");
}

// A move along R's workflow: lock, check the edge (409/403/422), apply the sent extra fields (422
// for one this move does not take) and the edge's effects, let `prepare(before, after)` add the
// module's own rule (throwing to refuse, or changing `after`), write and audit as `transition` with
// the note.
template <qgp::kit::HasWorkflow R, class Prepare>
R transition(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
             qgp::kit::StateOf<R> to, const std::optional<std::string>& note,
             const qgp::kit::Patch<R>& extra, Prepare&& prepare) {
  const auto& flow = qgp::kit::kWorkflow<R>;
  const auto before = lock<R>(tx, id);
  const auto& edge = flow.check(before, to, note, actor, qgp::kit::meta<R>().noun);
  core::FieldErrors not_carried;
  qgp::kit::for_each_field<R>([&](const auto& f, std::size_t index) {
    if (extra.has(index) && !edge.carries(f.name)) {
      not_carried.emplace(std::string(f.name),
                          fmt::format("is not taken by a move to {}", qgp::kit::wire_name(to)));
    }
  });
  if (!not_carried.empty()) {
    throw core::ValidationError(std::move(not_carried));
  }
  auto after = flow.moved(qgp::kit::applied(before, extra), edge, actor, note);
  std::forward<Prepare>(prepare)(before, after);
  return write(tx, actor, before, after, "transition", note);
}

template <qgp::kit::HasWorkflow R>
R transition(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
             qgp::kit::StateOf<R> to, const std::optional<std::string>& note) {
  return transition<R>(tx, actor, id, to, note, qgp::kit::Patch<R>{},
                       [](const R& /*before*/, R& /*after*/) {});
}

}  // namespace qgp::domain::common
