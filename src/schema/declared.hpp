#pragma once

#include "schema/model.hpp"

namespace qgp::schema {

// The declared schema of every module (docs/architecture.md section 4), built once on first use.
// Tables are ordered so that every foreign-key target precedes the tables referencing it.
[[nodiscard]] const Schema& declared_schema();

}  // namespace qgp::schema
