#include "store/common/reference_numbers.hpp"

#include "db/connection.hpp"

namespace qgp::store::common {

std::string next_reference_number(db::Connection& connection, std::string_view prefix) {
  // One statement: insert-or-increment takes the row lock, so concurrent callers queue on it.
  static constexpr std::string_view kSql = R"sql(
INSERT INTO reference_counters (prefix, year, last_value)
VALUES ($1, extract(year FROM now() AT TIME ZONE 'UTC')::integer, 1)
ON CONFLICT (prefix, year) DO UPDATE SET last_value = reference_counters.last_value + 1
RETURNING prefix || '-' || year::text || '-' || lpad(last_value::text, 4, '0'))sql";
  auto result = connection.exec_prepared(kSql, db::Params(prefix));
  return result.string(0, 0);
}

}  // namespace qgp::store::common
