#pragma once

// Text rules shared by every resource. Lengths are Unicode code points, the unit of PostgreSQL's
// char_length() and of the declared CHECK constraints, counted after the JSON parser has refused
// ill-formed UTF-8 (so every byte that is not a continuation byte starts a code point). No Unicode
// normalisation: "é" written as e + combining accent is two code points.

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace qgp::kit {

constexpr std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

// Empty or only ASCII white space.
constexpr bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// A calendar date written YYYY-MM-DD (years 0001-9999, leap years honoured).
constexpr bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return false;
  }
  int parts[3] = {0, 0, 0};
  int part = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 4 || i == 7) {
      ++part;
      continue;
    }
    if (text[i] < '0' || text[i] > '9') {
      return false;
    }
    parts[part] = (parts[part] * 10) + (text[i] - '0');
  }
  const int year = parts[0];
  const int month = parts[1];
  const int day = parts[2];
  if (year < 1 || month < 1 || month > 12 || day < 1) {
    return false;
  }
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

static_assert(code_points("Grüße") == 5);
static_assert(is_iso_date("2024-02-29") && !is_iso_date("2023-02-29")
              && !is_iso_date("2024-13-01"));

}  // namespace qgp::kit
