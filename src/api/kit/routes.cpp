#include "api/kit/routes.hpp"

#include <stdexcept>

namespace qgp::api::kit {

db::Connection& Call::connection() {
  if (connection_ == nullptr) {
    throw std::logic_error("an operation that connects itself holds no connection: use pool()");
  }
  return *connection_;
}

db::Transaction& Call::tx() {
  if (tx_ == nullptr) {
    throw std::logic_error("a read-only operation has no unit of work: declare it writes = true");
  }
  return *tx_;
}

void Routes::register_route(http::Route route, http::SchemaRegistry schemas) {
  for (auto& [name, schema] : schemas) {
    server_.add_schema(name, schema);
  }
  server_.add_route(std::move(route));
}

}  // namespace qgp::api::kit
