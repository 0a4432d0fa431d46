#pragma once
// Passwords are kept only as libsodium's crypto_pwhash_str (argon2id, the interactive limits:
// about 0.1 s and 64 MB per hash), so a copy of the database does not give them away and guessing
// is slow. The text of a password never reaches the log or the database.
#include <string>
#include <string_view>

namespace rs::accounts {

inline constexpr std::size_t kMinPasswordChars = 4;  // "demo" is the demo accounts' password
inline constexpr std::size_t kMaxPasswordBytes = 256;

// One line naming what is wrong with a new password; empty when it may be used.
std::string password_problem(std::string_view password);

// How much work a new hash costs. Interactive (about 0.1 s and 64 MB) for every real account;
// Minimal only where many throwaway accounts are made and the hash guards nothing (the unit tests
// and the benchmark call use_minimal_hash_cost() at start; the workstation and the CLI never do).
enum class HashCost { Interactive, Minimal };
void use_minimal_hash_cost();

// The argon2id string to store (it holds its own salt and limits, so a sign-in costs what the
// hash was made with).
std::string hash_password(std::string_view password);

// True when `password` matches `stored` (crypto_pwhash_str_verify; constant time). An empty or
// malformed stored hash matches nothing.
bool password_matches(const std::string& stored, std::string_view password);

}  // namespace rs::accounts
