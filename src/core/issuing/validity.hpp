#pragma once
// How long a receipt is valid, per document group and city (db/issuing/validity.json). Loaded by
// whoever opens a store and handed to it in StoreOptions, so the decision path reads a table it
// was given instead of a file.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace rs::issuing {

class ValidityTable {
 public:
  // Reads the settings file (default: db/issuing/validity.json under the data folder); a missing or
  // malformed file throws std::runtime_error naming it.
  static ValidityTable load(const std::filesystem::path& settings = {});
  // The same table for every call in this process (the default file, read once).
  static const ValidityTable& standard();
  // Days a receipt of `group` issued in `city_zh` stays valid: the city's own figure, else the
  // group's, else the default.
  int days(char group, std::string_view city_zh) const;

  int default_days = 180;
  std::map<char, int> groups;
  std::map<std::string, std::map<char, int>, std::less<>> cities;
};

}  // namespace rs::issuing
