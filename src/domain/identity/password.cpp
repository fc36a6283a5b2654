#include "domain/identity/password.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <condition_variable>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <sodium.h>

#include <fmt/format.h>

#include "core/config.hpp"
#include "core/ids.hpp"

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

class HashGate {
 public:
  void set_limit(unsigned limit) {
    const std::scoped_lock lock(mutex_);
    limit_ = limit > 0 ? limit : std::max(1U, std::thread::hardware_concurrency() / 2);
    available_.notify_all();
  }

  // Holds one of the slots for the life of the returned guard.
  class Slot {
   public:
    explicit Slot(HashGate& gate) : gate_(gate) {
      std::unique_lock lock(gate_.mutex_);
      gate_.available_.wait(lock, [this] { return gate_.running_ < gate_.limit_; });
      ++gate_.running_;
    }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    Slot(Slot&&) = delete;
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
      const std::scoped_lock lock(gate_.mutex_);
      --gate_.running_;
      gate_.available_.notify_one();
    }

   private:
    HashGate& gate_;
  };

 private:
  std::mutex mutex_;
  std::condition_variable available_;
  unsigned limit_ = std::max(1U, std::thread::hardware_concurrency() / 2);
  unsigned running_ = 0;
};

HashGate& hash_gate() {
  static HashGate gate;
  return gate;
}

}  // namespace

void set_password_hash_concurrency(unsigned limit) {
  hash_gate().set_limit(limit);
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
  const HashGate::Slot slot(hash_gate());
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
  const HashGate::Slot slot(hash_gate());
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
