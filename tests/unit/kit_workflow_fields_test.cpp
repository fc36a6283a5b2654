// Edge::carries: which client fields a move may carry (with_fields). domain::common::transition
// refuses any other sent field with a 422 instead of applying it silently; the audit run tests
// prove that against the database (a cancel that sends coordinates).
#include <gtest/gtest.h>

#include "kit/enums.hpp"
#include "kit/workflow.hpp"

namespace qgp::kit_workflow_fields_test {
namespace {

QGP_KIT_ENUM(Step, kA, kB)

struct Thing {
  Step status{};
};

using E = kit::Edge<Thing, Step>;

TEST(KitWorkflowFields, AnEdgeCarriesExactlyItsListedFields) {
  constexpr E both{.from = Step::kA, .to = Step::kB, .with_fields = "latitude,longitude"};
  static_assert(both.carries("latitude") && both.carries("longitude"));
  static_assert(!both.carries("lat") && !both.carries("latitude,longitude") && !both.carries(""));
  constexpr E one{.from = Step::kA, .to = Step::kB, .with_fields = "note_text"};
  static_assert(one.carries("note_text") && !one.carries("note"));
  constexpr E none{.from = Step::kB, .to = Step::kA};
  static_assert(!none.carries("latitude"));
  EXPECT_TRUE(both.carries("longitude"));
  EXPECT_FALSE(none.carries("longitude"));
}

}  // namespace
}  // namespace qgp::kit_workflow_fields_test
