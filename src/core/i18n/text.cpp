#include "core/i18n/text.hpp"

#include <atomic>
#include <initializer_list>
#include <string>
#include <unordered_map>

namespace rs {
namespace detail {
// Each language's table is kept in sections (domain words, rule names, workstation labels) so each
// part of the product edits its own file; text_table() joins them into the one table.
using Table = std::vector<std::pair<std::string_view, std::string_view>>;
const Table& zh_cn_table();
const Table& zh_cn_rules_table();
const Table& zh_cn_ui_table();
const Table& zh_cn_train_table();
const Table& en_table();
const Table& en_rules_table();
const Table& en_ui_table();
const Table& en_train_table();

static Table joined(std::initializer_list<const Table*> parts) {
  Table t;
  for (const auto* part : parts) t.insert(t.end(), part->begin(), part->end());
  return t;
}

const Table& zh_cn_joined() {
  static const Table all = joined({&zh_cn_table(), &zh_cn_rules_table(), &zh_cn_ui_table(), &zh_cn_train_table()});
  return all;
}
const Table& en_joined() {
  static const Table all = joined({&en_table(), &en_rules_table(), &en_ui_table(), &en_train_table()});
  return all;
}
}  // namespace detail

namespace {
std::atomic<Language> g_language{Language::Chinese};

using Index = std::unordered_map<std::string_view, std::string_view>;
const Index& index_for(Language lang) {
  static const Index zh = [] {
    Index m;
    for (const auto& [k, v] : detail::zh_cn_joined()) m.emplace(k, v);
    return m;
  }();
  static const Index en = [] {
    Index m;
    for (const auto& [k, v] : detail::en_joined()) m.emplace(k, v);
    return m;
  }();
  return lang == Language::English ? en : zh;
}
}  // namespace

void set_language(Language lang) { g_language = lang; }
Language current_language() { return g_language; }

std::optional<Language> parse_language(std::string_view code) {
  auto starts = [&](std::string_view p) {
    return code.size() >= p.size() && code.substr(0, p.size()) == p &&
           (code.size() == p.size() || code[p.size()] == '_' || code[p.size()] == '-' || code[p.size()] == '.');
  };
  if (starts("zh")) return Language::Chinese;
  if (starts("en")) return Language::English;
  return std::nullopt;
}

std::string_view tr(std::string_view key) { return tr_in(g_language, key); }

std::string_view tr_in(Language lang, std::string_view key) {
  const auto& idx = index_for(lang);
  if (auto it = idx.find(key); it != idx.end()) return it->second;
  // English falls back to Chinese, then to the key itself.
  const auto& zh = index_for(Language::Chinese);
  if (auto it = zh.find(key); it != zh.end()) return it->second;
  return key;
}

const std::vector<std::pair<std::string_view, std::string_view>>& text_table(Language lang) {
  return lang == Language::English ? detail::en_joined() : detail::zh_cn_joined();
}

}  // namespace rs
