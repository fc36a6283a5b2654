#pragma once

// Template definitions of api/kit/routes.hpp (included at its end).

#include <set>
#include <string>
#include <type_traits>
#include <utility>

#include "domain/common/records.hpp"
#include "store/kit/list.hpp"

namespace qgp::api::kit {

template <class In>
std::string request_component(http::SchemaRegistry& schemas) {
  if constexpr (std::is_same_v<In, NoBody> || IsQuery<In>::value) {
    return {};
  } else if constexpr (IsPatch<In>::value) {
    return add_component<typename IsPatch<In>::Record>(schemas, Shape::kPatch);
  } else if constexpr (IsReplace<In>::value) {
    return add_component<typename IsReplace<In>::Record>(schemas, Shape::kReplace);
  } else {
    return add_component<In>(schemas, Shape::kCreate);
  }
}

template <class Out>
std::string response_component(http::SchemaRegistry& schemas) {
  if constexpr (IsUpserted<Out>::value) {
    return response_component<typename IsUpserted<Out>::Value>(schemas);
  } else if constexpr (std::is_same_v<Out, NoContent> || std::is_same_v<Out, http::Response>) {
    return {};
  } else {
    return add_component<Out>(schemas, Shape::kRead);
  }
}

template <class In>
In read_body(const http::Request& request, bool optional) {
  if constexpr (std::is_same_v<In, NoBody>) {
    return {};
  } else if constexpr (IsQuery<In>::value) {
    return parse_query<typename IsQuery<In>::Params>(http::parse_query(request.query));
  } else {
    const auto body = optional && request.body.empty() ? nlohmann::json::object()
                                                       : http::parse_json_object(request.body);
    if constexpr (IsPatch<In>::value) {
      return parse_patch<typename IsPatch<In>::Record>(body);
    } else if constexpr (IsReplace<In>::value) {
      return parse_replace<typename IsReplace<In>::Record>(body);
    } else {
      return parse_create<In>(body);
    }
  }
}

template <class Out>
http::Response respond(const Operation& op, Call& call, Out out) {
  if constexpr (IsUpserted<Out>::value) {
    auto response = respond(op, call, std::move(out.value));
    if (out.created) {
      response.status = 201;
      response.set_header("Location", call.context().request().path);
    }
    return response;
  } else if constexpr (std::is_same_v<Out, NoContent>) {
    http::Response response;
    response.status = 204;
    return response;
  } else if constexpr (std::is_same_v<Out, http::Response>) {
    return out;
  } else {
    decorate(out, call.actor());
    auto response = http::json_response(op.status, render(out));
    if constexpr (requires { out.id; }) {
      if (op.status == 201) {
        const auto& path = qgp::kit::meta<Out>().path;
        response.set_header("Location", path.empty() ? call.context().request().path
                                                     : fmt::format("{}/{}", path, out.id));
      }
    }
    return response;
  }
}

template <class In, class Out, class Fn>
void Routes::add(Operation op, Fn fn) {
  http::SchemaRegistry schemas;
  http::Route route{.method = op.method,
                    .pattern = op.pattern,
                    .summary = op.summary,
                    .tag = tag_,
                    .is_public = op.is_public,
                    .permission = op.permission,
                    .request_schema = request_component<In>(schemas),
                    .request_body_required = !op.body_optional,
                    .response_schema = response_component<Out>(schemas),
                    .success_status = op.status,
                    .may_create = op.may_create,
                    .refusals = op.refusals};
  if constexpr (std::is_same_v<Out, http::Response>) {
    route.success_content_type = "text/csv";
  }
  if constexpr (IsQuery<In>::value) {
    route.query_parameters = query_parameters<typename IsQuery<In>::Params>(schemas);
  }
  route.handler = [op, fn = std::move(fn)](http::RequestContext& context) {
    auto in = read_body<In>(context.request(), op.body_optional);
    const auto invoke = [&](Call& call) {
      if constexpr (std::is_same_v<In, NoBody>) {
        return fn(call);
      } else {
        return fn(call, in);
      }
    };
    if (op.connects_itself) {
      Call call(context);
      return respond<Out>(op, call, invoke(call));
    }
    // The request's own connection: a read's principal may travel ahead on it (docs/adr/0012).
    auto& connection = context.connection();
    if (!op.writes) {
      Call call(context, connection, nullptr);
      return respond<Out>(op, call, invoke(call));
    }
    db::Transaction tx(connection);
    Call call(context, connection, &tx);
    auto out = invoke(call);
    tx.commit();
    return respond<Out>(op, call, std::move(out));
  };
  register_route(std::move(route), std::move(schemas));
}

template <qgp::kit::Described R, class Fn>
void Routes::list(Operation op, Fn fn) {
  http::SchemaRegistry schemas;
  const auto& spec = list_spec<R>();
  http::Route route{.method = "GET",
                    .pattern = std::move(op.pattern),
                    .summary = std::move(op.summary),
                    .tag = tag_,
                    .permission = std::move(op.permission),
                    .query_parameters = list_parameters(spec),
                    .response_schema = add_list_component<R>(schemas)};
  route.handler = [&spec, fn = std::move(fn)](http::RequestContext& context) {
    const auto query = parse_list(http::parse_query(context.request().query), spec);
    Call call(context, context.connection(), nullptr);
    qgp::kit::Page<R> page = fn(call, query);
    nlohmann::json items = nlohmann::json::array();
    for (auto& item : page.items) {
      decorate(item, call.actor());
      items.push_back(render(item));
    }
    return http::json_response(
        200, list_envelope(std::move(items), page.total, page.total_exact, query));
  };
  register_route(std::move(route), std::move(schemas));
}

template <qgp::kit::Described R>
void Routes::list(std::string permission, std::string summary) {
  list<R>(Operation{.method = "GET",
                    .pattern = std::string(qgp::kit::meta<R>().path),
                    .summary = std::move(summary),
                    .permission = std::move(permission)},
          [](Call& call, const qgp::kit::ListQuery& query) {
            return store::kit::list<R>(call.connection(), query);
          });
}

template <qgp::kit::Described R>
void Routes::get(std::string permission, std::string summary) {
  add<NoBody, R>(Operation{.method = "GET",
                           .pattern = std::string(qgp::kit::meta<R>().path) + "/{id}",
                           .summary = std::move(summary),
                           .permission = std::move(permission)},
                 [](Call& call) { return domain::common::get<R>(call.connection(), call.id()); });
}

template <qgp::kit::Described R, class Fn>
void Routes::create(std::string permission, std::string summary, Fn fn) {
  add<R, R>(Operation{.method = "POST",
                      .pattern = std::string(qgp::kit::meta<R>().path),
                      .summary = std::move(summary),
                      .permission = std::move(permission),
                      .writes = true,
                      .status = 201},
            std::move(fn));
}

template <qgp::kit::Described R, class Fn>
void Routes::patch(std::string permission, std::string summary, Fn fn) {
  add<qgp::kit::Patch<R>, R>(Operation{.method = "PATCH",
                                       .pattern = std::string(qgp::kit::meta<R>().path) + "/{id}",
                                       .summary = std::move(summary),
                                       .permission = std::move(permission),
                                       .writes = true},
                             std::move(fn));
}

template <qgp::kit::HasWorkflow R, class Fn>
void Routes::transitions(std::string permission, std::string summary, Fn fn) {
  // The record itself, or another declared view of it (e.g. a detail with its children).
  using Out = std::invoke_result_t<Fn&, Call&, const TransitionRequest<R>&>;
  http::SchemaRegistry schemas;
  http::Route route{.method = "POST",
                    .pattern = std::string(qgp::kit::meta<R>().path) + "/{id}/transitions",
                    .summary = std::move(summary),
                    .tag = tag_,
                    .permission = std::move(permission),
                    .request_schema = add_transition_component<R>(schemas),
                    .response_schema = add_component<Out>(schemas, Shape::kRead)};
  const Operation op{
      .method = "POST", .pattern = {}, .summary = {}, .permission = {}, .writes = true};
  route.handler = [op, fn = std::move(fn)](http::RequestContext& context) {
    const auto request = parse_transition<R>(http::parse_json_object(context.request().body));
    auto& connection = context.connection();
    db::Transaction tx(connection);
    Call call(context, connection, &tx);
    auto out = fn(call, request);
    tx.commit();
    return respond<Out>(op, call, std::move(out));
  };
  register_route(std::move(route), std::move(schemas));
}

template <qgp::kit::HasWorkflow R>
void Routes::transitions(std::string permission, std::string summary) {
  transitions<R>(std::move(permission), std::move(summary),
                 [](Call& call, const TransitionRequest<R>& request) {
                   return domain::common::transition<R>(call.tx(), call.actor(), call.id(),
                                                        request.to, request.note, request.extra,
                                                        [](const R& /*before*/, R& /*after*/) {});
                 });
}

// The names of R's fields a transition request may carry, from every edge's with_fields.
template <qgp::kit::HasWorkflow R>
const std::set<std::string, std::less<>>& transition_fields() {
  static const std::set<std::string, std::less<>> names = [] {
    std::set<std::string, std::less<>> out;
    for (const auto& edge : qgp::kit::kWorkflow<R>.edges) {
      std::string_view rest = edge.with_fields;
      while (!rest.empty()) {
        const auto comma = rest.find(',');
        out.emplace(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      }
    }
    return out;
  }();
  return names;
}

template <qgp::kit::HasWorkflow R>
TransitionRequest<R> parse_transition(const nlohmann::json& body) {
  using State = qgp::kit::StateOf<R>;
  Problems problems;
  TransitionRequest<R> request;
  const auto& fields = transition_fields<R>();
  const auto to = body.find("to");
  if (to == body.end() || to->is_null()) {
    problems.add("to", "is required");
  } else if (const auto name =
                 detail::read_wire_name(*to, qgp::kit::kWireNames<State>, "to", problems)) {
    request.to = *qgp::kit::parse_enum<State>(*name);
  }
  if (const auto note = body.find("note"); note != body.end() && !note->is_null()) {
    request.note =
        detail::read_text(*note, 0, qgp::kit::kMaxNoteCodePoints, true, false, "note", problems);
  }
  qgp::kit::for_each_field<R>([&](const auto& f, std::size_t index) {
    const auto it = body.find(f.name);
    if (it == body.end() || !fields.contains(f.name)) {
      return;
    }
    if (read_member(f, *it, std::string(f.name), "cannot be null", request.extra.values.*f.member,
                    problems)) {
      request.extra.mark(index);
    }
  });
  for (const auto& item : body.items()) {
    if (item.key() != "to" && item.key() != "note" && !fields.contains(item.key())) {
      problems.add(item.key(), "unknown field");
    }
  }
  problems.raise();
  return request;
}

template <qgp::kit::HasWorkflow R>
std::string add_transition_component(http::SchemaRegistry& schemas) {
  using State = qgp::kit::StateOf<R>;
  const auto name = std::string(qgp::kit::meta<R>().name) + "Transition";
  const auto& states = qgp::kit::kWireNames<State>;
  // The note's rules come from this resource's own edges, never from another's example.
  std::string note_doc = "Why the move is made";
  std::string separator = ". Required when: ";
  for (const auto& edge : qgp::kit::kWorkflow<R>.edges) {
    if (edge.needs_note != nullptr && !edge.note_rule.empty()) {
      note_doc += fmt::format("{}{} -> {}: {}", separator, qgp::kit::wire_name(edge.from),
                              qgp::kit::wire_name(edge.to), edge.note_rule);
      separator = "; ";
    }
  }
  nlohmann::json properties = {
      {"to",
       {{"type", "string"}, {"enum", std::vector<std::string_view>(states.begin(), states.end())}}},
      {"note",
       {{"type", {"string", "null"}},
        {"maxLength", qgp::kit::kMaxNoteCodePoints},
        {"description", std::move(note_doc)}}}};
  const auto& fields = transition_fields<R>();
  qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
    using M = typename std::remove_cvref_t<decltype(f)>::Member;
    if (fields.contains(f.name)) {
      properties[std::string(f.name)] = type_schema<M>(f, Shape::kPatch, schemas);
    }
  });
  schemas[name] = {{"type", "object"},
                   {"additionalProperties", false},
                   {"required", {"to"}},
                   {"properties", std::move(properties)}};
  return name;
}

}  // namespace qgp::api::kit
