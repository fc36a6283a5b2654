#include "api/standards/csv.hpp"

#include <optional>

#include "domain/standards/rules.hpp"

namespace qgp::api::standards {

namespace {

constexpr std::string_view kCrlf = "\r\n";

std::string optional_text(const std::optional<std::string>& value) {
  return value ? csv_text_field(*value) : std::string();
}

std::string optional_id(const std::optional<std::int64_t>& value) {
  return value ? std::to_string(*value) : std::string();
}

}  // namespace

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(value);
  }
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"') {
      quoted += '"';
    }
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string csv_text_field(std::string_view value) {
  if (!value.empty()
      && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) {
    return csv_field("'" + std::string(value));
  }
  return csv_field(value);
}

std::string soa_csv(const std::vector<store::standards::SoaLine>& lines) {
  std::string csv =
      "control_number,title,theme,clause_number,is_applicable,justification,"
      "implementation_status,owner_id,notes,reviewed_at";
  csv += kCrlf;
  for (const auto& line : lines) {
    const auto& control = line.control;
    const auto& entry = line.entry;
    const bool applicable = entry ? entry->is_applicable : true;
    csv += csv_field(control.control_number);
    csv += ',' + csv_text_field(control.title);
    csv += ',' + csv_field(control.theme.value_or(""));
    csv += ',' + csv_field(control.clause_number.value_or(""));
    csv += ',' + std::string(applicable ? "true" : "false");
    csv += ',' + optional_text(entry ? entry->justification : std::nullopt);
    csv += ','
           + csv_field(entry ? entry->implementation_status
                             : std::string(domain::standards::kNotImplemented));
    csv += ',' + optional_id(entry ? entry->owner_id : std::nullopt);
    csv += ',' + optional_text(entry ? entry->notes : std::nullopt);
    csv += ',' + csv_field(entry ? entry->reviewed_at.value_or("") : "");
    csv += kCrlf;
  }
  return csv;
}

}  // namespace qgp::api::standards
