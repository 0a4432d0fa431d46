#include "core/domain/id_number.hpp"

namespace rs {

char id_number_check_char(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return "10X98765432"[sum % 11];
}

std::string id_number_problem(std::string_view id) {
  if (id.size() != 18) return "id_number must have 18 characters, got " + std::to_string(id.size());
  for (int i = 0; i < 17; ++i)
    if (id[i] < '0' || id[i] > '9') return "id_number characters 1-17 must be digits";
  char last = id[17] == 'x' ? 'X' : id[17];
  if (last != id_number_check_char(id.substr(0, 17)))
    return "id_number check character is wrong (expected " + std::string(1, id_number_check_char(id.substr(0, 17))) +
           ")";
  return {};
}

}  // namespace rs
