#include "api/standards/request.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

#include <fmt/format.h>

#include "http/router.hpp"

namespace qgp::api::standards {

namespace {

std::string allowed_list(const std::vector<std::string_view>& allowed) {
  return fmt::format("one of {}", fmt::join(allowed, ", "));
}

bool contains(const std::vector<std::string_view>& allowed, std::string_view value) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

template <typename Int>
bool parse_int(std::string_view text, Int& value) {
  const auto [ptr, ec] = std::from_chars(text.begin(), text.end(), value);
  return ec == std::errc() && ptr == text.end();
}

}  // namespace

nlohmann::json body_of(const http::RequestContext& context) {
  return http::parse_json_object(context.request().body);
}

http::QueryParams query_of(const http::RequestContext& context) {
  return http::parse_query(context.request().query);
}

std::optional<bool> QueryReader::boolean(std::string_view name) {
  const auto value = http::single_param(params_, name);
  if (!value) {
    return std::nullopt;
  }
  if (*value == "true") {
    return true;
  }
  if (*value == "false") {
    return false;
  }
  errors_.emplace(name, "must be true or false");
  return std::nullopt;
}

std::optional<std::int64_t> QueryReader::id(std::string_view name) {
  const auto value = http::single_param(params_, name);
  if (!value) {
    return std::nullopt;
  }
  std::int64_t id = 0;
  if (!parse_int(*value, id) || id < 1) {
    errors_.emplace(name, "must be a positive integer id");
    return std::nullopt;
  }
  return id;
}

std::optional<std::string> QueryReader::text(std::string_view name, std::size_t max_length) {
  auto value = http::single_param(params_, name);
  if (value && value->size() > max_length) {
    errors_.emplace(name, fmt::format("must be at most {} bytes", max_length));
    return std::nullopt;
  }
  if (value && value->empty()) {
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> QueryReader::one_of(std::string_view name,
                                               const std::vector<std::string_view>& allowed) {
  auto value = http::single_param(params_, name);
  if (value && !contains(allowed, *value)) {
    errors_.emplace(name, allowed_list(allowed));
    return std::nullopt;
  }
  return value;
}

void QueryReader::finish() const {
  if (!errors_.empty()) {
    throw core::ValidationError(errors_);
  }
}

store::standards::ListWindow window_of(const http::ListQuery& query) {
  store::standards::ListWindow window;
  for (const auto& key : query.sort) {
    window.sort.push_back({key.field, key.descending});
  }
  window.page = {.page = query.page, .page_size = query.page_size};
  return window;
}

std::string required_text(http::JsonReader& reader, std::string_view field,
                          std::size_t max_length) {
  auto value = reader.required_string(field, max_length);
  if (reader.present(field) && !reader.is_null(field)
      && !domain::standards::normalized_text(value)) {
    reader.add_error(field, "must not be blank");
  }
  return domain::standards::normalized_text(value).value_or(std::string());
}

std::optional<std::string> optional_text(http::JsonReader& reader, std::string_view field,
                                         std::size_t max_length) {
  auto value = reader.optional_string(field, max_length);
  if (value && !domain::standards::normalized_text(value)) {
    reader.add_error(field, "must not be blank");
    return std::nullopt;
  }
  return domain::standards::normalized_text(value);
}

domain::standards::NullablePatch<std::string> nullable_text(http::JsonReader& reader,
                                                            std::string_view field,
                                                            std::size_t max_length) {
  if (!reader.present(field)) {
    return std::nullopt;
  }
  if (reader.is_null(field)) {
    return std::optional<std::string>();
  }
  return reader.optional_string(field, max_length);
}

domain::standards::NullablePatch<std::int64_t> nullable_id(http::JsonReader& reader,
                                                           std::string_view field) {
  if (!reader.present(field)) {
    return std::nullopt;
  }
  if (reader.is_null(field)) {
    return std::optional<std::int64_t>();
  }
  return reader.optional_int(field, 1, kMaxId);
}

bool is_calendar_date(std::string_view text) {
  constexpr std::size_t kLength = 10;
  if (text.size() != kLength || text[4] != '-' || text[7] != '-') {
    return false;
  }
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  if (!parse_int(text.substr(0, 4), year) || !parse_int(text.substr(5, 2), month)
      || !parse_int(text.substr(8, 2), day)) {
    return false;
  }
  constexpr int kMinYear = 1900;
  constexpr int kMaxYear = 2999;
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                         std::chrono::day{day}};
  return date.ok() && year >= kMinYear && year <= kMaxYear;
}

domain::standards::NullablePatch<std::string> nullable_date(http::JsonReader& reader,
                                                            std::string_view field) {
  auto value = nullable_text(reader, field, 10);
  if (value && *value && !is_calendar_date(**value)) {
    reader.add_error(field, "must be a calendar date YYYY-MM-DD");
    return std::nullopt;
  }
  return value;
}

domain::standards::NullablePatch<std::string> nullable_enum(
    http::JsonReader& reader, std::string_view field,
    const std::vector<std::string_view>& allowed) {
  auto value = nullable_text(reader, field, 100);
  if (value && *value && !contains(allowed, **value)) {
    reader.add_error(field, allowed_list(allowed));
    return std::nullopt;
  }
  return value;
}

}  // namespace qgp::api::standards
