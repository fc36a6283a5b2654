#pragma once

// Internal to api/standards: request parsing shared by the route files.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/standards/service.hpp"
#include "http/json_body.hpp"
#include "http/query.hpp"
#include "store/standards/records.hpp"

namespace qgp::http {
class RequestContext;
}

namespace qgp::api::standards {

inline constexpr std::string_view kRead = "standards:read";
inline constexpr std::string_view kWrite = "standards:write";
inline constexpr std::string_view kTag = "standards";
inline constexpr std::int64_t kMaxId = 9'223'372'036'854'775'807;
inline constexpr std::int64_t kMaxVersion = 2'147'483'647;

nlohmann::json body_of(const http::RequestContext& context);
http::QueryParams query_of(const http::RequestContext& context);

// Collects query-parameter problems and throws them together (422, details.fields).
class QueryReader {
 public:
  explicit QueryReader(const http::QueryParams& params) : params_(params) {}
  std::optional<bool> boolean(std::string_view name);
  std::optional<std::int64_t> id(std::string_view name);
  std::optional<std::string> text(std::string_view name, std::size_t max_length = 200);
  std::optional<std::string> one_of(std::string_view name,
                                    const std::vector<std::string_view>& allowed);
  void finish() const;

 private:
  const http::QueryParams& params_;
  core::FieldErrors errors_;
};

store::standards::ListWindow window_of(const http::ListQuery& query);

// A required text field that must not be blank.
std::string required_text(http::JsonReader& reader, std::string_view field, std::size_t max_length);
// An optional text field that, when present, must not be blank.
std::optional<std::string> optional_text(http::JsonReader& reader, std::string_view field,
                                         std::size_t max_length);
// Absent -> nullopt; null -> {nullopt}; a value -> {value}.
domain::standards::NullablePatch<std::string> nullable_text(http::JsonReader& reader,
                                                            std::string_view field,
                                                            std::size_t max_length);
domain::standards::NullablePatch<std::int64_t> nullable_id(http::JsonReader& reader,
                                                           std::string_view field);
// A YYYY-MM-DD calendar date (nullable patch semantics).
domain::standards::NullablePatch<std::string> nullable_date(http::JsonReader& reader,
                                                            std::string_view field);
domain::standards::NullablePatch<std::string> nullable_enum(
    http::JsonReader& reader, std::string_view field, const std::vector<std::string_view>& allowed);

bool is_calendar_date(std::string_view text);

}  // namespace qgp::api::standards
