#include "domain/identity/password.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

#include <sodium.h>

#include <fmt/format.h>

#include "core/config.hpp"
#include "core/ids.hpp"
#include "domain/identity/hash_gate.hpp"

namespace qgp::domain::identity {

namespace {

// Passwords that every credential-stuffing list starts with (lowercase; compared
// case-insensitively). Long enough to pass the length rule, so the length rule alone would let
// them in.
constexpr std::array<std::string_view, 40> kCommonPasswords = {"123456789012",
                                                               "1234567890123",
                                                               "12345678901234",
                                                               "123456789abc",
                                                               "1q2w3e4r5t6y",
                                                               "1qaz2wsx3edc",
                                                               "aaaaaaaaaaaa",
                                                               "abc123456789",
                                                               "abcdefghijkl",
                                                               "admin1234567",
                                                               "administrator",
                                                               "changeme1234",
                                                               "correcthorsebatterystaple",
                                                               "iloveyou1234",
                                                               "letmein12345",
                                                               "passw0rd1234",
                                                               "password1234",
                                                               "password12345",
                                                               "password123456",
                                                               "password!234",
                                                               "p@ssw0rd1234",
                                                               "p@ssword1234",
                                                               "q1w2e3r4t5y6",
                                                               "qazwsxedcrfv",
                                                               "qwerty123456",
                                                               "qwertyuiop12",
                                                               "qwertyuiopas",
                                                               "trustno11234",
                                                               "welcome12345",
                                                               "welcome123456",
                                                               "zaq12wsxcde3",
                                                               "000000000000",
                                                               "111111111111",
                                                               "121212121212",
                                                               "123123123123",
                                                               "654321654321",
                                                               "987654321098",
                                                               "qgpadmin1234",
                                                               "qualitymanager",
                                                               "supersecret123"};

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

HashGate& hash_gate() {
  // Unbounded until the server configures it (set_password_hash_limits): the CLI hashes one
  // password at a time.
  static HashGate gate(0, std::numeric_limits<unsigned>::max());
  return gate;
}

// Admissions the current thread holds: a hash or verification inside one does not ask again.
thread_local int t_admissions = 0;  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables)

// A running slot, admitted first unless the thread already is.
class HashRun {
 public:
  explicit HashRun(std::string_view refusal)
      : own_(t_admissions == 0 ? std::make_unique<PasswordAdmission>(refusal) : nullptr),
        slot_(hash_gate()) {}

 private:
  std::unique_ptr<PasswordAdmission> own_;  // admitted before the slot is awaited
  HashGate::Slot slot_;
};

}  // namespace

void set_password_hash_limits(unsigned concurrency, unsigned capacity) {
  hash_gate().set_limits(concurrency, capacity);
}

PasswordAdmission::PasswordAdmission(std::string_view refusal) {
  hash_gate().enter(refusal);
  ++t_admissions;
}

PasswordAdmission::~PasswordAdmission() {
  --t_admissions;
  hash_gate().leave();
}

PasswordHashCost password_hash_cost(const core::Config& config) {
  return PasswordHashCost{.opslimit = config.password_hash_opslimit,
                          .memlimit_bytes = config.password_hash_memlimit_kib * 1024};
}

std::optional<std::string> password_policy_problem(std::string_view password,
                                                   std::string_view email) {
  if (password.size() < kMinPasswordLength) {
    return fmt::format("must be at least {} characters", kMinPasswordLength);
  }
  if (password.size() > kMaxPasswordLength) {
    return fmt::format("must be at most {} characters", kMaxPasswordLength);
  }
  const auto lowered = lowercase(password);
  if (std::find(kCommonPasswords.begin(), kCommonPasswords.end(), lowered)
      != kCommonPasswords.end()) {
    return std::string("is a commonly used password; choose another");
  }
  if (!email.empty() && lowered == lowercase(email)) {
    return std::string("must not be the email address");
  }
  if (std::all_of(password.begin(), password.end(),
                  [&](char c) { return c == password.front(); })) {
    return std::string("must not repeat one character");
  }
  return std::nullopt;
}

std::string hash_password(std::string_view password, const PasswordHashCost& cost) {
  std::array<char, crypto_pwhash_STRBYTES> out{};
  const HashRun run("too many new passwords are being hashed at once");
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), cost.opslimit,
                            cost.memlimit_bytes, crypto_pwhash_ALG_ARGON2ID13)
      != 0) {
    throw std::runtime_error("password hashing failed (out of memory)");
  }
  return {out.data()};
}

bool verify_password(std::string_view encoded_hash, std::string_view password) {
  // libsodium needs a NUL-terminated hash; a hash that does not fit cannot be valid.
  if (encoded_hash.empty() || encoded_hash.size() >= crypto_pwhash_STRBYTES) {
    return false;
  }
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  std::copy(encoded_hash.begin(), encoded_hash.end(), hash.begin());
  const HashRun run("too many password checks at once");
  return crypto_pwhash_str_verify(hash.data(), password.data(), password.size()) == 0;
}

const std::string& dummy_password_hash(const PasswordHashCost& cost) {
  static std::mutex mutex;
  static std::map<std::pair<unsigned long long, std::size_t>, std::string> hashes;  // NOLINT
  const std::scoped_lock lock(mutex);
  auto& hash = hashes[{cost.opslimit, cost.memlimit_bytes}];
  if (hash.empty()) {
    hash = hash_password(core::random_hex_id(), cost);
  }
  return hash;
}

}  // namespace qgp::domain::identity
