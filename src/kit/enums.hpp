#pragma once

// Enumerations declared once. `QGP_KIT_ENUM(Grade, kMajorNonconformity, kObservation)` declares
// `enum class Grade : std::uint8_t` and keeps the spelling of its enumerators, from which the kit
// derives each wire name (kMajorNonconformity -> "major_nonconformity"). That one list feeds JSON
// parsing and rendering, the OpenAPI `enum`, the SQL CHECK of the declared schema and the sort
// order (declaration order), so the database and the API cannot disagree.

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

// NOLINTBEGIN(cppcoreguidelines-macro-usage): the enumerator list must be both code and text.
#define QGP_KIT_ENUM(Name, ...)                                             \
  enum class Name : std::uint8_t { __VA_ARGS__ };                           \
  [[maybe_unused]] constexpr std::string_view qgp_kit_enum_spelling(Name) { \
    return #__VA_ARGS__;                                                    \
  }
// NOLINTEND(cppcoreguidelines-macro-usage)

namespace qgp::kit {

template <class E>
concept DeclaredEnum = std::is_enum_v<E> && requires(E value) {
  { qgp_kit_enum_spelling(value) } -> std::same_as<std::string_view>;
};

namespace detail {

constexpr bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}
constexpr bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
constexpr char to_lower(char c) {
  return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr std::size_t count_enumerators(std::string_view spelling) {
  std::size_t count = 1;
  for (const char c : spelling) {
    count += c == ',' ? 1 : 0;
  }
  return count;
}

// The wire names, '\0'-separated, in a buffer with static storage (the views below point into it).
template <class E>
struct EnumText {
  static constexpr std::string_view kSpelling = qgp_kit_enum_spelling(E{});
  static constexpr std::size_t kCount = count_enumerators(kSpelling);
  // "kAb" becomes "ab" and every further capital adds one '_': twice the spelling is enough.
  std::array<char, (kSpelling.size() * 2) + 1> chars{};
};

template <class E>
constexpr EnumText<E> spell_wire_names() {
  EnumText<E> text;
  std::size_t out = 0;
  bool at_start = true;  // before the 'k' of an enumerator
  bool first_letter = false;
  for (const char c : EnumText<E>::kSpelling) {
    if (c == '=') {
      throw "QGP_KIT_ENUM enumerators take no explicit values";  // NOLINT: compile-time error
    }
    if (c == ',') {
      text.chars.at(out++) = '\0';
      at_start = true;
      continue;
    }
    if (is_space(c)) {
      continue;
    }
    if (at_start) {
      if (c != 'k') {
        throw "QGP_KIT_ENUM enumerators are spelled kCamelCase";  // NOLINT: compile-time error
      }
      at_start = false;
      first_letter = true;
      continue;
    }
    if (is_upper(c) && !first_letter) {
      text.chars.at(out++) = '_';
    }
    text.chars.at(out++) = to_lower(c);
    first_letter = false;
  }
  text.chars.at(out) = '\0';
  return text;
}

template <class E>
inline constexpr EnumText<E> kEnumText = spell_wire_names<E>();

template <class E>
constexpr std::array<std::string_view, EnumText<E>::kCount> slice_wire_names() {
  std::array<std::string_view, EnumText<E>::kCount> names{};
  const char* cursor = kEnumText<E>.chars.data();
  for (auto& name : names) {
    const std::string_view view(cursor);
    name = view;
    cursor += view.size() + 1;
  }
  return names;
}

}  // namespace detail

// The wire names of E in declaration order (index = underlying value).
template <DeclaredEnum E>
inline constexpr auto kWireNames = detail::slice_wire_names<E>();

template <DeclaredEnum E>
constexpr std::size_t enum_count() {
  return kWireNames<E>.size();
}

template <DeclaredEnum E>
constexpr std::string_view wire_name(E value) {
  return kWireNames<E>.at(static_cast<std::size_t>(value));
}

template <DeclaredEnum E>
constexpr std::optional<E> parse_enum(std::string_view text) {
  for (std::size_t i = 0; i < kWireNames<E>.size(); ++i) {
    if (kWireNames<E>.at(i) == text) {
      return static_cast<E>(i);
    }
  }
  return std::nullopt;
}

// Every value of E in declaration order.
template <DeclaredEnum E>
constexpr std::array<E, kWireNames<E>.size()> enum_values() {
  std::array<E, kWireNames<E>.size()> values{};
  for (std::size_t i = 0; i < values.size(); ++i) {
    values.at(i) = static_cast<E>(i);
  }
  return values;
}

}  // namespace qgp::kit
