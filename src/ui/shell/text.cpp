#include "ui/shell/text.hpp"

#include <unordered_set>

#include "core/domain/doc_type.hpp"
#include "core/i18n/text.hpp"

namespace rs::ui {

const char* T(std::string_view key) {
  std::string_view v = rs::tr(key);
  if (v.data() != key.data()) return v.data();     // table values are string literals: NUL-terminated
  static std::unordered_set<std::string> missing;  // UI thread only
  return missing.emplace(key).first->c_str();
}

std::string doc_type_label(const std::string& stored, bool short_form) {
  auto t = parse_doc_type(stored);
  if (!t) return stored;
  return std::string(rs::tr("doc_type." + std::string(doc_type_code(*t)) + (short_form ? ".short" : "")));
}

std::string titled(std::string_view key, std::string_view stable_id) {
  std::string s(rs::tr(key));
  s += "###";
  s += stable_id;
  return s;
}

std::string signed_in_as(const accounts::Actor& who) {
  if (who.display_name().empty() || who.display_name() == who.name()) return who.name();
  return who.display_name() + "（" + who.name() + "）";
}

}  // namespace rs::ui
