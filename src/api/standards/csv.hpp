#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/standards/soa.hpp"

namespace qgp::api::standards {

// One CSV field per RFC 4180: quoted (with doubled quotes) when it holds a comma, quote, CR or LF.
std::string csv_field(std::string_view value);

// A field of text typed by users: as csv_field, but a leading =, +, -, @, tab or CR gets a single
// quote in front so a spreadsheet shows it instead of evaluating it (CSV injection).
std::string csv_text_field(std::string_view value);

// The Statement of Applicability as CSV: a header row of the exported fields' names, then one
// CRLF-terminated row per line (controls without an entry show the defaults), each value as the
// declaration renders it (enumerations by wire name, null as an empty field).
std::string soa_csv(const std::vector<model::standards::SoaLine>& lines);

}  // namespace qgp::api::standards
