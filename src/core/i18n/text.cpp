#include "core/i18n/text.hpp"

#include <atomic>
#include <string>
#include <unordered_map>

namespace rs {
namespace detail {
const std::vector<std::pair<std::string_view, std::string_view>>& zh_cn_table();
const std::vector<std::pair<std::string_view, std::string_view>>& en_table();
}  // namespace detail

namespace {
std::atomic<Language> g_language{Language::Chinese};

using Index = std::unordered_map<std::string_view, std::string_view>;
const Index& index_for(Language lang) {
  static const Index zh = [] {
    Index m;
    for (const auto& [k, v] : detail::zh_cn_table()) m.emplace(k, v);
    return m;
  }();
  static const Index en = [] {
    Index m;
    for (const auto& [k, v] : detail::en_table()) m.emplace(k, v);
    return m;
  }();
  return lang == Language::English ? en : zh;
}
}  // namespace

void set_language(Language lang) { g_language = lang; }
Language current_language() { return g_language; }

std::string_view tr(std::string_view key) {
  const auto& idx = index_for(g_language);
  if (auto it = idx.find(key); it != idx.end()) return it->second;
  // English falls back to Chinese, then to the key itself.
  const auto& zh = index_for(Language::Chinese);
  if (auto it = zh.find(key); it != zh.end()) return it->second;
  return key;
}

const std::vector<std::pair<std::string_view, std::string_view>>& text_table(Language lang) {
  return lang == Language::English ? detail::en_table() : detail::zh_cn_table();
}

}  // namespace rs
