// Positive control for the clang-tidy gate (ci/tidy.py): this file must be REPORTED. It is compiled
// outside the project build; if the repo .clang-tidy failed to load (clang-tidy then exits 0 and
// checks almost nothing), bugprone-use-after-move would go silent and the gate fails on that.
#include <string>
#include <utility>

int tidy_canary() {
  std::string text = "moved";
  std::string taken = std::move(text);
  return static_cast<int>(text.size() + taken.size());  // use after move: must be flagged
}
