#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/standards/records.hpp"

namespace qgp::api::standards {

// One CSV field per RFC 4180: quoted (with doubled quotes) when it holds a comma, quote, CR or LF.
std::string csv_field(std::string_view value);

// A field of free text typed by users: as csv_field, but a leading =, +, -, @, tab or CR gets a
// single quote in front so a spreadsheet shows it instead of evaluating it (CSV injection).
std::string csv_text_field(std::string_view value);

// The Statement of Applicability as CSV: a header row, then one CRLF-terminated row per control
// (controls without an entry show the defaults).
std::string soa_csv(const std::vector<store::standards::SoaLine>& lines);

}  // namespace qgp::api::standards
