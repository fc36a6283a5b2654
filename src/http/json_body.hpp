#pragma once

// JSON helpers for api/ code: parse a request body, read typed fields, reject unknown ones, and
// render JSON responses. Every problem becomes a 4xx envelope, never a 500.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "http/message.hpp"

namespace qgp::http {

inline constexpr int kMaxJsonDepth = 32;

// Parses a body that must be one JSON object. Malformed JSON, invalid UTF-8, nesting deeper than
// kMaxJsonDepth, numbers out of range and a key repeated within one object (at any depth) ->
// BAD_REQUEST (400); valid JSON that is not an object -> VALIDATION_ERROR (422) with
// details.fields.body.
nlohmann::json parse_json_object(std::string_view body);

// Reads the fields of one JSON object, collecting every problem. Getters return a neutral value
// after recording a problem, so call finish() before using any value: it throws a ValidationError
// (422, details.fields) listing wrong types, missing fields, out-of-range values and unknown
// fields.
class JsonReader {
 public:
  explicit JsonReader(const nlohmann::json& object, std::string prefix = {});
  // The reader keeps a reference: reading a temporary would dangle (ASan caught one).
  explicit JsonReader(nlohmann::json&& object, std::string prefix = {}) = delete;

  [[nodiscard]] bool present(std::string_view field);  // present, possibly null
  [[nodiscard]] bool is_null(std::string_view field);

  std::string required_string(std::string_view field, std::size_t max_length = 10000);
  std::optional<std::string> optional_string(std::string_view field,
                                             std::size_t max_length = 10000);
  std::int64_t required_int(std::string_view field, std::int64_t min, std::int64_t max);
  std::optional<std::int64_t> optional_int(std::string_view field, std::int64_t min,
                                           std::int64_t max);
  double required_number(std::string_view field, double min, double max);
  std::optional<double> optional_number(std::string_view field, double min, double max);
  bool required_bool(std::string_view field);
  std::optional<bool> optional_bool(std::string_view field);
  std::string required_enum(std::string_view field,
                            std::initializer_list<std::string_view> allowed);
  std::optional<std::string> optional_enum(std::string_view field,
                                           std::initializer_list<std::string_view> allowed);
  std::string required_enum(std::string_view field, const std::vector<std::string_view>& allowed);
  std::optional<std::string> optional_enum(std::string_view field,
                                           const std::vector<std::string_view>& allowed);

  // Records a problem found by the caller (cross-field rules).
  void add_error(std::string_view field, const std::string& problem);
  [[nodiscard]] const core::FieldErrors& errors() const noexcept { return errors_; }

  // Marks every unread field as unknown and throws when any problem was recorded.
  void finish();

 private:
  const nlohmann::json* lookup(std::string_view field);
  std::string name(std::string_view field) const;

  const nlohmann::json& object_;
  std::string prefix_;
  std::set<std::string, std::less<>> read_;
  core::FieldErrors errors_;
};

// "a string", "a number", "null", ... for messages about a value of the wrong type.
std::string json_type_word(const nlohmann::json& value);

// A JSON response with the given status.
Response json_response(int status, const nlohmann::json& body);

}  // namespace qgp::http
