#pragma once

// Pure rules of the standards library (no I/O): the Statement of Applicability rules the
// soa_entries CHECK constraints also enforce, and the clause tree.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/errors.hpp"
#include "model/standards/clause.hpp"
#include "model/standards/control.hpp"
#include "model/standards/soa.hpp"

namespace qgp::domain::standards {

using model::standards::ImplementationStatus;

// The status an entry gets when the assessment names none: an excluded control is not_applicable;
// an included one keeps its previous real status, else not_implemented.
ImplementationStatus default_implementation_status(bool is_applicable,
                                                   std::optional<ImplementationStatus> previous);

// Field errors (empty when valid): an excluded control needs a justification that is not blank,
// and not_applicable is the status of exactly the excluded controls.
core::FieldErrors validate_soa(const model::standards::SoaEntry& entry);

// Nests `clauses` (any order; siblings keep the input order) into Nodes (a Clause with its
// `children`, and its `controls` when Node has them, attached by clause_id). A clause whose parent
// is not in the list becomes a root, so a filtered list still renders; a cycle in corrupt data
// places no clause twice.
template <class Node>
std::vector<Node> build_tree(const std::vector<model::standards::Clause>& clauses,
                             const std::vector<model::standards::Control>& controls) {
  std::unordered_set<std::int64_t> ids;
  for (const auto& clause : clauses) {
    ids.insert(clause.id);
  }
  std::unordered_map<std::int64_t, std::vector<std::size_t>> children;  // parent id -> indices
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < clauses.size(); ++i) {
    const auto& parent = clauses[i].parent_clause_id;
    if (parent && ids.contains(*parent)) {
      children[*parent].push_back(i);
    } else {
      roots.push_back(i);
    }
  }
  std::unordered_map<std::int64_t, std::vector<const model::standards::Control*>> under;
  for (const auto& control : controls) {
    if (control.clause_id) {
      under[*control.clause_id].push_back(&control);
    }
  }
  std::unordered_set<std::int64_t> placed;
  const auto build = [&](const auto& self, std::size_t position) -> Node {
    Node node;
    static_cast<model::standards::Clause&>(node) = clauses[position];
    placed.insert(node.id);
    if constexpr (requires { node.controls; }) {
      if (const auto found = under.find(node.id); found != under.end()) {
        for (const auto* control : found->second) {
          node.controls.push_back(*control);
        }
      }
    }
    if (const auto found = children.find(node.id); found != children.end()) {
      for (const auto child : found->second) {
        if (!placed.contains(clauses[child].id)) {
          node.children.push_back(self(self, child));
        }
      }
    }
    return node;
  };
  std::vector<Node> tree;
  tree.reserve(roots.size());
  for (const auto root : roots) {
    tree.push_back(build(build, root));
  }
  return tree;
}

}  // namespace qgp::domain::standards
