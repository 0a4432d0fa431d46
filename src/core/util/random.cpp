#include "core/util/random.hpp"
#include "core/util/digits.hpp"

#include <sys/random.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

namespace rs {
std::string random_hex(int bytes) {
  std::vector<std::uint8_t> buf(bytes);
  std::size_t got = 0;
  while (got < buf.size()) {
    ssize_t n = getrandom(buf.data() + got, buf.size() - got, 0);
    if (n < 0) throw std::runtime_error("getrandom failed: no randomness for a token");
    got += std::size_t(n);
  }
  std::string hex;
  hex.reserve(buf.size() * 2);
  for (auto b : buf) append_hex(hex, b, 2);
  return hex;
}
}  // namespace rs
