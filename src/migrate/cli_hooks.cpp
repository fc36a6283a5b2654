#include "migrate/cli_hooks.hpp"

#include <utility>

namespace qgp::migrate {

namespace {

AutogenerateHook& hook_slot() {
  static AutogenerateHook hook;
  return hook;
}

}  // namespace

void set_autogenerate_hook(AutogenerateHook hook) {
  hook_slot() = std::move(hook);
}

const AutogenerateHook& autogenerate_hook() {
  return hook_slot();
}

}  // namespace qgp::migrate
