#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "store/standards/records.hpp"

namespace qgp::domain::standards {

// Pure rules of the standards library (no I/O): identifiers, the clause tree, and the Statement
// of Applicability rules the soa_entries CHECK constraints also enforce.

inline constexpr int kMaxClauseLevel = 10;  // clauses.level CHECK

inline constexpr std::string_view kNotApplicable = "not_applicable";
inline constexpr std::string_view kNotImplemented = "not_implemented";

// Values of soa_entries.implementation_status, in workflow order.
const std::vector<std::string_view>& implementation_statuses();
// Values of controls.theme.
const std::vector<std::string_view>& control_themes();
// Values of clause_mappings.mapping_type.
const std::vector<std::string_view>& mapping_types();

// standards.code: a letter or digit, then letters, digits and . _ : - (at most 30).
bool is_valid_standard_code(std::string_view code);
// clauses.clause_number / controls.control_number: dotted alphanumeric segments (at most 20).
bool is_valid_number(std::string_view number);

// Trims surrounding whitespace; an all-blank text becomes nullopt (no empty strings are stored).
std::optional<std::string> normalized_text(const std::optional<std::string>& text);

// The status a SoA entry gets when the request names none: an excluded control is
// "not_applicable"; an included one keeps its previous real status, else "not_implemented".
std::string default_implementation_status(bool is_applicable,
                                          const std::optional<std::string>& previous);

// A Statement of Applicability entry as the rules see it.
struct SoaDecision {
  bool is_applicable = true;
  std::optional<std::string> justification;  // normalized
  std::string implementation_status;
};
// Field errors (empty when valid): an excluded control needs a justification, and
// "not_applicable" is the status of exactly the excluded controls.
core::FieldErrors validate_soa(const SoaDecision& decision);

// A clause with its sub-clauses and the controls hanging directly under it.
struct ClauseNode {
  store::standards::ClauseRow clause;
  std::vector<ClauseNode> children;
  std::vector<store::standards::ControlRow> controls;
};
// Nests `clauses` (any order; siblings keep the input order) and attaches controls by clause_id.
// A clause whose parent is not in the list becomes a root, so a filtered list still renders.
std::vector<ClauseNode> build_tree(const std::vector<store::standards::ClauseRow>& clauses,
                                   const std::vector<store::standards::ControlRow>& controls);

}  // namespace qgp::domain::standards
