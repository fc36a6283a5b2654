#include "schema/resource_columns.hpp"

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

}  // namespace qgp::schema::build
