#include "domain/standards/rules.hpp"

#include "kit/text.hpp"

namespace qgp::domain::standards {

ImplementationStatus default_implementation_status(bool is_applicable,
                                                   std::optional<ImplementationStatus> previous) {
  if (!is_applicable) {
    return ImplementationStatus::kNotApplicable;
  }
  if (previous && *previous != ImplementationStatus::kNotApplicable) {
    return *previous;
  }
  return ImplementationStatus::kNotImplemented;
}

core::FieldErrors validate_soa(const model::standards::SoaEntry& entry) {
  core::FieldErrors errors;
  if (!entry.is_applicable && (!entry.justification || kit::is_blank(*entry.justification))) {
    errors["justification"] = "required when the control is excluded (is_applicable false)";
  }
  const bool reserved = entry.implementation_status == ImplementationStatus::kNotApplicable;
  if (entry.is_applicable && reserved) {
    errors["implementation_status"] =
        "not_applicable is reserved for excluded controls (set is_applicable false)";
  } else if (!entry.is_applicable && !reserved) {
    errors["implementation_status"] = "an excluded control must be not_applicable";
  }
  return errors;
}

}  // namespace qgp::domain::standards
