#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace qgp::db {
class Connection;
}

namespace qgp::store::common {

// The next PREFIX-YYYY-NNNN reference number (UTC year of the transaction's start), from a
// sequence per (prefix, year) that the first number of the year creates (docs/adr/0012). nextval
// holds no lock until commit, so creates of one module never queue behind each other here. Numbers
// are unique under any concurrency and never reused; a rolled-back create leaves a gap. Past 9999
// the number grows (FND-2026-10000): text order is then not numeric order.
std::string next_reference_number(db::Connection& connection, std::string_view prefix);

// PREFIX-YYYY-NNNN: at least four digits, zero-padded, never truncated.
std::string format_reference_number(std::string_view prefix, int year, std::int64_t number);

}  // namespace qgp::store::common
