#include "domain/audit/checkpoint_signing.hpp"

#include <algorithm>
#include <cctype>

#include <sodium.h>

#include <fmt/format.h>

#include "core/config.hpp"
#include "core/crypto.hpp"
#include "core/errors.hpp"

namespace qgp::domain::audit {

namespace {

static_assert(crypto_sign_SEEDBYTES == 32 && crypto_sign_PUBLICKEYBYTES == 32
              && crypto_sign_SECRETKEYBYTES == 64 && crypto_sign_BYTES == 64);

// Decodes standard base64 (padding optional) into exactly `N` bytes.
template <std::size_t N>
std::optional<std::array<unsigned char, N>> decode_exact(std::string_view text) {
  std::array<unsigned char, N + 1> buffer{};  // one spare byte: longer input is refused
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(buffer.data(), buffer.size(), text.data(), text.size(), nullptr, &length,
                        &end, sodium_base64_VARIANT_ORIGINAL)
          != 0
      || end != text.data() + text.size() || length != N) {
    return std::nullopt;
  }
  std::array<unsigned char, N> out{};
  std::copy_n(buffer.begin(), N, out.begin());
  sodium_memzero(buffer.data(), buffer.size());
  return out;
}

template <std::size_t N>
std::string encode(const std::array<unsigned char, N>& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(N, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

std::string_view bytes_of(const PublicKey& key) {
  return {reinterpret_cast<const char*>(key.data()), key.size()};  // NOLINT: byte view
}

}  // namespace

std::optional<SigningKey> SigningKey::from_base64_seed(std::string_view seed) {
  const auto bytes = decode_exact<32>(seed);
  if (!bytes) {
    return std::nullopt;
  }
  SigningKey key;
  key.seed_ = *bytes;
  crypto_sign_seed_keypair(key.public_key_.data(), key.secret_key_.data(), key.seed_.data());
  return key;
}

SigningKey SigningKey::generate() {
  SigningKey key;
  randombytes_buf(key.seed_.data(), key.seed_.size());
  crypto_sign_seed_keypair(key.public_key_.data(), key.secret_key_.data(), key.seed_.data());
  return key;
}

std::string SigningKey::key_id() const {
  return key_id_of(public_key_);
}

std::string SigningKey::seed_base64() const {
  return encode(seed_);
}

std::string SigningKey::sign(std::string_view message) const {
  std::array<unsigned char, crypto_sign_BYTES> signature{};
  crypto_sign_detached(signature.data(), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()),  // NOLINT: bytes
                       message.size(), secret_key_.data());
  std::string hex(signature.size() * 2, '\0');
  sodium_bin2hex(hex.data(), hex.size() + 1, signature.data(), signature.size());
  return hex;
}

std::string key_id_of(const PublicKey& key) {
  return core::sha256_hex(bytes_of(key)).substr(0, 16);
}

std::string public_key_base64(const PublicKey& key) {
  return encode(key);
}

std::optional<PublicKey> public_key_from_base64(std::string_view text) {
  return decode_exact<32>(text);
}

std::optional<std::vector<PublicKey>> public_keys_from_list(std::string_view list) {
  std::vector<PublicKey> keys;
  std::size_t at = 0;
  while (at < list.size()) {
    const auto is_separator = [](char c) {
      return c == ',' || std::isspace(static_cast<unsigned char>(c)) != 0;
    };
    while (at < list.size() && is_separator(list[at])) {
      ++at;
    }
    std::size_t end = at;
    while (end < list.size() && !is_separator(list[end])) {
      ++end;
    }
    if (end > at) {
      const auto key = public_key_from_base64(list.substr(at, end - at));
      if (!key) {
        return std::nullopt;
      }
      keys.push_back(*key);
    }
    at = end;
  }
  return keys;
}

std::string checkpoint_text(std::int64_t position, std::string_view head_hash,
                            std::int64_t rows_sealed, std::string_view sealed_at) {
  return fmt::format("qgp-audit-checkpoint-v1;{};{};{};{}", position, head_hash, rows_sealed,
                     sealed_at);
}

bool signature_valid(const PublicKey& key, std::string_view message,
                     std::string_view signature_hex) {
  std::array<unsigned char, crypto_sign_BYTES> signature{};
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(signature.data(), signature.size(), signature_hex.data(), signature_hex.size(),
                     nullptr, &length, &end)
          != 0
      || length != signature.size() || end != signature_hex.data() + signature_hex.size()) {
    return false;
  }
  return crypto_sign_verify_detached(signature.data(),
                                     reinterpret_cast<const unsigned char*>(  // NOLINT: bytes
                                         message.data()),
                                     message.size(), key.data())
         == 0;
}

std::optional<SigningKey> signing_key(const core::Config& config) {
  if (config.audit_signing_key.empty()) {
    return std::nullopt;
  }
  auto key = SigningKey::from_base64_seed(config.audit_signing_key);
  if (!key) {
    throw core::Error(core::ErrorCode::kInternal,
                      "AUDIT_SIGNING_KEY is not the base64 of 32 bytes");
  }
  return key;
}

std::vector<PublicKey> verification_keys(const core::Config& config) {
  auto keys = public_keys_from_list(config.audit_verify_keys);
  if (!keys) {
    throw core::Error(core::ErrorCode::kInternal,
                      "AUDIT_VERIFY_KEYS must list base64 Ed25519 public keys (32 bytes each)");
  }
  if (const auto own = signing_key(config)) {
    if (std::ranges::find(*keys, own->public_key()) == keys->end()) {
      keys->push_back(own->public_key());
    }
  }
  return *keys;
}

}  // namespace qgp::domain::audit
