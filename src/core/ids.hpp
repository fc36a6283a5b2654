#pragma once

#include <string>

namespace qgp::core {

// 16 random bytes as 32 lowercase hex characters (libsodium's CSPRNG); used for request ids.
std::string random_hex_id();

}  // namespace qgp::core
