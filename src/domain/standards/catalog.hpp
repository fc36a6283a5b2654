#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace qgp::domain::standards {

// The reference library `qgp seed` loads: numbers and short titles only (ISO text is copyrighted;
// customers load licensed text themselves). Pure data, no I/O.

// One clause of a standard. The parent is implied by the number ("7.1.5" hangs under "7.1"); a
// clause whose implied parent is not in the catalog ("A.5") is top-level.
struct ClauseDef {
  std::string_view number;
  std::string_view title;
};

struct StandardDef {
  std::string_view code;  // natural key, e.g. "ISO9001"
  std::string_view name;
  std::string_view full_name;
  std::string_view edition;
  std::string_view description;
  std::span<const ClauseDef> clauses;  // parents always precede their children
};

// One ISO/IEC 27001:2022 Annex A control; it hangs under the Annex A clause of its theme ("A.5").
struct ControlDef {
  std::string_view number;  // "A.5.1"
  std::string_view title;
  std::string_view theme;  // organizational | people | physical | technological
};

// A set of clauses, at most one per standard, that cover the same requirement. Every pair of
// members from different standards becomes one clause mapping of `mapping_type`.
struct MappingMember {
  std::string_view standard_code;
  std::string_view clause_number;
};
struct MappingGroup {
  std::string_view topic;
  std::string_view mapping_type;  // equivalent | partial | related
  std::span<const MappingMember> members;
};

// One expanded mapping: (a, b) in catalog order; the store orders the pair by clause id.
struct MappingDef {
  MappingMember a;
  MappingMember b;
  std::string_view mapping_type;
};

inline constexpr std::string_view kIso9001 = "ISO9001";
inline constexpr std::string_view kIso14001 = "ISO14001";
inline constexpr std::string_view kIso45001 = "ISO45001";
inline constexpr std::string_view kIso27001 = "ISO27001";

// ISO 9001:2015, ISO 14001:2015, ISO 45001:2018, ISO/IEC 27001:2022 (in that order).
std::span<const StandardDef> standard_catalog();
// The 93 Annex A controls of ISO/IEC 27001:2022 (standard kIso27001).
std::span<const ControlDef> annex_a_controls();
std::span<const MappingGroup> mapping_groups();
// Every pair of every group, members of the same standard never paired.
std::vector<MappingDef> clause_mappings();

// "7.1.5" -> "7.1"; "7" -> "" (no dot, no parent).
std::string_view parent_number(std::string_view number);

}  // namespace qgp::domain::standards
