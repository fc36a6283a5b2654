// qgp_openapi_writer FILE: writes the OpenAPI document `qgp serve` serves into FILE, from the same
// route table (`qgp openapi --output FILE`), in a binary without the web application: the
// application's API types are generated from this document before the application is built and
// embedded into `qgp` (docs/adr/0015), so the build order is not circular.
#include <array>
#include <cstddef>
#include <iostream>
#include <span>
#include <string>

#include <sodium.h>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  const std::span<char*> given(argv, static_cast<std::size_t>(argc));
  if (given.size() != 2) {
    std::cerr << "usage: qgp_openapi_writer FILE\n";
    return 2;
  }
  if (sodium_init() < 0) {
    std::cerr << "qgp_openapi_writer: libsodium failed to initialise\n";
    return 1;
  }
  std::string program = given[0];
  std::string command = "openapi";
  std::string flag = "--output";
  std::string file = given[1];
  std::array<char*, 4> arguments = {program.data(), command.data(), flag.data(), file.data()};
  return qgp::cli::run(static_cast<int>(arguments.size()), arguments.data());
}
