#pragma once

#include <cstdint>
#include <string>

#include "db/connection.hpp"

namespace qgp::testing {

// An active user with a placeholder password hash (it never signs in), inserted directly as the
// schema owner. Returns its id.
std::int64_t insert_user(db::Connection& connection, const std::string& email);

// A draft template, its version 1 and one run (AUD-2026-0001) on it, inserted directly: findings
// hang on runs. Returns the run's id. Once per database (the reference numbers are fixed).
std::int64_t insert_audit_run(db::Connection& connection);

}  // namespace qgp::testing
