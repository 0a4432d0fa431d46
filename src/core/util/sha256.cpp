// SHA-256 from libsodium (crypto_hash_sha256), which the accounts of the next issue need anyway:
// no hand-written rounds to maintain. The FIPS 180-4 vectors in test_util_format.cpp check it.
#include "core/util/sha256.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace rs {
namespace {
// sodium_init() picks the fastest implementation for this CPU; it is safe to call from several
// threads, and a function-local static runs it exactly once anyway.
void ensure_sodium() {
  static const int ready = sodium_init();
  if (ready < 0) throw std::runtime_error("libsodium could not be initialised");
}
}  // namespace

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
