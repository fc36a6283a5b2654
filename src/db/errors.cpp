#include "db/errors.hpp"

#include <string_view>

namespace qgp::db {

void throw_for_sqlstate(Diagnostics diagnostics) {
  const std::string_view state = diagnostics.sqlstate;
  if (state == "23505") {
    throw UniqueViolation(std::move(diagnostics));
  }
  if (state == "23503") {
    throw ForeignKeyViolation(std::move(diagnostics));
  }
  if (state == "40001" || state == "40P01") {
    throw SerializationFailure(std::move(diagnostics));
  }
  if (state == "55P03" || state == "57014") {
    throw LockTimeout(std::move(diagnostics));
  }
  if (state.starts_with("23") || state.starts_with("22")) {
    throw DataViolation(std::move(diagnostics));
  }
  if (state.empty() || state.starts_with("08") || state.starts_with("57P")) {
    throw ConnectionError(std::move(diagnostics));
  }
  throw DbError(core::ErrorCode::kInternal, std::move(diagnostics));
}

}  // namespace qgp::db
