#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// Small wrappers over libsodium for the few primitives the product needs.
namespace qgp::core {

// Lowercase hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

// `bytes` random bytes (CSPRNG) as unpadded base64url: opaque tokens such as refresh tokens.
std::string random_token(std::size_t bytes = 32);

}  // namespace qgp::core
