#include "core/issuing/validity.hpp"

#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/util/paths.hpp"

namespace rs::issuing {
namespace {
nlohmann::json load(const std::filesystem::path& p) {
  std::ifstream in(p);
  if (!in) throw std::runtime_error("cannot read validity settings '" + p.string() + "'");
  try {
    auto j = nlohmann::json::parse(in);
    if (!j.contains("default_days") || !j["default_days"].is_number_integer())
      throw std::runtime_error("needs an integer default_days");
    return j;
  } catch (const std::exception& e) {
    throw std::runtime_error("validity settings '" + p.string() + "' are malformed: " + e.what());
  }
}
}  // namespace

int validity_days(char group, std::string_view city_zh, const std::filesystem::path& settings) {
  static std::mutex m;
  static std::filesystem::path loaded_from;
  static nlohmann::json cfg;
  std::lock_guard lock(m);
  auto path = settings.empty() ? data_dir() / "db" / "issuing" / "validity.json" : settings;
  if (cfg.is_null() || path != loaded_from) {
    cfg = load(path);
    loaded_from = path;
  }
  std::string g(1, group);
  std::string city(city_zh);
  if (cfg.contains("cities") && cfg["cities"].contains(city) && cfg["cities"][city].contains(g))
    return cfg["cities"][city][g].get<int>();
  if (cfg.contains("groups") && cfg["groups"].contains(g)) return cfg["groups"][g].get<int>();
  return cfg["default_days"].get<int>();
}
}  // namespace rs::issuing
