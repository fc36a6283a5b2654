#pragma once

// Read views of a standard with its clause tree (ADR-0010): the standard's own fields and each
// clause's, declared once in standard.hpp and clause.hpp, extended with the nested collections.
// GET /standards/{id} nests the clauses; GET /standards/{id}/tree also hangs each clause's controls
// under it.

#include <tuple>
#include <vector>

#include "kit/field.hpp"
#include "model/standards/clause.hpp"
#include "model/standards/control.hpp"
#include "model/standards/standard.hpp"

namespace qgp::model::standards {

// A clause with its sub-clauses.
struct ClauseNode : Clause {
  std::vector<ClauseNode> children;
};

constexpr auto describe(kit::Tag<ClauseNode> /*unused*/) {
  return resource_of<ClauseNode>(
      {.name = "ClauseNode"},
      std::tuple_cat(kit::kResource<Clause>.fields,
                     std::tuple{kit::field("children", &ClauseNode::children)
                                    .computed()
                                    .describe("Its sub-clauses, in tree order")}));
}

// A clause with its sub-clauses and the controls hanging directly under it.
struct ClauseTreeNode : Clause {
  std::vector<ClauseTreeNode> children;
  std::vector<Control> controls;
};

constexpr auto describe(kit::Tag<ClauseTreeNode> /*unused*/) {
  using kit::field;
  return resource_of<ClauseTreeNode>(
      {.name = "ClauseTreeNode"},
      std::tuple_cat(
          kit::kResource<Clause>.fields,
          std::tuple{field("children", &ClauseTreeNode::children)
                         .computed()
                         .describe("Its sub-clauses, in tree order"),
                     field("controls", &ClauseTreeNode::controls)
                         .computed()
                         .describe("The controls hanging directly under it, in number order")}));
}

struct StandardDetail : Standard {
  std::vector<ClauseNode> clauses;
};

constexpr auto describe(kit::Tag<StandardDetail> /*unused*/) {
  return resource_of<StandardDetail>(
      {.name = "StandardDetail"},
      std::tuple_cat(kit::kResource<Standard>.fields,
                     std::tuple{kit::field("clauses", &StandardDetail::clauses)
                                    .computed()
                                    .describe("The top-level clauses, each with its subtree")}));
}

struct StandardTree : Standard {
  std::vector<ClauseTreeNode> clauses;
};

constexpr auto describe(kit::Tag<StandardTree> /*unused*/) {
  return resource_of<StandardTree>(
      {.name = "StandardTree"},
      std::tuple_cat(kit::kResource<Standard>.fields,
                     std::tuple{kit::field("clauses", &StandardTree::clauses)
                                    .computed()
                                    .describe("The top-level clauses, each with its subtree and "
                                              "controls")}));
}

// The query of the two views.
struct TreeOptions {
  bool include_archived = false;
};

constexpr auto describe(kit::Tag<TreeOptions> /*unused*/) {
  return kit::resource<TreeOptions>({.name = "TreeOptions"},
                                    kit::field("include_archived", &TreeOptions::include_archived)
                                        .defaulted()
                                        .describe("true: archived clauses and controls too"));
}

}  // namespace qgp::model::standards
