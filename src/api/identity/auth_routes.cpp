#include "api/identity/auth_routes.hpp"

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "api/common/actor.hpp"
#include "core/config.hpp"
#include "core/errors.hpp"
#include "db/pool.hpp"
#include "domain/identity/auth_service.hpp"
#include "http/json_body.hpp"
#include "http/server.hpp"

namespace qgp::api::identity {

namespace {

namespace auth = domain::identity;
using Settings = std::shared_ptr<const auth::AuthSettings>;

// Validates `Authorization: Bearer <access token>` and loads the user's permissions (one query).
class BearerAuthenticator final : public http::Authenticator {
 public:
  explicit BearerAuthenticator(Settings settings) : settings_(std::move(settings)) {}

  std::optional<http::Principal> authenticate(const http::Request& request,
                                              db::Pool* pool) override {
    const auto header = request.header("Authorization");
    if (!header || pool == nullptr) {
      return std::nullopt;
    }
    constexpr std::string_view kScheme = "bearer ";
    if (header->size() <= kScheme.size()
        || !std::equal(kScheme.begin(), kScheme.end(), header->begin(), [](char a, char b) {
             return a == static_cast<char>(std::tolower(static_cast<unsigned char>(b)));
           })) {
      return std::nullopt;
    }
    auto connection = pool->acquire();
    const auto record =
        auth::authenticate_access_token(*connection, *settings_, header->substr(kScheme.size()));
    if (!record) {
      return std::nullopt;
    }
    http::Principal principal;
    principal.user_id = record->user_id;
    principal.name = record->display_name;
    principal.superuser = record->is_superuser;
    principal.permissions.insert(record->permissions.begin(), record->permissions.end());
    return principal;
  }

 private:
  Settings settings_;
};

auth::ClientInfo client_of(const http::RequestContext& context) {
  return auth::ClientInfo{
      .client_address = context.request().remote_address,
      .user_agent = std::string(context.request().header("User-Agent").value_or("")),
      .request_id = context.request_id()};
}

http::Response token_response(const auth::TokenPair& pair) {
  auto response = http::json_response(200, {{"access_token", pair.access_token},
                                            {"token_type", "bearer"},
                                            {"expires_in", pair.expires_in},
                                            {"refresh_token", pair.refresh_token}});
  response.set_header("Cache-Control", "no-store");
  return response;
}

nlohmann::json profile_json(const store::identity::Profile& profile) {
  return {
      {"id", profile.id},
      {"email", profile.email},
      {"first_name", profile.first_name},
      {"last_name", profile.last_name},
      {"job_title", profile.job_title ? nlohmann::json(*profile.job_title) : nullptr},
      {"department", profile.department ? nlohmann::json(*profile.department) : nullptr},
      {"is_superuser", profile.is_superuser},
      {"last_login_at", profile.last_login_at ? nlohmann::json(*profile.last_login_at) : nullptr},
      {"roles", profile.roles},
      {"permissions", profile.permissions}};
}

void add_schemas(http::Server& server) {
  const nlohmann::json string = {{"type", "string"}};
  server.add_schema("LoginRequest", {{"type", "object"},
                                     {"required", {"email", "password"}},
                                     {"properties", {{"email", string}, {"password", string}}},
                                     {"additionalProperties", false}});
  server.add_schema("RefreshRequest", {{"type", "object"},
                                       {"required", {"refresh_token"}},
                                       {"properties", {{"refresh_token", string}}},
                                       {"additionalProperties", false}});
  server.add_schema("LogoutRequest",
                    {{"type", "object"},
                     {"properties", {{"refresh_token", string}, {"all", {{"type", "boolean"}}}}},
                     {"additionalProperties", false}});
  server.add_schema("ChangePasswordRequest",
                    {{"type", "object"},
                     {"required", {"current_password", "new_password"}},
                     {"properties", {{"current_password", string}, {"new_password", string}}},
                     {"additionalProperties", false}});
  server.add_schema("TokenPair", {{"type", "object"},
                                  {"properties",
                                   {{"access_token", string},
                                    {"token_type", string},
                                    {"expires_in", {{"type", "integer"}}},
                                    {"refresh_token", string}}}});
  server.add_schema("Me", {{"type", "object"},
                           {"properties",
                            {{"id", {{"type", "integer"}}},
                             {"email", string},
                             {"roles", {{"type", "array"}, {"items", string}}},
                             {"permissions", {{"type", "array"}, {"items", string}}}}}});
}

}  // namespace

void register_auth_routes(http::Server& server, const core::Config& config) {
  const auto settings =
      std::make_shared<const auth::AuthSettings>(auth::AuthSettings::from_config(config));
  server.set_authenticator(std::make_shared<BearerAuthenticator>(settings));
  add_schemas(server);

  server.add_route(
      http::Route{.method = "POST",
                  .pattern = "/api/v1/auth/login",
                  .summary = "Log in with email and password: an access token and a refresh token",
                  .tag = "auth",
                  .is_public = true,
                  .request_schema = "LoginRequest",
                  .response_schema = "TokenPair",
                  .handler = [settings](http::RequestContext& context) {
                    const auto body = http::parse_json_object(context.request().body);
                    http::JsonReader reader(body);
                    const auto email = reader.required_string("email", 320);
                    const auto password = reader.required_string("password", 1024);
                    reader.finish();
                    return token_response(auth::login(context.pool(), *settings, email, password,
                                                      client_of(context)));
                  }});
  server.add_route(http::Route{
      .method = "POST",
      .pattern = "/api/v1/auth/refresh",
      .summary = "Rotate a refresh token: a new token pair; reuse of an old one ends the session",
      .tag = "auth",
      .is_public = true,
      .request_schema = "RefreshRequest",
      .response_schema = "TokenPair",
      .handler = [settings](http::RequestContext& context) {
        const auto body = http::parse_json_object(context.request().body);
        http::JsonReader reader(body);
        const auto token = reader.required_string("refresh_token", 200);
        reader.finish();
        auto connection = context.pool().acquire();
        return token_response(auth::refresh(*connection, *settings, token, client_of(context)));
      }});
  server.add_route(http::Route{
      .method = "POST",
      .pattern = "/api/v1/auth/logout",
      .summary = "End this session (the refresh token's family) or, with all=true, every session",
      .tag = "auth",
      .request_schema = "LogoutRequest",
      .success_status = 204,
      .handler = [](http::RequestContext& context) {
        std::optional<std::string> token;
        bool everywhere = false;
        if (!context.request().body.empty()) {
          const auto body = http::parse_json_object(context.request().body);
          http::JsonReader reader(body);
          token = reader.optional_string("refresh_token", 200);
          everywhere = reader.optional_bool("all").value_or(false);
          reader.finish();
        }
        if (!token && !everywhere) {
          throw core::ValidationError("refresh_token", "required unless all is true");
        }
        auto connection = context.pool().acquire();
        auth::logout(*connection, common::actor_of(context),
                     token ? std::optional<std::string_view>(*token) : std::nullopt, everywhere);
        http::Response response;
        response.status = 204;
        return response;
      }});
  server.add_route(http::Route{.method = "GET",
                               .pattern = "/api/v1/auth/me",
                               .summary = "The signed-in user with roles and effective permissions",
                               .tag = "auth",
                               .response_schema = "Me",
                               .handler = [](http::RequestContext& context) {
                                 auto connection = context.pool().acquire();
                                 const auto profile = auth::current_profile(
                                     *connection, context.require_principal().user_id);
                                 if (!profile) {
                                   throw core::Unauthenticated();
                                 }
                                 return http::json_response(200, profile_json(*profile));
                               }});
  server.add_route(http::Route{
      .method = "POST",
      .pattern = "/api/v1/auth/change-password",
      .summary = "Change the password (throttled like logins); every session is signed out "
                 "and a new one begins",
      .tag = "auth",
      .request_schema = "ChangePasswordRequest",
      .response_schema = "TokenPair",
      .handler = [settings](http::RequestContext& context) {
        const auto body = http::parse_json_object(context.request().body);
        http::JsonReader reader(body);
        const auto current = reader.required_string("current_password", 1024);
        const auto replacement = reader.required_string("new_password", 1024);
        reader.finish();
        return token_response(auth::change_password(context.pool(), *settings,
                                                    common::actor_of(context), current, replacement,
                                                    client_of(context)));
      }});
}

}  // namespace qgp::api::identity
