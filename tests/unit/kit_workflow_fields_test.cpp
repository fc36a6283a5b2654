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
  constexpr E kBoth{.from = Step::kA, .to = Step::kB, .with_fields = "latitude,longitude"};
  static_assert(kBoth.carries("latitude") && kBoth.carries("longitude"));
  static_assert(!kBoth.carries("lat") && !kBoth.carries("latitude,longitude")
                && !kBoth.carries(""));
  constexpr E kOne{.from = Step::kA, .to = Step::kB, .with_fields = "note_text"};
  static_assert(kOne.carries("note_text") && !kOne.carries("note"));
  constexpr E kNone{.from = Step::kB, .to = Step::kA};
  static_assert(!kNone.carries("latitude"));
  EXPECT_TRUE(kBoth.carries("longitude"));
  EXPECT_FALSE(kNone.carries("longitude"));
}

}  // namespace
}  // namespace qgp::kit_workflow_fields_test
