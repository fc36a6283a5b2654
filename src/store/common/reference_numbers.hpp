#pragma once

#include <string>
#include <string_view>

namespace qgp::db {
class Connection;
}

namespace qgp::store::common {

// The next PREFIX-YYYY-NNNN reference number (UTC year of the database clock; grows past 9999).
// Must run inside the caller's transaction: the per-(prefix, year) counter row stays locked until
// commit, so numbers are unique under any concurrency, and a rolled-back insert leaves a gap
// rather than a reused number.
std::string next_reference_number(db::Connection& connection, std::string_view prefix);

}  // namespace qgp::store::common
