#pragma once

// Internal to api/audits: reading the fields of a PATCH body. An absent field keeps its value, an
// explicit null clears a nullable field, and null for a field that cannot be empty is a 422.

#include <optional>
#include <string>
#include <string_view>

#include "http/json_body.hpp"

namespace qgp::api::audits {

// A nullable field: absent -> nullopt; null -> an optional holding nullopt; a value -> read().
template <typename Read>
auto patch_field(http::JsonReader& reader, std::string_view field, Read read)
    -> std::optional<decltype(read())> {
  if (!reader.present(field)) {
    return std::nullopt;
  }
  if (reader.is_null(field)) {
    return decltype(read()){};
  }
  return read();
}

// A field that cannot be cleared: absent -> nullopt (kept); null -> a problem on the field; a
// value -> read() (itself an optional: nullopt after recording a wrong type).
template <typename Read>
auto non_null_field(http::JsonReader& reader, std::string_view field, Read read)
    -> decltype(read()) {
  if (reader.is_null(field)) {
    reader.add_error(field, "cannot be null");
    return std::nullopt;
  }
  return read();
}

// A `status` field in a PATCH body: refused with a pointer to the verbs that change it.
inline void refuse_status(http::JsonReader& reader, std::string_view how) {
  if (reader.present("status")) {
    reader.add_error("status", "cannot be changed by PATCH; " + std::string(how));
  }
}

}  // namespace qgp::api::audits
