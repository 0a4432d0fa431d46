#pragma once
// Every word the product shows comes from one table keyed by dotted ids ("reason.BLURRED.label",
// "ui.queue.title"). Chinese is the first language; an English table can follow with the same keys.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rs {

enum class Language { Chinese, English };

void set_language(Language lang);
Language current_language();

// The text for `key` in the current language. A missing key returns the key itself, so the gap
// is visible on screen instead of an empty label.
std::string_view tr(std::string_view key);

// The whole table of a language, for font glyph collection and the missing-key test.
const std::vector<std::pair<std::string_view, std::string_view>>& text_table(Language lang);

}  // namespace rs
