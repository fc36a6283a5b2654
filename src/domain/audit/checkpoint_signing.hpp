#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Signed checkpoints of the audit chain (docs/adr/0003-audit-trail.md): Ed25519 (libsodium), so
// that whoever verifies needs only the public key and cannot forge a checkpoint with it. The
// private key lives in the service's configuration (AUDIT_SIGNING_KEY), never in the database,
// so a role that can rewrite the tables still cannot re-sign a rewritten history.
namespace qgp::core {
struct Config;
}

namespace qgp::domain::audit {

using PublicKey = std::array<unsigned char, 32>;

// An Ed25519 key pair derived from a 32-byte seed.
class SigningKey {
 public:
  // The seed as standard base64 (44 characters); nullopt when it is not exactly 32 bytes.
  static std::optional<SigningKey> from_base64_seed(std::string_view seed);
  // A fresh random key (for `qgp audit keygen`).
  static SigningKey generate();

  [[nodiscard]] const PublicKey& public_key() const noexcept { return public_key_; }
  [[nodiscard]] std::string key_id() const;
  [[nodiscard]] std::string seed_base64() const;
  // hex Ed25519 signature (128 digits) of `message`.
  [[nodiscard]] std::string sign(std::string_view message) const;

 private:
  SigningKey() = default;
  std::array<unsigned char, 32> seed_{};
  PublicKey public_key_{};
  std::array<unsigned char, 64> secret_key_{};
};

// First 16 hex digits of sha256(public key): names the key a checkpoint was signed with.
std::string key_id_of(const PublicKey& key);
std::string public_key_base64(const PublicKey& key);
// A standard-base64 public key (32 bytes); nullopt otherwise.
std::optional<PublicKey> public_key_from_base64(std::string_view text);
// A comma- or whitespace-separated list of base64 public keys; nullopt if any entry is invalid.
std::optional<std::vector<PublicKey>> public_keys_from_list(std::string_view list);

// The exact text a checkpoint signature covers.
std::string checkpoint_text(std::int64_t position, std::string_view head_hash,
                            std::int64_t rows_sealed, std::string_view sealed_at);

// True when `signature_hex` is a valid signature of `message` by `key`.
bool signature_valid(const PublicKey& key, std::string_view message,
                     std::string_view signature_hex);

// AUDIT_SIGNING_KEY's key, nullopt when it is empty (config validation already refused a
// malformed one; this throws core::Error if it is malformed anyway).
std::optional<SigningKey> signing_key(const core::Config& config);
// AUDIT_VERIFY_KEYS plus the signing key's public key: every key verify accepts.
std::vector<PublicKey> verification_keys(const core::Config& config);

}  // namespace qgp::domain::audit
