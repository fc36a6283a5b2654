#pragma once

#include <string>
#include <string_view>

namespace qgp::db {

// The same connection string pointed at another database (URI or key=value input; key=value out).
// Used for scratch databases (tests, `qgp db test`, canonicalising the declared schema).
std::string with_database(std::string_view conninfo, std::string_view database);

// The database a connection string names ("" when it relies on libpq's default).
std::string database_of(std::string_view conninfo);

}  // namespace qgp::db
