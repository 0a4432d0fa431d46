#include "core/domain/city.hpp"

namespace rs {

const std::vector<City>& guangdong_cities() {
  static const std::vector<City> all = {
      {"广州", 'A'}, {"深圳", 'B'}, {"珠海", 'C'}, {"汕头", 'D'}, {"佛山", 'E'}, {"韶关", 'F'}, {"湛江", 'G'},
      {"肇庆", 'H'}, {"江门", 'J'}, {"茂名", 'K'}, {"惠州", 'L'}, {"梅州", 'M'}, {"汕尾", 'N'}, {"河源", 'P'},
      {"阳江", 'Q'}, {"清远", 'R'}, {"东莞", 'S'}, {"中山", 'T'}, {"潮州", 'U'}, {"揭阳", 'V'}, {"云浮", 'W'},
  };
  return all;
}

std::optional<City> city_by_letter(char letter) {
  for (const auto& c : guangdong_cities())
    if (c.letter == letter) return c;
  return std::nullopt;
}

CityParse parse_city(std::string_view s) {
  // Trim ASCII spaces a form may carry.
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.empty()) return {std::nullopt, "city is empty: name one of Guangdong's 21 cities, e.g. 深圳"};
  std::string_view name = s;
  constexpr std::string_view kShi = "市";
  if (name.size() > kShi.size() && name.substr(name.size() - kShi.size()) == kShi) name.remove_suffix(kShi.size());
  for (const auto& c : guangdong_cities())
    if (c.name_zh == name) return {c, {}};
  std::string v(s);
  if (v == "广东" || v == "广东省")
    return {std::nullopt, "city '" + v +
                              "' is a province, not a city: a receipt is valid only in the city that "
                              "issued it; name one of Guangdong's 21 cities, e.g. 深圳"};
  return {std::nullopt, "city '" + v + "' is not one of Guangdong's 21 prefecture cities"};
}

}  // namespace rs
