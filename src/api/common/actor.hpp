#pragma once

#include "core/actor.hpp"

namespace qgp::http {
class RequestContext;
}

namespace qgp::api::common {

// The audit-trail actor of a request: the authenticated user (if any), X-Request-Id and the
// client address.
core::Actor actor_of(const http::RequestContext& context);

}  // namespace qgp::api::common
