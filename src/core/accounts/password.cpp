#include "core/accounts/password.hpp"

#include <sodium.h>

#include <atomic>
#include <stdexcept>

#include "core/util/sodium.hpp"
#include "core/util/utf8.hpp"

namespace rs::accounts {
std::string password_problem(std::string_view password) {
  if (password.size() > kMaxPasswordBytes)
    return "the password is longer than " + std::to_string(kMaxPasswordBytes) + " bytes";
  if (auto p = utf8::text_problem("the password", password); !p.empty()) return p;
  if (utf8::length(password) < kMinPasswordChars)
    return "the password is shorter than " + std::to_string(kMinPasswordChars) + " characters";
  return {};
}

namespace {
std::atomic<HashCost> g_cost{HashCost::Interactive};
}

void use_minimal_hash_cost() { g_cost = HashCost::Minimal; }

std::string hash_password(std::string_view password) {
  ensure_sodium();
  const bool minimal = g_cost == HashCost::Minimal;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(),
                        minimal ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        minimal ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("hashing a password failed (out of memory: argon2id needs 64 MB)");
  return out;
}

bool password_matches(const std::string& stored, std::string_view password) {
  ensure_sodium();
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

}  // namespace rs::accounts
