#pragma once
// libsodium must be initialised once before any of its functions is used; sodium_init() picks the
// fastest implementation for this CPU and is safe to call from several threads, and a
// function-local static runs it exactly once anyway.
#include <sodium.h>

#include <stdexcept>

namespace rs {

inline void ensure_sodium() {
  static const int ready = sodium_init();
  if (ready < 0) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace rs
