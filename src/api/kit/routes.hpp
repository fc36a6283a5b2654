#pragma once

// The one way to register a route (ADR-0010). An operation names its method, path, permission and
// whether it writes; its handler is typed, `Out(Call&, const In&)`, and the kit derives the rest
// from the types: the request body is parsed by In's declaration (a create shape, a Patch<R>, or
// NoBody), the response rendered by Out's (a record with the caller's allowed transitions, a list
// page, NoContent, or a raw http::Response such as a CSV file), and the OpenAPI operation documents
// both with their components and the list's query parameters.
//
// The unit of work belongs to this layer: an operation that writes runs its handler inside one
// db::Transaction on a pooled connection, committed after the handler returned and before the
// response is rendered; domain functions receive that transaction and never open their own.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/common/actor.hpp"
#include "api/kit/json.hpp"
#include "api/kit/list.hpp"
#include "api/kit/openapi.hpp"
#include "api/kit/query.hpp"
#include "core/actor.hpp"
#include "db/connection.hpp"
#include "db/pool.hpp"
#include "db/transaction.hpp"
#include "http/json_body.hpp"
#include "http/message.hpp"
#include "http/query.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "kit/field.hpp"
#include "kit/list.hpp"
#include "kit/patch.hpp"
#include "kit/workflow.hpp"

namespace qgp::api::kit {

// An operation without a request body. (Query<Q>, api/kit/query.hpp: one whose query string
// carries Q's fields.)
struct NoBody {};
// 204 No Content.
struct NoContent {};
// The answer of an upsert (PUT that may create): 201 when `created`, else the operation's status.
template <class R>
struct Upserted {
  R value;
  bool created = false;
};

// What a handler gets: the request, who is acting, and the database (the unit of work when the
// operation writes).
class Call {
 public:
  Call(http::RequestContext& context, db::Connection& connection, db::Transaction* tx)
      : context_(context), connection_(&connection), tx_(tx) {}
  // An operation that connects itself (Operation::connects_itself): no connection is held yet.
  explicit Call(http::RequestContext& context)
      : context_(context), connection_(nullptr), tx_(nullptr) {}

  // Who acts, read from the principal at first use (a read's principal may still be on its way:
  // docs/adr/0012).
  [[nodiscard]] const core::Actor& actor() const {
    if (!actor_) {
      actor_ = common::actor_of(context_);
    }
    return *actor_;
  }
  [[nodiscard]] db::Connection& connection();
  // The unit of work of a writing operation.
  [[nodiscard]] db::Transaction& tx();
  // For an operation that connects itself: the pool its handler borrows connections from.
  [[nodiscard]] db::Pool& pool() const { return context_.pool(); }
  // For an operation that connects itself, once its slow part is done: `fn(tx)` in one
  // transaction on a pooled connection, committed after fn returned (the unit of work).
  template <class Fn>
  auto unit_of_work(Fn&& fn) {
    auto connection = pool().acquire();
    db::Transaction tx(*connection);
    auto out = std::forward<Fn>(fn)(tx);
    tx.commit();
    return out;
  }
  // A positive id path parameter (422 otherwise).
  [[nodiscard]] std::int64_t id(std::string_view name = "id") const {
    return context_.id_param(name);
  }
  [[nodiscard]] http::QueryParams query() const {
    return http::parse_query(context_.request().query);
  }
  [[nodiscard]] http::RequestContext& context() noexcept { return context_; }

 private:
  http::RequestContext& context_;
  db::Connection* connection_;
  db::Transaction* tx_;
  mutable std::optional<core::Actor> actor_;
};

struct Operation {
  std::string method;
  std::string pattern;
  std::string summary;
  std::string permission;      // empty: any signed-in user (the route must be self-service)
  bool writes = false;         // run the handler in one transaction (the unit of work)
  int status = 200;            // 201: a created record, with Location
  bool may_create = false;     // an upsert: Upserted<Out> picks 201 or `status`
  bool body_optional = false;  // an empty body stands for {} (every field defaulted)
  bool is_public = false;
  // A 422 the handler answers beyond its body's validation (a draft that cannot be published),
  // documented with this description: details.fields names every problem.
  std::string refusals = {};
  // The handler takes pooled connections itself (call.pool(), call.unit_of_work) instead of
  // holding one for its whole run: password hashing must hold no connection and no transaction
  // (ADR-0005). `writes` does not apply.
  bool connects_itself = false;
};

// Fills the caller's allowed transitions into a record about to be rendered.
template <class R>
void decorate(R& row, const core::Actor& actor) {
  if constexpr (qgp::kit::HasWorkflow<R>) {
    qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
      using M = typename std::remove_cvref_t<decltype(f)>::Member;
      if constexpr (std::is_same_v<M, std::vector<qgp::kit::StateOf<R>>>) {
        if (f.role == qgp::kit::Role::kTransitions) {
          row.*f.member = qgp::kit::kWorkflow<R>.allowed(row, actor);
        }
      }
    });
  }
}

template <class T>
struct IsUpserted : std::false_type {};
template <class R>
struct IsUpserted<Upserted<R>> : std::true_type {
  using Value = R;
};

template <class T>
struct IsPatch : std::false_type {};
template <class R>
struct IsPatch<qgp::kit::Patch<R>> : std::true_type {
  using Record = R;
};

template <class T>
struct IsReplace : std::false_type {};
template <class R>
struct IsReplace<qgp::kit::Replace<R>> : std::true_type {
  using Record = R;
};

// The request of a workflow move: {"to": state, "note": text, ...the edges' extra fields}.
template <qgp::kit::HasWorkflow R>
struct TransitionRequest {
  qgp::kit::StateOf<R> to{};
  std::optional<std::string> note;
  qgp::kit::Patch<R> extra;
};

template <qgp::kit::HasWorkflow R>
TransitionRequest<R> parse_transition(const nlohmann::json& body);

template <qgp::kit::HasWorkflow R>
std::string add_transition_component(http::SchemaRegistry& schemas);

class Routes {
 public:
  Routes(http::Server& server, std::string tag) : server_(server), tag_(std::move(tag)) {}

  // The general form: `fn(Call&, const In&) -> Out`, or `fn(Call&) -> Out` when In is NoBody.
  template <class In, class Out, class Fn>
  void add(Operation op, Fn fn);

  // GET <path>: a page of R, filtered, sorted and searched as its declaration allows.
  template <qgp::kit::Described R>
  void list(std::string permission, std::string summary);
  // GET op.pattern: a page of R from `fn(Call&, const kit::ListQuery&) -> kit::Page<R>`, taking R's
  // list parameters (e.g. a collection under its parent: the handler adds the parent's condition).
  template <qgp::kit::Described R, class Fn>
  void list(Operation op, Fn fn);
  // GET <path>/{id}
  template <qgp::kit::Described R>
  void get(std::string permission, std::string summary);
  // POST <path>: fn(Call&, const R& new record) -> R; 201 + Location.
  template <qgp::kit::Described R, class Fn>
  void create(std::string permission, std::string summary, Fn fn);
  // PATCH <path>/{id}: fn(Call&, const Patch<R>&) -> R.
  template <qgp::kit::Described R, class Fn>
  void patch(std::string permission, std::string summary, Fn fn);
  // POST <path>/{id}/transitions: fn(Call&, const TransitionRequest<R>&) -> R, or another declared
  // view of the record (its detail), rendered and documented by that view's declaration. The route
  // needs `permission`; each edge may need more (checked by the workflow).
  template <qgp::kit::HasWorkflow R, class Fn>
  void transitions(std::string permission, std::string summary, Fn fn);
  template <qgp::kit::HasWorkflow R>
  void transitions(std::string permission, std::string summary);
  // GET <collection>/{id}/history: the audit trail of one record of `entity` (an audit_log
  // entity_type), oldest first, paged and filtered like the audit log itself except by entity
  // (the path names it). Where each change came from (request_id, client_address) is shown to
  // holders of audit:read only; `permission` opens the route.
  void history(const std::string& collection, const std::string& entity, std::string permission);
  // The history of R's records: R's collection path and its declared audit entity.
  template <qgp::kit::Described R>
  void history(std::string permission) {
    history(std::string(qgp::kit::meta<R>().path), std::string(qgp::kit::meta<R>().entity),
            std::move(permission));
  }

 private:
  void register_route(http::Route route, http::SchemaRegistry schemas);

  http::Server& server_;
  std::string tag_;
};

}  // namespace qgp::api::kit

#include "api/kit/routes_impl.hpp"  // IWYU pragma: keep
