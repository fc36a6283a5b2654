#include "core/config.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <fstream>
#include <memory>
#include <sstream>

#include <sodium.h>
#include <unistd.h>

#include <fmt/format.h>
#include <libpq-fe.h>

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX global, not in unistd.h

namespace qgp::core {

namespace {

constexpr std::size_t kMinSecretBytes = 32;

std::string to_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
    text.remove_suffix(1);
  }
  return text;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto item = trim(text.substr(0, comma));
    if (!item.empty()) {
      out.emplace_back(item);
    }
    if (comma == std::string_view::npos) {
      break;
    }
    text.remove_prefix(comma + 1);
  }
  return out;
}

std::string get(const Environment& env, std::string_view key, std::string_view fallback = {}) {
  const auto it = env.find(key);
  return it == env.end() ? std::string(fallback) : it->second;
}

template <typename Int>
void parse_int(const Environment& env, std::string_view key, Int min, Int max, Int& out,
               std::vector<std::string>& problems) {
  const auto it = env.find(key);
  if (it == env.end() || it->second.empty()) {
    return;
  }
  const std::string& text = it->second;
  Int value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    problems.push_back(fmt::format("{} must be an integer between {} and {}", key, min, max));
    return;
  }
  out = value;
}

void parse_millis(const Environment& env, std::string_view key, std::int64_t min, std::int64_t max,
                  std::chrono::milliseconds& out, std::vector<std::string>& problems) {
  std::int64_t value = out.count();
  parse_int<std::int64_t>(env, key, min, max, value, problems);
  out = std::chrono::milliseconds(value);
}

void parse_bool(const Environment& env, std::string_view key, bool& out,
                std::vector<std::string>& problems) {
  const auto it = env.find(key);
  if (it == env.end() || it->second.empty()) {
    return;
  }
  const auto value = to_lower(it->second);
  if (value == "1" || value == "true" || value == "yes" || value == "on") {
    out = true;
  } else if (value == "0" || value == "false" || value == "no" || value == "off") {
    out = false;
  } else {
    problems.push_back(fmt::format("{} must be true or false", key));
  }
}

// True when `text` is standard base64 (padding optional) of exactly `bytes` bytes.
bool is_base64_of(std::string_view text, std::size_t bytes) {
  std::vector<unsigned char> decoded(bytes + 1);
  std::size_t length = 0;
  const char* end = nullptr;
  const bool valid = sodium_base642bin(decoded.data(), decoded.size(), text.data(), text.size(),
                                       nullptr, &length, &end, sodium_base64_VARIANT_ORIGINAL)
                         == 0
                     && end == text.data() + text.size() && length == bytes;
  sodium_memzero(decoded.data(), decoded.size());
  return valid;
}

struct ConninfoDeleter {
  void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
};

// The hosts a libpq connection string names (empty: libpq's default, a local socket).
std::vector<std::string> database_hosts(std::string_view url, bool& parsed) {
  char* error = nullptr;
  const std::unique_ptr<PQconninfoOption, ConninfoDeleter> options(
      PQconninfoParse(std::string(url).c_str(), &error));
  if (error != nullptr) {
    PQfreemem(error);  // the message may quote the URL, so it is never shown
  }
  parsed = options != nullptr;
  std::vector<std::string> hosts;
  if (!parsed) {
    return hosts;
  }
  for (const PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
    const std::string_view keyword(option->keyword);
    if ((keyword == "host" || keyword == "hostaddr") && option->val != nullptr) {
      for (auto& host : split_list(option->val)) {
        hosts.push_back(std::move(host));
      }
    }
  }
  return hosts;
}

bool is_local_host(std::string_view host) {
  const auto lower = to_lower(host);
  return lower.empty() || lower == "localhost" || lower.starts_with("127.") || lower == "::1"
         || lower == "[::1]" || lower.starts_with('/') || lower.starts_with('@')
         || lower == "0.0.0.0";
}

}  // namespace

std::string_view app_env_name(AppEnv env) {
  switch (env) {
    case AppEnv::kDevelopment:
      return "development";
    case AppEnv::kTesting:
      return "testing";
    case AppEnv::kStaging:
      return "staging";
    case AppEnv::kProduction:
      return "production";
  }
  return "development";
}

ConfigError::ConfigError(std::vector<std::string> problems)
    : std::runtime_error([&problems] {
        std::string text = "invalid configuration:";
        for (const auto& problem : problems) {
          text += "\n  - " + problem;
        }
        return text;
      }()),
      problems_(std::move(problems)) {}

Environment parse_dotenv(std::string_view text, std::string_view source_name) {
  Environment env;
  std::vector<std::string> problems;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const auto newline = text.find('\n');
    std::string_view line = trim(text.substr(0, newline));
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (line.empty() || line.front() == '#') {
      continue;
    }
    if (line.starts_with("export ")) {
      line = trim(line.substr(7));
    }
    const auto equals = line.find('=');
    const auto key = trim(line.substr(0, equals));
    const bool valid_key = !key.empty() && std::all_of(key.begin(), key.end(), [](unsigned char c) {
      return std::isalnum(c) != 0 || c == '_';
    });
    if (equals == std::string_view::npos || !valid_key) {
      problems.push_back(fmt::format("{}:{}: expected KEY=VALUE (the value is not shown)",
                                     source_name, line_number));
      continue;
    }
    std::string_view value = trim(line.substr(equals + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'')
        && value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    } else if (const auto hash = value.find(" #"); hash != std::string_view::npos) {
      value = trim(value.substr(0, hash));
    }
    env.insert_or_assign(std::string(key), std::string(value));
  }
  if (!problems.empty()) {
    throw ConfigError(std::move(problems));
  }
  return env;
}

Environment load_environment(const std::filesystem::path& dotenv_path) {
  Environment env;
  std::error_code ec;
  if (!dotenv_path.empty() && std::filesystem::is_regular_file(dotenv_path, ec)) {
    std::ifstream in(dotenv_path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    env = parse_dotenv(buffer.str(), dotenv_path.string());
  }
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view item(*entry);
    const auto equals = item.find('=');
    if (equals != std::string_view::npos) {
      env.insert_or_assign(std::string(item.substr(0, equals)),
                           std::string(item.substr(equals + 1)));
    }
  }
  return env;
}

bool is_placeholder_secret(std::string_view secret) {
  static constexpr std::array<std::string_view, 12> kPlaceholders = {
      "__change_me__", "changeme",    "change_me", "change-me", "secret",  "password",
      "dev",           "development", "test",      "default",   "example", "your-secret-key"};
  const auto lower = to_lower(trim(secret));
  return std::find(kPlaceholders.begin(), kPlaceholders.end(), lower) != kPlaceholders.end()
         || lower.find("change_me") != std::string::npos
         || lower.find("changeme") != std::string::npos;
}

std::string redact_database_url(std::string_view url) {
  std::string out(url);
  // URI form: scheme://user:password@host
  if (const auto scheme = out.find("://"); scheme != std::string::npos) {
    const auto at = out.find('@', scheme + 3);
    const auto colon = out.find(':', scheme + 3);
    if (at != std::string::npos && colon != std::string::npos && colon < at) {
      out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // key=value form and URI query parameters: password=...
  for (std::size_t pos = out.find("password="); pos != std::string::npos;
       pos = out.find("password=", pos + 1)) {
    const auto start = pos + 9;
    auto end = out.find_first_of(" &", start);
    if (end == std::string::npos) {
      end = out.size();
    }
    out.replace(start, end - start, "***");
  }
  return out;
}

std::vector<std::string> validate_config(const Config& config) {
  std::vector<std::string> problems;
  const bool strict = config.app_env == AppEnv::kStaging || config.app_env == AppEnv::kProduction;
  const auto env_name = app_env_name(config.app_env);
  if (config.database_url.empty()) {
    problems.emplace_back("DATABASE_URL is empty");
  } else {
    bool parsed = false;
    const auto hosts = database_hosts(config.database_url, parsed);
    if (!parsed) {
      problems.emplace_back("DATABASE_URL is not a valid PostgreSQL connection string");
    } else if (strict) {
      const bool local = hosts.empty() || std::any_of(hosts.begin(), hosts.end(), is_local_host);
      if (local) {
        problems.push_back(
            fmt::format("DATABASE_URL points at loopback or a local socket, which is not allowed "
                        "when APP_ENV={}",
                        env_name));
      }
    }
  }
  if (!config.migration_database_url.empty()) {
    bool parsed = false;
    static_cast<void>(database_hosts(config.migration_database_url, parsed));
    if (!parsed) {
      problems.emplace_back("MIGRATION_DATABASE_URL is not a valid PostgreSQL connection string");
    }
  }
  if (strict) {
    if (config.secret_key.empty()) {
      problems.push_back(fmt::format("SECRET_KEY is required when APP_ENV={}", env_name));
    } else if (is_placeholder_secret(config.secret_key)) {
      problems.push_back(
          fmt::format("SECRET_KEY is a placeholder value; generate a random one of at least 32 "
                      "bytes for APP_ENV={}",
                      env_name));
    } else if (config.secret_key.size() < kMinSecretBytes) {
      problems.push_back(
          fmt::format("SECRET_KEY must be at least {} bytes when APP_ENV={} (it has {})",
                      kMinSecretBytes, env_name, config.secret_key.size()));
    }
    const bool wildcard = std::find(config.cors_origins.begin(), config.cors_origins.end(), "*")
                          != config.cors_origins.end();
    if (wildcard && config.cors_allow_credentials) {
      problems.push_back(
          fmt::format("CORS_ORIGINS allows '*' while CORS_ALLOW_CREDENTIALS=true, which is not "
                      "allowed when APP_ENV={}",
                      env_name));
    }
  }
  return problems;
}

Config load_config(const Environment& env) {
  Config config;
  std::vector<std::string> problems;
  const auto app_env = to_lower(get(env, "APP_ENV", "development"));
  if (app_env == "development") {
    config.app_env = AppEnv::kDevelopment;
  } else if (app_env == "testing") {
    config.app_env = AppEnv::kTesting;
  } else if (app_env == "staging") {
    config.app_env = AppEnv::kStaging;
  } else if (app_env == "production") {
    config.app_env = AppEnv::kProduction;
  } else {
    problems.emplace_back("APP_ENV must be one of development, testing, staging, production");
  }
  config.database_url = get(env, "DATABASE_URL");
  config.migration_database_url = get(env, "MIGRATION_DATABASE_URL");
  config.secret_key = get(env, "SECRET_KEY");
  config.http_host = get(env, "HTTP_HOST", config.http_host);
  config.log_level = to_lower(get(env, "LOG_LEVEL", config.log_level));
  static constexpr std::array<std::string_view, 6> kLevels = {"trace", "debug", "info",
                                                              "warn",  "error", "off"};
  if (std::find(kLevels.begin(), kLevels.end(), config.log_level) == kLevels.end()) {
    problems.emplace_back("LOG_LEVEL must be one of trace, debug, info, warn, error, off");
  }
  config.cors_origins = split_list(get(env, "CORS_ORIGINS"));
  parse_bool(env, "CORS_ALLOW_CREDENTIALS", config.cors_allow_credentials, problems);
  parse_int<std::uint16_t>(env, "HTTP_PORT", 1, 65535, config.http_port, problems);
  parse_int<int>(env, "HTTP_THREADS", 0, 256, config.http_threads, problems);
  parse_int<int>(env, "WORKER_THREADS", 0, 1024, config.worker_threads, problems);
  parse_int<std::size_t>(env, "DB_POOL_SIZE", 1, 1000, config.db_pool_size, problems);
  parse_int<std::size_t>(env, "MAX_BODY_BYTES", 1024, 64UL * 1024 * 1024, config.max_body_bytes,
                         problems);
  parse_millis(env, "DB_ACQUIRE_TIMEOUT_MS", 1, 600000, config.db_acquire_timeout, problems);
  parse_millis(env, "REQUEST_TIMEOUT_MS", 100, 600000, config.request_timeout, problems);
  parse_millis(env, "SHUTDOWN_GRACE_MS", 0, 600000, config.shutdown_grace, problems);
  parse_millis(env, "MIGRATION_LOCK_TIMEOUT_MS", 1, 3600000, config.migration_lock_timeout,
               problems);
  parse_millis(env, "MIGRATION_ADVISORY_WAIT_MS", 0, 3600000, config.migration_advisory_wait,
               problems);
  if (config.app_env == AppEnv::kStaging || config.app_env == AppEnv::kProduction) {
    config.response_contract_sample = 100;
  }
  parse_int<unsigned>(env, "RESPONSE_CONTRACT_SAMPLE", 1, 1000000, config.response_contract_sample,
                      problems);
  if (config.app_env == AppEnv::kTesting) {
    config.password_hash_opslimit = 1;
    config.password_hash_memlimit_kib = std::size_t{8} * 1024;
  }
  parse_int<std::uint64_t>(env, "PASSWORD_HASH_OPSLIMIT", 1, 64, config.password_hash_opslimit,
                           problems);
  parse_int<std::size_t>(env, "PASSWORD_HASH_MEMLIMIT_KIB", std::size_t{8} * 1024,
                         std::size_t{4} * 1024 * 1024, config.password_hash_memlimit_kib, problems);
  parse_int<unsigned>(env, "PASSWORD_HASH_CONCURRENCY", 0, 256, config.password_hash_concurrency,
                      problems);
  parse_int<unsigned>(env, "PASSWORD_HASH_QUEUE", 1, 4096, config.password_hash_queue, problems);
  config.audit_signing_key = get(env, "AUDIT_SIGNING_KEY");
  if (!config.audit_signing_key.empty() && !is_base64_of(config.audit_signing_key, 32)) {
    problems.emplace_back(
        "AUDIT_SIGNING_KEY must be the base64 of 32 random bytes "
        "(`qgp audit keygen` makes one)");
  }
  config.audit_verify_keys = get(env, "AUDIT_VERIFY_KEYS");
  parse_millis(env, "AUDIT_SEAL_INTERVAL_MS", 10, 600000, config.audit_seal_interval, problems);
  parse_int<int>(env, "AUDIT_SEAL_BATCH_SIZE", 1, 100000, config.audit_seal_batch_size, problems);
  std::int64_t unsealed_max = config.audit_unsealed_max.count();
  parse_int<std::int64_t>(env, "AUDIT_UNSEALED_MAX_SECONDS", 1, 86400, unsealed_max, problems);
  config.audit_unsealed_max = std::chrono::seconds(unsealed_max);
  config.jwt_issuer = get(env, "JWT_ISSUER", config.jwt_issuer);
  config.jwt_audience = get(env, "JWT_AUDIENCE", config.jwt_audience);
  std::int64_t access_ttl = config.access_token_ttl.count();
  parse_int<std::int64_t>(env, "ACCESS_TOKEN_TTL_SECONDS", 30, 86400, access_ttl, problems);
  config.access_token_ttl = std::chrono::seconds(access_ttl);
  std::int64_t refresh_ttl = config.refresh_token_ttl.count();
  parse_int<std::int64_t>(env, "REFRESH_TOKEN_TTL_SECONDS", 300, 400LL * 86400, refresh_ttl,
                          problems);
  config.refresh_token_ttl = std::chrono::seconds(refresh_ttl);
  parse_int<int>(env, "LOGIN_MAX_FAILURES_PER_ACCOUNT", 1, 1000,
                 config.login_max_failures_per_account, problems);
  parse_int<int>(env, "LOGIN_MAX_FAILURES_PER_ADDRESS", 1, 100000,
                 config.login_max_failures_per_address, problems);
  std::int64_t window = config.login_throttle_window.count();
  parse_int<std::int64_t>(env, "LOGIN_THROTTLE_WINDOW_SECONDS", 1, 86400, window, problems);
  config.login_throttle_window = std::chrono::seconds(window);
  if (config.jwt_issuer.empty() || config.jwt_audience.empty()) {
    problems.emplace_back("JWT_ISSUER and JWT_AUDIENCE must not be empty");
  }
  if (problems.empty()) {
    problems = validate_config(config);
  }
  if (!problems.empty()) {
    throw ConfigError(std::move(problems));
  }
  return config;
}

}  // namespace qgp::core
