#pragma once

#include <cstdint>

#include "db/connection.hpp"

namespace qgp::testing {

// A draft template, its version 1 and one run (AUD-2026-0001) on it, inserted directly: findings
// hang on runs. Returns the run's id. Once per database (the reference numbers are fixed).
std::int64_t insert_audit_run(db::Connection& connection);

}  // namespace qgp::testing
