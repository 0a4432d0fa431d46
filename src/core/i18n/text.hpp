#pragma once
// Every word the product shows comes from one table keyed by dotted ids ("reason.BLURRED.label",
// "ui.queue.title"). Chinese is the first language; English has the same keys (tests/unit/test_i18n.cpp).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rs {

enum class Language { Chinese, English };

void set_language(Language lang);
Language current_language();

// "zh", "zh_CN", "zh-CN.UTF-8", "en", "en_GB"... (for --lang and RS_LANG); nullopt for anything else.
std::optional<Language> parse_language(std::string_view code);

// The text for `key` in the current language: the reviewer's screen. A missing key returns the
// key itself, so the gap is visible on screen instead of an empty label.
std::string_view tr(std::string_view key);

// The text for `key` in `lang`, whatever the current language (falls back like tr()).
std::string_view tr_in(Language lang, std::string_view key);

// What the applicant reads (notices, outbox messages, anything stored for them): always Chinese,
// whichever language the reviewer's screen is in. Use this, not tr(), for applicant-facing text.
inline std::string_view tr_applicant(std::string_view key) { return tr_in(Language::Chinese, key); }

// The whole table of a language (its sections joined), for font glyph collection and the
// missing-key test.
const std::vector<std::pair<std::string_view, std::string_view>>& text_table(Language lang);

}  // namespace rs
