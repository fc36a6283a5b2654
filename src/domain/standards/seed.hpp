#pragma once

#include <cstdint>

#include "core/actor.hpp"
#include "db/transaction.hpp"

namespace qgp::domain::standards {

struct SeedCounts {
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  [[nodiscard]] std::int64_t changed() const noexcept { return created + updated; }
};

struct SeedResult {
  SeedCounts standards;
  SeedCounts clauses;
  SeedCounts controls;
  SeedCounts mappings;
  [[nodiscard]] std::int64_t changed() const noexcept {
    return standards.changed() + clauses.changed() + controls.changed() + mappings.changed();
  }
};

// Loads the catalog (catalog.hpp) into the database in the CALLER's unit of work, matching rows by
// natural key (standard code, clause number, control number, clause pair). Only the fields the
// catalog owns are reconciled (names, titles, tree position, themes, mapping types); a
// description, is_active flag, SoA entry or anything else a user set is left alone, and archived
// records are never revived. Idempotent: a second run changes nothing and writes no audit rows.
SeedResult seed(db::Transaction& tx, const core::Actor& actor);

}  // namespace qgp::domain::standards
