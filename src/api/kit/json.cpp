#include "api/kit/json.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <variant>

namespace qgp::api::kit {

nlohmann::json decimal_json(const qgp::kit::Decimal& value) {
  // numeric's text is a valid JSON number ("12.50", "-3", "0.000001").
  return nlohmann::json::parse(value.text, nullptr, false);
}

nlohmann::json audit_value_json(const qgp::kit::Value& value) {
  return std::visit(
      [](const auto& v) -> nlohmann::json {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::monostate>) {
          return nullptr;
        } else if constexpr (std::is_same_v<V, qgp::kit::Decimal>) {
          return decimal_json(v);
        } else {
          return v;
        }
      },
      value);
}

qgp::kit::Value audit_value_of(const nlohmann::json& value) {
  if (value.is_boolean()) {
    return value.get<bool>();
  }
  if (value.is_number_integer()
      && (!value.is_number_unsigned()
          || value.get<std::uint64_t>()
                 <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))) {
    return value.get<std::int64_t>();
  }
  if (value.is_number()) {
    return qgp::kit::Decimal{value.dump()};
  }
  if (value.is_string()) {
    return value.get<std::string>();
  }
  return {};  // null, or a shape the trail never writes
}

std::string join_path(std::string_view prefix, std::string_view name) {
  return prefix.empty() ? std::string(name) : fmt::format("{}.{}", prefix, name);
}

std::string read_only_problem(Role role) {
  if (role == Role::kStatus) {
    return "cannot be changed by PATCH; use POST .../transitions";
  }
  return "is read-only (set by the server)";
}

namespace detail {

void wrong_type(const nlohmann::json& value, std::string_view expected, const std::string& path,
                Problems& problems) {
  problems.add(path, fmt::format("must be {}, not {}", expected, http::json_type_word(value)));
}

std::optional<std::string> read_text(const nlohmann::json& value, std::int64_t min,
                                     std::int64_t max, bool bounded, bool trimmed,
                                     const std::string& path, Problems& problems) {
  if (!value.is_string()) {
    wrong_type(value, "a string", path, problems);
    return std::nullopt;
  }
  std::string text = value.get<std::string>();
  if (text.find('\0') != std::string::npos) {
    problems.add(path, "must not contain NUL characters");
    return std::nullopt;
  }
  if (trimmed) {
    const auto first = text.find_first_not_of(" \t\r\n");
    const auto last = text.find_last_not_of(" \t\r\n");
    text = first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
  }
  if (!bounded) {
    return text;
  }
  const auto length = static_cast<std::int64_t>(qgp::kit::code_points(text));
  if (min >= 1 && qgp::kit::is_blank(text)) {
    problems.add(path, "must not be blank");
    return std::nullopt;
  }
  if (length < min || length > max) {
    problems.add(path, min <= 1 ? fmt::format("must be at most {} characters", max)
                                : fmt::format("must be {}-{} characters", min, max));
    return std::nullopt;
  }
  return text;
}

std::optional<std::int64_t> read_integer(const nlohmann::json& value, std::int64_t min,
                                         std::int64_t max, const std::string& path,
                                         Problems& problems) {
  const auto out_of_range = [&]() -> std::optional<std::int64_t> {
    if (max == std::numeric_limits<std::int64_t>::max()) {
      problems.add(path, fmt::format("must be an integer >= {}", min));
    } else {
      problems.add(path, fmt::format("must be between {} and {}", min, max));
    }
    return std::nullopt;
  };
  if (value.is_number_unsigned()) {
    if (value.get<std::uint64_t>()
        > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return out_of_range();
    }
  } else if (!value.is_number_integer()) {
    wrong_type(value, "an integer", path, problems);
    return std::nullopt;
  }
  const auto number = value.get<std::int64_t>();
  if (number < min || number > max) {
    return out_of_range();
  }
  return number;
}

std::optional<qgp::kit::Decimal> read_decimal(const nlohmann::json& value, double low, double high,
                                              bool exclusive_low, bool bounded, int scale,
                                              const std::string& path, Problems& problems) {
  if (!value.is_number()) {
    wrong_type(value, "a number", path, problems);
    return std::nullopt;
  }
  const auto number = value.get<double>();
  const bool below = exclusive_low ? number <= low : number < low;
  if (!std::isfinite(number) || (bounded && (below || number > high))) {
    problems.add(path, exclusive_low
                           ? fmt::format("must be greater than {} and at most {}", low, high)
                           : fmt::format("must be between {} and {}", low, high));
    return std::nullopt;
  }
  if (scale > 0) {
    return qgp::kit::Decimal{fmt::format("{:.{}f}", number, scale)};
  }
  // Integers keep their exact digits; fractions their shortest round-trip text.
  if (value.is_number_integer()) {
    return qgp::kit::Decimal{value.dump()};
  }
  return qgp::kit::Decimal{fmt::format("{}", number)};
}

std::optional<qgp::kit::Scalar> read_scalar(const nlohmann::json& value, std::int64_t min,
                                            std::int64_t max, bool bounded, bool trimmed,
                                            const std::string& path, Problems& problems) {
  if (value.is_boolean()) {
    return qgp::kit::Scalar(value.get<bool>());
  }
  if (value.is_number()) {
    const auto number = value.get<double>();
    if (!std::isfinite(number)) {
      problems.add(path, "must be a finite number");
      return std::nullopt;
    }
    return qgp::kit::Scalar(number);
  }
  if (value.is_string()) {
    auto text = read_text(value, min, max, bounded, trimmed, path, problems);
    return text ? std::optional<qgp::kit::Scalar>(std::move(*text)) : std::nullopt;
  }
  wrong_type(value, "a boolean, a number or a string", path, problems);
  return std::nullopt;
}

std::optional<std::string> read_wire_name(const nlohmann::json& value,
                                          std::span<const std::string_view> names,
                                          const std::string& path, Problems& problems) {
  if (!value.is_string()) {
    wrong_type(value, "a string", path, problems);
    return std::nullopt;
  }
  const auto& text = value.get_ref<const std::string&>();
  if (std::ranges::find(names, std::string_view(text)) == names.end()) {
    problems.add(path, fmt::format("must be one of: {}", fmt::join(names, ", ")));
    return std::nullopt;
  }
  return text;
}

bool is_rfc3339(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)
  const auto digits = [&](std::size_t at, std::size_t count) {
    return at + count <= text.size()
           && std::all_of(text.begin() + static_cast<std::ptrdiff_t>(at),
                          text.begin() + static_cast<std::ptrdiff_t>(at + count),
                          [](char c) { return c >= '0' && c <= '9'; });
  };
  const auto number = [&](std::size_t at) {
    return ((text[at] - '0') * 10) + (text[at + 1] - '0');
  };
  if (text.size() < 20 || !qgp::kit::is_iso_date(text.substr(0, 10))
      || (text[10] != 'T' && text[10] != 't') || !digits(11, 2) || text[13] != ':' || !digits(14, 2)
      || text[16] != ':' || !digits(17, 2)) {
    return false;
  }
  // 00-23 hours, 00-59 minutes, 00-60 seconds (a leap second), as the database accepts them.
  if (number(11) > 23 || number(14) > 59 || number(17) > 60) {
    return false;
  }
  std::size_t at = 19;
  if (text[at] == '.') {
    ++at;
    const auto start = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
      ++at;
    }
    if (at == start) {
      return false;
    }
  }
  const auto zone = text.substr(at);
  if (zone == "Z" || zone == "z") {
    return true;
  }
  return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && digits(at + 1, 2)
         && zone[3] == ':' && digits(at + 4, 2) && number(at + 1) <= 23 && number(at + 4) <= 59;
}

}  // namespace detail

}  // namespace qgp::api::kit
