#pragma once
// How long a receipt is valid, per document group and city (db/issuing/validity.json).
#include <filesystem>
#include <string_view>

namespace rs::issuing {
// Days a receipt of `group` issued in `city` stays valid. Reads the settings file once; a missing
// or malformed file throws std::runtime_error naming it.
int validity_days(char group, std::string_view city_zh, const std::filesystem::path& settings = {});
}  // namespace rs::issuing
