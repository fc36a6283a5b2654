#include "api/identity/auth_routes.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "api/kit/routes.hpp"
#include "core/config.hpp"
#include "core/errors.hpp"
#include "db/pool.hpp"
#include "domain/identity/auth_service.hpp"
#include "http/server.hpp"
#include "model/identity/auth.hpp"
#include "model/identity/user.hpp"

namespace qgp::api::identity {

namespace {

namespace auth = domain::identity;
using model::identity::ChangePasswordRequest;
using model::identity::LoginRequest;
using model::identity::LogoutRequest;
using model::identity::Me;
using model::identity::RefreshRequest;
using model::identity::TokenPair;
using Settings = std::shared_ptr<const auth::AuthSettings>;

// Validates `Authorization: Bearer <access token>` and loads the user's permissions (one query,
// sent ahead of the request's first statement when the request only reads).
class BearerAuthenticator final : public http::Authenticator {
 public:
  explicit BearerAuthenticator(Settings settings) : settings_(std::move(settings)) {}

  std::optional<http::Principal> authenticate(const http::Request& request,
                                              db::Pool* pool) override {
    const auto token = bearer_token(request);
    if (!token || pool == nullptr) {
      return std::nullopt;
    }
    auto connection = pool->acquire();
    const auto record = auth::authenticate_access_token(*connection, *settings_, *token);
    return record ? std::optional(principal_of(*record)) : std::nullopt;
  }

  Ahead authenticate_ahead(const http::Request& request, db::Connection& connection,
                           Resolved resolved) override {
    const auto token = bearer_token(request);
    if (!token
        || !auth::send_access_token_principal_ahead(
            connection, *settings_, *token,
            [resolved =
                 std::move(resolved)](std::optional<store::identity::PrincipalRecord> record) {
              resolved(record ? std::optional(principal_of(*record)) : std::nullopt);
            })) {
      return Ahead::kNoCredentials;
    }
    return Ahead::kSent;
  }

 private:
  static std::optional<std::string_view> bearer_token(const http::Request& request) {
    const auto header = request.header("Authorization");
    constexpr std::string_view kScheme = "bearer ";
    if (!header || header->size() <= kScheme.size()
        || !std::equal(kScheme.begin(), kScheme.end(), header->begin(), [](char a, char b) {
             return a == static_cast<char>(std::tolower(static_cast<unsigned char>(b)));
           })) {
      return std::nullopt;
    }
    return header->substr(kScheme.size());
  }

  static http::Principal principal_of(const store::identity::PrincipalRecord& record) {
    http::Principal principal;
    principal.user_id = record.user_id;
    principal.name = record.display_name;
    principal.superuser = record.is_superuser;
    principal.permissions.insert(record.permissions.begin(), record.permissions.end());
    return principal;
  }

  Settings settings_;
};

auth::ClientInfo client_of(kit::Call& call) {
  const auto& request = call.context().request();
  return auth::ClientInfo{.client_address = request.remote_address,
                          .user_agent = std::string(request.header("User-Agent").value_or("")),
                          .request_id = call.context().request_id()};
}

kit::Operation auth_post(std::string pattern, std::string summary) {
  return kit::Operation{.method = "POST",
                        .pattern = std::move(pattern),
                        .summary = std::move(summary),
                        .permission = {}};
}

}  // namespace

void register_auth_routes(http::Server& server, const core::Config& config) {
  const auto settings =
      std::make_shared<const auth::AuthSettings>(auth::AuthSettings::from_config(config));
  server.set_authenticator(std::make_shared<BearerAuthenticator>(settings));
  kit::Routes routes(server, "auth");

  // Sign-in and password change compare Argon2id hashes holding no connection (ADR-0005): they
  // connect themselves, and commit what a failure leaves behind (the attempt, its audit row)
  // before they answer.
  auto login = auth_post("/api/v1/auth/login",
                         "Log in with email and password: an access token and a refresh token");
  login.is_public = true;
  login.connects_itself = true;
  routes.add<LoginRequest, TokenPair>(
      std::move(login), [settings](kit::Call& call, const LoginRequest& body) {
        return auth::login(call.pool(), *settings, body.email, body.password, client_of(call));
      });
  // A replayed refresh token revokes its whole family and that must stay revoked although the
  // request fails: refresh commits its own transaction.
  auto refresh =
      auth_post("/api/v1/auth/refresh",
                "Rotate a refresh token: a new token pair; reuse of an old one ends the session");
  refresh.is_public = true;
  routes.add<RefreshRequest, TokenPair>(
      std::move(refresh), [settings](kit::Call& call, const RefreshRequest& body) {
        return auth::refresh(call.connection(), *settings, body.refresh_token, client_of(call));
      });
  auto logout =
      auth_post("/api/v1/auth/logout",
                "End this session (the refresh token's family) or, with all=true, every session");
  logout.writes = true;
  logout.status = 204;
  logout.body_optional = true;
  routes.add<LogoutRequest, kit::NoContent>(
      std::move(logout), [](kit::Call& call, const LogoutRequest& body) {
        if (!body.refresh_token && !body.all) {
          throw core::ValidationError("refresh_token", "required unless all is true");
        }
        auth::logout(call.tx(), call.actor(),
                     body.refresh_token ? std::optional<std::string_view>(*body.refresh_token)
                                        : std::nullopt,
                     body.all);
        return kit::NoContent{};
      });
  routes.add<kit::NoBody, Me>(
      kit::Operation{.method = "GET",
                     .pattern = "/api/v1/auth/me",
                     .summary = "The signed-in user with roles and effective permissions",
                     .permission = {}},
      [](kit::Call& call) {
        auto profile = auth::current_profile(call.connection(), call.actor().user_id.value_or(0));
        if (!profile) {
          throw core::Unauthenticated();
        }
        return std::move(*profile);
      });
  auto change = auth_post("/api/v1/auth/change-password",
                          "Change the password (throttled like logins); every session is signed "
                          "out and a new one begins");
  change.connects_itself = true;
  routes.add<ChangePasswordRequest, TokenPair>(
      std::move(change), [settings](kit::Call& call, const ChangePasswordRequest& body) {
        return auth::change_password(call.pool(), *settings, call.actor(), body.current_password,
                                     body.new_password, client_of(call));
      });
}

}  // namespace qgp::api::identity
