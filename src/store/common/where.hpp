#pragma once

#include <optional>
#include <string>

#include "db/connection.hpp"

namespace qgp::store::common {

// A WHERE clause of the filters in use, parameters numbered as they are added. Lists build their
// statements with it rather than with catch-all predicates (`$1 IS NULL OR col = $1`): each
// combination of filters is its own prepared statement, whose plan PostgreSQL caches and fits to
// the indexes and statistics of the predicates actually present.
class Where {
 public:
  explicit Where(db::Params& params) : params_(&params) {}
  // Adds `condition` with every `{}` replaced by the placeholder of `value` (one parameter).
  template <typename Value>
  Where& add(const std::string& condition, const Value& value) {
    params_->add(value);
    append(condition, "$" + std::to_string(params_->size()));
    return *this;
  }
  // Adds `condition` with every `{}` replaced by the placeholder of the parameter the caller has
  // just added to the params.
  Where& add_bound(const std::string& condition) {
    append(condition, "$" + std::to_string(params_->size()));
    return *this;
  }
  Where& add(const std::string& condition) {
    append(condition, "");
    return *this;
  }
  // Adds `condition` only when the filter is set.
  template <typename Value>
  Where& add_if(const std::optional<Value>& value, const std::string& condition) {
    if (value) {
      add(condition, *value);
    }
    return *this;
  }
  [[nodiscard]] std::string sql() const { return sql_.empty() ? std::string() : " WHERE " + sql_; }

 private:
  void append(const std::string& condition, const std::string& placeholder);
  db::Params* params_;
  std::string sql_;
};

}  // namespace qgp::store::common
