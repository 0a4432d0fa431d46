#include "core/util/random.hpp"

#include <sys/random.h>

#include <cstdint>
#include <cstdio>
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
  char two[3];
  for (auto b : buf) {
    std::snprintf(two, sizeof two, "%02x", b);
    hex += two;
  }
  return hex;
}
}  // namespace rs
