#pragma once

// One generic status workflow (ADR-0010): a table of edges, data rather than a compile-time state
// machine, because transitions arrive as strings and must be listed per caller. Each edge says who
// may take it (a permission beyond the route's), whether it needs a note, who may not take it
// (separation of duties: the person who completed a run may not approve it), when it exists at all
// for a row, and what else it changes. Entering the workflow's closed state stamps closed_at and
// closed_by_id, leaving it clears them: one place for every module. The resource finds its workflow
// by argument-dependent lookup: `constexpr auto workflow(kit::Tag<Finding>)`.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/actor.hpp"
#include "core/errors.hpp"
#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/text.hpp"

namespace qgp::kit {

inline constexpr std::size_t kMaxNoteCodePoints = 10000;

template <class R, class S>
struct Edge {
  S from{};
  S to{};
  std::string_view permission = {};  // also needed to take this edge; empty: the route's suffices
  // A note is required when this returns true for the row (nullptr: the note is optional).
  bool (*needs_note)(const R&) = nullptr;
  std::string_view note_rule = {};  // the 422 message when the note is missing
  // Separation of duties: the actor may not be the user this member names.
  std::optional<std::int64_t> R::* not_by = nullptr;
  std::string_view not_by_rule = {};
  // The edge exists only for rows where this returns true (nullptr: always).
  bool (*applies)(const R&) = nullptr;
  // Further changes the edge makes to the row (stamps, notes); runs after status and closing.
  void (*effect)(R&, const core::Actor&, const std::optional<std::string>&) = nullptr;
  // Client fields of R the transition request may also carry, comma separated
  // ("latitude,longitude").
  std::string_view with_fields = {};

  // Whether this move takes the client field `name` (one of with_fields).
  [[nodiscard]] constexpr bool carries(std::string_view name) const {
    std::string_view rest = with_fields;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      if (rest.substr(0, comma) == name) {
        return true;
      }
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    return false;
  }
};

template <class R, class S, std::size_t kEdges>
struct Workflow {
  S R::* status = nullptr;
  std::array<Edge<R, S>, kEdges> edges{};
  std::optional<S> closed = std::nullopt;  // the state closed_at/closed_by_id mark
  std::optional<Timestamp> R::* closed_at = nullptr;
  std::optional<std::int64_t> R::* closed_by_id = nullptr;

  [[nodiscard]] const Edge<R, S>* edge(const R& row, S to) const {
    for (const auto& e : edges) {
      if (e.from == row.*status && e.to == to && (e.applies == nullptr || e.applies(row))) {
        return &e;
      }
    }
    return nullptr;
  }

  // Why `actor` may not take `e` on `row`, or nullopt when they may.
  [[nodiscard]] std::optional<std::string> refusal(const Edge<R, S>& e, const R& row,
                                                   const core::Actor& actor) const {
    if (!e.permission.empty() && !actor.may(e.permission)) {
      return fmt::format("moving to {} needs the {} permission", wire_name(e.to), e.permission);
    }
    if (e.not_by != nullptr && actor.user_id && row.*e.not_by == actor.user_id) {
      return std::string(e.not_by_rule);
    }
    return std::nullopt;
  }

  // The states `actor` may move `row` to now, in table order: what a client shows as actions.
  [[nodiscard]] std::vector<S> allowed(const R& row, const core::Actor& actor) const {
    std::vector<S> out;
    for (const auto& e : edges) {
      if (e.from == row.*status && (e.applies == nullptr || e.applies(row))
          && !refusal(e, row, actor)) {
        out.push_back(e.to);
      }
    }
    return out;
  }

  // Checks the move and returns the edge: 409 INVALID_TRANSITION naming what is allowed, 403 for a
  // missing permission or a separation-of-duties rule, 422 for a missing or oversized note.
  const Edge<R, S>& check(const R& row, S to, const std::optional<std::string>& note,
                          const core::Actor& actor, std::string_view noun) const {
    const auto* e = edge(row, to);
    if (e == nullptr) {
      std::vector<std::string_view> targets;
      for (const auto& candidate : edges) {
        if (candidate.from == row.*status
            && (candidate.applies == nullptr || candidate.applies(row))) {
          targets.push_back(wire_name(candidate.to));
        }
      }
      throw core::InvalidTransition(fmt::format(
          "a {} cannot go from {} to {}; allowed: {}", noun, wire_name(row.*status), wire_name(to),
          targets.empty() ? std::string("none") : fmt::format("{}", fmt::join(targets, ", "))));
    }
    if (const auto why = refusal(*e, row, actor)) {
      throw core::Forbidden(*why);
    }
    const bool missing = !note || is_blank(*note);
    if (missing && e->needs_note != nullptr && e->needs_note(row)) {
      throw core::ValidationError("note", std::string(e->note_rule));
    }
    return *e;
  }

  // `row` moved along `e`: the status, the closing stamps, then the edge's own effect. Timestamps
  // are Timestamp::now(): the store writes the database's transaction time.
  [[nodiscard]] R moved(R row, const Edge<R, S>& e, const core::Actor& actor,
                        const std::optional<std::string>& note) const {
    row.*status = e.to;
    if (closed && closed_at != nullptr && closed_by_id != nullptr) {
      if (e.to == *closed) {
        row.*closed_at = Timestamp::now();
        row.*closed_by_id = actor.user_id;
      } else if (e.from == *closed) {
        row.*closed_at = std::nullopt;
        row.*closed_by_id = std::nullopt;
      }
    }
    if (e.effect != nullptr) {
      e.effect(row, actor, note);
    }
    return row;
  }
};

template <class R>
concept HasWorkflow = requires { workflow(Tag<R>{}); };

template <HasWorkflow R>
inline constexpr auto kWorkflow = workflow(Tag<R>{});

// The state type of R's workflow.
template <HasWorkflow R>
using StateOf = std::remove_cvref_t<decltype(std::declval<R>().*(kWorkflow<R>.status))>;

}  // namespace qgp::kit
