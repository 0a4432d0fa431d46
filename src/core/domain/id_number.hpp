#pragma once
// Resident identity numbers (GB 11643): 17 digits and a check character (0-9 or X, ISO 7064 MOD 11-2).
#include <string>
#include <string_view>

namespace rs {
// Empty when valid; otherwise what is wrong, in words for an ingest error line.
std::string id_number_problem(std::string_view id);
char id_number_check_char(std::string_view first17);
}  // namespace rs
