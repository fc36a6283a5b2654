#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace qgp::http {

// One way a JSON value fails its schema.
struct SchemaViolation {
  std::string pointer;  // JSON pointer (RFC 6901) into the checked value; "" is the value itself
  std::string rule;     // the schema keyword that failed: "type", "required", "enum", ...
  std::string message;  // what was found, for the log (never for a client)

  bool operator==(const SchemaViolation&) const = default;
};

// Checks JSON values against the JSON Schema 2020-12 subset that QGP's OpenAPI 3.1 document uses
// (ADR-0007): `type` (a name or a list, "integer" being a number without a fraction), `properties`,
// `required`, `additionalProperties` (false or a schema; absent means open), `items`, `enum`,
// `const`, `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum` (numbers, as in 2020-12),
// `minLength`/`maxLength` (Unicode code points), `minItems`/`maxItems`, `uniqueItems`, `format`
// (date and date-time shapes of RFC 3339, int32/int64 ranges; other formats are annotations),
// `oneOf`, `anyOf`, `allOf` and local `$ref`s ("#/components/schemas/Name"). Each keyword applies
// to the instance types it is defined for, as in JSON Schema: a rule a schema does not state is
// never assumed. Annotations (`description`, `readOnly`, `writeOnly`, `default`, `title`,
// `examples`, `deprecated`, `$comment`, `x-*`) and `pattern` (checked on query parameters, not on
// bodies) are skipped. Any other keyword is reported as a violation of that keyword, so a schema
// that says more than this checker understands fails loudly instead of passing unchecked.
class SchemaChecker {
 public:
  // `document`: the root `$ref`s resolve against (the OpenAPI document); copied.
  explicit SchemaChecker(nlohmann::json document);
  // The reference table points into the document: moving keeps its nodes, copying would not.
  SchemaChecker(const SchemaChecker&) = delete;
  SchemaChecker& operator=(const SchemaChecker&) = delete;
  SchemaChecker(SchemaChecker&&) noexcept = default;
  SchemaChecker& operator=(SchemaChecker&&) noexcept = default;
  ~SchemaChecker() = default;

  // Every violation of `value` against `schema`, in document order; empty when it conforms.
  [[nodiscard]] std::vector<SchemaViolation> check(const nlohmann::json& value,
                                                   const nlohmann::json& schema) const;
  // Against "#/components/schemas/<name>".
  [[nodiscard]] std::vector<SchemaViolation> check_component(const nlohmann::json& value,
                                                             std::string_view name) const;

 private:
  struct Walk;
  nlohmann::json document_;
  std::unordered_map<std::string, const nlohmann::json*> components_;  // "#/components/schemas/X"
};

// An RFC 6901 reference token: '~' -> "~0", '/' -> "~1".
std::string escape_pointer_token(std::string_view token);

// RFC 3339 `full-date` (YYYY-MM-DD, a day that exists) and `date-time` (with a time offset).
bool is_rfc3339_date(std::string_view text) noexcept;
bool is_rfc3339_date_time(std::string_view text) noexcept;

// Unicode code points of well-formed UTF-8 text (continuation bytes are not counted).
std::size_t code_points(std::string_view text) noexcept;

}  // namespace qgp::http
