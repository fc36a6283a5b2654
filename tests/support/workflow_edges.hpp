#pragma once

#include <set>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "core/actor.hpp"
#include "core/errors.hpp"
#include "kit/enums.hpp"
#include "kit/workflow.hpp"

namespace qgp::testing {

// R's workflow has exactly `edges`, among every pair of states: `mover` takes each (with a note),
// landing in its target, and `outsider` is refused each (403); every other pair is refused as an
// invalid transition (409). A record in a state is a default R with that status.
template <kit::HasWorkflow R>
void expect_exactly_these_edges(const std::set<std::pair<kit::StateOf<R>, kit::StateOf<R>>>& edges,
                                const core::Actor& mover, const core::Actor& outsider) {
  const auto& flow = kit::kWorkflow<R>;
  const auto in = [&](kit::StateOf<R> status) {
    R row{};
    row.*flow.status = status;
    return row;
  };
  const auto noun = kit::meta<R>().noun;
  const std::string note = "why";
  for (const auto from : kit::enum_values<kit::StateOf<R>>()) {
    for (const auto to : kit::enum_values<kit::StateOf<R>>()) {
      SCOPED_TRACE(std::string(kit::wire_name(from)) + " -> " + std::string(kit::wire_name(to)));
      const bool edge = edges.contains({from, to});
      EXPECT_EQ(flow.edge(in(from), to) != nullptr, edge);
      if (edge) {
        const auto moved =
            flow.moved(in(from), flow.check(in(from), to, note, mover, noun), mover, note);
        EXPECT_EQ(moved.*flow.status, to);
        EXPECT_THROW(flow.check(in(from), to, note, outsider, noun), core::Forbidden);
      } else {
        EXPECT_THROW(flow.check(in(from), to, note, mover, noun), core::InvalidTransition);
      }
    }
  }
}

}  // namespace qgp::testing
