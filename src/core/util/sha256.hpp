#pragma once
// SHA-256 (FIPS 180-4), used to identify stored photos and to chain the audit log.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace rs {
std::string sha256_hex(std::span<const std::uint8_t> data);
std::string sha256_hex(std::string_view text);
}  // namespace rs
