#include "core/ids.hpp"

#include <array>

#include <sodium.h>

namespace qgp::core {

std::string random_hex_id() {
  std::array<unsigned char, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, 33> hex{};
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  return {hex.data(), 32};
}

}  // namespace qgp::core
