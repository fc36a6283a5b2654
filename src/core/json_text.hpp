#pragma once

#include <string>
#include <string_view>

// JSON text for code that writes a small document itself, without holding JSON values (store/
// writes audit_log.changes this way and never sees a JSON library).
namespace qgp::core {

// `text` as a JSON string literal: quoted and escaped (invalid UTF-8 replaced by U+FFFD).
std::string json_string(std::string_view text);

// Whether `text` is exactly one JSON number ("-12.50", "1.5e3"; not "NaN", "007", ".5").
bool is_json_number(std::string_view text);

}  // namespace qgp::core
