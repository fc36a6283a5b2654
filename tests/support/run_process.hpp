#pragma once

#include <map>
#include <string>
#include <vector>

namespace qgp::testing {

struct ProcessResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `program` with `args` and exactly `env` as its environment (nothing inherited but PATH),
// waits, and captures both streams. Used to test the real qgp binary as a black box.
ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env);

// run_process on the built qgp binary (QGP_BINARY).
ProcessResult run_qgp(const std::vector<std::string>& args,
                      const std::map<std::string, std::string>& env);

}  // namespace qgp::testing
