#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace qgp::core {

enum class AppEnv : std::uint8_t { kDevelopment, kTesting, kStaging, kProduction };

std::string_view app_env_name(AppEnv env);

// Process environment plus an optional .env file. Variables set in the real environment win over
// .env.
using Environment = std::map<std::string, std::string, std::less<>>;

// Reads KEY=VALUE lines (comments, blank lines, `export ` prefix, single or double quotes). Throws
// ConfigError naming the file and line of a malformed entry.
Environment parse_dotenv(std::string_view text, std::string_view source_name);

// The real environment merged over `dotenv_path` when that file exists.
Environment load_environment(const std::filesystem::path& dotenv_path);

struct Config {
  AppEnv app_env = AppEnv::kDevelopment;
  std::string database_url;  // the application's role: a member of qgp_app (ADR-0008)
  // `qgp db` (migrations, check, stairway) connects as the schema's owner; "" means DATABASE_URL.
  std::string migration_database_url;
  std::string secret_key;
  std::string http_host = "127.0.0.1";
  std::uint16_t http_port = 8000;
  int http_threads = 0;    // 0: one I/O thread per core
  int worker_threads = 0;  // blocking work (database); 0: pool size
  std::size_t db_pool_size = 8;
  std::chrono::milliseconds db_acquire_timeout{5000};
  std::size_t max_body_bytes = std::size_t{1024} * 1024;
  std::chrono::milliseconds request_timeout{30000};
  std::chrono::milliseconds shutdown_grace{10000};
  std::vector<std::string> cors_origins;
  bool cors_allow_credentials = false;
  std::string log_level = "info";
  std::chrono::milliseconds migration_lock_timeout{5000};  // DDL waits at most this long for a lock
  std::chrono::milliseconds migration_advisory_wait{60000};  // wait for another migrator
  // The response contract (ADR-0007): one success body in this many is checked against its
  // schema, per route, the first one always. Every body in development and testing; one in 100
  // in staging and production, where the check of a list body costs about one and a half parses.
  unsigned response_contract_sample = 1;

  // Identity (ADR-0005). Argon2id cost: libsodium's INTERACTIVE by default; APP_ENV=testing
  // defaults to the minimum so test suites stay fast.
  std::uint64_t password_hash_opslimit = 2;
  std::size_t password_hash_memlimit_kib = std::size_t{64} * 1024;
  unsigned password_hash_concurrency = 0;  // Argon2id runs at once; 0: half the cores
  // Sign-ins, password changes and new passwords admitted at once (running or queued); one more
  // gets 503 BUSY + Retry-After. `qgp serve` runs those routes on this many threads of their own
  // (docs/adr/0012).
  unsigned password_hash_queue = 32;
  std::string jwt_issuer = "qgp";
  std::string jwt_audience = "qgp-api";
  std::chrono::seconds access_token_ttl{900};
  std::chrono::seconds refresh_token_ttl{std::chrono::hours(24 * 14)};
  int login_max_failures_per_account = 5;   // within login_throttle_window
  int login_max_failures_per_address = 20;  // within login_throttle_window
  std::chrono::seconds login_throttle_window{900};

  // The audit trail's sealer (docs/adr/0003): Ed25519 seed (base64 of 32 bytes) that signs its
  // checkpoints, the public keys `qgp audit verify` accepts (base64, comma-separated; the signing
  // key's own is always accepted), how often `qgp serve` seals, rows per batch, and how long a row
  // may stay unsealed before verify reports it.
  std::string audit_signing_key;
  std::string audit_verify_keys;
  std::chrono::milliseconds audit_seal_interval{1000};
  int audit_seal_batch_size = 1000;
  std::chrono::seconds audit_unsealed_max{60};

  [[nodiscard]] const std::string& schema_owner_url() const noexcept {
    return migration_database_url.empty() ? database_url : migration_database_url;
  }
};

// Thrown when the configuration is unusable. Each problem names the variable and never echoes a
// secret.
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::vector<std::string> problems);
  [[nodiscard]] const std::vector<std::string>& problems() const noexcept { return problems_; }

 private:
  std::vector<std::string> problems_;
};

// Builds and validates the configuration (ADR-0002: fail fast, collect every problem, then throw).
Config load_config(const Environment& env);

// The rules that depend on APP_ENV; an empty list means the configuration may be used.
std::vector<std::string> validate_config(const Config& config);

// A connection string with any password replaced by "***", safe for logs and errors.
std::string redact_database_url(std::string_view url);

// True when the secret is one of the well-known placeholders (case-insensitive).
bool is_placeholder_secret(std::string_view secret);

}  // namespace qgp::core
