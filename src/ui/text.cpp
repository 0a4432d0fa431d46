#include "ui/text.hpp"

#include <unordered_set>

#include "core/i18n/text.hpp"

namespace rs::ui {

const char* T(std::string_view key) {
  std::string_view v = rs::tr(key);
  if (v.data() != key.data()) return v.data();  // table values are string literals: NUL-terminated
  static std::unordered_set<std::string> missing;  // UI thread only
  return missing.emplace(key).first->c_str();
}

std::string titled(std::string_view key, std::string_view stable_id) {
  std::string s(rs::tr(key));
  s += "###";
  s += stable_id;
  return s;
}

}  // namespace rs::ui
