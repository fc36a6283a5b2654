#include "domain/standards/rules.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

namespace qgp::domain::standards {

namespace {

constexpr std::size_t kMaxCodeLength = 30;
constexpr std::size_t kMaxNumberLength = 20;

bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

using store::standards::ClauseRow;
using store::standards::ControlRow;

struct TreeIndex {
  const std::vector<ClauseRow>* clauses = nullptr;
  std::unordered_map<std::int64_t, std::vector<std::size_t>> children;  // parent id -> indices
  std::unordered_map<std::int64_t, std::vector<const ControlRow*>> controls;  // clause id -> rows
  std::unordered_set<std::int64_t> placed;  // guards against a cycle in corrupt data
};

ClauseNode build_node(TreeIndex& index, std::size_t position) {
  ClauseNode node;
  node.clause = (*index.clauses)[position];
  index.placed.insert(node.clause.id);
  if (const auto found = index.controls.find(node.clause.id); found != index.controls.end()) {
    for (const auto* control : found->second) {
      node.controls.push_back(*control);
    }
  }
  if (const auto found = index.children.find(node.clause.id); found != index.children.end()) {
    for (const auto child : found->second) {
      if (!index.placed.contains((*index.clauses)[child].id)) {
        node.children.push_back(build_node(index, child));
      }
    }
  }
  return node;
}

}  // namespace

const std::vector<std::string_view>& implementation_statuses() {
  static const std::vector<std::string_view> kStatuses = {
      "not_implemented", "planned", "partially_implemented", "implemented", "not_applicable"};
  return kStatuses;
}

const std::vector<std::string_view>& control_themes() {
  static const std::vector<std::string_view> kThemes = {"organizational", "people", "physical",
                                                        "technological"};
  return kThemes;
}

const std::vector<std::string_view>& mapping_types() {
  static const std::vector<std::string_view> kTypes = {"equivalent", "partial", "related"};
  return kTypes;
}

bool is_valid_standard_code(std::string_view code) {
  if (code.empty() || code.size() > kMaxCodeLength || !is_alnum(code.front())) {
    return false;
  }
  return std::all_of(code.begin(), code.end(), [](char c) {
    return is_alnum(c) || c == '.' || c == '_' || c == ':' || c == '-';
  });
}

bool is_valid_number(std::string_view number) {
  if (number.empty() || number.size() > kMaxNumberLength) {
    return false;
  }
  bool segment_empty = true;
  for (const char c : number) {
    if (c == '.') {
      if (segment_empty) {
        return false;
      }
      segment_empty = true;
    } else if (is_alnum(c)) {
      segment_empty = false;
    } else {
      return false;
    }
  }
  return !segment_empty;
}

std::optional<std::string> normalized_text(const std::optional<std::string>& text) {
  if (!text) {
    return std::nullopt;
  }
  constexpr std::string_view kBlank = " \t\r\n";
  const auto first = text->find_first_not_of(kBlank);
  if (first == std::string::npos) {
    return std::nullopt;
  }
  const auto last = text->find_last_not_of(kBlank);
  return text->substr(first, last - first + 1);
}

std::string default_implementation_status(bool is_applicable,
                                          const std::optional<std::string>& previous) {
  if (!is_applicable) {
    return std::string(kNotApplicable);
  }
  if (previous && *previous != kNotApplicable) {
    return *previous;
  }
  return std::string(kNotImplemented);
}

core::FieldErrors validate_soa(const SoaDecision& decision) {
  core::FieldErrors errors;
  if (!decision.is_applicable && !decision.justification) {
    errors["justification"] = "required when the control is excluded (is_applicable false)";
  }
  bool known = false;
  for (const auto status : implementation_statuses()) {
    known = known || status == decision.implementation_status;
  }
  if (!known) {
    errors["implementation_status"] = "unknown implementation status";
  } else if (decision.is_applicable && decision.implementation_status == kNotApplicable) {
    errors["implementation_status"] =
        "not_applicable is reserved for excluded controls (set is_applicable false)";
  } else if (!decision.is_applicable && decision.implementation_status != kNotApplicable) {
    errors["implementation_status"] = "an excluded control must be not_applicable";
  }
  return errors;
}

std::vector<ClauseNode> build_tree(const std::vector<ClauseRow>& clauses,
                                   const std::vector<ControlRow>& controls) {
  TreeIndex index;
  index.clauses = &clauses;
  std::unordered_set<std::int64_t> ids;
  for (const auto& clause : clauses) {
    ids.insert(clause.id);
  }
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < clauses.size(); ++i) {
    const auto& parent = clauses[i].parent_clause_id;
    if (parent && ids.contains(*parent)) {
      index.children[*parent].push_back(i);
    } else {
      roots.push_back(i);
    }
  }
  for (const auto& control : controls) {
    if (control.clause_id) {
      index.controls[*control.clause_id].push_back(&control);
    }
  }
  std::vector<ClauseNode> tree;
  tree.reserve(roots.size());
  for (const auto root : roots) {
    tree.push_back(build_node(index, root));
  }
  return tree;
}

}  // namespace qgp::domain::standards
