#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "db/pool.hpp"
#include "db/transaction.hpp"
#include "http/message.hpp"
#include "http/query.hpp"
#include "http/router.hpp"

// Small pieces every module's routes share: rendering optionals, reading id lists and id query
// parameters, the 201/204 responses, and running a use case in one transaction.
namespace qgp::api::common {

template <typename T>
nlohmann::json or_null(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// `field` of a JSON body as a list of positive ids (absent or null: empty); problems go to
// `errors[field]`.
std::vector<std::int64_t> id_array(const nlohmann::json& body, const std::string& field,
                                   core::FieldErrors& errors, std::size_t max_items = 500);

// A query parameter holding a positive id, if present; problems go to `errors[name]`.
std::optional<std::int64_t> id_query(const http::QueryParams& params, const std::string& name,
                                     core::FieldErrors& errors);

// 201 with the body and a Location header.
http::Response created(const std::string& location, const nlohmann::json& body);
http::Response no_content();

// Runs `work(connection)` in one transaction on a pooled connection and returns its result.
template <typename Work>
auto in_transaction(http::RequestContext& context, Work&& work) {
  auto connection = context.pool().acquire();
  db::Transaction transaction(*connection);
  auto result = std::forward<Work>(work)(*connection);
  transaction.commit();
  return result;
}

}  // namespace qgp::api::common
