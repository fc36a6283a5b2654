#pragma once

// Internal to domain/standards: archiving and restoring a standard, clause or control. Records are
// evidence: archiving stamps archived_at/archived_by_id and deactivates the record, restoring
// clears the stamps and activates it again; each is one audited write ("archive", "restore"). An
// archived record is frozen: changes to it are a Conflict.

#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "core/actor.hpp"
#include "core/errors.hpp"
#include "db/errors.hpp"
#include "db/transaction.hpp"
#include "domain/common/records.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"

namespace qgp::domain::standards {

template <class R>
void refuse_archived(const R& row) {
  if (row.archived_at) {
    throw core::Conflict(
        fmt::format("the {} is archived and cannot be changed", kit::meta<R>().noun));
  }
}

// Archives record `id` after `check(record)` found nothing against it (throwing otherwise).
template <class R, class Check>
void archive(db::Transaction& tx, const core::Actor& actor, std::int64_t id, Check&& check) {
  const auto before = common::lock<R>(tx, id);
  if (before.archived_at) {
    throw core::Conflict(fmt::format("the {} is already archived", kit::meta<R>().noun));
  }
  std::forward<Check>(check)(before);
  auto after = before;
  after.archived_at = kit::Timestamp::now();
  after.archived_by_id = actor.user_id;
  after.is_active = false;
  common::write(tx, actor, before, after, "archive");
}

// Restores archived record `id` after `check(record)` found nothing against it.
template <class R, class Check>
R restore(db::Transaction& tx, const core::Actor& actor, std::int64_t id, Check&& check) {
  const auto before = common::lock<R>(tx, id);
  if (!before.archived_at) {
    throw core::Conflict(fmt::format("the {} is not archived", kit::meta<R>().noun));
  }
  std::forward<Check>(check)(before);
  auto after = before;
  after.archived_at = std::nullopt;
  after.archived_by_id = std::nullopt;
  after.is_active = true;
  return common::write(tx, actor, before, after, "restore");
}

// `write()` with a unique constraint's refusal said in the module's words (a Conflict).
template <class Write>
auto unique_or_conflict(Write&& write, const std::string& taken) {
  try {
    return std::forward<Write>(write)();
  } catch (const db::UniqueViolation&) {
    throw core::Conflict(taken);
  }
}

}  // namespace qgp::domain::standards
