#include "store/common/reference_numbers.hpp"

#include <fmt/format.h>

#include "db/connection.hpp"

namespace qgp::store::common {

std::string next_reference_number(db::Connection& connection, std::string_view prefix) {
  // qgp_refs.next_number is SECURITY DEFINER (owned by the schema owner): the application role may
  // draw numbers but cannot create, reset or drop the sequences behind them.
  auto result = connection.exec_prepared(
      "SELECT ref_year, ref_number FROM qgp_refs.next_number($1)", db::Params(prefix));
  return format_reference_number(prefix, static_cast<int>(result.int64(0, 0)), result.int64(0, 1));
}

std::string format_reference_number(std::string_view prefix, int year, std::int64_t number) {
  return fmt::format("{}-{:04d}-{:04d}", prefix, year, number);
}

}  // namespace qgp::store::common
