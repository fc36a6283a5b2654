#include "core/json_text.hpp"

#include <cctype>

#include <nlohmann/json.hpp>

namespace qgp::core {

std::string json_string(std::string_view text) {
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool is_json_number(std::string_view text) {
  // A valid JSON text that starts like a number is one: accept() checks the whole grammar.
  return !text.empty()
         && (text.front() == '-' || std::isdigit(static_cast<unsigned char>(text.front())) != 0)
         && nlohmann::json::accept(text);
}

}  // namespace qgp::core
