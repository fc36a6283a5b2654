#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "migrate/revision.hpp"

namespace qgp::migrate {

// A target that does not name exactly one place in the graph (unknown id, ambiguous prefix,
// several heads for `head`, a relative step past the ends): the message says what to do instead.
class TargetError : public core::Error {
 public:
  explicit TargetError(const std::string& message)
      : core::Error(core::ErrorCode::kBadRequest, message) {}
};

// Where a target points: no revision at all (`base`) or a set of revisions whose ancestors are
// to be applied (`heads` may be several).
struct ResolvedTarget {
  bool base = false;
  std::vector<std::string> revisions;
};

// The revision DAG (like Alembic's): every revision names zero (a base), one, or several (a merge)
// parents. Construction validates the set: duplicate ids, missing parents and cycles are
// RevisionFileErrors naming the files involved.
class RevisionGraph {
 public:
  RevisionGraph() = default;
  explicit RevisionGraph(std::vector<Revision> revisions);

  // Topological order, base to head; among independent revisions, file-name order.
  [[nodiscard]] const std::vector<Revision>& revisions() const noexcept { return revisions_; }
  [[nodiscard]] std::size_t size() const noexcept { return revisions_.size(); }
  [[nodiscard]] bool empty() const noexcept { return revisions_.empty(); }

  [[nodiscard]] const Revision* find(std::string_view id) const;
  [[nodiscard]] const Revision& get(std::string_view id) const;   // throws TargetError
  [[nodiscard]] std::size_t index_of(std::string_view id) const;  // position in revisions()

  // Revisions no other revision names as parent, and revisions without parents (topo order).
  [[nodiscard]] std::vector<std::string> heads() const;
  [[nodiscard]] std::vector<std::string> bases() const;
  [[nodiscard]] std::vector<std::string> children(std::string_view id) const;
  // Revisions with more than one child.
  [[nodiscard]] std::vector<std::string> branch_points() const;

  // A full id or a unique prefix (at least 1 character). TargetError when unknown or ambiguous.
  [[nodiscard]] std::string resolve_id(std::string_view id_or_prefix) const;

  // `head` (the single head; several heads are refused, pointing at `qgp db merge`), `heads`,
  // `base`, a full id or unique prefix, `+N` / `-N` (relative to `current`, the database's
  // heads), `REV+N` / `REV-N` (relative to REV). Relative steps must follow a single line: a
  // branch or merge on the way is refused with a message naming it.
  [[nodiscard]] ResolvedTarget resolve(std::string_view target,
                                       const std::vector<std::string>& current = {}) const;

  // The given revisions and all their ancestors, as a membership vector indexed like revisions().
  [[nodiscard]] std::vector<bool> closure(const std::vector<std::string>& ids) const;

  // What an upgrade to `target` applies, in order: the target's ancestors not in `applied`.
  [[nodiscard]] std::vector<std::string> upgrade_path(const std::vector<std::string>& applied_heads,
                                                      const ResolvedTarget& target) const;
  // What a downgrade to `target` reverts, in order (newest first): every applied revision that is
  // not the target or one of its ancestors.
  [[nodiscard]] std::vector<std::string> downgrade_path(
      const std::vector<std::string>& applied_heads, const ResolvedTarget& target) const;

  // The heads of a closed set of revisions (membership vector indexed like revisions()).
  [[nodiscard]] std::vector<std::string> heads_of(const std::vector<bool>& members) const;

 private:
  [[nodiscard]] std::string step(std::string_view from, long steps, std::string_view target) const;

  std::vector<Revision> revisions_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<std::vector<std::size_t>> parents_;
  std::vector<std::vector<std::size_t>> children_;
  std::vector<std::string> sorted_ids_;  // for prefix lookup
};

}  // namespace qgp::migrate
