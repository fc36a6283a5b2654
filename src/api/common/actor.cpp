#include "api/common/actor.hpp"

#include "http/router.hpp"

namespace qgp::api::common {

core::Actor actor_of(const http::RequestContext& context) {
  core::Actor actor;
  if (const auto* principal = context.principal(); principal != nullptr) {
    actor.user_id = principal->user_id;
    actor.permissions = principal->permissions;
    actor.superuser = principal->superuser;
  }
  actor.request_id = context.request_id();
  actor.client_address = context.request().remote_address;
  return actor;
}

}  // namespace qgp::api::common
