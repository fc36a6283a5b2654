#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace qgp::core {
struct Config;
}

namespace qgp::domain::identity {

// Argon2id cost (libsodium crypto_pwhash): passes over memory and the memory itself.
struct PasswordHashCost {
  unsigned long long opslimit = 2;  // NOLINT(google-runtime-int): libsodium's own type
  std::size_t memlimit_bytes = std::size_t{64} * 1024 * 1024;
};

PasswordHashCost password_hash_cost(const core::Config& config);

inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 256;

// Why a new password is refused (too short or long, a well-known password, or the account's
// email), or nullopt when it is acceptable. Length counts bytes of UTF-8; nothing is truncated.
std::optional<std::string> password_policy_problem(std::string_view password,
                                                   std::string_view email = {});

// Argon2id holds a core and `memlimit` bytes for its whole run: at most `concurrency` hashes or
// verifications run at once (0: half the cores, at least one), so a login burst queues behind
// them instead of taking every core and gigabytes of memory from the rest of the service. At most
// `capacity` callers wait or run (at least `concurrency`); one more gets core::Busy (503 BUSY +
// Retry-After) at once, so waiting logins never hold more than that many worker threads.
void set_password_hash_limits(unsigned concurrency, unsigned capacity);

// A place among those `capacity` callers, held for its lifetime by the calling thread; throws
// core::Busy, its message starting with `refusal` ("too many sign-ins at once"), when there is
// none. Hashing and verification take one themselves; a request handler takes it first, before
// any database work, so a request the gate would refuse costs nothing else.
class PasswordAdmission {
 public:
  explicit PasswordAdmission(std::string_view refusal = "too many password checks at once");
  PasswordAdmission(const PasswordAdmission&) = delete;
  PasswordAdmission& operator=(const PasswordAdmission&) = delete;
  PasswordAdmission(PasswordAdmission&&) = delete;
  PasswordAdmission& operator=(PasswordAdmission&&) = delete;
  ~PasswordAdmission();
};

// An encoded Argon2id hash ("$argon2id$v=19$m=...") with a fresh random salt.
std::string hash_password(std::string_view password, const PasswordHashCost& cost);

// Constant-time verification of the whole password against an encoded hash; false for any
// malformed hash.
bool verify_password(std::string_view encoded_hash, std::string_view password);

// A hash of a random password at `cost`, verified against when the account does not exist so that
// an unknown email costs the same time as a wrong password.
const std::string& dummy_password_hash(const PasswordHashCost& cost);

}  // namespace qgp::domain::identity
