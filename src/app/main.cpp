// The qgp binary: wiring only. Every command lives in the core library (src/cli/); the web
// application's files are embedded here and handed to `qgp serve`.
#include <iostream>

#include <sodium.h>

#include "app/web_assets.hpp"
#include "cli/commands.hpp"

int main(int argc, char** argv) {
  if (sodium_init() < 0) {
    std::cerr << "qgp: libsodium failed to initialise\n";
    return 1;
  }
  return qgp::cli::run(argc, argv, qgp::app::web_assets());
}
