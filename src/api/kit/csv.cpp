#include "api/kit/csv.hpp"

namespace qgp::api::kit {

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

}  // namespace qgp::api::kit
