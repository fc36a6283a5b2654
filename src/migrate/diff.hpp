#pragma once

#include <string>
#include <vector>

#include "migrate/catalog.hpp"

namespace qgp::migrate {

// One difference between two catalogs and the statements that resolve it.
struct Change {
  int phase = 0;  // dependency order: lower phases run first
  std::string description;
  std::string review;  // non-empty: a human must look at this before applying (data loss, ...)
  std::vector<std::string> statements;
  bool concurrent = false;  // CREATE INDEX CONCURRENTLY: cannot run inside a transaction
};

// Changes in the order they must run.
struct Plan {
  std::vector<Change> changes;
  [[nodiscard]] bool empty() const { return changes.empty(); }
  [[nodiscard]] bool concurrent() const;
  // The statements as a script: each change introduced by "-- <description>" (and any
  // "-- REVIEW: ..." line), statements terminated by ";".
  [[nodiscard]] std::string sql() const;
  [[nodiscard]] std::vector<std::string> descriptions() const;
};

struct Diff {
  Plan upgrade;    // turns `from` into `to`
  Plan downgrade;  // turns `to` back into `from`
  [[nodiscard]] bool empty() const { return upgrade.empty(); }
  // False when either direction builds an index CONCURRENTLY on an existing table: the revision is
  // then written `transactional: false` (every statement commits on its own, so NOT VALID +
  // VALIDATE also stop holding their locks together).
  [[nodiscard]] bool transactional() const {
    return !upgrade.concurrent() && !downgrade.concurrent();
  }
};

// Compares two catalogs. Objects are matched by name; renames happen only where the target's
// declared model says `renamed_from` (otherwise a rename is a drop plus an add, flagged for
// review). When both catalogs were introspected, constraints, indexes, triggers and functions are
// compared on PostgreSQL's own rendering of them, which is exact.
Diff diff(const Catalog& from, const Catalog& to);

}  // namespace qgp::migrate
