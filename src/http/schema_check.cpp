#include "http/schema_check.hpp"

#include <algorithm>
#include <array>
#include <compare>
#include <cstdint>
#include <limits>
#include <set>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

namespace qgp::http {

namespace {

// Nested schema evaluations before a `$ref` cycle that consumes no input is declared one.
constexpr int kMaxDepth = 96;

// The keywords the checker knows. Annotations state no rule for a response body.
enum class Keyword : std::uint8_t {
  kAnnotation,
  kUnknown,
  kRef,
  kType,
  kEnum,
  kConst,
  kOneOf,
  kAnyOf,
  kAllOf,
  kProperties,
  kRequired,
  kAdditionalProperties,
  kItems,
  kMaxItems,
  kMinItems,
  kUniqueItems,
  kMaxLength,
  kMinLength,
  kFormat,
  kMinimum,
  kMaximum,
  kExclusiveMinimum,
  kExclusiveMaximum
};

// Sorted for a binary search: this runs for each keyword of each schema a body meets.
constexpr auto kKeywords = std::to_array<std::pair<std::string_view, Keyword>>({
    {"$comment", Keyword::kAnnotation},
    {"$ref", Keyword::kRef},
    {"$schema", Keyword::kAnnotation},
    {"additionalProperties", Keyword::kAdditionalProperties},
    {"allOf", Keyword::kAllOf},
    {"anyOf", Keyword::kAnyOf},
    {"const", Keyword::kConst},
    {"default", Keyword::kAnnotation},
    {"deprecated", Keyword::kAnnotation},
    {"description", Keyword::kAnnotation},
    {"enum", Keyword::kEnum},
    {"examples", Keyword::kAnnotation},
    {"exclusiveMaximum", Keyword::kExclusiveMaximum},
    {"exclusiveMinimum", Keyword::kExclusiveMinimum},
    {"format", Keyword::kFormat},
    {"items", Keyword::kItems},
    {"maxItems", Keyword::kMaxItems},
    {"maxLength", Keyword::kMaxLength},
    {"maximum", Keyword::kMaximum},
    {"minItems", Keyword::kMinItems},
    {"minLength", Keyword::kMinLength},
    {"minimum", Keyword::kMinimum},
    {"oneOf", Keyword::kOneOf},
    {"pattern", Keyword::kAnnotation},
    {"properties", Keyword::kProperties},
    {"readOnly", Keyword::kAnnotation},
    {"required", Keyword::kRequired},
    {"title", Keyword::kAnnotation},
    {"type", Keyword::kType},
    {"uniqueItems", Keyword::kUniqueItems},
    {"writeOnly", Keyword::kAnnotation},
});
static_assert(std::ranges::is_sorted(kKeywords, {}, &std::pair<std::string_view, Keyword>::first));

Keyword classify(std::string_view keyword) {
  if (keyword.starts_with("x-")) {
    return Keyword::kAnnotation;  // OpenAPI extensions
  }
  const auto* it = std::ranges::lower_bound(kKeywords, keyword, {},
                                            &std::pair<std::string_view, Keyword>::first);
  return it != kKeywords.end() && it->first == keyword ? it->second : Keyword::kUnknown;
}

std::string_view type_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return "boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "integer";
    case nlohmann::json::value_t::number_float:
      return "number";
    case nlohmann::json::value_t::string:
      return "string";
    case nlohmann::json::value_t::array:
      return "array";
    case nlohmann::json::value_t::object:
      return "object";
    default:
      return "binary";
  }
}

bool is_integral(const nlohmann::json& value) {
  if (value.is_number_integer()) {  // signed and unsigned
    return true;
  }
  if (value.is_number_float()) {
    const double d = value.get<double>();
    return d == static_cast<double>(static_cast<std::int64_t>(d))
           && d > static_cast<double>(std::numeric_limits<std::int64_t>::min())
           && d < static_cast<double>(std::numeric_limits<std::int64_t>::max());
  }
  return false;
}

bool has_type(const nlohmann::json& value, std::string_view type) {
  if (type == "null") {
    return value.is_null();
  }
  if (type == "boolean") {
    return value.is_boolean();
  }
  if (type == "integer") {
    return is_integral(value);
  }
  if (type == "number") {
    return value.is_number();
  }
  if (type == "string") {
    return value.is_string();
  }
  if (type == "array") {
    return value.is_array();
  }
  if (type == "object") {
    return value.is_object();
  }
  return false;
}

// Exact comparison of two JSON numbers: 64-bit integers are not squeezed through a double.
std::partial_ordering compare_numbers(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.is_number_float() || b.is_number_float()) {
    return a.get<double>() <=> b.get<double>();
  }
  const bool a_unsigned = a.is_number_unsigned();
  const bool b_unsigned = b.is_number_unsigned();
  if (a_unsigned && b_unsigned) {
    return a.get<std::uint64_t>() <=> b.get<std::uint64_t>();
  }
  if (!a_unsigned && !b_unsigned) {
    return a.get<std::int64_t>() <=> b.get<std::int64_t>();
  }
  if (a_unsigned) {
    const auto y = b.get<std::int64_t>();
    return y < 0 ? std::partial_ordering::greater
                 : a.get<std::uint64_t>() <=> static_cast<std::uint64_t>(y);
  }
  const auto x = a.get<std::int64_t>();
  return x < 0 ? std::partial_ordering::less
               : static_cast<std::uint64_t>(x) <=> b.get<std::uint64_t>();
}

std::string brief(const nlohmann::json& value) {
  auto text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  constexpr std::size_t kMax = 60;
  if (text.size() > kMax) {
    text.resize(kMax);
    text += "...";
  }
  return text;
}

bool digits(std::string_view text, std::size_t from, std::size_t count) {
  if (from + count > text.size()) {
    return false;
  }
  return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(from),
                     text.begin() + static_cast<std::ptrdiff_t>(from + count),
                     [](char c) { return c >= '0' && c <= '9'; });
}

int number_at(std::string_view text, std::size_t from, std::size_t count) {
  int n = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    n = n * 10 + (text[i] - '0');
  }
  return n;
}

// HH:MM (the offset) or HH:MM:SS (a time), in range; `seconds` allows 60 (a leap second).
bool is_clock(std::string_view text, bool seconds) {
  const std::size_t size = seconds ? 8 : 5;
  if (text.size() != size || !digits(text, 0, 2) || text[2] != ':' || !digits(text, 3, 2)) {
    return false;
  }
  if (number_at(text, 0, 2) > 23 || number_at(text, 3, 2) > 59) {
    return false;
  }
  return !seconds || (text[5] == ':' && digits(text, 6, 2) && number_at(text, 6, 2) <= 60);
}

void append_escaped(std::string& out, std::string_view token) {
  if (token.find_first_of("~/") == std::string_view::npos) {
    out += token;
    return;
  }
  for (const char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
}

}  // namespace

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  append_escaped(out, token);
  return out;
}

bool is_rfc3339_date(std::string_view text) noexcept {
  if (text.size() != 10 || !digits(text, 0, 4) || text[4] != '-' || !digits(text, 5, 2)
      || text[7] != '-' || !digits(text, 8, 2)) {
    return false;
  }
  const int year = number_at(text, 0, 4);
  const int month = number_at(text, 5, 2);
  const int day = number_at(text, 8, 2);
  if (month < 1 || month > 12 || day < 1) {
    return false;
  }
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int last = month == 2 && leap ? 29 : kDays.at(static_cast<std::size_t>(month - 1));
  return day <= last;
}

bool is_rfc3339_date_time(std::string_view text) noexcept {
  // full-date "T" partial-time time-offset; the separator and Z may be lowercase (RFC 3339 5.6).
  if (text.size() < 20 || !is_rfc3339_date(text.substr(0, 10))
      || (text[10] != 'T' && text[10] != 't') || !is_clock(text.substr(11, 8), true)) {
    return false;
  }
  std::size_t at = 19;
  if (text[at] == '.') {
    ++at;
    const std::size_t first = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
      ++at;
    }
    if (at == first) {
      return false;
    }
  }
  const auto offset = text.substr(at);
  if (offset == "Z" || offset == "z") {
    return true;
  }
  return offset.size() == 6 && (offset[0] == '+' || offset[0] == '-')
         && is_clock(offset.substr(1), false);
}

std::size_t code_points(std::string_view text) noexcept {
  return static_cast<std::size_t>(std::ranges::count_if(
      text, [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

// One check: the violations found so far and the pointer of the value being checked.
struct SchemaChecker::Walk {
  const nlohmann::json& document;
  const std::unordered_map<std::string, const nlohmann::json*>& components;
  std::vector<SchemaViolation> found;
  std::string pointer;
  int depth = 0;

  void report(std::string_view rule, std::string message) {
    found.push_back({pointer, std::string(rule), std::move(message)});
  }
  void report_at(std::string_view token, std::string_view rule, std::string message) {
    found.push_back(
        {pointer + "/" + escape_pointer_token(token), std::string(rule), std::move(message)});
  }

  // Descends into a member or item, restoring the pointer afterwards.
  void descend(const nlohmann::json& value, const nlohmann::json& schema, std::string_view token) {
    const auto size = pointer.size();
    pointer += '/';
    append_escaped(pointer, token);
    check(value, schema);
    pointer.resize(size);
  }

  // Runs `schema` on `value` apart from this walk: its violations, without recording them.
  std::vector<SchemaViolation> trial(const nlohmann::json& value, const nlohmann::json& schema) {
    Walk inner{.document = document,
               .components = components,
               .found = {},
               .pointer = pointer,
               .depth = depth};
    inner.check(value, schema);
    return std::move(inner.found);
  }

  const nlohmann::json* resolve(const std::string& ref) {
    if (!ref.starts_with("#")) {
      return nullptr;
    }
    if (const auto known = components.find(ref); known != components.end()) {
      return known->second;
    }
    try {
      const nlohmann::json::json_pointer target(ref.substr(1));
      return document.contains(target) ? &document.at(target) : nullptr;
    } catch (const nlohmann::json::exception&) {
      return nullptr;  // a malformed pointer
    }
  }

  void check(const nlohmann::json& value, const nlohmann::json& schema) {
    if (schema.is_boolean()) {
      if (!schema.get<bool>()) {
        report("false", "no value is allowed here");
      }
      return;
    }
    if (!schema.is_object()) {
      report("schema", "the schema is not an object");
      return;
    }
    if (++depth > kMaxDepth) {
      report("$ref", "schema nesting too deep (a $ref cycle?)");
      --depth;
      return;
    }
    for (const auto& [keyword, argument] : schema.items()) {
      const Keyword k = classify(keyword);
      if (k == Keyword::kUnknown) {
        report(keyword, "keyword not supported by the response validator");
      } else if (k != Keyword::kAnnotation) {
        apply(k, keyword, argument, value, schema);
      }
    }
    --depth;
  }

  void apply(Keyword k, std::string_view keyword, const nlohmann::json& argument,
             const nlohmann::json& value, const nlohmann::json& schema) {
    if (k == Keyword::kRef) {
      const auto* target = argument.is_string() ? resolve(argument.get<std::string>()) : nullptr;
      if (target == nullptr) {
        report("$ref", fmt::format("unresolvable reference {}", brief(argument)));
      } else {
        check(value, *target);
      }
    } else if (k == Keyword::kType) {
      check_type(argument, value);
    } else if (k == Keyword::kEnum || k == Keyword::kConst) {
      const bool allowed =
          k == Keyword::kConst
              ? value == argument
              : argument.is_array() && std::ranges::find(argument, value) != argument.end();
      if (!allowed) {
        report(keyword, k == Keyword::kConst ? "a value other than the constant"
                                             : "a value outside the enumeration");
      }
    } else if (k == Keyword::kOneOf || k == Keyword::kAnyOf || k == Keyword::kAllOf) {
      check_combination(k, keyword, argument, value);
    } else if (value.is_object()) {
      check_object(k, argument, value, schema);
    } else if (value.is_array()) {
      check_array(k, keyword, argument, value);
    } else if (value.is_string()) {
      check_string(k, keyword, argument, value.get_ref<const std::string&>());
    } else if (value.is_number()) {
      check_number(k, keyword, argument, value);
    }
  }

  void check_type(const nlohmann::json& argument, const nlohmann::json& value) {
    bool ok = false;
    if (argument.is_string()) {
      ok = has_type(value, argument.get_ref<const std::string&>());
    } else if (argument.is_array()) {
      ok = std::ranges::any_of(argument, [&](const nlohmann::json& type) {
        return type.is_string() && has_type(value, type.get_ref<const std::string&>());
      });
    }
    if (!ok) {
      report("type", fmt::format("{} where the schema says {}", type_name(value), brief(argument)));
    }
  }

  void check_combination(Keyword k, std::string_view keyword, const nlohmann::json& argument,
                         const nlohmann::json& value) {
    if (!argument.is_array() || argument.empty()) {
      report(keyword, "needs a non-empty list of schemas");
      return;
    }
    if (k == Keyword::kAllOf) {
      for (const auto& branch : argument) {
        check(value, branch);
      }
      return;
    }
    std::size_t matched = 0;
    std::vector<SchemaViolation> closest;
    bool first = true;
    for (const auto& branch : argument) {
      auto violations = trial(value, branch);
      if (violations.empty()) {
        ++matched;
      } else if (first || violations.size() < closest.size()) {
        closest = std::move(violations);
        first = false;
      }
    }
    if (matched == 0) {
      report(keyword, fmt::format("matches none of the {} alternatives", argument.size()));
      // The nearest alternative says what is wrong (e.g. the undeclared key of a nullable object).
      found.insert(found.end(), closest.begin(), closest.end());
    } else if (k == Keyword::kOneOf && matched > 1) {
      report(keyword, fmt::format("matches {} of the {} alternatives, not exactly one", matched,
                                  argument.size()));
    }
  }

  void check_object(Keyword k, const nlohmann::json& argument, const nlohmann::json& value,
                    const nlohmann::json& schema) {
    if (k == Keyword::kProperties) {
      for (const auto& [name, member_schema] : argument.items()) {
        const auto member = value.find(name);
        if (member != value.end()) {
          descend(*member, member_schema, name);
        }
      }
    } else if (k == Keyword::kRequired) {
      for (const auto& name : argument) {
        if (name.is_string() && !value.contains(name.get_ref<const std::string&>())) {
          report_at(name.get_ref<const std::string&>(), "required", "missing required key");
        }
      }
    } else if (k == Keyword::kAdditionalProperties) {
      const auto properties = schema.find("properties");
      for (const auto& [name, member] : value.items()) {
        if (properties != schema.end() && properties->is_object() && properties->contains(name)) {
          continue;
        }
        if (argument.is_boolean()) {
          if (!argument.get<bool>()) {
            report_at(name, "additionalProperties", "undeclared key");
          }
        } else {
          descend(member, argument, name);
        }
      }
    }
  }

  void check_array(Keyword k, std::string_view keyword, const nlohmann::json& argument,
                   const nlohmann::json& value) {
    if (k == Keyword::kItems) {
      if (!argument.is_object() && !argument.is_boolean()) {
        report("items", "only a single items schema is supported (no tuple form)");
        return;
      }
      for (std::size_t i = 0; i < value.size(); ++i) {
        descend(value[i], argument, std::to_string(i));
      }
    } else if (k == Keyword::kMaxItems || k == Keyword::kMinItems) {
      const bool is_max = k == Keyword::kMaxItems;
      const auto limit = argument.is_number_unsigned() || argument.is_number_integer()
                             ? argument.get<std::int64_t>()
                             : 0;
      const auto size = static_cast<std::int64_t>(value.size());
      if (is_max ? size > limit : size < limit) {
        report(keyword,
               fmt::format("{} items, {} {}", size, is_max ? "at most" : "at least", limit));
      }
    } else if (k == Keyword::kUniqueItems && argument == true) {
      const std::set<nlohmann::json> distinct(value.begin(), value.end());
      if (distinct.size() != value.size()) {
        report("uniqueItems", "the items are not unique");
      }
    }
  }

  void check_string(Keyword k, std::string_view keyword, const nlohmann::json& argument,
                    const std::string& text) {
    if (k == Keyword::kMaxLength || k == Keyword::kMinLength) {
      const bool is_max = k == Keyword::kMaxLength;
      const auto limit = argument.is_number_integer() ? argument.get<std::int64_t>() : 0;
      const auto length = static_cast<std::int64_t>(code_points(text));
      if (is_max ? length > limit : length < limit) {
        report(keyword,
               fmt::format("{} characters, {} {}", length, is_max ? "at most" : "at least", limit));
      }
    } else if (k == Keyword::kFormat && argument.is_string()) {
      const auto& format = argument.get_ref<const std::string&>();
      const bool bad = (format == "date" && !is_rfc3339_date(text))
                       || (format == "date-time" && !is_rfc3339_date_time(text));
      if (bad) {
        report("format", fmt::format("a string that is not an RFC 3339 {}", format));
      }
    }
  }

  void check_number(Keyword k, std::string_view keyword, const nlohmann::json& argument,
                    const nlohmann::json& value) {
    if (k == Keyword::kFormat && argument.is_string()) {
      const auto& format = argument.get_ref<const std::string&>();
      const bool int32 = format == "int32";
      if ((int32 || format == "int64") && is_integral(value)) {
        const auto low = int32 ? nlohmann::json(std::numeric_limits<std::int32_t>::min())
                               : nlohmann::json(std::numeric_limits<std::int64_t>::min());
        const auto high = int32 ? nlohmann::json(std::numeric_limits<std::int32_t>::max())
                                : nlohmann::json(std::numeric_limits<std::int64_t>::max());
        if (compare_numbers(value, low) < 0 || compare_numbers(value, high) > 0) {
          report("format", fmt::format("an integer outside the {} range", format));
        }
      }
      return;
    }
    if (!argument.is_number()) {
      if (k != Keyword::kFormat) {
        report(keyword, fmt::format("needs a number, not {}", brief(argument)));
      }
      return;
    }
    const auto order = compare_numbers(value, argument);
    bool bad = false;
    if (k == Keyword::kMinimum) {
      bad = order < 0;
    } else if (k == Keyword::kMaximum) {
      bad = order > 0;
    } else if (k == Keyword::kExclusiveMinimum) {
      bad = order <= 0;
    } else if (k == Keyword::kExclusiveMaximum) {
      bad = order >= 0;
    }
    if (bad) {
      report(keyword, fmt::format("a number beyond the {} {}", keyword, brief(argument)));
    }
  }
};

SchemaChecker::SchemaChecker(nlohmann::json document) : document_(std::move(document)) {
  // "#/components/schemas/<name>" is the one kind of reference the document uses: resolved once.
  const auto components = document_.find("components");
  if (components != document_.end() && components->is_object()) {
    const auto schemas = components->find("schemas");
    if (schemas != components->end() && schemas->is_object()) {
      for (const auto& [name, schema] : schemas->items()) {
        components_.emplace("#/components/schemas/" + escape_pointer_token(name), &schema);
      }
    }
  }
}

std::vector<SchemaViolation> SchemaChecker::check(const nlohmann::json& value,
                                                  const nlohmann::json& schema) const {
  Walk walk{
      .document = document_, .components = components_, .found = {}, .pointer = {}, .depth = 0};
  walk.check(value, schema);
  return std::move(walk.found);
}

std::vector<SchemaViolation> SchemaChecker::check_component(const nlohmann::json& value,
                                                            std::string_view name) const {
  return check(value, {{"$ref", "#/components/schemas/" + escape_pointer_token(name)}});
}

}  // namespace qgp::http
