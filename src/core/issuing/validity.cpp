#include "core/issuing/validity.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/util/file_read.hpp"
#include "core/util/paths.hpp"

namespace rs::issuing {
namespace {
constexpr std::size_t kMaxSettingsBytes = 1 << 20;

std::map<char, int> group_days(const nlohmann::json& j) {
  std::map<char, int> out;
  for (const auto& [group, days] : j.items()) {
    if (group.size() != 1 || !days.is_number_integer() || days.get<int>() < 1)
      throw std::runtime_error("group '" + group + "' needs a whole number of days (1 or more)");
    out[group[0]] = days.get<int>();
  }
  return out;
}
}  // namespace

ValidityTable ValidityTable::load(const std::filesystem::path& settings) {
  const auto path = settings.empty() ? data_dir() / "db" / "issuing" / "validity.json" : settings;
  const util::FileRead file = util::read_regular_file(path, kMaxSettingsBytes);
  if (!file.ok()) throw std::runtime_error("cannot read validity settings: " + file.error);
  try {
    const auto j = nlohmann::json::parse(file.bytes);
    if (!j.contains("default_days") || !j["default_days"].is_number_integer())
      throw std::runtime_error("needs an integer default_days");
    ValidityTable t;
    t.default_days = j["default_days"].get<int>();
    if (j.contains("groups")) t.groups = group_days(j["groups"]);
    if (j.contains("cities"))
      for (const auto& [city, groups] : j["cities"].items()) t.cities[city] = group_days(groups);
    return t;
  } catch (const std::exception& e) {
    throw std::runtime_error("validity settings '" + path.string() + "' are malformed: " + e.what());
  }
}

const ValidityTable& ValidityTable::standard() {
  static const ValidityTable table = load();
  return table;
}

int ValidityTable::days(char group, std::string_view city_zh) const {
  if (auto c = cities.find(city_zh); c != cities.end())
    if (auto g = c->second.find(group); g != c->second.end()) return g->second;
  if (auto g = groups.find(group); g != groups.end()) return g->second;
  return default_days;
}

}  // namespace rs::issuing
