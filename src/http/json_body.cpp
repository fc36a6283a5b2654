#include "http/json_body.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace qgp::http {

namespace {

struct DuplicateKey {
  std::string key;
};

// At most this many bytes of a duplicate key are quoted back (cut at a UTF-8 boundary).
constexpr std::size_t kMaxQuotedKey = 64;

std::string quoted_key(const std::string& key) {
  if (key.size() <= kMaxQuotedKey) {
    return key;
  }
  std::size_t end = kMaxQuotedKey;
  while (end > 0 && (static_cast<unsigned char>(key[end]) & 0xC0U) == 0x80U) {
    --end;  // never cut inside a multi-byte character
  }
  return key.substr(0, end) + "...";
}

struct TooDeep {};

}  // namespace

std::string json_type_word(const nlohmann::json& value) {
  if (value.is_null()) {
    return "null";
  }
  if (value.is_boolean()) {
    return "a boolean";
  }
  if (value.is_number()) {
    return "a number";
  }
  if (value.is_string()) {
    return "a string";
  }
  if (value.is_array()) {
    return "an array";
  }
  return "an object";
}

nlohmann::json parse_json_object(std::string_view body) {
  if (body.empty()) {
    throw core::Error(core::ErrorCode::kBadRequest, "request body must be a JSON object");
  }
  if (!is_valid_utf8(body)) {
    throw core::Error(core::ErrorCode::kBadRequest, "request body is not valid UTF-8");
  }
  nlohmann::json parsed;
  // The keys seen so far in each object being parsed, innermost last: a repeated key is refused
  // (RFC 8259 leaves duplicates undefined; "the last one wins" would let an earlier value pass
  // unvalidated).
  std::vector<std::set<std::string, std::less<>>> open_objects;
  try {
    parsed = nlohmann::json::parse(
        body.begin(), body.end(),
        [&open_objects](int depth, nlohmann::json::parse_event_t event, nlohmann::json& value) {
          if (depth > kMaxJsonDepth) {
            throw TooDeep{};
          }
          using Event = nlohmann::json::parse_event_t;
          if (event == Event::object_start) {
            open_objects.emplace_back();
          } else if (event == Event::object_end) {
            open_objects.pop_back();
          } else if (event == Event::key) {
            const auto& key = value.get_ref<const std::string&>();
            if (!open_objects.back().insert(key).second) {
              throw DuplicateKey{key};
            }
          }
          return true;
        });
  } catch (const TooDeep&) {
    throw core::Error(core::ErrorCode::kBadRequest,
                      fmt::format("JSON nested deeper than {} levels", kMaxJsonDepth));
  } catch (const DuplicateKey& duplicate) {
    throw core::Error(
        core::ErrorCode::kBadRequest,
        fmt::format("duplicate key \"{}\" in JSON object", quoted_key(duplicate.key)));
  } catch (const nlohmann::json::parse_error& e) {
    // e.what() quotes the input; report only the position.
    throw core::Error(core::ErrorCode::kBadRequest,
                      fmt::format("malformed JSON near byte {}", e.byte));
  } catch (const nlohmann::json::exception&) {
    throw core::Error(core::ErrorCode::kBadRequest, "JSON number out of range");
  }
  if (!parsed.is_object()) {
    throw core::ValidationError("body", "must be a JSON object");
  }
  return parsed;
}

JsonReader::JsonReader(const nlohmann::json& object, std::string prefix)
    : object_(object), prefix_(std::move(prefix)) {}

std::string JsonReader::name(std::string_view field) const {
  return prefix_.empty() ? std::string(field) : fmt::format("{}.{}", prefix_, field);
}

const nlohmann::json* JsonReader::lookup(std::string_view field) {
  read_.emplace(field);
  const auto it = object_.find(field);
  return it == object_.end() ? nullptr : &*it;
}

bool JsonReader::present(std::string_view field) {
  return lookup(field) != nullptr;
}

bool JsonReader::is_null(std::string_view field) {
  const auto* value = lookup(field);
  return value != nullptr && value->is_null();
}

void JsonReader::add_error(std::string_view field, const std::string& problem) {
  errors_.emplace(name(field), problem);
}

std::optional<std::string> JsonReader::optional_string(std::string_view field,
                                                       std::size_t max_length) {
  const auto* value = lookup(field);
  if (value == nullptr || value->is_null()) {
    return std::nullopt;
  }
  if (!value->is_string()) {
    add_error(field, fmt::format("must be a string, not {}", json_type_word(*value)));
    return std::nullopt;
  }
  const auto& text = value->get_ref<const std::string&>();
  if (text.size() > max_length) {
    add_error(field, fmt::format("must be at most {} bytes", max_length));
    return std::nullopt;
  }
  if (text.find('\0') != std::string::npos) {
    add_error(field, "must not contain NUL characters");
    return std::nullopt;
  }
  return text;
}

std::string JsonReader::required_string(std::string_view field, std::size_t max_length) {
  const auto* value = lookup(field);
  if (value == nullptr || value->is_null()) {
    add_error(field, "is required");
    return {};
  }
  return optional_string(field, max_length).value_or(std::string());
}

std::optional<std::int64_t> JsonReader::optional_int(std::string_view field, std::int64_t min,
                                                     std::int64_t max) {
  const auto* value = lookup(field);
  if (value == nullptr || value->is_null()) {
    return std::nullopt;
  }
  const auto out_of_range = [&] {
    add_error(field, fmt::format("must be between {} and {}", min, max));
    return std::nullopt;
  };
  if (value->is_number_unsigned()) {
    const auto unsigned_value = value->get<std::uint64_t>();
    if (unsigned_value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return out_of_range();
    }
  } else if (!value->is_number_integer()) {
    add_error(field, fmt::format("must be an integer, not {}", json_type_word(*value)));
    return std::nullopt;
  }
  const auto number = value->get<std::int64_t>();
  if (number < min || number > max) {
    return out_of_range();
  }
  return number;
}

std::int64_t JsonReader::required_int(std::string_view field, std::int64_t min, std::int64_t max) {
  const auto* value = lookup(field);
  if (value == nullptr || value->is_null()) {
    add_error(field, "is required");
    return 0;
  }
  return optional_int(field, min, max).value_or(0);
}

std::optional<double> JsonReader::optional_number(std::string_view field, double min, double max) {
  const auto* value = lookup(field);
  if (value == nullptr || value->is_null()) {
    return std::nullopt;
  }
  if (!value->is_number()) {
    add_error(field, fmt::format("must be a number, not {}", json_type_word(*value)));
    return std::nullopt;
  }
  const auto number = value->get<double>();
  if (!std::isfinite(number) || number < min || number > max) {
    add_error(field, fmt::format("must be between {} and {}", min, max));
    return std::nullopt;
  }
  return number;
}

double JsonReader::required_number(std::string_view field, double min, double max) {
  const auto* value = lookup(field);
  if (value == nullptr || value->is_null()) {
    add_error(field, "is required");
    return 0;
  }
  return optional_number(field, min, max).value_or(0);
}

std::optional<bool> JsonReader::optional_bool(std::string_view field) {
  const auto* value = lookup(field);
  if (value == nullptr || value->is_null()) {
    return std::nullopt;
  }
  if (!value->is_boolean()) {
    add_error(field, fmt::format("must be a boolean, not {}", json_type_word(*value)));
    return std::nullopt;
  }
  return value->get<bool>();
}

bool JsonReader::required_bool(std::string_view field) {
  const auto* value = lookup(field);
  if (value == nullptr || value->is_null()) {
    add_error(field, "is required");
    return false;
  }
  return optional_bool(field).value_or(false);
}

std::optional<std::string> JsonReader::optional_enum(
    std::string_view field, std::initializer_list<std::string_view> allowed) {
  return optional_enum(field, std::vector<std::string_view>(allowed));
}

std::string JsonReader::required_enum(std::string_view field,
                                      std::initializer_list<std::string_view> allowed) {
  return required_enum(field, std::vector<std::string_view>(allowed));
}

std::optional<std::string> JsonReader::optional_enum(std::string_view field,
                                                     const std::vector<std::string_view>& allowed) {
  auto text = optional_string(field, 200);
  if (!text) {
    return std::nullopt;
  }
  if (std::ranges::find(allowed, *text) == allowed.end()) {
    add_error(field, fmt::format("must be one of: {}", fmt::join(allowed, ", ")));
    return std::nullopt;
  }
  return text;
}

std::string JsonReader::required_enum(std::string_view field,
                                      const std::vector<std::string_view>& allowed) {
  const auto* value = lookup(field);
  if (value == nullptr || value->is_null()) {
    add_error(field, "is required");
    return {};
  }
  return optional_enum(field, allowed).value_or(std::string());
}

void JsonReader::finish() {
  for (const auto& item : object_.items()) {
    if (read_.find(item.key()) == read_.end()) {
      errors_.emplace(name(item.key()), "unknown field");
    }
  }
  if (!errors_.empty()) {
    throw core::ValidationError(errors_);
  }
}

Response json_response(int status, const nlohmann::json& body) {
  Response response;
  response.status = status;
  response.set_header("Content-Type", "application/json");
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

}  // namespace qgp::http
