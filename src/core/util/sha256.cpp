// SHA-256 from libsodium (crypto_hash_sha256), which the accounts of the next issue need anyway:
// no hand-written rounds to maintain. The FIPS 180-4 vectors in test_util_format.cpp check it.
#include "core/util/sha256.hpp"

#include <sodium.h>

#include <array>

#include "core/util/sodium.hpp"

namespace rs {

std::string sha256_hex(std::span<const std::uint8_t> data) {
  ensure_sodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), data.data(), data.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

std::string sha256_hex(std::string_view text) {
  return sha256_hex(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}
}  // namespace rs
