#include "api/common/json.hpp"

#include <charconv>

#include <fmt/format.h>

#include "http/json_body.hpp"

namespace qgp::api::common {

std::vector<std::int64_t> id_array(const nlohmann::json& body, const std::string& field,
                                   core::FieldErrors& errors, std::size_t max_items) {
  std::vector<std::int64_t> ids;
  // By reference and by index, not through iterators: GCC 12 at -O2 reports a "potential null
  // pointer dereference" inside nlohmann's iterator (a false positive that -Werror would make fatal
  // in the Release build).
  if (!body.is_object() || !body.contains(field)) {
    return ids;
  }
  const nlohmann::json& value = body.at(field);
  if (value.is_null()) {
    return ids;
  }
  if (!value.is_array() || value.size() > max_items) {
    errors[field] = fmt::format("must be an array of at most {} ids", max_items);
    return ids;
  }
  const auto count = value.size();
  ids.reserve(count);
  for (std::size_t index = 0; index < count; ++index) {
    const nlohmann::json& item = value[index];
    if (!item.is_number_integer() || item.get<std::int64_t>() <= 0) {
      errors[field] = "must contain positive integer ids";
      return {};
    }
    ids.push_back(item.get<std::int64_t>());
  }
  return ids;
}

std::optional<std::int64_t> id_query(const http::QueryParams& params, const std::string& name,
                                     core::FieldErrors& errors) {
  const auto text = http::single_param(params, name);
  if (!text) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value <= 0) {
    errors[name] = "must be a positive integer";
    return std::nullopt;
  }
  return value;
}

http::Response created(const std::string& location, const nlohmann::json& body) {
  auto response = http::json_response(201, body);
  response.set_header("Location", location);
  return response;
}

http::Response no_content() {
  http::Response response;
  response.status = 204;
  return response;
}

}  // namespace qgp::api::common
