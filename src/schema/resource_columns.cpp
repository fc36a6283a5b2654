#include "schema/resource_columns.hpp"

#include <stdexcept>

namespace qgp::schema::build {

FkAction fk_action(kit::OnDelete on_delete) {
  switch (on_delete) {
    case kit::OnDelete::kNoAction:
      return FkAction::kNoAction;
    case kit::OnDelete::kRestrict:
      return FkAction::kRestrict;
    case kit::OnDelete::kCascade:
      return FkAction::kCascade;
    case kit::OnDelete::kSetNull:
      return FkAction::kSetNull;
  }
  return FkAction::kNoAction;
}

std::string pattern_check(std::string_view column, std::string_view pattern,
                          std::int64_t max_length) {
  if (pattern.find('\'') != std::string_view::npos) {
    throw std::logic_error(fmt::format("the pattern of {} has a quote", column));
  }
  return fmt::format("{0} ~ '{1}' AND char_length({0}) <= {2}", column, pattern, max_length);
}

}  // namespace qgp::schema::build
