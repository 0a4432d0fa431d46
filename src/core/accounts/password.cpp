#include "core/accounts/password.hpp"

#include <sodium.h>

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

std::string hash_password(std::string_view password) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("hashing a password failed (out of memory: argon2id needs 64 MB)");
  return out;
}

bool password_matches(const std::string& stored, std::string_view password) {
  ensure_sodium();
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

}  // namespace rs::accounts
