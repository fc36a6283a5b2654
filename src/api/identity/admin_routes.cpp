#include "api/identity/admin_routes.hpp"

#include <charconv>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/common/actor.hpp"
#include "api/common/json.hpp"
#include "api/common/list.hpp"
#include "api/kit/routes.hpp"
#include "core/config.hpp"
#include "core/errors.hpp"
#include "db/pool.hpp"
#include "db/transaction.hpp"
#include "domain/identity/accounts.hpp"
#include "domain/identity/directory.hpp"
#include "domain/identity/permissions.hpp"
#include "http/json_body.hpp"
#include "http/query.hpp"
#include "http/server.hpp"

namespace qgp::api::identity {

namespace {

namespace directory = store::identity;
namespace admin = domain::identity;

nlohmann::json user_json(const directory::UserRecord& user) {
  nlohmann::json roles = nlohmann::json::array();
  for (const auto& role : user.roles) {
    roles.push_back({{"id", role.id}, {"name", role.name}});
  }
  return {{"id", user.id},
          {"email", user.email},
          {"first_name", user.first_name},
          {"last_name", user.last_name},
          {"job_title", common::or_null(user.job_title)},
          {"department", common::or_null(user.department)},
          {"phone", common::or_null(user.phone)},
          {"is_active", user.is_active},
          {"is_superuser", user.is_superuser},
          {"disabled_at", common::or_null(user.disabled_at)},
          {"last_login_at", common::or_null(user.last_login_at)},
          {"created_at", user.created_at},
          {"updated_at", user.updated_at},
          {"version", user.version},
          {"roles", std::move(roles)}};
}

nlohmann::json role_json(const directory::RoleRecord& role) {
  return {{"id", role.id},
          {"name", role.name},
          {"description", common::or_null(role.description)},
          {"is_system", role.is_system},
          {"version", role.version},
          {"user_count", role.user_count},
          {"permissions", role.permissions}};
}

http::Response created(std::string_view collection, std::int64_t id, const nlohmann::json& body) {
  auto response = http::json_response(201, body);
  response.set_header("Location", fmt::format("/api/v1/{}/{}", collection, id));
  return response;
}

std::optional<std::int64_t> positive_id(const http::QueryParams& params, const char* name) {
  const auto text = http::single_param(params, name);
  if (!text) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value <= 0) {
    throw core::ValidationError(name, "must be a positive integer");
  }
  return value;
}

std::optional<bool> bool_param(const http::QueryParams& params, const char* name) {
  const auto text = http::single_param(params, name);
  if (!text) {
    return std::nullopt;
  }
  if (*text == "true") {
    return true;
  }
  if (*text == "false") {
    return false;
  }
  throw core::ValidationError(name, "must be true or false");
}

std::vector<std::string> string_list(const nlohmann::json& body, const char* field,
                                     core::FieldErrors& errors) {
  std::vector<std::string> out;
  const auto it = body.find(field);
  if (it == body.end() || it->is_null()) {
    return out;
  }
  if (!it->is_array() || it->size() > 200) {
    errors[field] = "must be an array of at most 200 strings";
    return out;
  }
  for (const auto& item : *it) {
    if (!item.is_string()) {
      errors[field] = "must be an array of strings";
      return {};
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::vector<std::int64_t> id_list(const nlohmann::json& body, const char* field,
                                  core::FieldErrors& errors) {
  std::vector<std::int64_t> out;
  const auto it = body.find(field);
  if (it == body.end() || !it->is_array() || it->size() > 200) {
    errors[field] = "required: an array of at most 200 role ids";
    return out;
  }
  for (const auto& item : *it) {
    if (!item.is_number_integer() || item.get<std::int64_t>() <= 0) {
      errors[field] = "must contain positive integer ids";
      return {};
    }
    out.push_back(item.get<std::int64_t>());
  }
  return out;
}

// Reads a role body: name, description, permissions (+ version for updates).
admin::RoleInput read_role(const nlohmann::json& body, std::optional<std::int64_t>* version) {
  core::FieldErrors extra;
  auto permissions = string_list(body, "permissions", extra);
  http::JsonReader reader(body);
  admin::RoleInput role;
  role.name = reader.required_string("name", 100);
  role.description = reader.optional_string("description", 2000);
  static_cast<void>(reader.present("permissions"));
  if (version != nullptr) {
    *version = reader.required_int("version", 1, std::numeric_limits<std::int32_t>::max());
  }
  for (const auto& [field, problem] : extra) {
    reader.add_error(field, problem);
  }
  reader.finish();
  role.permissions = std::move(permissions);
  return role;
}

void add_schemas(http::Server& server) {
  const nlohmann::json text = {{"type", "string"}};
  const nlohmann::json nullable_text = {{"type", {"string", "null"}}};
  server.add_schema("User", {{"type", "object"},
                             {"properties",
                              {{"id", {{"type", "integer"}}},
                               {"email", text},
                               {"first_name", text},
                               {"last_name", text},
                               {"is_active", {{"type", "boolean"}}},
                               {"version", {{"type", "integer"}}},
                               {"roles", {{"type", "array"}}}}}});
  server.add_schema(
      "UserList",
      {{"type", "object"},
       {"properties",
        {{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/User"}}}}},
         {"total", {{"type", "integer"}}}}}});
  server.add_schema("UserCreate", {{"type", "object"},
                                   {"required", {"email", "password", "first_name", "last_name"}},
                                   {"properties",
                                    {{"email", text},
                                     {"password", text},
                                     {"first_name", text},
                                     {"last_name", text},
                                     {"roles", {{"type", "array"}, {"items", text}}}}}});
  server.add_schema("UserUpdate", {{"type", "object"},
                                   {"required", {"version", "first_name", "last_name"}},
                                   {"properties",
                                    {{"version", {{"type", "integer"}}},
                                     {"first_name", text},
                                     {"last_name", text},
                                     {"job_title", nullable_text},
                                     {"department", nullable_text},
                                     {"phone", nullable_text}}}});
  server.add_schema(
      "UserRoles",
      {{"type", "object"},
       {"required", {"role_ids"}},
       {"properties", {{"role_ids", {{"type", "array"}, {"items", {{"type", "integer"}}}}}}}});
  server.add_schema("Role", {{"type", "object"},
                             {"properties",
                              {{"id", {{"type", "integer"}}},
                               {"name", text},
                               {"is_system", {{"type", "boolean"}}},
                               {"permissions", {{"type", "array"}, {"items", text}}}}}});
  server.add_schema(
      "RoleList",
      {{"type", "object"},
       {"properties",
        {{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Role"}}}}}}}});
  server.add_schema("RoleWrite", {{"type", "object"},
                                  {"required", {"name"}},
                                  {"properties",
                                   {{"name", text},
                                    {"description", nullable_text},
                                    {"permissions", {{"type", "array"}, {"items", text}}},
                                    {"version", {{"type", "integer"}}}}}});
  server.add_schema("PermissionList",
                    {{"type", "object"}, {"properties", {{"items", {{"type", "array"}}}}}});
}

void register_user_routes(http::Server& server, const core::Config& config) {
  server.add_route(http::Route{
      .method = "GET",
      .pattern = "/api/v1/users",
      .summary = "Users: q (name or email), is_active, role_id, department; sort",
      .tag = "users",
      .permission = "users:read",
      .response_schema = "UserList",
      .handler = [](http::RequestContext& context) {
        const auto params = http::parse_query(context.request().query);
        const auto query =
            http::parse_list_query(params, {"email", "last_name", "created_at", "last_login_at"});
        directory::UserFilter filter{.q = http::single_param(params, "q"),
                                     .is_active = bool_param(params, "is_active"),
                                     .role_id = positive_id(params, "role_id"),
                                     .department = http::single_param(params, "department")};
        const auto sort = common::sort_keys(query);
        auto connection = context.pool().acquire();
        const auto page = directory::list_users(*connection, filter, sort, common::page_of(query));
        nlohmann::json items = nlohmann::json::array();
        for (const auto& user : page.items) {
          items.push_back(user_json(user));
        }
        return http::json_response(200, http::list_envelope(std::move(items), page.total, query));
      }});
  server.add_route(http::Route{.method = "GET",
                               .pattern = "/api/v1/users/{id}",
                               .summary = "One user with their roles",
                               .tag = "users",
                               .permission = "users:read",
                               .response_schema = "User",
                               .handler = [](http::RequestContext& context) {
                                 const auto id = context.id_param("id");
                                 auto connection = context.pool().acquire();
                                 const auto user = directory::find_user(*connection, id);
                                 if (!user) {
                                   throw core::NotFound(fmt::format("user {} not found", id));
                                 }
                                 return http::json_response(200, user_json(*user));
                               }});
  server.add_route(http::Route{
      .method = "POST",
      .pattern = "/api/v1/users",
      .summary = "Create a user (password policy applies; roles by name)",
      .tag = "users",
      .permission = "users:admin",
      .request_schema = "UserCreate",
      .response_schema = "User",
      .success_status = 201,
      .handler = [cost = admin::password_hash_cost(config)](http::RequestContext& context) {
        const auto body = http::parse_json_object(context.request().body);
        core::FieldErrors extra;
        auto roles = string_list(body, "roles", extra);
        http::JsonReader reader(body);
        admin::NewUser user{.email = reader.required_string("email", 320),
                            .password = reader.required_string("password", 1024),
                            .first_name = reader.required_string("first_name", 100),
                            .last_name = reader.required_string("last_name", 100),
                            .is_superuser = false,
                            .role_names = {}};
        static_cast<void>(reader.present("roles"));
        for (const auto& [field, problem] : extra) {
          reader.add_error(field, problem);
        }
        reader.finish();
        user.role_names = std::move(roles);
        // Hashing first: no pooled connection or transaction waits on Argon2id.
        const auto prepared = admin::prepare_user(std::move(user), cost);
        auto connection = context.pool().acquire();
        db::Transaction transaction(*connection);
        const auto id = admin::create_user(*connection, common::actor_of(context), prepared);
        auto record = directory::find_user(*connection, id);
        transaction.commit();
        return created("users", id, user_json(*record));
      }});
  server.add_route(http::Route{
      .method = "PATCH",
      .pattern = "/api/v1/users/{id}",
      .summary = "Update a user's profile (send the version you read)",
      .tag = "users",
      .permission = "users:admin",
      .request_schema = "UserUpdate",
      .response_schema = "User",
      .handler = [](http::RequestContext& context) {
        const auto id = context.id_param("id");
        const auto body = http::parse_json_object(context.request().body);
        http::JsonReader reader(body);
        const auto version =
            reader.required_int("version", 1, std::numeric_limits<std::int32_t>::max());
        directory::UserProfileUpdate update{.first_name = reader.required_string("first_name", 100),
                                            .last_name = reader.required_string("last_name", 100),
                                            .job_title = reader.optional_string("job_title", 100),
                                            .department = reader.optional_string("department", 100),
                                            .phone = reader.optional_string("phone", 30)};
        reader.finish();
        auto connection = context.pool().acquire();
        db::Transaction transaction(*connection);
        auto user = admin::update_user(*connection, common::actor_of(context), id, version, update);
        transaction.commit();
        return http::json_response(200, user_json(user));
      }});
  for (const bool active : {false, true}) {
    server.add_route(http::Route{
        .method = "POST",
        .pattern = active ? "/api/v1/users/{id}/enable" : "/api/v1/users/{id}/disable",
        .summary = active ? "Re-enable a disabled user"
                          : "Disable a user (never deleted): every session is revoked",
        .tag = "users",
        .permission = "users:admin",
        .response_schema = "User",
        .handler = [active](http::RequestContext& context) {
          const auto id = context.id_param("id");
          auto connection = context.pool().acquire();
          db::Transaction transaction(*connection);
          auto user = admin::set_user_active(*connection, common::actor_of(context), id, active);
          transaction.commit();
          return http::json_response(200, user_json(user));
        }});
  }
  server.add_route(http::Route{.method = "PUT",
                               .pattern = "/api/v1/users/{id}/roles",
                               .summary = "Replace a user's roles",
                               .tag = "users",
                               .permission = "users:admin",
                               .request_schema = "UserRoles",
                               .response_schema = "User",
                               .handler = [](http::RequestContext& context) {
                                 const auto id = context.id_param("id");
                                 const auto body = http::parse_json_object(context.request().body);
                                 core::FieldErrors errors;
                                 const auto role_ids = id_list(body, "role_ids", errors);
                                 for (const auto& [key, value] : body.items()) {
                                   if (key != "role_ids") {
                                     errors[key] = "unknown field";
                                   }
                                 }
                                 if (!errors.empty()) {
                                   throw core::ValidationError(std::move(errors));
                                 }
                                 auto connection = context.pool().acquire();
                                 db::Transaction transaction(*connection);
                                 auto user = admin::set_user_roles(
                                     *connection, common::actor_of(context), id, role_ids);
                                 transaction.commit();
                                 return http::json_response(200, user_json(user));
                               }});
  kit::Routes(server, "users").history("/api/v1/users", "user", "audit:read");
}

void register_role_routes(http::Server& server) {
  server.add_route(http::Route{.method = "GET",
                               .pattern = "/api/v1/roles",
                               .summary = "Every role with its permissions (system roles first)",
                               .tag = "roles",
                               .permission = "users:read",
                               .response_schema = "RoleList",
                               .handler = [](http::RequestContext& context) {
                                 auto connection = context.pool().acquire();
                                 nlohmann::json items = nlohmann::json::array();
                                 for (const auto& role : directory::list_roles(*connection)) {
                                   items.push_back(role_json(role));
                                 }
                                 const auto total = static_cast<std::int64_t>(items.size());
                                 return http::json_response(
                                     200, {{"items", std::move(items)}, {"total", total}});
                               }});
  server.add_route(http::Route{.method = "GET",
                               .pattern = "/api/v1/roles/{id}",
                               .summary = "One role with its permissions",
                               .tag = "roles",
                               .permission = "users:read",
                               .response_schema = "Role",
                               .handler = [](http::RequestContext& context) {
                                 const auto id = context.id_param("id");
                                 auto connection = context.pool().acquire();
                                 const auto role = directory::find_role(*connection, id);
                                 if (!role) {
                                   throw core::NotFound(fmt::format("role {} not found", id));
                                 }
                                 return http::json_response(200, role_json(*role));
                               }});
  server.add_route(http::Route{
      .method = "POST",
      .pattern = "/api/v1/roles",
      .summary = "Create a custom role from catalog permissions",
      .tag = "roles",
      .permission = "roles:admin",
      .request_schema = "RoleWrite",
      .response_schema = "Role",
      .success_status = 201,
      .handler = [](http::RequestContext& context) {
        const auto role = read_role(http::parse_json_object(context.request().body), nullptr);
        auto connection = context.pool().acquire();
        db::Transaction transaction(*connection);
        const auto id = admin::create_role(*connection, common::actor_of(context), role);
        auto record = directory::find_role(*connection, id);
        transaction.commit();
        return created("roles", id, role_json(*record));
      }});
  server.add_route(http::Route{
      .method = "PATCH",
      .pattern = "/api/v1/roles/{id}",
      .summary = "Update a custom role (system roles are managed by qgp seed)",
      .tag = "roles",
      .permission = "roles:admin",
      .request_schema = "RoleWrite",
      .response_schema = "Role",
      .handler = [](http::RequestContext& context) {
        const auto id = context.id_param("id");
        std::optional<std::int64_t> version;
        const auto role = read_role(http::parse_json_object(context.request().body), &version);
        auto connection = context.pool().acquire();
        db::Transaction transaction(*connection);
        auto record =
            admin::update_role(*connection, common::actor_of(context), id, *version, role);
        transaction.commit();
        return http::json_response(200, role_json(record));
      }});
  server.add_route(http::Route{.method = "DELETE",
                               .pattern = "/api/v1/roles/{id}",
                               .summary = "Delete an unassigned custom role",
                               .tag = "roles",
                               .permission = "roles:admin",
                               .success_status = 204,
                               .handler = [](http::RequestContext& context) {
                                 const auto id = context.id_param("id");
                                 auto connection = context.pool().acquire();
                                 db::Transaction transaction(*connection);
                                 admin::delete_role(*connection, common::actor_of(context), id);
                                 transaction.commit();
                                 http::Response response;
                                 response.status = 204;
                                 return response;
                               }});
  server.add_route(http::Route{
      .method = "GET",
      .pattern = "/api/v1/permissions",
      .summary = "The permission catalog",
      .tag = "roles",
      .permission = "users:read",
      .response_schema = "PermissionList",
      .handler = [](http::RequestContext& /*context*/) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& permission : admin::permission_catalog()) {
          items.push_back({{"name", permission.name}, {"description", permission.description}});
        }
        const auto total = static_cast<std::int64_t>(items.size());
        return http::json_response(200, {{"items", std::move(items)}, {"total", total}});
      }});
  kit::Routes(server, "roles").history("/api/v1/roles", "role", "audit:read");
}

}  // namespace

void register_admin_routes(http::Server& server, const core::Config& config) {
  add_schemas(server);
  register_user_routes(server, config);
  register_role_routes(server);
}

}  // namespace qgp::api::identity
