#include "core/domain/masking.hpp"

namespace rs {
namespace {

// Bytes of the UTF-8 character starting at `at` (1 for a byte that does not start one, so a
// broken name is still masked, never shown).
std::size_t char_len(std::string_view s, std::size_t at) {
  const auto b = static_cast<unsigned char>(s[at]);
  std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
  if (at + n > s.size()) return 1;
  for (std::size_t i = 1; i < n; ++i)
    if ((static_cast<unsigned char>(s[at + i]) & 0xC0) != 0x80) return 1;
  return n;
}

}  // namespace

std::string mask_name(std::string_view utf8) {
  if (utf8.empty()) return {};
  const std::size_t first = char_len(utf8, 0);
  std::string out(utf8.substr(0, first));
  for (std::size_t at = first; at < utf8.size(); at += char_len(utf8, at)) out += '*';
  return out;
}

std::string mask_id_number(std::string_view id) {
  constexpr std::size_t kKept = 4;
  if (id.size() <= 2 * kKept) return std::string(id.size(), '*');
  return std::string(id.substr(0, kKept)) + std::string(id.size() - 2 * kKept, '*') +
         std::string(id.substr(id.size() - kKept));
}

}  // namespace rs
