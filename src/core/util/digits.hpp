#pragma once
// Zero-padded decimal and hex digits appended to a string. The decision path formats a dozen
// dates, numbers and hashes per decision; snprintf's format parsing was a tenth of its CPU time.
#include <cstdint>
#include <string>

namespace rs {

// Appends v in decimal, zero-padded to at least `width` digits ("-" first when negative).
inline void append_digits(std::string& out, std::int64_t v, int width) {
  // The magnitude as unsigned, so the most negative value has one too.
  std::uint64_t m = v < 0 ? 0 - std::uint64_t(v) : std::uint64_t(v);
  if (v < 0) out.push_back('-');
  char buf[24];
  int n = 0;
  do {
    buf[n++] = char('0' + m % 10);
    m /= 10;
  } while (m > 0);
  for (int i = n; i < width; ++i) out.push_back('0');
  while (n > 0) out.push_back(buf[--n]);
}

// Appends the low `digits` hex digits of v, lower case, most significant first.
inline void append_hex(std::string& out, std::uint64_t v, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; --i) out.push_back(kHex[(v >> (4 * i)) & 0xf]);
}

}  // namespace rs
