#pragma once
// Guangdong's 21 prefecture-level cities and their letters (the 4th character of an image number).
// A receipt is valid only in the city that issued it, so a province name is never a city.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rs {

struct City {
  std::string_view name_zh;  // short name without 市, e.g. 深圳
  char letter;               // vehicle-plate letter, e.g. 'B'
};

const std::vector<City>& guangdong_cities();
std::optional<City> city_by_letter(char letter);

// Result of reading the city field of an application.
struct CityParse {
  std::optional<City> city;
  std::string error;  // empty when city is set
};
// Accepts "深圳" or "深圳市"; refuses a province ("广东省"), a city elsewhere or an empty field,
// with an error in words that name the problem.
CityParse parse_city(std::string_view s);

}  // namespace rs
