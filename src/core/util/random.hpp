#pragma once
#include <string>
namespace rs {
// `bytes` bytes from the kernel's CSPRNG (getrandom), as lowercase hex. Used for resubmission
// tokens and idempotency keys, which must not be guessable.
std::string random_hex(int bytes);
}  // namespace rs
