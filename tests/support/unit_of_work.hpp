#pragma once

#include <type_traits>
#include <utility>

#include "db/connection.hpp"
#include "db/transaction.hpp"

namespace qgp::testing {

// Runs `fn(tx)` as one unit of work on `connection`, as the api layer does for a writing route:
// committed when it returns, rolled back when it throws. Returns what `fn` returns.
template <class Fn>
auto in_transaction(db::Connection& connection, Fn&& fn) {
  db::Transaction tx(connection);
  if constexpr (std::is_void_v<std::invoke_result_t<Fn&, db::Transaction&>>) {
    std::forward<Fn>(fn)(tx);
    tx.commit();
  } else {
    auto out = std::forward<Fn>(fn)(tx);
    tx.commit();
    return out;
  }
}

}  // namespace qgp::testing
