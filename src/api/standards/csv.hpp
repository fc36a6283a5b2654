#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/kit/csv.hpp"
#include "model/standards/soa.hpp"

namespace qgp::api::standards {

// RFC 4180 fields (api/kit/csv.hpp).
using kit::csv_field;
using kit::csv_text_field;

// The Statement of Applicability as CSV: a header row of the exported fields' names, then one
// CRLF-terminated row per line (controls without an entry show the defaults), each value as the
// declaration renders it (enumerations by wire name, null as an empty field).
std::string soa_csv(const std::vector<model::standards::SoaLine>& lines);

}  // namespace qgp::api::standards
