#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "migrate/graph.hpp"
#include "schema/model.hpp"

namespace qgp::migrate {

struct StairwayOptions {
  std::chrono::milliseconds lock_timeout{5000};
  std::function<void(const std::string&)> progress;  // one line per revision; may be empty
};

struct StairwayReport {
  std::vector<std::string> problems;  // each names the revision and its file
  [[nodiscard]] bool ok() const noexcept { return problems.empty(); }
};

// The stairway test on a scratch database (from template0) on the server of `conninfo`: for every
// revision in topological order, upgrade one step, snapshot the catalog, downgrade one step and
// compare with the snapshot before the upgrade, upgrade again and compare with the first snapshot.
// Then `downgrade base` must leave nothing in schema public, and `upgrade head` must equal the
// declared schema. Stops at the first revision that fails to apply. One step back is the
// revision's parent: the test is exact for linear histories and merges of linear branches.
StairwayReport run_stairway(const std::string& conninfo, const RevisionGraph& graph,
                            const schema::Schema& declared, const StairwayOptions& options);

}  // namespace qgp::migrate
